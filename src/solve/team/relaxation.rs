//! The linear relaxation every exact core solves: per-edge integer benefits with the need
//! values spread over the core roles, unit capacities, and the bound it proves.
//!
//! Relaxing the team rule (a need is served only when all its core roles are complete) and
//! `one_role_per_need`, and measuring provider capacity in units of its smallest usable
//! `usage_per_unit`, leaves a transportation problem: roles supply units, providers absorb
//! them. A need's value `v` is split equally over its `k` core roles (`v / k`, the remainder
//! to the first roles) and each unit of core role `r` (demand `d`) earns `v_r / d` on top of
//! its score. For every feasible solution of the [`Problem`] the relaxed objective is at
//! least the true one, so the relaxed optimum is an upper bound.
//!
//! Costs of the cores are integers of bounded size, so benefits are scaled by `2^t` and
//! rounded *up*: `B_e = ⌈2^t·(score·d + v_r) / d⌉`. The exponent `t ≤ 16` is the largest that
//! keeps every `|B_e|` within the core's cost limit; `t` is negative (down-scaling) only when
//! scores and values are close to the 2^40 input limit. Rounding up keeps the bound valid:
//! `bound = ⌊F / 2^t⌋` for the scaled relaxed optimum `F`. No number is ever wrapped: sums use
//! `i128` and every shift is checked.

use crate::model::TeamRule;
use crate::problem::{Problem, ProblemRole};

/// Largest scaling exponent tried (benefits in units of 2^-16).
const MAX_SHIFT: i32 = 16;
/// Smallest scaling exponent tried (values are at most 2^40, so 2^-48 always fits).
const MIN_SHIFT: i32 = -48;

/// Whether role `role` must be complete for its need to be served.
pub(crate) fn is_core(problem: &Problem, role: &ProblemRole) -> bool {
    let rule = problem
        .needs
        .get(role.need as usize)
        .map_or(TeamRule::AllOrNothing, |n| n.rule);
    !(role.optional && rule == TeamRule::CoreThenOptional)
}

/// Capacity of provider `p` in units of its smallest usable `usage_per_unit` (0 when no edge
/// fits its capacity); `usage[p]` is that smallest usage.
pub(crate) fn unit_capacities(problem: &Problem) -> Vec<i64> {
    let mut min_usage = vec![i64::MAX; problem.providers.len()];
    for e in &problem.edges {
        let p = e.provider as usize;
        if let (Some(m), Some(pr)) = (min_usage.get_mut(p), problem.providers.get(p)) {
            if e.usage_per_unit <= pr.capacity {
                *m = (*m).min(e.usage_per_unit);
            }
        }
    }
    problem
        .providers
        .iter()
        .zip(&min_usage)
        .map(|(pr, &u)| if u == i64::MAX { 0 } else { pr.capacity / u })
        .collect()
}

/// Whether edge `e` can carry at least one unit (its usage fits the provider's capacity).
pub(crate) fn edge_usable(problem: &Problem, edge: usize) -> bool {
    problem.edges.get(edge).is_some_and(|e| {
        problem
            .providers
            .get(e.provider as usize)
            .is_some_and(|p| e.usage_per_unit <= p.capacity)
    })
}

/// Per-edge scaled benefits of the relaxation and the data to turn its optimum into a bound.
#[derive(Debug, Clone)]
pub(crate) struct Benefits {
    /// `B_e` per edge (0 for edges of unusable needs).
    pub(crate) per_edge: Vec<i64>,
    /// Scaling exponent `t`.
    pub(crate) shift: i32,
    /// Per need: whether it can possibly be served (every core role has enough usable edge
    /// units); roles of other needs are left out of the relaxation.
    pub(crate) usable_need: Vec<bool>,
    /// Σ values of needs without core roles (served for free, a constant of the bound).
    pub(crate) free_value: i128,
}

impl Benefits {
    /// Benefits whose absolute values stay below `max_abs_cost` (at least 2).
    pub(crate) fn new(problem: &Problem, max_abs_cost: i64) -> Self {
        let units = unit_capacities(problem);
        let usable_need = usable_needs(problem, &units);
        let shares = value_shares(problem, &usable_need);
        let max_abs = problem
            .edges
            .iter()
            .map(|e| numerator(problem, &shares, e.role as usize, e.score_per_unit))
            .map(|(num, d)| ceil_div(num.abs(), d))
            .max()
            .unwrap_or(0);
        let shift = choose_shift(max_abs, max_abs_cost.max(2));
        let per_edge = problem
            .edges
            .iter()
            .map(|e| {
                let (num, d) = numerator(problem, &shares, e.role as usize, e.score_per_unit);
                scaled(num, d, shift)
            })
            .collect();
        let free_value = problem
            .needs
            .iter()
            .filter(|n| !n.roles().any(|r| is_core(problem, &problem.roles[r])))
            .map(|n| i128::from(n.value))
            .sum();
        Benefits {
            per_edge,
            shift,
            usable_need,
            free_value,
        }
    }

