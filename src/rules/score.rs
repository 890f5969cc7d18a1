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
    /// Escalation: minus points for a provider from the township's or the county's pool
    /// ([`super::ServiceLevel`]).
    #[serde(default)]
    pub coordination: i64,
}

impl ScoreBreakdown {
    /// Sum of the terms.
    pub fn total(&self) -> i64 {
        self.travel
            .saturating_add(self.skill_fit)
            .saturating_add(self.continuity)
            .saturating_add(self.affinity)
            .saturating_add(self.load)
            .saturating_add(self.coordination)
    }
}

impl std::fmt::Display for ScoreBreakdown {
    /// The total, then the terms: `23 (travel -7, skill fit 20, continuity 0, affinity 10,
    /// load 0)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ", self.total())?;
        self.write_terms(f)
    }
}

impl ScoreBreakdown {
    /// The terms with their names, in field order: `travel`, `skill fit`, `continuity`,
    /// `affinity`, `load`, `coordination`.
    ///
    /// ```
    /// use wushe::rules::ScoreBreakdown;
    /// let s = ScoreBreakdown { travel: -7, skill_fit: 20, ..ScoreBreakdown::default() };
    /// assert_eq!(s.terms()[0], ("travel", -7));
    /// assert_eq!(
    ///     s.to_string(),
    ///     "13 (travel -7, skill fit 20, continuity 0, affinity 0, load 0, coordination 0)"
    /// );
    /// ```
    pub fn terms(&self) -> [(&'static str, i64); 6] {
        [
            ("travel", self.travel),
            ("skill fit", self.skill_fit),
            ("continuity", self.continuity),
            ("affinity", self.affinity),
            ("load", self.load),
            ("coordination", self.coordination),
        ]
    }

    /// `(travel -7, skill fit 20, ...)`.
    pub(crate) fn write_terms(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (name, value)) in self.terms().into_iter().enumerate() {
            f.write_str(if i == 0 { "(" } else { ", " })?;
            write!(f, "{name} {value}")?;
        }
        f.write_str(")")
    }
}
