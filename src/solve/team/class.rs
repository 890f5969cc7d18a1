//! The problem classes on which a team strategy is proven optimal.

use serde::{Deserialize, Serialize};

use crate::problem::{Problem, RoleKind};

use super::relaxation::is_core;

/// Largest `|score_per_unit| + value` of an edge and its need for which the classes below
/// are exact: with these numbers the relaxation is solved without down-scaling for every
/// network of up to 2^31 nodes and every assignment of up to 185 000 rows.
pub const EXACT_NUMBER_LIMIT: i64 = 1 << 24;

/// A class of problems on which a strategy is exact: its solution is optimal and its status
/// [`crate::problem::SolveStatus::Optimal`].
///
/// Outside its class an exact strategy still returns a feasible solution; it reports
/// `Optimal` whenever its objective reaches its bound (an a-posteriori proof).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ExactClass {
    /// Transportation problems. Every need has at most one role; that role, if it is core,
    /// has demand 1 (an optional role under
    /// [`crate::model::TeamRule::CoreThenOptional`] may have any demand: its need is served
    /// for free and its units are linear); all edges of a provider share one
    /// `usage_per_unit`; every `|score_per_unit| + value` is below [`EXACT_NUMBER_LIMIT`].
    ///
    /// Why min-cost flow is exact there: a core role of demand 1 carries 0 or 1 unit of
    /// integral flow, so the team rule holds; one role per need makes `one_role_per_need`
    /// void; a single usage makes "capacity in units" exact; and the value of a demand-1 role
    /// is an integer benefit, so the relaxation *is* the problem.
    Transportation,
    /// One-to-one (b-matching) problems: the [`ExactClass::Transportation`] class where every
    /// role has demand 1 and is a person role (not [`RoleKind::Material`]). Providers may
    /// take several units; their copies in an assignment matrix are interchangeable.
    UnitDemand,
}

impl ExactClass {
    /// Whether `problem` belongs to the class (false for an inconsistent problem whose
    /// roles cannot be read).
    ///
    /// # Example
    /// ```
    /// use wushe::solve::team::ExactClass;
    /// use wushe::problem::Problem;
    /// assert!(ExactClass::UnitDemand.contains(&Problem::default()));
    /// ```
    pub fn contains(self, problem: &Problem) -> bool {
        let needs_ok = problem.needs.iter().all(|n| {
            n.role_count <= 1
                && n.roles().all(|r| {
                    let Some(role) = problem.roles.get(r) else {
                        return false;
                    };
                    match self {
                        ExactClass::Transportation => !is_core(problem, role) || role.demand == 1,
                        ExactClass::UnitDemand => {
                            role.demand == 1 && role.kind != RoleKind::Material
                        }
                    }
                })
        });
        // shared resources (time windows, supervision) are constraints no relaxation sees
        needs_ok && !problem.has_shared() && uniform_usage(problem) && small_numbers(problem)
    }
}

/// Every provider's edges share one `usage_per_unit`.
fn uniform_usage(problem: &Problem) -> bool {
    let mut usage: Vec<Option<i64>> = vec![None; problem.providers.len()];
    problem
        .edges
        .iter()
        .all(|e| match usage.get_mut(e.provider as usize) {
            Some(slot) => *slot.get_or_insert(e.usage_per_unit) == e.usage_per_unit,
            None => false,
        })
}

/// Every `|score| + value` is below [`EXACT_NUMBER_LIMIT`].
fn small_numbers(problem: &Problem) -> bool {
    problem.edges.iter().all(|e| {
        let value = problem
            .roles
            .get(e.role as usize)
            .and_then(|r| problem.needs.get(r.need as usize))
            .map_or(0, |n| n.value);
        i128::from(e.score_per_unit.unsigned_abs()) + i128::from(value)
            < i128::from(EXACT_NUMBER_LIMIT)
    })
}
