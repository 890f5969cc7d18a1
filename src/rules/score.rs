//! Per-term breakdown of a soft score.

use serde::{Deserialize, Serialize};

/// The soft score of one assignment, term by term (higher is better). The total is the sum of
/// the terms; every term is an integer in points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct ScoreBreakdown {
    /// Travel: minus points per kilometre between provider and resident.
    pub travel: i64,
    /// Skill fit: specialty matches the category, extra matching skills.
    pub skill_fit: i64,
    /// Continuity of care: the provider served this resident before.
    pub continuity: i64,
    /// Linkage affinity: e.g. a volunteer registered with an organization of the plan, a
    /// fund administered by the delivering organization, a worker of the resident's own station.
    pub affinity: i64,
    /// Load balance: minus points for providers already heavily loaded.
    pub load: i64,
}

impl ScoreBreakdown {
    /// Sum of the terms.
    pub fn total(&self) -> i64 {
        self.travel
            .saturating_add(self.skill_fit)
            .saturating_add(self.continuity)
            .saturating_add(self.affinity)
            .saturating_add(self.load)
    }
}
