//! Scenario generators for researchers (and the default county that the examples match).
//!
//! Everything is seeded and integer-only, so the same configuration gives the same scenario on
//! every platform and for every thread count.

mod county;
mod small_change;

pub use county::{CountyConfig, default_county};
pub use small_change::{ChangeSummary, small_change};
