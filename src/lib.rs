//! wushe
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod demo;
pub mod error;
pub mod graph;
pub mod io;
mod matching;
pub mod model;
pub mod plan;
pub mod problem;
pub mod rules;
pub mod sim;
pub mod solve;

pub use error::{Error, ErrorKind, Result};
pub use matching::match_scenario;
pub use model::Scenario;
pub use plan::MatchPlan;
pub use rules::MatchPolicy;
pub use solve::{Strategy, StrategyKind};
