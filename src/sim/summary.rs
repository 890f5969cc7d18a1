//! A study's results per arm: means and 95% intervals of the headline figures, coverage week
//! by week, coverage by community.

use serde::{Deserialize, Serialize};

use super::shard::StudyResults;
use super::stats::Estimate;
use crate::model::RegionId;

/// One headline figure of an arm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricEstimate {
    /// Name ([`super::RunTotals::headline`]).
    pub metric: String,
    /// Mean and interval over the replications.
    pub estimate: Estimate,
}

/// The headline figures of one strategy under one policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArmSummary {
    /// Strategy name.
    pub strategy: String,
    /// Policy name.
    pub policy: String,
    /// Every headline figure, in [`super::RunTotals::headline`] order.
    pub metrics: Vec<MetricEstimate>,
    /// Coverage of each week over the replications.
    pub weekly_coverage: Vec<Estimate>,
    /// Time-averaged coverage of each community over the replications, in the scenario's
    /// community order.
    pub communities: Vec<(RegionId, Estimate)>,
}

impl ArmSummary {
    /// The estimate of the named figure.
    pub fn metric(&self, name: &str) -> Option<&Estimate> {
        self.metrics
            .iter()
            .find(|m| m.metric == name)
            .map(|m| &m.estimate)
    }
}

impl StudyResults {
    /// One summary per arm (policy-major, then strategy: the study's order).
    pub fn summary(&self) -> Vec<ArmSummary> {
        let mut arms = Vec::new();
        for policy in &self.study.policies {
            for strategy in &self.study.strategies {
                let runs: Vec<_> = self
                    .runs
                    .iter()
                    .filter(|r| r.policy == policy.name && r.strategy == strategy.name())
                    .collect();
                let headline: Vec<Vec<(&str, f64)>> =
                    runs.iter().map(|r| r.totals.headline()).collect();
                let names: Vec<&str> = headline
                    .first()
                    .map(|h| h.iter().map(|m| m.0).collect())
                    .unwrap_or_default();
                let metrics = names
                    .iter()
                    .enumerate()
                    .map(|(k, name)| MetricEstimate {
                        metric: (*name).to_owned(),
                        estimate: Estimate::of(
                            &headline
                                .iter()
                                .filter_map(|h| h.get(k).map(|m| m.1))
                                .collect::<Vec<_>>(),
                        ),
                    })
                    .collect();
                let weeks = runs.iter().map(|r| r.rounds.len()).min().unwrap_or(0);
                let weekly_coverage = (0..weeks)
                    .map(|w| {
                        let values: Vec<f64> = runs
                            .iter()
                            .filter_map(|r| r.rounds.get(w).map(|m| m.coverage))
                            .collect();
                        Estimate::of(&values)
                    })
                    .collect();
                let communities = runs
                    .first()
                    .map(|r| {
                        r.communities
                            .iter()
                            .enumerate()
                            .map(|(k, c)| {
                                let values: Vec<f64> = runs
                                    .iter()
                                    .filter_map(|r| r.communities.get(k).map(|c| c.coverage))
                                    .collect();
                                (c.community, Estimate::of(&values))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                arms.push(ArmSummary {
                    strategy: strategy.name().to_owned(),
                    policy: policy.name.clone(),
                    metrics,
                    weekly_coverage,
                    communities,
                });
            }
        }
        arms
    }
}
