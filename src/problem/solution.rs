//! A strategy's answer in problem indices, and the numeric feasibility check.

use serde::{Deserialize, Serialize};

use super::compiled::{Problem, ProblemError};
use crate::model::TeamRule;

/// Units of one candidate edge used by a solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EdgeUse {
    /// Edge index into [`Problem::edges`].
    pub edge: u32,
    /// Units (> 0).
    pub units: i64,
}

/// How good a solution is known to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SolveStatus {
    /// Proven optimal for the problem.
    Optimal,
    /// Feasible; optimality not proven (heuristics, or a bound with a gap).
    Feasible,
    /// Stable for the two-sided preferences (no blocking pair); not an objective optimum.
    Stable,
    /// Feasible, but a work budget stopped the search early.
    BudgetReached,
}

words! {
    SolveStatus {
        Optimal => "optimal", "optimal";
        Feasible => "feasible", "feasible";
        Stable => "stable", "stable";
        BudgetReached => "budget_reached", "budget reached";
    }
}

/// Counters a strategy reports (work done, not wall time: wall time would make plans differ
/// between runs).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolveStats {
    /// Main iterations (augmentations, pivots, proposals, needs tried: per strategy).
    pub iterations: u64,
    /// Sub-problems solved (components, roles, rounds).
    pub subproblems: u64,
    /// Work units spent, as counted against the solve's work budget
    /// ([`crate::solve::WorkBudget`]); 0 when not known (plans read from older files).
    #[serde(default)]
    pub work: u64,
}

/// A strategy's answer: edge units, served needs, status, and an upper bound on the objective
/// where the strategy has one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solution {
    /// Edges used, sorted by edge index, each at most once, units > 0.
    pub uses: Vec<EdgeUse>,
    /// Per need: served or not.
    pub served: Vec<bool>,
    /// Status (`None` only in `Default`).
    pub status: Option<SolveStatus>,
    /// Upper bound on the optimal objective, if known.
    pub bound: Option<i64>,
    /// Work counters.
    pub stats: SolveStats,
}

impl Solution {
    /// The uses grouped by the need whose team they join (needs of `problem`; uses naming a
    /// missing edge are skipped).
    pub(crate) fn uses_by_need(&self, problem: &Problem) -> Vec<Vec<EdgeUse>> {
        let mut by_need = vec![Vec::new(); problem.needs.len()];
        for u in &self.uses {
            let Some(edge) = problem.edges.get(u.edge as usize) else {
                continue;
            };
            let Some(role) = problem.roles.get(edge.role as usize) else {
                continue;
            };
            if let Some(team) = by_need.get_mut(role.need as usize) {
                team.push(*u);
            }
        }
        by_need
    }
}

/// Why a [`Solution`] breaks a hard constraint of its [`Problem`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Infeasibility {
    /// `served` has the wrong length, or `uses` is unsorted / repeats / names a missing edge.
    #[error("solution shape: {0}")]
    Shape(&'static str),
    /// Units outside `1..=max_units`.
    #[error("edge {edge}: {units} units outside 1..={max}")]
    Units {
        /// Edge.
        edge: usize,
        /// Units.
        units: i64,
        /// Max units.
        max: i64,
    },
    /// Provider over capacity.
    #[error("provider {provider}: uses {used} of capacity {capacity}")]
    Capacity {
        /// Provider.
        provider: usize,
        /// Used.
        used: i128,
        /// Capacity.
        capacity: i64,
    },
    /// A role's units do not fit its need's state.
    #[error("role {role}: {units} units, demand {demand}, need served = {served}")]
    Team {
        /// Role.
        role: usize,
        /// Units given.
        units: i64,
        /// Demand.
        demand: i64,
        /// Whether the need is marked served.
        served: bool,
    },
    /// A shared resource over its capacity ([`Problem::shared`]).
    #[error("shared resource {resource}: uses {used} of capacity {capacity}")]
    Shared {
        /// Resource.
        resource: usize,
        /// Used.
        used: i128,
        /// Capacity.
        capacity: i64,
    },
    /// A one-role-per-need provider fills two roles of one need.
    #[error("provider {provider} fills two roles of need {need}")]
    TwoRoles {
        /// Provider.
        provider: usize,
        /// Need.
        need: usize,
    },
}

