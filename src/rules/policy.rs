//! The scoring policy: plain integer weights, validated once by the compile step.

use serde::{Deserialize, Serialize};

use crate::model::NeedId;

words! {
    TierOrder {
        Lexicographic => "lexicographic", "lexicographic";
        Weighted => "weighted", "weighted";
    }
}

/// How risk tiers weigh against each other ([`MatchPolicy::tier_order`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierOrder {
    /// High before Key before General, then value within a tier: a plan that serves more
    /// High-risk needs is always better, whatever it does elsewhere; with as many High needs,
    /// more Key needs is better; then the weighted objective decides. The compile step adds
    /// a tier bonus to each need's value that makes this exact (see
    /// [`crate::problem::Problem::tier_bonus`]) in every candidate component of up to about
    /// 6,000 needs. In larger ones the exact bonus would exceed [`crate::problem::MAX_VALUE`]
    /// (it grows with the square of the component): there High still comes before
    /// everything, and Key before any gain of at most
    /// [`crate::problem::TierCap::key_outweighs`] in the rest of the objective (above 3·10⁷,
    /// the value of about a thousand needs, on a 100,000-need prefecture), which
    /// [`crate::problem::Problem::tier_cap`] reports.
    #[default]
    Lexicographic,
    /// Only the tier weights ([`MatchPolicy::tier_high`] ...) in the need values: several
    /// Key or General needs may outweigh one High need.
    Weighted,
}

/// What a plan may do with the pairings already in place ([`MatchPolicy::ongoing`],
/// [`crate::model::OngoingAssignment`]).
///
/// Either way an ongoing pairing consumes its provider's capacity once: the scenario's loads
/// already count it, so the compile step hands that capacity back to the pairing, and the
/// pairing uses it again only if it continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum OngoingPolicy {
    /// Every ongoing pairing continues exactly (the default): its role can be filled only by
    /// its provider, whose held capacity is reserved for it, even when that provider is at
    /// full caseload. A pairing that now breaks a hard rule other than capacity (a vetting
    /// lapsed before the window ends, a fund's earmark changed...) is released, and the plan
    /// says why. A volunteer role partly held (one of two volunteers continues) is completed
    /// from the other candidates; its continuing volunteer is preferred over any of them.
    #[default]
    Pinned,
    /// Ongoing pairings may change: every eligible provider competes for the role, the
    /// ongoing one with `switching_cost` extra points (the cost of disruption: a new face
    /// for the resident, a hand-over), so a plan switches only when it gains more than that.
    /// Material already given is never taken back: material pairings stay pinned.
    Switchable {
        /// Points a change of provider costs (added to the ongoing pairing's score).
        switching_cost: u32,
    },
}

/// The soft-scoring weights (documented term by term in `docs/rules.md`, "Soft scoring").
///
/// Plain values: every field is a non-negative integer in points; setters take and return the
/// policy by value and cannot fail. The compile step checks the few cross-field conditions
/// once ([`MatchPolicy::validate`]).
///
/// # Example
/// ```
/// use wushe::rules::MatchPolicy;
/// # fn main() -> Result<(), wushe::Error> {
/// let policy = MatchPolicy::default().with_travel_per_km(5).with_continuity(50);
/// policy.validate()?;
/// assert_eq!(policy.travel_per_km, 5);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MatchPolicy {
    /// Priority weight of a high-risk need (≥ 1).
    pub tier_high: u32,
    /// Priority weight of a key-group need (≥ 1).
    pub tier_key: u32,
    /// Priority weight of a general need (≥ 1).
    pub tier_general: u32,
    /// Vulnerability factor of a resident without vulnerabilities (≥ 1).
    pub vulnerability_base: u32,
    /// Added to the vulnerability factor per vulnerability of the resident.
    pub per_vulnerability: u32,
    /// Added again per severe vulnerability (elderly with severe or total loss of ability,
    /// disability grade 1 or 2, a child in difficulty through own disability).
    pub severe_vulnerability: u32,
    /// Travel: points lost per whole kilometre between provider and community.
    pub travel_per_km: u32,
    /// Travel: most points lost by one assignment.
    pub travel_cap: u32,
    /// Skill fit: points when the need's category is among the worker's specialties.
    pub specialty_match: u32,
    /// Skill fit: points per relevant volunteer skill beyond those the role requires.
    pub extra_skill: u32,
    /// Skill fit: most extra skills counted.
    pub max_extra_skills: u32,
    /// Continuity of care: points when the worker or volunteer served this resident before.
    pub continuity: u32,
    /// Linkage affinity: points for a worker of the resident's own township station, or a
    /// volunteer registered with an organization that serves the community or delivers the
    /// category.
    pub affinity: u32,
    /// Load balance: points lost by a fully loaded provider (scaled by its load ratio).
    pub load_penalty: u32,
    /// Lexicographic tiers (the default) or weights only.
    pub tier_order: TierOrder,
    /// Fairness across communities, in priority points (0, the default, turns it off).
    /// In a community of `N` needs the `k`-th need served earns a bonus of
    /// `fairness × (N − k + 1) / N` priority points: a concave reward in the community's
    /// coverage, i.e. a convex piecewise-linear cost of its shortfall, so a need in a poorly
    /// covered community outranks a like need where most are already served.
    pub fairness: u32,
    /// The pairings already in place: pinned (the default) or switchable at a cost.
    pub ongoing: OngoingPolicy,
    /// Escalation: points a person or organization from the township's pool costs rather than
    /// one from the need's own community ([`crate::rules::ServiceLevel`]). The default, 200, is
    /// above the spread of every other term of the default policy (180), so a role is met from
    /// the township's pool only when its community cannot fill it.
    pub township_coordination: u32,
    /// Escalation: points a provider from the county's pool costs (default 400: above the
    /// township cost plus the spread of the other terms).
    pub county_coordination: u32,
}

