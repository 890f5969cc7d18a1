//! What a run leaves: its rounds, totals, money ledger and coverage by community.

use serde::{Deserialize, Serialize};

use super::metrics::{RoundMetrics, RunTotals};
use crate::model::RegionId;

/// Money in and out of the funds so far, fen. `initial + donated = spent + expired + balance`
/// holds after every round (tested).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MoneyLedger {
    /// Money the funds held at the start.
    pub initial: i64,
    /// Donations received.
    pub donated: i64,
    /// Given to cases.
    pub spent: i64,
    /// Lost because a fund's validity ended.
    pub expired: i64,
    /// Held now.
    pub balance: i64,
}

/// Time-averaged coverage of one community over a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunityCoverage {
    /// The community.
    pub community: RegionId,
    /// Its coverage averaged over the rounds in which it had open cases (1 if it never had).
    pub coverage: f64,
}

/// One run: a scenario stepped week by week under one strategy and policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunResult {
    /// Strategy name.
    pub strategy: String,
    /// Policy name.
    pub policy: String,
    /// Replication number, from 0.
    pub replication: u32,
    /// The replication's seed (every stream of the run derives from it).
    pub seed: u64,
    /// One entry per round.
    pub rounds: Vec<RoundMetrics>,
    /// Totals over the run.
    pub totals: RunTotals,
    /// Coverage by community, in the scenario's community order.
    pub communities: Vec<CommunityCoverage>,
}
