//! Solver cores and strategies.
//!
//! The cores ([`flow`], [`assignment`], [`stable`]) work on compact arrays and know nothing of
//! the domain.

pub mod assignment;
mod budget;
pub mod decomposition;
pub mod exact;
pub mod flow;
pub mod greedy;
pub mod stable;
mod strategy;
pub mod team;
pub mod upgrade;

pub use budget::WorkBudget;
pub use strategy::{Guarantee, Strategy, StrategyKind, UnknownStrategy};