impl Problem {
    /// Checks `solution` against every hard constraint of the problem (numeric level; the
    /// domain-level independent checker is [`crate::plan::check_plan`]).
    ///
    /// # Errors
    /// The first [`Infeasibility`] found.
    pub fn check(&self, solution: &Solution) -> Result<(), Infeasibility> {
        if solution.served.len() != self.needs.len() {
            return Err(Infeasibility::Shape("served has the wrong length"));
        }
        let mut role_units = vec![0i64; self.roles.len()];
        let mut used = vec![0i128; self.providers.len()];
        let mut last: Option<u32> = None;
        let mut seen: std::collections::HashSet<(u32, u32)> = std::collections::HashSet::new();
        for u in &solution.uses {
            if last.is_some_and(|l| l >= u.edge) {
                return Err(Infeasibility::Shape("uses are not sorted by edge"));
            }
            last = Some(u.edge);
            let edge_index = u.edge as usize;
            let e = self
                .edges
                .get(edge_index)
                .ok_or(Infeasibility::Shape("use names a missing edge"))?;
            if u.units < 1 || u.units > e.max_units {
                return Err(Infeasibility::Units {
                    edge: edge_index,
                    units: u.units,
                    max: e.max_units,
                });
            }
            let role = e.role as usize;
            let provider = e.provider as usize;
            role_units[role] = role_units[role].saturating_add(u.units);
            used[provider] += i128::from(u.units) * i128::from(e.usage_per_unit);
            let need = self.roles[role].need;
            if self.providers[provider].one_role_per_need && !seen.insert((e.provider, need)) {
                return Err(Infeasibility::TwoRoles {
                    provider,
                    need: need as usize,
                });
            }
        }
        for (provider, (&u, p)) in used.iter().zip(&self.providers).enumerate() {
            if u > i128::from(p.capacity) {
                return Err(Infeasibility::Capacity {
                    provider,
                    used: u,
                    capacity: p.capacity,
                });
            }
        }
        if self.has_shared() {
            let mut shared = vec![0i128; self.shared.len()];
            for u in &solution.uses {
                for d in self.edge_shared(u.edge as usize) {
                    if let Some(s) = shared.get_mut(d.resource as usize) {
                        *s += i128::from(u.units) * i128::from(d.per_unit);
                    }
                }
            }
            for (resource, (&u, r)) in shared.iter().zip(&self.shared).enumerate() {
                if u > i128::from(r.capacity) {
                    return Err(Infeasibility::Shared {
                        resource,
                        used: u,
                        capacity: r.capacity,
                    });
                }
            }
        }
        for (role, r) in self.roles.iter().enumerate() {
            let need = &self.needs[r.need as usize];
            let served = solution.served[r.need as usize];
            let units = role_units[role];
            let optional = r.optional && need.rule == TeamRule::CoreThenOptional;
            let ok = if !served {
                units == 0
            } else if optional {
                units <= r.demand
            } else {
                units == r.demand
            };
            if !ok {
                return Err(Infeasibility::Team {
                    role,
                    units,
                    demand: r.demand,
                    served,
                });
            }
        }
        Ok(())
    }

    /// The objective of `solution`: `Σ value(served) + Σ units·score_per_unit`, in `i128`.
    /// Uses naming missing edges are ignored (run [`Problem::check`] first).
    pub fn objective(&self, solution: &Solution) -> i128 {
        let values: i128 = self
            .needs
            .iter()
            .zip(&solution.served)
            .filter(|(_, s)| **s)
            .map(|(n, _)| i128::from(n.value))
            .sum();
        let scores: i128 = solution
            .uses
            .iter()
            .filter_map(|u| {
                let e = self.edges.get(u.edge as usize)?;
                Some(i128::from(u.units) * i128::from(e.score_per_unit))
            })
            .sum();
        values + scores + self.group_reward(&solution.served)
    }

