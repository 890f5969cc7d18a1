//! Plan files: a [`MatchPlan`] as versioned JSON that a JavaScript front end reads exactly.
//!
//! The format is documented field by field in `docs/plan-format.md` ([`crate::docs::plan_format`]).
//! In short: `"format": "wushe-plan"`, `"version": 1`, then the plan's fields; every
//! assignment names its role kind (`"lead_worker"`, `"volunteers"`, `"organization"`,
//! `"material"`) besides the role's index; unmet reasons are objects tagged by `"kind"`; every
//! integer is a JSON number when its magnitude is at most 2^53 − 1 (what a JavaScript `number`
//! holds exactly) and a decimal string otherwise. Loading accepts either form for any integer.

use std::io::{Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::js_int;
use super::{parse_document, pretty_string, read_file, write_file, write_pretty};
use crate::error::Result;
use crate::model::{Limits, NeedId, ProviderId, WorkerId};
use crate::plan::{
    Assignment, Churn, MatchPlan, NeedLevel, PolicyPrice, RejectionCount, UnmetNeed, UnmetReason,
};
use crate::problem::{RoleKind, SolveStats, SolveStatus};
use crate::rules::{Rejection, ScoreBreakdown};

/// The value of the `format` field of every plan file.
pub const PLAN_FORMAT: &str = "wushe-plan";

/// The plan file format version this crate reads and writes.
pub const PLAN_VERSION: u32 = 1;

/// Writes `plan` as a plan file (pretty JSON, 2-space indent, trailing newline) to `writer`.
/// The bytes depend only on the plan: loading them and saving again gives the same bytes.
///
/// # Errors
/// [`crate::ErrorKind::Io`] when writing fails.
///
/// # Example
/// ```
/// use wushe::io::json::{load_plan_from_slice, plan_to_string};
/// use wushe::{demo, match_scenario, MatchPolicy, StrategyKind};
/// # fn main() -> Result<(), wushe::Error> {
/// let plan = match_scenario(&demo::scarce_worker(), &MatchPolicy::default(), StrategyKind::Greedy)?;
/// let text = plan_to_string(&plan)?;
/// assert!(text.starts_with("{\n  \"format\": \"wushe-plan\",\n  \"version\": 1,"));
/// assert!(text.contains("\"role_kind\": \"lead_worker\""));
/// assert_eq!(load_plan_from_slice(text.as_bytes())?, plan);
/// # Ok(()) }
/// ```
pub fn save_plan(plan: &MatchPlan, writer: impl Write) -> Result<()> {
    write_pretty(&PlanFile::<AssignmentRow>::from(plan), writer)
}

/// Writes `plan` to a file (created or truncated), as [`save_plan`].
///
/// # Errors
/// [`crate::ErrorKind::File`] naming the path when the file cannot be created or written.
pub fn save_plan_file(plan: &MatchPlan, path: impl AsRef<Path>) -> Result<()> {
    write_file(path.as_ref(), |w| save_plan(plan, w))
}

/// The text [`save_plan`] writes.
///
/// # Errors
/// None in practice (see [`super::scenario_to_string`]).
pub fn plan_to_string(plan: &MatchPlan) -> Result<String> {
    pretty_string(&PlanFile::<AssignmentRow>::from(plan))
}

/// Loads a plan from a reader, reading at most [`Limits::max_file_bytes`] + 1 bytes (the
/// default limits).
///
/// # Errors
/// [`crate::ErrorKind::Io`] when reading fails, otherwise as [`load_plan_from_slice`].
pub fn load_plan(reader: impl Read) -> Result<MatchPlan> {
    let limit = Limits::default().max_file_bytes;
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    load_plan_from_slice(&bytes)
}

/// Loads a plan file.
///
/// # Errors
/// [`crate::ErrorKind::File`] naming the path when the file cannot be opened or read,
/// otherwise as [`load_plan_from_slice`].
pub fn load_plan_file(path: impl AsRef<Path>) -> Result<MatchPlan> {
    let bytes = read_file(path.as_ref(), &Limits::default())?;
    load_plan_from_slice(&bytes)
}

/// Loads a plan from bytes (UTF-8; a leading byte-order mark is skipped).
///
/// The plan is read as written; it is not checked against any scenario (use
/// [`crate::plan::check_plan`] for that).
///
/// # Errors
/// [`crate::ErrorKind::Json`] with a [`JsonError`](super::JsonError):
/// - `TooLarge` beyond [`Limits::max_file_bytes`];
/// - `WrongFormat` / `UnsupportedVersion` when the header is not `"wushe-plan"` version 1
///   (checked before anything else);
/// - `Syntax`, `UnknownField`, `MissingField` or `InvalidValue` with line, column and the path
///   of the field, when the document does not parse: among others a float or an out-of-range
///   integer, and an assignment whose `role_kind` is not the kind of its provider.
pub fn load_plan_from_slice(bytes: &[u8]) -> Result<MatchPlan> {
    let file: PlanFile<CheckedAssignment> = parse_document(
        bytes,
        PLAN_FORMAT,
        PLAN_VERSION..=PLAN_VERSION,
        &Limits::default(),
    )?;
    Ok(file.into_plan())
}

/// The document: the header, then the plan's fields in [`MatchPlan`] order. `A` is the
/// assignment row: written as [`AssignmentRow`], read as [`CheckedAssignment`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFile<A> {
    format: String,
    version: u32,
    scenario: String,
    strategy: String,
    status: SolveStatus,
    #[serde(with = "js_int")]
    objective: i128,
    #[serde(with = "js_int")]
    weighted_objective: i128,
    policy_price: Option<PriceRow>,
    #[serde(with = "js_int::option")]
    bound: Option<i128>,
    assignments: Vec<A>,
    served: Vec<NeedId>,
    unmet: Vec<UnmetRow>,
    stats: StatsRow,
    #[serde(default)]
    churn: Churn,
    #[serde(default)]
    levels: Vec<NeedLevel>,
}

