//! Brute-force min-cost flow for tiny networks, and a proptest strategy generating them.
//!
//! [`brute_min_cost_flow`] enumerates every integer flow within the arc bounds (uncapacitated
//! arcs up to a bound no basic solution exceeds) and keeps the cheapest one that conserves
//! flow. Unboundedness is decided separately and exactly: a feasible problem is unbounded iff
//! the uncapacitated arcs hold a negative-cost cycle (the recession cone of the LP is the set
//! of non-negative circulations on those arcs).

use proptest::prelude::*;
use wushe::solve::flow::{FlowNetwork, UNCAPACITATED};

/// Classification and optimum found by enumeration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BruteFlow {
    /// Optimal objective `Σ cost·flow`.
    Optimal(i128),
    /// No feasible flow (or supplies do not sum to zero).
    Infeasible,
    /// Feasible with a negative cycle of uncapacitated arcs.
    Unbounded,
}

/// Largest number of flow vectors [`brute_min_cost_flow`] will enumerate.
pub const MAX_ENUMERATION: u64 = 20_000;

/// Upper end of the enumerated range of each arc.
pub fn enumeration_tops(net: &FlowNetwork) -> Vec<i64> {
    let finite: i64 = net
        .lowers()
        .iter()
        .zip(net.capacities())
        .map(|(&l, &u)| {
            if u == UNCAPACITATED {
                l.abs()
            } else {
                l.abs() + u.abs()
            }
        })
        .sum();
    let supply: i64 = net.supplies().iter().map(|b| b.abs()).sum();
    let reach = finite + supply;
    net.lowers()
        .iter()
        .zip(net.capacities())
        .map(|(&l, &u)| if u == UNCAPACITATED { l + reach } else { u })
        .collect()
}

/// Number of flow vectors the enumeration visits (saturating).
pub fn enumeration_size(net: &FlowNetwork) -> u64 {
    let tops = enumeration_tops(net);
    net.lowers().iter().zip(&tops).fold(1u64, |acc, (&l, &t)| {
        acc.saturating_mul((t - l + 1).max(1) as u64)
    })
}

/// Exhaustive reference solution. Panics (test helper) when the enumeration would exceed
/// [`MAX_ENUMERATION`].
pub fn brute_min_cost_flow(net: &FlowNetwork) -> BruteFlow {
    assert!(
        enumeration_size(net) <= MAX_ENUMERATION,
        "network too large for brute force"
    );
    let total: i64 = net.supplies().iter().sum();
    if total != 0 {
        return BruteFlow::Infeasible;
    }
    let Some(best) = cheapest_feasible(net) else {
        return BruteFlow::Infeasible;
    };
    if has_negative_uncapacitated_cycle(net) {
        BruteFlow::Unbounded
    } else {
        BruteFlow::Optimal(best)
    }
}

fn cheapest_feasible(net: &FlowNetwork) -> Option<i128> {
    let m = net.arc_count();
    let tops = enumeration_tops(net);
    let mut flow: Vec<i64> = net.lowers().to_vec();
    let mut best: Option<i128> = None;
    loop {
        if conserves(net, &flow) {
            let obj = net.objective_of(&flow).expect("tiny numbers");
            best = Some(best.map_or(obj, |b: i128| b.min(obj)));
        }
        // Odometer step.
        let mut i = 0;
        loop {
            if i == m {
                return best;
            }
            if flow[i] < tops[i] {
                flow[i] += 1;
                break;
            }
            flow[i] = net.lowers()[i];
            i += 1;
        }
    }
}

fn conserves(net: &FlowNetwork, flow: &[i64]) -> bool {
    let mut bal: Vec<i64> = net.supplies().to_vec();
    for ((&t, &h), &x) in net.tails().iter().zip(net.heads()).zip(flow) {
        bal[t as usize] -= x;
        bal[h as usize] += x;
    }
    bal.iter().all(|&b| b == 0)
}

/// Floyd–Warshall on the uncapacitated arcs: a negative diagonal entry is a negative cycle.
pub fn has_negative_uncapacitated_cycle(net: &FlowNetwork) -> bool {
    let n = net.node_count();
    let mut d: Vec<Vec<Option<i128>>> = vec![vec![None; n]; n];
    for a in 0..net.arc_count() {
        if net.capacities()[a] != UNCAPACITATED {
            continue;
        }
        let (t, h) = (net.tails()[a] as usize, net.heads()[a] as usize);
        let c = i128::from(net.costs()[a]);
        d[t][h] = Some(d[t][h].map_or(c, |x| x.min(c)));
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if let (Some(a), Some(b)) = (d[i][k], d[k][j]) {
                    if d[i][j].is_none_or(|x| a + b < x) {
                        d[i][j] = Some(a + b);
                    }
                }
            }
        }
    }
    (0..n).any(|i| d[i][i].is_some_and(|x| x < 0))
}

/// One generated arc: `(tail, head, lower, extra capacity, cost, uncapacitated)`.
type ArcSpec = (usize, usize, i64, i64, i64, bool);

fn arc_spec(n: usize) -> impl Strategy<Value = ArcSpec> {
    (
        0..n,
        0..n,
        prop_oneof![6 => Just(0i64), 1 => 1i64..=2],
        prop_oneof![1 => Just(0i64), 6 => 1i64..=3],
        prop_oneof![3 => -3i64..=4, 1 => Just(1i64)],
        prop::bool::weighted(0.1),
    )
}

/// Small random networks for brute-force comparison: 1–4 nodes, 0–7 arcs, transshipment
/// nodes, parallel arcs, self-loops, lower bounds, zero capacities, tied and negative costs,
/// occasionally unbalanced supplies and uncapacitated arcs (negative cycles for unbounded
/// cases). Every network is small enough for [`brute_min_cost_flow`].
pub fn small_network() -> impl Strategy<Value = FlowNetwork> {
    (1usize..=4)
        .prop_flat_map(|n| {
            (
                Just(n),
                prop::collection::vec(prop_oneof![1 => Just(0i64), 2 => -2i64..=2], n),
                prop::bool::weighted(0.9),
                prop::collection::vec(arc_spec(n), 0..=7),
            )
        })
        .prop_map(|(n, mut supply, balanced, arcs)| {
            if balanced {
                let total: i64 = supply.iter().sum();
                supply[n - 1] -= total;
            }
            let mut net = FlowNetwork::new(n);
            for (v, &b) in supply.iter().enumerate() {
                net.set_supply(v, b).expect("small supply");
            }
            for (t, h, lower, extra, cost, uncap) in arcs {
                let cap = if uncap { UNCAPACITATED } else { lower + extra };
                net.add_arc(t, h, lower, cap, cost).expect("valid arc");
            }
            net
        })
        .prop_filter("small enough to enumerate", |net| {
            enumeration_size(net) <= MAX_ENUMERATION
        })
}