    /// What the coverage groups add for the needs marked served: per group, the first `k`
    /// steps for its `k` served needs.
    pub fn group_reward(&self, served: &[bool]) -> i128 {
        self.groups
            .iter()
            .map(|g| {
                let k = g
                    .needs
                    .iter()
                    .filter(|&&n| served.get(n as usize).copied().unwrap_or(false))
                    .count();
                g.steps.iter().take(k).map(|&s| i128::from(s)).sum::<i128>()
            })
            .sum()
    }

    /// The objective without the tier bonuses ([`Problem::tier_bonus`]) and the coverage
    /// groups' rewards: the plain weighted objective, comparable across tier and fairness
    /// policies.
    pub fn weighted_objective(&self, solution: &Solution) -> i128 {
        let bonus: i128 = solution
            .served
            .iter()
            .enumerate()
            .filter(|(_, s)| **s)
            .map(|(n, _)| i128::from(self.tier_bonus_of(n)))
            .sum();
        self.objective(solution) - bonus - self.group_reward(&solution.served)
    }
}

/// Largest need value or absolute score per unit a problem may hold (2^40).
pub const MAX_VALUE: i64 = 1 << 40;
/// Largest demand, capacity, `max_units` or `usage_per_unit` a problem may hold (2^50).
pub const MAX_AMOUNT: i64 = 1 << 50;

pub(super) fn validate_problem(p: &Problem) -> Result<(), ProblemError> {
    let oob = |table, index, field, value: u64| ProblemError::IndexOutOfRange {
        table,
        index,
        field,
        value,
    };
    if p.need_ids.len() != p.needs.len() {
        return Err(oob("need_ids", 0, "len", p.need_ids.len() as u64));
    }
    if p.provider_ids.len() != p.providers.len() {
        return Err(oob("provider_ids", 0, "len", p.provider_ids.len() as u64));
    }
    if p.role_edge_start.len() != p.roles.len() + 1 {
        return Err(oob(
            "role_edge_start",
            0,
            "len",
            p.role_edge_start.len() as u64,
        ));
    }
    for (i, n) in p.needs.iter().enumerate() {
        let range = n.roles();
        if range.end > p.roles.len() || p.roles[range].iter().any(|r| r.need as usize != i) {
            return Err(ProblemError::RoleLayout { index: i });
        }
        if !(0..=MAX_VALUE).contains(&n.value) {
            return Err(ProblemError::NumberOutOfRange {
                table: "needs",
                index: i,
                field: "value",
                value: n.value,
            });
        }
    }
    if !p.tier_bonus.is_empty() && p.tier_bonus.len() != p.needs.len() {
        return Err(oob("tier_bonus", 0, "len", p.tier_bonus.len() as u64));
    }
    for (i, (&b, n)) in p.tier_bonus.iter().zip(&p.needs).enumerate() {
        if !(0..=n.value).contains(&b) {
            return Err(ProblemError::NumberOutOfRange {
                table: "tier_bonus",
                index: i,
                field: "bonus",
                value: b,
            });
        }
    }
    let mut grouped = vec![false; p.needs.len()];
    for (i, g) in p.groups.iter().enumerate() {
        if g.steps.len() != g.needs.len() {
            return Err(oob("groups", i, "steps", g.steps.len() as u64));
        }
        for &n in &g.needs {
            match grouped.get_mut(n as usize) {
                Some(seen) if !*seen => *seen = true,
                _ => return Err(oob("groups", i, "needs", u64::from(n))),
            }
        }
        for (k, &step) in g.steps.iter().enumerate() {
            let rising = k > 0 && step > g.steps[k - 1];
            if rising || !(0..=MAX_VALUE).contains(&step) {
                return Err(ProblemError::NumberOutOfRange {
                    table: "groups",
                    index: i,
                    field: "steps",
                    value: step,
                });
            }
        }
    }
    for (i, r) in p.roles.iter().enumerate() {
        if r.need as usize >= p.needs.len() {
            return Err(oob("roles", i, "need", u64::from(r.need)));
        }
        if !(1..=MAX_AMOUNT).contains(&r.demand) {
            return Err(ProblemError::NumberOutOfRange {
                table: "roles",
                index: i,
                field: "demand",
                value: r.demand,
            });
        }
    }
    for (i, pr) in p.providers.iter().enumerate() {
        if !(0..=MAX_AMOUNT).contains(&pr.capacity) {
            return Err(ProblemError::NumberOutOfRange {
                table: "providers",
                index: i,
                field: "capacity",
                value: pr.capacity,
            });
        }
    }
    for (i, e) in p.edges.iter().enumerate() {
        if e.role as usize >= p.roles.len() {
            return Err(oob("edges", i, "role", u64::from(e.role)));
        }
        if e.provider as usize >= p.providers.len() {
            return Err(oob("edges", i, "provider", u64::from(e.provider)));
        }
        for (field, value) in [
            ("max_units", e.max_units),
            ("usage_per_unit", e.usage_per_unit),
        ] {
            if !(1..=MAX_AMOUNT).contains(&value) {
                return Err(ProblemError::NumberOutOfRange {
                    table: "edges",
                    index: i,
                    field,
                    value,
                });
            }
        }
        if e.score_per_unit.unsigned_abs() > MAX_VALUE as u64 {
            return Err(ProblemError::NumberOutOfRange {
                table: "edges",
                index: i,
                field: "score_per_unit",
                value: e.score_per_unit,
            });
        }
        if i > 0 && (p.edges[i - 1].role, p.edges[i - 1].provider) >= (e.role, e.provider) {
            return Err(ProblemError::EdgeOrder { index: i });
        }
    }
    validate_shared(p)?;
    let mut expected = 0u32;
    for (r, w) in p.role_edge_start.windows(2).enumerate() {
        let edges = p.edges.get(w[0] as usize..w[1] as usize);
        if w[0] != expected || edges.is_none_or(|es| es.iter().any(|e| e.role as usize != r)) {
            return Err(oob("role_edge_start", r, "offset", u64::from(w[0])));
        }
        expected = w[1];
    }
    if expected as usize != p.edges.len() {
        return Err(oob(
            "role_edge_start",
            p.roles.len(),
            "offset",
            u64::from(expected),
        ));
    }
    Ok(())
}

