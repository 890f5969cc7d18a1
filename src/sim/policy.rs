//! A simulation policy: the matching policy plus what the county does around it (reserving
//! capacity for the needs screening will find, and which findings it acts on).

use serde::{Deserialize, Serialize};

use crate::rules::{MatchPolicy, TierOrder};

/// What a county does each round besides choosing a strategy: how it scores matches, how much
/// worker capacity it holds back for needs that proactive screening finds ("policy looks for
/// people", 政策找人), and how sure a finding must be before a case is opened.
///
/// Each round reported needs are matched first, on the workers' free caseload minus the
/// reserve; then the needs found by screening are matched on everything left, reserve
/// included. With no reserve both are matched together.
///
/// # Example
/// ```
/// use wushe::sim::SimPolicy;
/// let policy = SimPolicy::named("reserve").expect("a preset");
/// assert_eq!(policy.reserve_percent, 10);
/// assert!(SimPolicy::named("nonsense").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimPolicy {
    /// Name in tables, files and charts.
    pub name: String,
    /// The scoring policy of every round's matching.
    pub matching: MatchPolicy,
    /// Percent of each worker's free caseload (rounded up) held back from reported needs for
    /// needs found by screening (0 = no reserve).
    pub reserve_percent: u32,
    /// Lowest screening confidence, percent, at which a found need becomes a case; findings
    /// below it stay latent and may be found again.
    pub open_confidence: u32,
}

impl SimPolicy {
    /// The preset names, in a stable order.
    pub const PRESETS: &'static [&'static str] = &["default", "weighted", "fair", "reserve"];

    /// A preset: `default` (lexicographic tiers, findings opened at 70% confidence),
    /// `weighted` (tier weights only), `fair` (fairness term of 60 points across
    /// communities), `reserve` (the default plus 10% of worker capacity held for findings,
    /// opened at 60%). `None` for another name.
    pub fn named(name: &str) -> Option<SimPolicy> {
        let base = SimPolicy {
            name: name.to_owned(),
            matching: MatchPolicy::default(),
            reserve_percent: 0,
            open_confidence: 70,
        };
        match name {
            "default" => Some(base),
            "weighted" => Some(SimPolicy {
                matching: MatchPolicy::default().with_tier_order(TierOrder::Weighted),
                ..base
            }),
            "fair" => Some(SimPolicy {
                matching: MatchPolicy::default().with_fairness(60),
                ..base
            }),
            "reserve" => Some(SimPolicy {
                reserve_percent: 10,
                open_confidence: 60,
                ..base
            }),
            _ => None,
        }
    }
}

impl Default for SimPolicy {
    fn default() -> Self {
        SimPolicy {
            name: "default".to_owned(),
            matching: MatchPolicy::default(),
            reserve_percent: 0,
            open_confidence: 70,
        }
    }
}