impl Default for MatchPolicy {
    fn default() -> Self {
        MatchPolicy {
            tier_high: 9,
            tier_key: 3,
            tier_general: 1,
            vulnerability_base: 2,
            per_vulnerability: 1,
            severe_vulnerability: 1,
            travel_per_km: 2,
            travel_cap: 100,
            specialty_match: 20,
            extra_skill: 5,
            max_extra_skills: 3,
            continuity: 30,
            affinity: 10,
            load_penalty: 20,
            tier_order: TierOrder::Lexicographic,
            fairness: 0,
            ongoing: OngoingPolicy::Pinned,
            township_coordination: 200,
            county_coordination: 400,
        }
    }
}

macro_rules! setters {
    ($($(#[$doc:meta])* $name:ident => $field:ident;)*) => {
        impl MatchPolicy {
            $(
                $(#[$doc])*
                pub fn $name(mut self, value: u32) -> Self {
                    self.$field = value;
                    self
                }
            )*
        }
    };
}

setters! {
    /// Sets [`MatchPolicy::tier_high`].
    with_tier_high => tier_high;
    /// Sets [`MatchPolicy::tier_key`].
    with_tier_key => tier_key;
    /// Sets [`MatchPolicy::tier_general`].
    with_tier_general => tier_general;
    /// Sets [`MatchPolicy::vulnerability_base`].
    with_vulnerability_base => vulnerability_base;
    /// Sets [`MatchPolicy::per_vulnerability`].
    with_per_vulnerability => per_vulnerability;
    /// Sets [`MatchPolicy::severe_vulnerability`].
    with_severe_vulnerability => severe_vulnerability;
    /// Sets [`MatchPolicy::travel_per_km`].
    with_travel_per_km => travel_per_km;
    /// Sets [`MatchPolicy::travel_cap`].
    with_travel_cap => travel_cap;
    /// Sets [`MatchPolicy::specialty_match`].
    with_specialty_match => specialty_match;
    /// Sets [`MatchPolicy::extra_skill`].
    with_extra_skill => extra_skill;
    /// Sets [`MatchPolicy::max_extra_skills`].
    with_max_extra_skills => max_extra_skills;
    /// Sets [`MatchPolicy::continuity`].
    with_continuity => continuity;
    /// Sets [`MatchPolicy::affinity`].
    with_affinity => affinity;
    /// Sets [`MatchPolicy::load_penalty`].
    with_load_penalty => load_penalty;
    /// Sets [`MatchPolicy::fairness`].
    with_fairness => fairness;
    /// Sets [`MatchPolicy::township_coordination`].
    with_township_coordination => township_coordination;
    /// Sets [`MatchPolicy::county_coordination`].
    with_county_coordination => county_coordination;
}

impl MatchPolicy {
    /// Sets [`MatchPolicy::tier_order`].
    pub fn with_tier_order(mut self, tier_order: TierOrder) -> Self {
        self.tier_order = tier_order;
        self
    }

    /// Sets [`MatchPolicy::ongoing`].
    pub fn with_ongoing(mut self, ongoing: OngoingPolicy) -> Self {
        self.ongoing = ongoing;
        self
    }
}

/// Why a [`MatchPolicy`] cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// A weight that must be positive is zero (a need's value must be > 0).
    #[error("policy field `{field}` must be at least 1")]
    Zero {
        /// The field.
        field: &'static str,
    },
    /// A need's value would exceed [`crate::problem::MAX_VALUE`]; lower the priority weights.
    #[error("need {need}: value exceeds {max}; lower the priority weights")]
    ValueTooLarge {
        /// The need.
        need: NeedId,
        /// The largest value allowed.
        max: i64,
    },
    /// The lexicographic tier policy cannot keep High first within
    /// [`crate::problem::MAX_VALUE`] in the candidate component of this need (needs linked
    /// through shared providers): its need values and weighted range leave no room for a
    /// High bonus even with the Key bonus capped (values near the limit). Use
    /// [`TierOrder::Weighted`] for such a scenario, or lower the priority weights.
    #[error(
        "need {need}: the lexicographic tier bonus of its component of {component_needs} needs exceeds {max}; use tier_order \"weighted\" or lower the priority weights"
    )]
    TierBonusTooLarge {
        /// The need.
        need: NeedId,
        /// Needs in its candidate component.
        component_needs: usize,
        /// The largest value allowed.
        max: i64,
    },
}

impl MatchPolicy {
    /// Checks the weights that must be positive (tier weights and the vulnerability base), so
    /// every need has a positive value.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Policy`] naming the first zero field.
    pub fn validate(&self) -> crate::Result<()> {
        let positive = [
            ("tier_high", self.tier_high),
            ("tier_key", self.tier_key),
            ("tier_general", self.tier_general),
            ("vulnerability_base", self.vulnerability_base),
        ];
        match positive.iter().find(|(_, v)| *v == 0) {
            Some(&(field, _)) => Err(crate::ErrorKind::Policy(PolicyError::Zero { field }).into()),
            None => Ok(()),
        }
    }
}