/// The shared resources' capacities, and every draw's resource and units.
fn validate_shared(p: &Problem) -> Result<(), ProblemError> {
    for (i, r) in p.shared.iter().enumerate() {
        if !(0..=MAX_AMOUNT).contains(&r.capacity) {
            return Err(ProblemError::NumberOutOfRange {
                table: "shared",
                index: i,
                field: "capacity",
                value: r.capacity,
            });
        }
    }
    if p.edge_shared_start.is_empty() {
        return match p.shared_uses.is_empty() {
            true => Ok(()),
            false => Err(oob("shared_uses", 0, "len", p.shared_uses.len() as u64)),
        };
    }
    if p.edge_shared_start.len() != p.edges.len() + 1 {
        return Err(oob(
            "edge_shared_start",
            0,
            "len",
            p.edge_shared_start.len() as u64,
        ));
    }
    let mut last = 0u32;
    for (e, &start) in p.edge_shared_start.iter().enumerate() {
        let first = e == 0 && start != 0;
        if first || start < last || start as usize > p.shared_uses.len() {
            return Err(oob("edge_shared_start", e, "offset", u64::from(start)));
        }
        last = start;
    }
    if last as usize != p.shared_uses.len() {
        return Err(oob(
            "edge_shared_start",
            p.edges.len(),
            "offset",
            u64::from(last),
        ));
    }
    for (i, u) in p.shared_uses.iter().enumerate() {
        if u.resource as usize >= p.shared.len() {
            return Err(oob("shared_uses", i, "resource", u64::from(u.resource)));
        }
        if !(1..=MAX_AMOUNT).contains(&u.per_unit) {
            return Err(ProblemError::NumberOutOfRange {
                table: "shared_uses",
                index: i,
                field: "per_unit",
                value: u.per_unit,
            });
        }
    }
    Ok(())
}

fn oob(table: &'static str, index: usize, field: &'static str, value: u64) -> ProblemError {
    ProblemError::IndexOutOfRange {
        table,
        index,
        field,
        value,
    }
}