    /// The upper bound proved by a scaled relaxed optimum `scaled_optimum` (a maximum of
    /// `Σ B_e·x_e`), or `None` when it does not fit `i64`.
    pub(crate) fn bound(&self, scaled_optimum: i128) -> Option<i64> {
        let unscaled = if self.shift >= 0 {
            scaled_optimum.div_euclid(1i128 << self.shift)
        } else {
            scaled_optimum.checked_mul(1i128 << (-self.shift))?
        };
        i64::try_from(unscaled.checked_add(self.free_value)?).ok()
    }
}

/// Needs whose every core role can be completed from its usable edges, looking at one role at
/// a time (a necessary condition).
pub(crate) fn usable_needs(problem: &Problem, units: &[i64]) -> Vec<bool> {
    problem
        .needs
        .iter()
        .map(|n| {
            n.roles().all(|r| {
                let role = &problem.roles[r];
                !is_core(problem, role) || role_reach(problem, units, r) >= role.demand
            })
        })
        .collect()
}

/// Units role `r` could receive at most, each edge alone.
pub(crate) fn role_reach(problem: &Problem, units: &[i64], r: usize) -> i64 {
    let range = problem.role_edge_range(r);
    let mut total = 0i64;
    for (i, e) in problem.edges[range.clone()].iter().enumerate() {
        if edge_usable(problem, range.start + i) {
            let cap = units.get(e.provider as usize).copied().unwrap_or(0);
            total = total.saturating_add(e.max_units.min(cap));
        }
    }
    total
}

/// The most scaled benefit role `r` can collect on its own: `supply` units on its usable
/// edges of positive benefit, best first, each edge up to `min(max_units, unit capacity)`.
/// Adding it for roles left out of a relaxation keeps the bound valid.
pub(crate) fn standalone_benefit(
    problem: &Problem,
    benefits: &Benefits,
    units: &[i64],
    r: usize,
    supply: i64,
) -> i128 {
    let mut best: Vec<(i64, i64)> = problem
        .role_edge_range(r)
        .filter(|&e| edge_usable(problem, e) && benefits.per_edge[e] > 0)
        .map(|e| {
            let edge = &problem.edges[e];
            let cap = edge
                .max_units
                .min(units.get(edge.provider as usize).copied().unwrap_or(0));
            (benefits.per_edge[e], cap)
        })
        .collect();
    best.sort_unstable_by(|a, b| b.cmp(a));
    let mut left = supply;
    let mut total = 0i128;
    for (benefit, cap) in best {
        let take = cap.min(left);
        total += i128::from(take) * i128::from(benefit);
        left -= take;
    }
    total
}

/// Value share `v_r` per role (0 for optional roles and roles of unusable needs).
fn value_shares(problem: &Problem, usable_need: &[bool]) -> Vec<i64> {
    let mut shares = vec![0i64; problem.roles.len()];
    for (i, n) in problem.needs.iter().enumerate() {
        if !usable_need.get(i).copied().unwrap_or(false) {
            continue;
        }
        let core: Vec<usize> = n
            .roles()
            .filter(|&r| is_core(problem, &problem.roles[r]))
            .collect();
        let k = core.len() as i64;
        if k == 0 {
            continue;
        }
        for (j, &r) in core.iter().enumerate() {
            shares[r] = n.value / k + i64::from((j as i64) < n.value % k);
        }
    }
    shares
}

/// `(score·d + v_r, d)`: the benefit per unit of an edge of role `r` is `num / d`.
fn numerator(problem: &Problem, shares: &[i64], r: usize, score: i64) -> (i128, i128) {
    let d = problem.roles.get(r).map_or(1, |role| role.demand.max(1));
    let share = shares.get(r).copied().unwrap_or(0);
    (
        i128::from(score) * i128::from(d) + i128::from(share),
        i128::from(d),
    )
}

/// `⌈a / b⌉` for `b > 0`.
fn ceil_div(a: i128, b: i128) -> i128 {
    -((-a).div_euclid(b))
}

/// `⌈2^t·num / d⌉` as `i64` (callers chose `t` so that it fits).
fn scaled(num: i128, d: i128, shift: i32) -> i64 {
    let value = if shift >= 0 {
        ceil_div(num << shift, d)
    } else {
        ceil_div(num, d << (-shift))
    };
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}

/// Largest `t ≤ MAX_SHIFT` with `⌈2^t·max_abs⌉ + 1 ≤ limit`.
fn choose_shift(max_abs: i128, limit: i64) -> i32 {
    let limit = i128::from(limit);
    let mut t = MAX_SHIFT;
    while t > MIN_SHIFT {
        let fits = if t >= 0 {
            (max_abs << t) < limit
        } else {
            ceil_div(max_abs, 1i128 << (-t)) < limit
        };
        if fits {
            break;
        }
        t -= 1;
    }
    t
}