impl From<&MatchPlan> for PlanFile<AssignmentRow> {
    fn from(plan: &MatchPlan) -> Self {
        PlanFile {
            format: PLAN_FORMAT.to_owned(),
            version: PLAN_VERSION,
            scenario: plan.scenario.clone(),
            strategy: plan.strategy.clone(),
            status: plan.status,
            objective: plan.objective,
            weighted_objective: plan.weighted_objective,
            policy_price: plan.policy_price.as_ref().map(PriceRow::from),
            bound: plan.bound,
            assignments: plan.assignments.iter().map(AssignmentRow::from).collect(),
            served: plan.served.clone(),
            unmet: plan.unmet.iter().map(UnmetRow::from).collect(),
            stats: StatsRow {
                iterations: plan.stats.iterations,
                subproblems: plan.stats.subproblems,
                work: plan.stats.work,
            },
            churn: plan.churn.clone(),
            levels: plan.levels.clone(),
        }
    }
}

impl PlanFile<CheckedAssignment> {
    fn into_plan(self) -> MatchPlan {
        MatchPlan {
            scenario: self.scenario,
            strategy: self.strategy,
            status: self.status,
            objective: self.objective,
            weighted_objective: self.weighted_objective,
            policy_price: self.policy_price.map(PolicyPrice::from),
            bound: self.bound,
            assignments: self.assignments.into_iter().map(|a| a.0).collect(),
            served: self.served,
            unmet: self.unmet.into_iter().map(UnmetNeed::from).collect(),
            stats: SolveStats {
                iterations: self.stats.iterations,
                subproblems: self.stats.subproblems,
                work: self.stats.work,
            },
            churn: self.churn,
            levels: self.levels,
        }
    }
}

