//! Tests of the successive-shortest-path min-cost-flow core
//! ([`wushe::solve::flow::successive_shortest_path`]): exhaustive brute force on tiny random
//! networks, certificates on small needs → providers → sink instances, warm starts,
//! determinism and arc-order invariance.

use crate::support::brute_flow::{BruteFlow, brute_min_cost_flow, small_network};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wushe::ErrorKind;
use wushe::solve::flow::certificate::check_certificate;
use wushe::solve::flow::successive_shortest_path::{NodeOrder, SuccessiveShortestPath};
use wushe::solve::flow::{
    FlowNetwork, FlowSolution, FlowStatus, MinCostFlowSolver, NetworkError, UNCAPACITATED,
    WarmStart,
};

/// A tiny arc: `(tail, head, lower, capacity, cost)`.
type Arc = (usize, usize, i64, i64, i64);

fn build(supplies: &[i64], arcs: &[Arc]) -> FlowNetwork {
    let mut net = FlowNetwork::new(supplies.len());
    for (v, &b) in supplies.iter().enumerate() {
        net.set_supply(v, b).expect("supply in range");
    }
    for &(t, h, l, u, c) in arcs {
        net.add_arc(t, h, l, u, c).expect("arc in range");
    }
    net
}

fn solve(net: &FlowNetwork) -> FlowSolution {
    SuccessiveShortestPath::default()
        .solve(net)
        .expect("valid network")
}

/// Asserts the solution is optimal and certified by its potentials; returns the objective.
fn certified(net: &FlowNetwork, sol: &FlowSolution) -> i128 {
    assert_eq!(sol.status, FlowStatus::Optimal);
    check_certificate(net, sol)
        .expect("certificate holds")
        .objective
}

