//! Matching rules: hard eligibility predicates (each rejection has a named reason) and the soft
//! scoring policy (each score has a per-term breakdown).

mod rejection;
mod score;

pub use rejection::Rejection;
pub use score::ScoreBreakdown;