/// What the tier and fairness policies cost against the plain weighted optimum.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PriceRow {
    #[serde(with = "js_int")]
    weighted_objective: i128,
    #[serde(with = "js_int")]
    reference_objective: i128,
    #[serde(with = "js_int::option")]
    reference_bound: Option<i128>,
    #[serde(with = "js_int")]
    price: i128,
    #[serde(with = "js_int::option")]
    price_at_most: Option<i128>,
}

impl From<&PolicyPrice> for PriceRow {
    fn from(p: &PolicyPrice) -> Self {
        PriceRow {
            weighted_objective: p.weighted_objective,
            reference_objective: p.reference_objective,
            reference_bound: p.reference_bound,
            price: p.price,
            price_at_most: p.price_at_most,
        }
    }
}

impl From<PriceRow> for PolicyPrice {
    fn from(p: PriceRow) -> Self {
        PolicyPrice {
            weighted_objective: p.weighted_objective,
            reference_objective: p.reference_objective,
            reference_bound: p.reference_bound,
            price: p.price,
            price_at_most: p.price_at_most,
        }
    }
}

/// One assignment, its role named by kind.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AssignmentRow {
    need: NeedId,
    role: u32,
    role_kind: RoleKind,
    provider: ProviderId,
    #[serde(with = "js_int")]
    amount: i64,
    score: ScoreRow,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    supervisor: Option<WorkerId>,
}

impl From<&Assignment> for AssignmentRow {
    fn from(a: &Assignment) -> Self {
        AssignmentRow {
            need: a.need,
            role: a.role,
            role_kind: a.role_kind(),
            provider: a.provider,
            amount: a.amount,
            score: ScoreRow::from(a.score),
            supervisor: a.supervisor,
        }
    }
}

/// An assignment read from a file, its `role_kind` checked against its provider.
#[derive(Deserialize)]
#[serde(try_from = "AssignmentRow")]
struct CheckedAssignment(Assignment);

impl TryFrom<AssignmentRow> for CheckedAssignment {
    type Error = String;

    fn try_from(row: AssignmentRow) -> Result<Self, String> {
        let a = Assignment {
            need: row.need,
            role: row.role,
            provider: row.provider,
            amount: row.amount,
            score: row.score.into(),
            supervisor: row.supervisor,
        };
        if a.role_kind() == row.role_kind {
            Ok(CheckedAssignment(a))
        } else {
            Err(format!(
                "role_kind {:?} does not fit provider {} (a {} role)",
                row.role_kind.name(),
                a.provider,
                a.role_kind().name()
            ))
        }
    }
}

/// A score breakdown, term by term.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreRow {
    #[serde(with = "js_int")]
    travel: i64,
    #[serde(with = "js_int")]
    skill_fit: i64,
    #[serde(with = "js_int")]
    continuity: i64,
    #[serde(with = "js_int")]
    affinity: i64,
    #[serde(with = "js_int")]
    load: i64,
    #[serde(with = "js_int", default)]
    coordination: i64,
}

impl From<ScoreBreakdown> for ScoreRow {
    fn from(s: ScoreBreakdown) -> Self {
        ScoreRow {
            travel: s.travel,
            skill_fit: s.skill_fit,
            continuity: s.continuity,
            affinity: s.affinity,
            load: s.load,
            coordination: s.coordination,
        }
    }
}

impl From<ScoreRow> for ScoreBreakdown {
    fn from(s: ScoreRow) -> Self {
        ScoreBreakdown {
            travel: s.travel,
            skill_fit: s.skill_fit,
            continuity: s.continuity,
            affinity: s.affinity,
            load: s.load,
            coordination: s.coordination,
        }
    }
}

/// An unmet need with its reasons.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnmetRow {
    need: NeedId,
    reasons: Vec<ReasonRow>,
}

impl From<&UnmetNeed> for UnmetRow {
    fn from(u: &UnmetNeed) -> Self {
        UnmetRow {
            need: u.need,
            reasons: u.reasons.iter().map(ReasonRow::from).collect(),
        }
    }
}

