//! The primal–dual core with contracted sources on networks where its contraction and hubs
//! matter: many pure sources (split supplies, narrow arcs, lower bounds, parallel arcs)
//! above a small network with negative costs, uncapacitated arcs and a common sink. Every
//! answer is compared with the network simplex (itself proved against brute force in
//! `flow.rs`) and its certificate checked; warm starts from exact, shifted and meaningless
//! potentials, and the coarse start at every depth, give the same optimum.

use proptest::prelude::*;
use wushe::solve::flow::certificate::check_certificate;
use wushe::solve::flow::network_simplex::NetworkSimplex;
use wushe::solve::flow::primal_dual::PrimalDual;
use wushe::solve::flow::{
    FlowNetwork, FlowSolution, FlowStatus, MinCostFlowSolver, UNCAPACITATED, WarmStart,
};

/// A source with its supply and arcs `(upper node, lower, capacity, cost)`.
type Source = (i64, Vec<(usize, i64, i64, i64)>);
/// An arc between upper nodes `(tail, head, lower, capacity, cost)`.
type UpperArc = (usize, usize, i64, i64, i64);

/// `sources` above `upper` upper nodes; the last upper node is a sink taking every supply
/// (plus `imbalance`, so some networks are infeasible), fed by a penalty arc from every
/// source when `penalty` is set.
fn network(
    upper: usize,
    sources: &[Source],
    arcs: &[UpperArc],
    penalty: bool,
    imbalance: i64,
) -> FlowNetwork {
    let n = sources.len() + upper;
    let sink = n - 1;
    let mut net = FlowNetwork::new(n);
    let mut total = 0;
    for (i, (supply, out)) in sources.iter().enumerate() {
        net.set_supply(i, *supply).expect("supply");
        total += supply;
        for &(to, lower, cap, cost) in out {
            net.add_arc(i, sources.len() + to % upper, lower.min(cap), cap, cost)
                .expect("source arc");
        }
        if penalty {
            net.add_arc(i, sink, 0, *supply, 1_000)
                .expect("penalty arc");
        }
    }
    for &(t, h, lower, cap, cost) in arcs {
        let cost = if cap == UNCAPACITATED {
            cost.abs()
        } else {
            cost
        };
        let lower = if cap == UNCAPACITATED {
            lower
        } else {
            lower.min(cap)
        };
        net.add_arc(
            sources.len() + t % upper,
            sources.len() + h % upper,
            lower,
            cap,
            cost,
        )
        .expect("upper arc");
    }
    net.set_supply(sink, -total + imbalance).expect("sink");
    net
}

fn source() -> impl Strategy<Value = Source> {
    (
        1i64..=4,
        prop::collection::vec((0usize..6, 0i64..=1, 0i64..=4, -20i64..=60), 1..=4),
    )
}

fn upper_arc() -> impl Strategy<Value = UpperArc> {
    (
        0usize..6,
        0usize..6,
        0i64..=1,
        prop_oneof![0i64..=6, Just(UNCAPACITATED)],
        -30i64..=50,
    )
}

fn source_heavy() -> impl Strategy<Value = FlowNetwork> {
    (
        2usize..=6,
        prop::collection::vec(source(), 1..=14),
        prop::collection::vec(upper_arc(), 0..=10),
        any::<bool>(),
        prop_oneof![4 => Just(0i64), 1 => -2i64..=2],
    )
        .prop_map(|(upper, sources, arcs, penalty, imbalance)| {
            network(upper, &sources, &arcs, penalty, imbalance)
        })
}

fn assert_same(net: &FlowNetwork, got: &FlowSolution, expected: &FlowSolution, what: &str) {
    assert_eq!(got.status, expected.status, "{what}");
    if expected.status == FlowStatus::Optimal {
        assert_eq!(got.objective, expected.objective, "{what}");
        check_certificate(net, got).unwrap_or_else(|e| panic!("{what}: {e}"));
    }
}

