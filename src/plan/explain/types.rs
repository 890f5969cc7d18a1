//! The explanations, as values (serde: the file format of `docs/explain-format.md`).

use serde::{Deserialize, Serialize};

use crate::model::{NeedId, ProviderId, RiskTier};
use crate::problem::RoleKind;
use crate::rules::{Rejection, ScoreBreakdown};

use super::super::match_plan::UnmetReason;
use super::change::Relaxation;
use super::options::ExplainOptions;

/// The value of [`Explanations::format`].
pub const EXPLANATIONS_FORMAT: &str = "wushe-explanations";

/// The version of the explanations format this crate writes.
pub const EXPLANATIONS_VERSION: u32 = 1;

/// Explanations of a plan's needs: why each unmet need was not served and what would fix it,
/// and why each served need got the providers it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Explanations {
    /// Always [`EXPLANATIONS_FORMAT`].
    pub format: String,
    /// Always [`EXPLANATIONS_VERSION`].
    pub version: u32,
    /// Name of the scenario.
    pub scenario: String,
    /// Strategy of the plan, which also re-solved every relaxation.
    pub strategy: String,
    /// The options used.
    pub options: ExplainOptions,
    /// Work done by the relaxation search.
    pub work: ExplainWork,
    /// Served needs explained, by need id.
    pub served: Vec<ServedExplanation>,
    /// Unmet needs explained, by need id.
    pub unmet: Vec<UnmetExplanation>,
}

/// How relaxations were verified, and how much re-solving that took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplainWork {
    /// What each re-solve solved.
    pub verification: Verification,
    /// Re-solves done (one per distinct candidate relaxation tried).
    pub resolves: u64,
    /// Unmet needs whose candidates were cut short by the total budget.
    pub needs_cut_by_budget: u32,
}

/// What a verifying re-solve solves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// The greedy strategy: only the needs that can influence the need's outcome (see the
    /// module docs), which provably gives the same outcome as re-solving everything.
    GreedyPrefix,
    /// The whole changed problem.
    WholeProblem,
}

/// One need, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum NeedExplanation {
    /// The need was served.
    Served(ServedExplanation),
    /// The need was not served.
    Unmet(UnmetExplanation),
}

/// Why a served need got the providers it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServedExplanation {
    /// The need.
    pub need: NeedId,
    /// Its risk tier.
    pub risk: RiskTier,
    /// One entry per assignment, by role then provider.
    pub choices: Vec<RoleChoice>,
}

/// One provider of a served need's team, against the best provider not chosen for the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleChoice {
    /// Role index in the team.
    pub role: u32,
    /// Kind of role.
    pub kind: RoleKind,
    /// The provider chosen.
    pub provider: ProviderId,
    /// Units it gives (1 for a person).
    pub amount: i64,
    /// Its score per unit, term by term.
    pub score: ScoreBreakdown,
    /// Why it and not the runner-up.
    pub versus: Versus,
}

/// How a chosen provider compares with the runner-up: the best-scoring eligible provider of
/// the role that was not chosen for it (ties by provider order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Versus {
    /// Every eligible provider of the role was chosen for it.
    OnlyEligible,
    /// The runner-up.
    RunnerUp {
        /// The runner-up.
        provider: ProviderId,
        /// Its score per unit, term by term.
        score: ScoreBreakdown,
        /// Chosen total minus runner-up total (negative when the runner-up scores higher).
        difference: i64,
        /// Why the runner-up was not taken, as far as the plan shows.
        state: RunnerUpState,
    },
}

/// What the plan did with the runner-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunnerUpState {
    /// It fills another role of the same need (a person fills one role per need).
    InSameTeam,
    /// It had no capacity left for the role after the plan.
    NoCapacity,
    /// It still had capacity: the chosen provider won on score, or on the strategy's
    /// tie-breaking or global trade-offs when `difference ≤ 0`.
    HadCapacity,
}

/// Why an unmet need was not served, who blocked it, and what would fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnmetExplanation {
    /// The need.
    pub need: NeedId,
    /// Its risk tier.
    pub risk: RiskTier,
    /// The plan's reasons, by role (as in [`crate::plan::UnmetNeed`]).
    pub reasons: Vec<UnmetReason>,
    /// Every core role, with the providers that could or could not fill it.
    pub roles: Vec<RoleBlock>,
    /// Verified relaxations, cheapest first.
    pub relaxations: Vec<Relaxation>,
    /// How the relaxation search went.
    pub search: RelaxationSearch,
}

/// The providers of one core role of an unmet need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleBlock {
    /// Role index in the team.
    pub role: u32,
    /// Kind of role.
    pub kind: RoleKind,
    /// Units it needs (persons, fen or goods units).
    pub demand: i64,
    /// Eligible providers (those passing every rule).
    pub eligible: u32,
    /// Units the eligible providers still had free after the plan (persons with one more use
    /// free; for material `Σ min(free, draw limit)`).
    pub available: i64,
    /// The nearest eligible providers.
    pub nearest_eligible: Vec<EligibleProvider>,
    /// The nearest providers of the role's kind that fail a rule, with every rule failed.
    pub nearest_rejected: Vec<RejectedProvider>,
}

/// An eligible provider of a blocked role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibleProvider {
    /// The provider.
    pub provider: ProviderId,
    /// Travel distance to the need's community (workers and volunteers).
    pub distance_m: Option<u64>,
    /// Capacity left after the plan (cases, minutes, fen or units).
    pub free: i64,
    /// Capacity one unit of the role uses.
    pub usage: i64,
    /// When `free < usage`: the needs whose assignments used its capacity in the plan, high
    /// tiers first then by id, at most [`ExplainOptions::max_takers`].
    pub taken_by: Vec<Taker>,
    /// How many needs used it in the plan, listed or not (0 when `free ≥ usage`).
    pub takers: u32,
}

/// A need that used a provider's capacity in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taker {
    /// The need.
    pub need: NeedId,
    /// Its risk tier.
    pub risk: RiskTier,
    /// Capacity it used (cases, minutes, fen or units).
    pub used: i64,
}

/// A provider of the role's kind that fails at least one rule for the need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RejectedProvider {
    /// The provider.
    pub provider: ProviderId,
    /// Travel distance to the need's community (workers and volunteers; `None` when
    /// unreachable or not applicable).
    pub distance_m: Option<u64>,
    /// Every rule it fails, in the order of `docs/rules.md`.
    pub fails: Vec<Rejection>,
}

/// How the relaxation search for one need went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelaxationSearch {
    /// Candidate relaxations built (at most `tries_per_need`).
    pub candidates: u32,
    /// Candidates verified by re-solving (one re-solve may answer several needs that share a
    /// candidate).
    pub tried: u32,
    /// Candidates that served the need (at most `reported` of them are listed).
    pub verified: u32,
    /// Whether the total budget allowed fewer tries than `tries_per_need`.
    pub cut_by_budget: bool,
}