fn status_of(brute: BruteFlow) -> (FlowStatus, i128) {
    match brute {
        BruteFlow::Optimal(objective) => (FlowStatus::Optimal, objective),
        BruteFlow::Infeasible => (FlowStatus::Infeasible, 0),
        BruteFlow::Unbounded => (FlowStatus::Unbounded, 0),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Status and objective equal exhaustive enumeration; optimal answers carry a valid
    /// certificate (parallel arcs, self-loops, lower bounds, uncapacitated arcs included).
    #[test]
    fn matches_brute_force_on_tiny_networks(net in small_network()) {
        let sol = solve(&net);
        let (status, objective) = status_of(brute_min_cost_flow(&net));
        prop_assert_eq!(sol.status, status);
        if status == FlowStatus::Optimal {
            prop_assert_eq!(certified(&net, &sol), objective);
        }
    }

    /// A warm start from arbitrary (even infeasible) flows and potentials is repaired and
    /// reaches the cold objective.
    #[test]
    fn warm_start_from_garbage_reaches_cold_objective(
        net in small_network(),
        flow_seed in prop::collection::vec(-3i64..=3, 7),
        pot_seed in prop::collection::vec(-9i64..=9, 4),
    ) {
        let cold = solve(&net);
        let warm = WarmStart {
            flow: Some(flow_seed[..net.arc_count()].to_vec()),
            potential: Some(pot_seed[..net.node_count()].to_vec()),
        };
        let hot = SuccessiveShortestPath::default().solve_warm(&net, &warm).expect("valid");
        prop_assert_eq!(hot.status, cold.status);
        if cold.status == FlowStatus::Optimal {
            prop_assert_eq!(certified(&net, &hot), cold.objective);
        }
    }
}

/// A needs → providers → sink instance shaped like the peer benchmark's `mcf` family: `needs` needs with demand 1
/// (2 for ~10%), providers with capacity 1..=8 adding up to ~90% of demand, `k` nearest
/// providers per need at cost `1000·dist + mismatch`, a penalty arc of 5000 per need.
fn transport_instance(needs: usize, k: usize, seed: u64) -> FlowNetwork {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let demand: Vec<i64> = (0..needs)
        .map(|_| if rng.random::<f64>() < 0.1 { 2 } else { 1 })
        .collect();
    let total: i64 = demand.iter().sum();
    let mut caps = Vec::new();
    while caps.iter().sum::<i64>() * 10 < total * 9 {
        caps.push(rng.random_range(1..=8i64));
    }
    let point = |rng: &mut ChaCha8Rng| (rng.random::<f64>(), rng.random::<f64>());
    let providers: Vec<(f64, f64)> = caps.iter().map(|_| point(&mut rng)).collect();
    let (m, sink) = (caps.len(), needs + caps.len());
    let mut net = FlowNetwork::new(sink + 1);
    for (i, &d) in demand.iter().enumerate() {
        net.set_supply(i, d).expect("supply");
        let p = point(&mut rng);
        let mut near: Vec<(i64, usize)> = providers
            .iter()
            .enumerate()
            .map(|(j, q)| (((p.0 - q.0).hypot(p.1 - q.1) * 1000.0).round() as i64, j))
            .collect();
        near.sort_unstable();
        for &(dist, j) in near.iter().take(k.min(m)) {
            let cost = dist + rng.random_range(0..200i64);
            net.add_arc(i, needs + j, 0, d, cost).expect("arc");
        }
        net.add_arc(i, sink, 0, d, 5000).expect("penalty arc");
    }
    for (j, &c) in caps.iter().enumerate() {
        net.add_arc(needs + j, sink, 0, c, 0).expect("capacity arc");
    }
    net.set_supply(sink, -total).expect("sink");
    net
}

#[test]
fn transport_instances_are_certified_optimal() {
    for (needs, k, seed) in [(1, 3, 1), (20, 4, 2), (150, 8, 3), (400, 16, 4)] {
        let net = transport_instance(needs, k, seed);
        let sol = solve(&net);
        certified(&net, &sol);
        // unmet demand is at least total demand minus total capacity
        let caps: i64 = net.capacities()[net.arc_count() - (net.node_count() - needs - 1)..]
            .iter()
            .sum();
        let unmet: i64 = (0..needs)
            .map(|i| {
                let penalty = (i + 1) * (k.min(net.node_count() - needs - 1) + 1) - 1;
                sol.flow[penalty]
            })
            .sum();
        assert!(unmet >= net.supplies()[..needs].iter().sum::<i64>() - caps);
    }
}

#[test]
fn hand_checked_transport_optimum() {
    // needs 0,1 (supply 1 each); provider 2 (capacity 1); sink 3
    let arcs = [
        (0, 2, 0, 1, 10),
        (1, 2, 0, 1, 20),
        (0, 3, 0, 1, 50),
        (1, 3, 0, 1, 50),
        (2, 3, 0, 1, 0),
    ];
    let net = build(&[1, 1, 0, -2], &arcs);
    let sol = solve(&net);
    // serving need 1 and leaving need 0 unmet costs 70, the other way round 60
    assert_eq!(certified(&net, &sol), 60);
    assert_eq!(sol.flow, vec![1, 0, 0, 1, 1]);
}

#[test]
fn same_instance_twice_is_bit_identical() {
    let net = transport_instance(300, 16, 7);
    let first = solve(&net);
    let second = solve(&net);
    assert_eq!(first, second);
    let third = SuccessiveShortestPath::default()
        .solve(&net.clone())
        .expect("valid");
    assert_eq!(first, third);
}

#[test]
fn node_order_knob_does_not_change_the_objective() {
    for seed in [21, 22] {
        let net = transport_instance(200, 8, seed);
        let sweep = solve(&net);
        let input = SuccessiveShortestPath {
            order: NodeOrder::Input,
            ..SuccessiveShortestPath::default()
        }
        .solve(&net)
        .expect("valid");
        assert_eq!(certified(&net, &input), certified(&net, &sweep));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The input node order agrees with brute force too (it skips the renumbering).
    #[test]
    fn input_order_matches_brute_force(net in small_network()) {
        let sol = SuccessiveShortestPath { order: NodeOrder::Input, ..SuccessiveShortestPath::default() }.solve(&net).expect("valid");
        let (status, objective) = status_of(brute_min_cost_flow(&net));
        prop_assert_eq!(sol.status, status);
        if status == FlowStatus::Optimal {
            prop_assert_eq!(certified(&net, &sol), objective);
        }
    }
}

#[test]
fn arc_order_does_not_change_the_objective() {
    let net = transport_instance(250, 16, 11);
    let sol = solve(&net);
    let mut order: Vec<usize> = (0..net.arc_count()).collect();
    order.reverse();
    order.swap(3, 500);
    let mut permuted = FlowNetwork::new(net.node_count());
    for (v, &b) in net.supplies().iter().enumerate() {
        permuted.set_supply(v, b).expect("supply");
    }
    for &a in &order {
        permuted
            .add_arc(
                net.tails()[a] as usize,
                net.heads()[a] as usize,
                net.lowers()[a],
                net.capacities()[a],
                net.costs()[a],
            )
            .expect("arc");
    }
    let other = solve(&permuted);
    assert_eq!(certified(&permuted, &other), certified(&net, &sol));
}

#[test]
fn warm_start_after_a_change_matches_cold() {
    let net = transport_instance(300, 16, 5);
    let previous = solve(&net);
    // raise some costs and cut one provider's capacity, keeping the same arcs
    let mut changed = FlowNetwork::new(net.node_count());
    for (v, &b) in net.supplies().iter().enumerate() {
        changed.set_supply(v, b).expect("supply");
    }
    let last = net.arc_count() - 1;
    for a in 0..net.arc_count() {
        let cost = net.costs()[a] + if a % 7 == 0 { 150 } else { 0 };
        let cap = if a == last { 0 } else { net.capacities()[a] };
        changed
            .add_arc(
                net.tails()[a] as usize,
                net.heads()[a] as usize,
                0,
                cap,
                cost,
            )
            .expect("arc");
    }
    let cold = solve(&changed);
    for warm in [
        WarmStart {
            flow: Some(previous.flow.clone()),
            potential: Some(previous.potential.clone()),
        },
        WarmStart {
            flow: Some(previous.flow.clone()),
            potential: None,
        },
        WarmStart {
            flow: None,
            potential: Some(previous.potential.clone()),
        },
    ] {
        let hot = SuccessiveShortestPath::default()
            .solve_warm(&changed, &warm)
            .expect("valid");
        assert_eq!(certified(&changed, &hot), certified(&changed, &cold));
    }
}

#[test]
fn warm_start_of_wrong_length_is_an_error() {
    let net = build(&[1, -1], &[(0, 1, 0, 1, 1)]);
    let warm = WarmStart {
        flow: Some(vec![0, 0]),
        potential: None,
    };
    let err = SuccessiveShortestPath::default()
        .solve_warm(&net, &warm)
        .expect_err("shape");
    assert!(matches!(
        err.kind(),
        ErrorKind::Network(NetworkError::WarmStartShape { field: "flow", .. })
    ));
}

#[test]
fn infeasible_unbounded_and_overflow_are_reported() {
    // supplies do not sum to zero
    assert_eq!(solve(&build(&[1, 0], &[])).status, FlowStatus::Infeasible);
    // not enough capacity
    let net = build(&[2, -2], &[(0, 1, 0, 1, 1)]);
    assert_eq!(solve(&net).status, FlowStatus::Infeasible);
    // negative uncapacitated cycle in a feasible problem
    let cycle = [
        (0, 1, 0, UNCAPACITATED, -1),
        (1, 0, 0, UNCAPACITATED, 0),
        (0, 2, 0, 1, 3),
    ];
    assert_eq!(
        solve(&build(&[1, 0, -1], &cycle)).status,
        FlowStatus::Unbounded
    );
    // the same cycle, but the supplies cannot be routed
    let stuck = [(0, 1, 0, UNCAPACITATED, -1), (1, 0, 0, UNCAPACITATED, 0)];
    assert_eq!(
        solve(&build(&[1, 0, -1], &stuck)).status,
        FlowStatus::Infeasible
    );
    // an uncapacitated negative self-loop
    let lasso = [(0, 0, 0, UNCAPACITATED, -1), (0, 1, 0, 1, 1)];
    assert_eq!(
        solve(&build(&[1, -1], &lasso)).status,
        FlowStatus::Unbounded
    );
    // excess beyond i64: 4097 forced arcs of 2^52 into one node
    let big = 1i64 << 52;
    let forced: Vec<Arc> = (0..4097).map(|_| (0, 1, big, big, 1)).collect();
    assert_eq!(solve(&build(&[0, 0], &forced)).status, FlowStatus::Overflow);
}

#[test]
fn lower_bounds_and_transshipment_are_respected() {
    // 0 -> 1 -> 2 with a forced unit on an expensive detour 0 -> 3 -> 2
    let arcs = [
        (0, 1, 0, 5, 1),
        (1, 2, 0, 5, 1),
        (0, 3, 1, 5, 10),
        (3, 2, 0, 5, 10),
    ];
    let net = build(&[3, 0, -3, 0], &arcs);
    let sol = solve(&net);
    assert_eq!(certified(&net, &sol), 2 * 2 + 20);
    assert_eq!(sol.flow, vec![2, 2, 1, 1]);
}

#[test]
fn random_transport_seeds_are_certified() {
    let mut rng = ChaCha8Rng::seed_from_u64(99);
    for _ in 0..8 {
        let needs = rng.random_range(1..60);
        let k = rng.random_range(1..6);
        let net = transport_instance(needs, k, rng.random());
        certified(&net, &solve(&net));
    }
}