/// Enough sources that the sink takes more than the hub threshold of edges (64).
fn hub_heavy() -> impl Strategy<Value = FlowNetwork> {
    (
        3usize..=8,
        prop::collection::vec(source(), 70..=120),
        prop::collection::vec(upper_arc(), 0..=16),
    )
        .prop_map(|(upper, sources, arcs)| network(upper, &sources, &arcs, true, 0))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn a_hub_sink_reaches_the_simplex_optimum(net in hub_heavy()) {
        let expected = NetworkSimplex::default().solve(&net).expect("valid network");
        for (what, solver) in [
            ("default", PrimalDual::default()),
            ("coarse from eight sources", PrimalDual::default().with_coarsest_sources(Some(8))),
        ] {
            let got = solver.solve(&net).expect("valid network");
            assert_same(&net, &got, &expected, what);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn contracted_sources_reach_the_simplex_optimum(net in source_heavy()) {
        let expected = NetworkSimplex::default().solve(&net).expect("valid network");
        for (what, solver) in [
            ("default", PrimalDual::default()),
            ("no coarse start", PrimalDual::default().with_coarsest_sources(None)),
            ("coarse from one source", PrimalDual::default().with_coarsest_sources(Some(1))),
            ("coarse from two sources", PrimalDual::default().with_coarsest_sources(Some(2))),
        ] {
            let got = solver.solve(&net).expect("valid network");
            assert_same(&net, &got, &expected, what);
            prop_assert_eq!(&solver.solve(&net).expect("valid network"), &got, "deterministic");
        }
    }

    #[test]
    fn any_warm_potentials_end_at_the_same_optimum(
        net in source_heavy(),
        noise in prop::collection::vec(-100i64..=100, 20),
    ) {
        let expected = NetworkSimplex::default().solve(&net).expect("valid network");
        let n = net.node_count();
        let mut starts = vec![
            noise.iter().cycle().take(n).copied().collect::<Vec<_>>(),
            // Far beyond any distance: sums with these leave `i64`.
            noise.iter().cycle().take(n).map(|&d| d.signum() * (i64::MAX - 5)).collect(),
        ];
        if expected.status == FlowStatus::Optimal {
            starts.push(expected.potential.clone());
            starts.push(expected.potential.iter().zip(&noise).map(|(p, d)| p + d).collect());
        }
        for potential in starts {
            let warm = WarmStart { flow: None, potential: Some(potential) };
            let got = PrimalDual::default().solve_warm(&net, &warm).expect("valid network");
            assert_same(&net, &got, &expected, "warm start");
        }
    }
}

/// The exact potentials of a solve are a warm start with little left to move: under a
/// quarter of a cold solve's work.
#[test]
fn exact_potentials_make_a_warm_start_cheap() {
    let net = wushe::solve::flow::families::Family::Escalation
        .generate_scaled(3_000, 4)
        .expect("network");
    let cold = PrimalDual::default()
        .with_coarsest_sources(None)
        .solve(&net)
        .expect("valid network");
    assert_eq!(cold.status, FlowStatus::Optimal);
    let warm = WarmStart {
        flow: None,
        potential: Some(cold.potential.clone()),
    };
    let again = PrimalDual::default()
        .solve_warm(&net, &warm)
        .expect("valid network");
    assert_eq!(again.objective, cold.objective);
    check_certificate(&net, &again).expect("certificate");
    assert!(
        again.work * 4 < cold.work,
        "warm {} against cold {}",
        again.work,
        cold.work
    );
}

/// The coarse start is on by default from 8,000 pure sources and counts its work.
#[test]
fn the_coarse_start_solves_the_same_and_counts_its_work() {
    let net = wushe::solve::flow::families::Family::Escalation
        .generate_scaled(9_000, 2)
        .expect("network");
    let coarse = PrimalDual::default().solve(&net).expect("valid network");
    let cold = PrimalDual::default()
        .with_coarsest_sources(None)
        .solve(&net)
        .expect("valid network");
    assert_eq!(coarse.objective, cold.objective);
    check_certificate(&net, &coarse).expect("certificate");
    assert_ne!(coarse.work, cold.work, "the coarse levels ran");
    let limited = PrimalDual::default()
        .with_work_limit(Some(coarse.work / 4))
        .solve(&net)
        .expect("valid network");
    assert_eq!(limited.status, FlowStatus::WorkLimit);
    assert!(limited.work > coarse.work / 4);
}

/// An uncapacitated arc of negative cost between upper nodes cannot be saturated: the
/// network goes to the network simplex, which reports the unbounded cycle.
#[test]
fn negative_uncapacitated_cycles_are_reported_through_the_simplex() {
    let mut net = FlowNetwork::new(4);
    net.set_supply(0, 1).expect("supply");
    net.set_supply(3, -1).expect("demand");
    net.add_arc(0, 1, 0, 1, 1).expect("arc");
    net.add_arc(1, 2, 0, UNCAPACITATED, -5).expect("arc");
    net.add_arc(2, 1, 0, UNCAPACITATED, 1).expect("arc");
    net.add_arc(2, 3, 0, 1, 0).expect("arc");
    let solution = PrimalDual::default().solve(&net).expect("valid network");
    assert_eq!(solution.status, FlowStatus::Unbounded);
    // Without the way back it is bounded; the simplex solves it to the optimum.
    let mut open = FlowNetwork::new(4);
    open.set_supply(0, 1).expect("supply");
    open.set_supply(3, -1).expect("demand");
    open.add_arc(0, 1, 0, 1, 1).expect("arc");
    open.add_arc(1, 2, 0, UNCAPACITATED, -5).expect("arc");
    open.add_arc(2, 3, 0, 1, 0).expect("arc");
    let solution = PrimalDual::default().solve(&open).expect("valid network");
    assert_eq!(
        (solution.status, solution.objective),
        (FlowStatus::Optimal, -4)
    );
    check_certificate(&open, &solution).expect("certificate");
}

/// 4,096 needs of the largest accepted supply, each to its own place, all through one
/// uncapacitated arc to 4,096 sinks: that arc's flow, 2^64, does not fit `i64`, and the answer
/// says so instead of wrapping.
#[test]
fn a_flow_beyond_i64_is_an_overflow_not_a_wrap() {
    let needs = 4_096;
    let big = 1i64 << 52;
    let (b, c) = (2 * needs, 2 * needs + 1);
    let mut net = FlowNetwork::new(3 * needs + 2);
    for i in 0..needs {
        let (place, sink) = (needs + i, 2 * needs + 2 + i);
        net.set_supply(i, big).expect("supply");
        net.add_arc(i, place, 0, big, 0).expect("arc");
        net.add_arc(place, b, 0, UNCAPACITATED, 0).expect("arc");
        net.set_supply(sink, -big).expect("demand");
        net.add_arc(c, sink, 0, big, 0).expect("arc");
    }
    net.add_arc(b, c, 0, UNCAPACITATED, 1).expect("arc");
    let solution = PrimalDual::default()
        .with_coarsest_sources(None)
        .solve(&net)
        .expect("valid network");
    assert_eq!(solution.status, FlowStatus::Overflow);
    assert!(solution.flow.is_empty() && solution.potential.is_empty());
}

/// A need with more arcs than a contracted source may have (its hops would be quadratic in
/// them) is searched as an ordinary node, and the answer is the simplex's.
#[test]
fn a_need_with_very_many_arcs_is_not_contracted_and_still_exact() {
    let places = 300;
    let mut net = FlowNetwork::new(places + 3);
    let (hub_need, small_need, sink) = (0, 1, places + 2);
    net.set_supply(hub_need, 250).expect("supply");
    net.set_supply(small_need, 3).expect("supply");
    net.set_supply(sink, -253).expect("demand");
    for p in 0..places {
        let place = 2 + p;
        net.add_arc(hub_need, place, 0, 1, (p as i64 * 7) % 23)
            .expect("arc");
        net.add_arc(place, sink, 0, 1, (p as i64 * 5) % 11)
            .expect("arc");
    }
    net.add_arc(small_need, 2, 0, 3, 1).expect("arc");
    net.add_arc(small_need, sink, 0, 3, 40).expect("arc");
    assert!(wushe::solve::flow::primal_dual::MAX_SOURCE_ARCS < places);
    let expected = NetworkSimplex::default()
        .solve(&net)
        .expect("valid network");
    let got = PrimalDual::default().solve(&net).expect("valid network");
    assert_same(&net, &got, &expected, "many arcs");
}
