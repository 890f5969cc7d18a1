//! Scenario generators and the round-based simulation for researchers.
//!
//! - [`CountyConfig`] generates a county (or, scaled up, a prefecture city) with documented
//!   defaults and the knobs a researcher varies (vetted share, licence mix, fund size,
//!   volunteer density).
//! - [`Simulation`] steps a scenario week by week: arrivals, case closures, volunteers
//!   joining and leaving, donations and expiring funds, proactive screening, and the chosen
//!   strategy revising the plan with ongoing cases kept ([`SimConfig`], [`SimPolicy`]).
//! - [`Study`] runs strategies × policies × replications on common random numbers, in
//!   parallel, with means and 95% confidence intervals, whole or as shards to merge.
//!
//! Everything is seeded: the same configuration and seed give the same scenario, rounds and
//! files on every platform and for every thread count. `docs/simulation.md` (also
//! [`crate::docs`]) describes the model, the defaults and their sources.

mod cases;
mod config;
mod county;
mod experiment;
mod metrics;
mod ongoing;
mod policy;
mod population;
pub mod report;
mod round;
mod run;
mod shard;
mod small_change;
mod state_view;
mod stats;
mod streams;
mod summary;

pub use cases::CaseState;
pub use config::{SimConfig, visit_interval_weeks};
pub use county::{CountyConfig, default_county};
pub use experiment::{Job, Study};
pub use metrics::{RoundMetrics, RunTotals, percentile};
pub use policy::SimPolicy;
pub use round::Simulation;
pub use run::{CommunityCoverage, MoneyLedger, RunResult};
pub use shard::{
    PART_FORMAT, PART_VERSION, Shard, SimError, StudyPart, StudyResults, fingerprint, merge,
};
pub use small_change::{ChangeSummary, small_change};
pub use stats::{Estimate, t_quantile_975};
pub use streams::replication_seed;
pub use summary::{ArmSummary, MetricEstimate};
