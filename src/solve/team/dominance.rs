//! Dominated edges of a transportation relaxation: edges no optimum needs.
//!
//! The relaxations of the team strategies are transportation problems: role `r` sends up to
//! its supply `s_r` units over its edges (each edge `e` carries at most `c_e ≥ 1`), provider
//! `p` receives at most `u_p`, every unit of edge `e` earns `B_e`, and units may stay unmet
//! (earning 0). Within one role `B_e` is a non-decreasing function of `score_per_unit` (the
//! role's value share and demand are common to its edges, and the rounding up is monotone).
//!
//! **Lemma.** Sort the edges of `r` by score, best first, and let `K` be a prefix with
//! `Σ_{K} u_p − (sum of the s_r − 1 largest u_p in K) ≥ D`, where `D ≥ Σ_r s_r` is the total
//! supply. Then some optimum sends no unit of `r` outside `K`.
//!
//! *Proof.* Take an optimum with a unit of `r` on an edge `e ∉ K`. If an edge `e' ∈ K` has
//! room on itself and on its provider, moving the unit from `e` to `e'` keeps the flow
//! feasible and does not lower the objective (`B_{e'} ≥ B_e`). Otherwise every `e' ∈ K` is
//! blocked: either full (`r` sends `c_{e'} ≥ 1` units on it; since one unit of `r` is on
//! `e`, at most `s_r − 1` edges of `K` are full) or its provider is full (`u_p` units arrive
//! there). The providers of the non-full edges are distinct and receive in all at least
//! `Σ_K u_p − (sum of the s_r − 1 largest)` units, which together with the unit on `e` exceed
//! `D`: impossible. Each move takes one unit of `r` into `K` and leaves every other role's
//! units where they are, so repeating it for every role ends at an optimum inside the kept
//! edges. ∎
//!
//! Dropping the other edges therefore leaves the relaxed optimum, and the bound it proves,
//! unchanged, while on dense problems (every need eligible for every provider, providers of
//! large capacity) it keeps a handful of edges per role instead of all of them.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use crate::problem::Problem;

/// Edges sorted first when looking for a role's kept prefix (more when they do not suffice).
const FIRST_PREFIX: usize = 8;

/// How [`kept_edges`] orders edges of equal score within a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ties {
    /// Lowest provider index first: roles alike keep the same providers (few distinct
    /// providers, so few provider copies for a dense assignment matrix).
    LowestProvider,
    /// Provider index rotated by the role index: roles alike keep different providers (few
    /// copies per provider, so no price war among identical copies in an auction).
    Spread,
}

/// Per candidate edge: whether it is in the kept prefix of its role (see the module docs).
///
/// `supply[r]` is the supply of role `r` (0: none of its edges is kept), `capacity[p]` the
/// capacity `u_p` of provider `p`, `total` the total supply `D`, and `usable(e)` whether edge
/// `e` can carry a unit in the relaxation (unusable edges are never kept). Deterministic:
/// ties in score are broken by provider index, or with [`Ties::Spread`] by provider index
/// rotated by the role's index (role `r` of `P` providers starts at provider `r mod P`), so
/// that roles whose edges all score alike keep different providers (the lemma holds for any
/// order by score).
pub(crate) fn kept_edges(
    problem: &Problem,
    supply: &[i64],
    capacity: &[i64],
    total: i128,
    ties: Ties,
    usable: impl Fn(usize) -> bool + Sync,
) -> Vec<bool> {
    let providers = problem.providers.len().max(1);
    let per_role: Vec<Vec<usize>> = (0..problem.roles.len())
        .into_par_iter()
        .map(|r| {
            let s = supply.get(r).copied().unwrap_or(0);
            if s <= 0 {
                return Vec::new();
            }
            let mut order: Vec<usize> = problem.role_edge_range(r).filter(|&e| usable(e)).collect();
            let start = match ties {
                Ties::LowestProvider => 0,
                Ties::Spread => r % providers,
            };
            let key = |e: &usize| {
                let edge = &problem.edges[*e];
                let rotated = (edge.provider as usize % providers + providers - start) % providers;
                (Reverse(edge.score_per_unit), rotated)
            };
            // Sort only as much as the prefix needs: the best `k` edges, `k` growing.
            let mut k = FIRST_PREFIX;
            loop {
                if k >= order.len() {
                    order.sort_unstable_by_key(key);
                    let cut = prefix_length(problem, &order, s, capacity, total);
                    order.truncate(cut);
                    return order;
                }
                order.select_nth_unstable_by_key(k, key);
                order[..k].sort_unstable_by_key(key);
                let cut = prefix_length(problem, &order[..k], s, capacity, total);
                if cut < k {
                    order.truncate(cut);
                    return order;
                }
                k = k.saturating_mul(4);
            }
        })
        .collect();
    let mut kept = vec![false; problem.edges.len()];
    for e in per_role.into_iter().flatten() {
        kept[e] = true;
    }
    kept
}

/// Length of the shortest prefix of `order` (edges of one role of supply `s`) that satisfies
/// the lemma's condition, or the whole of it (also when only the whole of it does).
fn prefix_length(
    problem: &Problem,
    order: &[usize],
    s: i64,
    capacity: &[i64],
    total: i128,
) -> usize {
    // The `s − 1` largest capacities seen so far (a min-heap) and their sum.
    let excluded = usize::try_from(s - 1).unwrap_or(usize::MAX);
    let mut largest: BinaryHeap<Reverse<i128>> = BinaryHeap::new();
    let (mut sum, mut largest_sum) = (0i128, 0i128);
    for (i, &e) in order.iter().enumerate() {
        let p = problem.edges[e].provider as usize;
        let u = i128::from(capacity.get(p).copied().unwrap_or(0).max(0)).min(total);
        sum += u;
        if excluded > 0 {
            largest.push(Reverse(u));
            largest_sum += u;
            if largest.len() > excluded {
                if let Some(Reverse(smallest)) = largest.pop() {
                    largest_sum -= smallest;
                }
            }
        }
        if sum - largest_sum >= total {
            return i + 1;
        }
    }
    order.len()
}