impl From<UnmetRow> for UnmetNeed {
    fn from(u: UnmetRow) -> Self {
        UnmetNeed {
            need: u.need,
            reasons: u.reasons.into_iter().map(UnmetReason::from).collect(),
        }
    }
}

/// A reason, tagged by `kind` (the variant names of [`UnmetReason`] in `snake_case`).
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum ReasonRow {
    NoEligibleProvider {
        role: u32,
        rejections: Vec<RejectionRow>,
    },
    TooFewEligible {
        role: u32,
        eligible: u32,
        #[serde(with = "js_int")]
        demand: i64,
        rejections: Vec<RejectionRow>,
    },
    CapacityTaken {
        role: u32,
        eligible: u32,
        #[serde(with = "js_int")]
        demand: i64,
        #[serde(with = "js_int")]
        free: i64,
    },
    InsufficientMaterial {
        role: u32,
        #[serde(with = "js_int")]
        required: i64,
        #[serde(with = "js_int")]
        available: i64,
    },
    NotSelected,
}

fn rows(counts: &[RejectionCount]) -> Vec<RejectionRow> {
    counts
        .iter()
        .map(|c| RejectionRow {
            reason: c.reason,
            count: c.count,
        })
        .collect()
}

fn counts(rows: Vec<RejectionRow>) -> Vec<RejectionCount> {
    rows.into_iter()
        .map(|r| RejectionCount {
            reason: r.reason,
            count: r.count,
        })
        .collect()
}

impl From<&UnmetReason> for ReasonRow {
    fn from(r: &UnmetReason) -> Self {
        match r {
            UnmetReason::NoEligibleProvider { role, rejections } => ReasonRow::NoEligibleProvider {
                role: *role,
                rejections: rows(rejections),
            },
            UnmetReason::TooFewEligible {
                role,
                eligible,
                demand,
                rejections,
            } => ReasonRow::TooFewEligible {
                role: *role,
                eligible: *eligible,
                demand: *demand,
                rejections: rows(rejections),
            },
            UnmetReason::CapacityTaken {
                role,
                eligible,
                demand,
                free,
            } => ReasonRow::CapacityTaken {
                role: *role,
                eligible: *eligible,
                demand: *demand,
                free: *free,
            },
            UnmetReason::InsufficientMaterial {
                role,
                required,
                available,
            } => ReasonRow::InsufficientMaterial {
                role: *role,
                required: *required,
                available: *available,
            },
            UnmetReason::NotSelected => ReasonRow::NotSelected,
        }
    }
}

impl From<ReasonRow> for UnmetReason {
    fn from(r: ReasonRow) -> Self {
        match r {
            ReasonRow::NoEligibleProvider { role, rejections } => UnmetReason::NoEligibleProvider {
                role,
                rejections: counts(rejections),
            },
            ReasonRow::TooFewEligible {
                role,
                eligible,
                demand,
                rejections,
            } => UnmetReason::TooFewEligible {
                role,
                eligible,
                demand,
                rejections: counts(rejections),
            },
            ReasonRow::CapacityTaken {
                role,
                eligible,
                demand,
                free,
            } => UnmetReason::CapacityTaken {
                role,
                eligible,
                demand,
                free,
            },
            ReasonRow::InsufficientMaterial {
                role,
                required,
                available,
            } => UnmetReason::InsufficientMaterial {
                role,
                required,
                available,
            },
            ReasonRow::NotSelected => UnmetReason::NotSelected,
        }
    }
}

/// How many providers of a role one rule excluded.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RejectionRow {
    reason: Rejection,
    count: u32,
}

/// The strategy's work counters.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatsRow {
    #[serde(with = "js_int")]
    iterations: u64,
    #[serde(with = "js_int")]
    subproblems: u64,
    #[serde(default, with = "js_int")]
    work: u64,
}
