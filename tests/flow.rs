//! Proof tests for every min-cost-flow solver: brute force, certificates, warm starts,
//! metamorphic permutations, typed errors and hand-written regressions.

use proptest::prelude::*;
use wushe::ErrorKind;
use wushe::solve::flow::automatic::Automatic;
use wushe::solve::flow::certificate::{CertificateViolation, check_certificate};
use wushe::solve::flow::cost_scaling::CostScaling;
use wushe::solve::flow::network_simplex::{NetworkSimplex, NodeOrder};
use wushe::solve::flow::primal_dual::PrimalDual;
use wushe::solve::flow::{
    FlowNetwork, FlowSolution, FlowStatus, MinCostFlowSolver, NetworkError, UNCAPACITATED,
    WarmStart,
};

use wushe::solve::flow::successive_shortest_path::SuccessiveShortestPath;

use crate::support::brute_flow::{BruteFlow, brute_min_cost_flow, small_network};

/// Every general min-cost-flow solver of the crate (the automatic choice included).
fn flow_solvers() -> Vec<Box<dyn MinCostFlowSolver>> {
    vec![
        Box::new(Automatic),
        Box::new(NetworkSimplex::default()),
        Box::new(NetworkSimplex::default().with_block_size(Some(1))),
        Box::new(
            NetworkSimplex::default()
                .with_block_size(Some(2))
                .with_pricing_stride(Some(3)),
        ),
        Box::new(NetworkSimplex::default().with_node_order(NodeOrder::CheapestArcForest)),
        Box::new(
            NetworkSimplex::default()
                .with_pricing_stride(Some(3))
                .with_node_order(NodeOrder::CheapestArcForest),
        ),
        Box::new(CostScaling::default()),
        Box::new(CostScaling::default().with_alpha(2)),
        Box::new(CostScaling::default().with_alpha(i64::MAX)),
        Box::new(CostScaling::default().with_augment_steps(0)),
        Box::new(CostScaling::default().with_augment_steps(1).with_alpha(3)),
        Box::new(PrimalDual::default()),
        Box::new(PrimalDual::default().with_coarsest_sources(None)),
        // Coarse levels even on tiny networks (one level per factor of four in sources).
        Box::new(PrimalDual::default().with_coarsest_sources(Some(1))),
    ]
}

fn classify(solution: &FlowSolution) -> BruteFlow {
    match solution.status {
        FlowStatus::Optimal => BruteFlow::Optimal(solution.objective),
        FlowStatus::Infeasible => BruteFlow::Infeasible,
        FlowStatus::Unbounded => BruteFlow::Unbounded,
        FlowStatus::Overflow => panic!("overflow on a tiny network"),
        FlowStatus::WorkLimit => panic!("work limit without a limit"),
    }
}

/// Solves, checks the certificate of an optimal answer, and returns the classification.
fn solve_checked(
    solver: &dyn MinCostFlowSolver,
    net: &FlowNetwork,
    warm: Option<&WarmStart>,
) -> BruteFlow {
    let solution = match warm {
        Some(w) => solver.solve_warm(net, w),
        None => solver.solve(net),
    }
    .expect("valid network");
    if solution.status == FlowStatus::Optimal {
        let cert = check_certificate(net, &solution);
        assert!(cert.is_ok(), "{}: {cert:?} on {net:?}", solver.name());
    } else {
        assert!(solution.flow.is_empty() && solution.potential.is_empty());
    }
    classify(&solution)
}

fn permuted(net: &FlowNetwork, order: &[usize]) -> FlowNetwork {
    let mut out = FlowNetwork::new(net.node_count());
    for (v, &b) in net.supplies().iter().enumerate() {
        out.set_supply(v, b).expect("copied supply");
    }
    for &a in order {
        out.add_arc(
            net.tails()[a] as usize,
            net.heads()[a] as usize,
            net.lowers()[a],
            net.capacities()[a],
            net.costs()[a],
        )
        .expect("copied arc");
    }
    out
}

/// A flow of the right length that may violate bounds and conservation.
fn perturbed(flow: &[i64], noise: &[i64]) -> Vec<i64> {
    flow.iter()
        .zip(noise.iter().cycle())
        .map(|(&x, &d)| x + d)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(800))]

    #[test]
    fn status_and_objective_match_brute_force(net in small_network()) {
        let expected = brute_min_cost_flow(&net);
        for solver in flow_solvers() {
            prop_assert_eq!(solve_checked(solver.as_ref(), &net, None), expected, "{}", solver.name());
        }
    }

    #[test]
    fn warm_starts_keep_the_optimum(
        net in small_network(),
        noise in prop::collection::vec(-2i64..=2, 1..6),
        pot_noise in prop::collection::vec(-5i64..=5, 1..5),
    ) {
        let expected = brute_min_cost_flow(&net);
        for solver in flow_solvers() {
            let cold = solver.solve(&net).expect("valid network");
            let (flow, potential) = if cold.status == FlowStatus::Optimal {
                (cold.flow.clone(), cold.potential.clone())
            } else {
                (vec![0; net.arc_count()], vec![0; net.node_count()])
            };
            let bad_flow = perturbed(&flow, &noise);
            let bad_pot = perturbed(&potential, &pot_noise);
            let warms = [
                WarmStart { flow: Some(flow.clone()), potential: None },
                WarmStart { flow: Some(bad_flow.clone()), potential: None },
                WarmStart { flow: None, potential: Some(potential.clone()) },
                WarmStart { flow: None, potential: Some(bad_pot.clone()) },
                WarmStart { flow: Some(bad_flow), potential: Some(bad_pot) },
            ];
            for warm in &warms {
                prop_assert_eq!(solve_checked(solver.as_ref(), &net, Some(warm)), expected, "{} {:?}", solver.name(), warm);
            }
        }
    }

    #[test]
    fn permuting_arcs_keeps_the_objective(net in small_network(), seed in any::<u64>()) {
        let m = net.arc_count();
        let mut order: Vec<usize> = (0..m).collect();
        let mut state = seed | 1;
        for i in (1..m).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let shuffled = permuted(&net, &order);
        for solver in flow_solvers() {
            let a = solve_checked(solver.as_ref(), &net, None);
            let b = solve_checked(solver.as_ref(), &shuffled, None);
            prop_assert_eq!(a, b, "{}", solver.name());
        }
    }

    #[test]
    fn solving_is_deterministic(net in small_network()) {
        for solver in flow_solvers() {
            let a = solver.solve(&net).expect("valid network");
            let b = solver.solve(&net).expect("valid network");
            prop_assert_eq!(a, b);
        }
    }
}

fn net_from(supply: &[i64], arcs: &[(usize, usize, i64, i64, i64)]) -> FlowNetwork {
    let mut net = FlowNetwork::new(supply.len());
    for (v, &b) in supply.iter().enumerate() {
        net.set_supply(v, b).expect("test supply");
    }
    for &(t, h, l, u, c) in arcs {
        net.add_arc(t, h, l, u, c).expect("test arc");
    }
    net
}

fn statuses(net: &FlowNetwork) -> Vec<BruteFlow> {
    flow_solvers()
        .iter()
        .map(|s| solve_checked(s.as_ref(), net, None))
        .collect()
}

fn assert_all(net: &FlowNetwork, expected: BruteFlow) {
    for got in statuses(net) {
        assert_eq!(got, expected);
    }
}

#[test]
fn empty_network_is_optimal_with_zero_cost() {
    assert_all(&FlowNetwork::new(0), BruteFlow::Optimal(0));
}

#[test]
fn single_node_without_supply_is_optimal() {
    assert_all(&net_from(&[0], &[]), BruteFlow::Optimal(0));
}

#[test]
fn single_node_with_supply_is_infeasible() {
    assert_all(&net_from(&[4], &[]), BruteFlow::Infeasible);
}

#[test]
fn unbalanced_supplies_are_infeasible() {
    assert_all(
        &net_from(&[3, -2], &[(0, 1, 0, 5, 1)]),
        BruteFlow::Infeasible,
    );
}

#[test]
fn negative_self_loop_with_capacity_is_saturated() {
    let net = net_from(&[0], &[(0, 0, 1, 4, -3)]);
    for solver in flow_solvers() {
        let s = solver.solve(&net).expect("valid");
        assert_eq!(s.status, FlowStatus::Optimal);
        assert_eq!(s.flow, vec![4]);
        assert_eq!(s.objective, -12);
    }
}

#[test]
fn negative_uncapacitated_self_loop_is_unbounded() {
    assert_all(
        &net_from(&[0], &[(0, 0, 0, UNCAPACITATED, -1)]),
        BruteFlow::Unbounded,
    );
}

#[test]
fn negative_uncapacitated_cycle_is_unbounded() {
    let arcs = [
        (0, 1, 0, UNCAPACITATED, 2),
        (1, 2, 0, UNCAPACITATED, -5),
        (2, 0, 0, UNCAPACITATED, 1),
        (0, 2, 0, 3, 1),
    ];
    assert_all(&net_from(&[2, 0, -2], &arcs), BruteFlow::Unbounded);
}

#[test]
fn negative_cycle_in_an_infeasible_problem_is_infeasible() {
    let arcs = [(0, 1, 0, UNCAPACITATED, -1), (1, 0, 0, UNCAPACITATED, -1)];
    assert_all(&net_from(&[1, 0, -1], &arcs), BruteFlow::Infeasible);
}

#[test]
fn capacitated_negative_cycle_is_saturated() {
    let arcs = [(0, 1, 0, 3, -2), (1, 0, 0, 2, 1)];
    assert_all(&net_from(&[0, 0], &arcs), BruteFlow::Optimal(-2));
}

#[test]
fn lower_bounds_forcing_infeasibility() {
    // Arc 0→1 must carry 3 but node 1 can pass on at most 2.
    let arcs = [(0, 1, 3, 5, 1), (1, 2, 0, 2, 1)];
    assert_all(&net_from(&[3, 0, -3], &arcs), BruteFlow::Infeasible);
}

#[test]
fn excess_trapped_behind_a_negative_arc_is_infeasible() {
    // Node 2's unit can only reach transshipment node 1, never the deficit at node 0; the
    // negative arc tempts a push–relabel core into pushing the unit back and forth.
    let arcs = [(2, 1, 0, 2, -1)];
    assert_all(&net_from(&[-1, 0, 1], &arcs), BruteFlow::Infeasible);
}

#[test]
fn lower_bounds_are_respected_at_extra_cost() {
    // The expensive arc must carry at least 2 units.
    let arcs = [(0, 1, 0, 5, 1), (0, 1, 2, 5, 10)];
    assert_all(&net_from(&[3, -3], &arcs), BruteFlow::Optimal(21));
}

#[test]
fn zero_capacity_arcs_carry_nothing() {
    let arcs = [(0, 1, 0, 0, -100), (0, 1, 0, 2, 7)];
    assert_all(&net_from(&[2, -2], &arcs), BruteFlow::Optimal(14));
}

#[test]
fn transshipment_with_parallel_arcs() {
    let arcs = [
        (0, 1, 0, 1, 1),
        (0, 1, 0, 1, 4),
        (1, 2, 0, 2, 0),
        (0, 2, 0, 2, 6),
    ];
    assert_all(&net_from(&[2, 0, -2], &arcs), BruteFlow::Optimal(5));
}

#[test]
fn huge_costs_report_overflow_not_wrapped() {
    let n = 1 << 21;
    let mut net = FlowNetwork::new(n);
    net.add_arc(0, 1, 0, 1, 1 << 40).expect("cost at the limit");
    for solver in flow_solvers() {
        let s = solver.solve(&net).expect("valid");
        if solver.name() == "primal_dual" {
            // Checks every sum as it goes instead of bounding `n · C` up front: nothing
            // here leaves `i64` (no supply moves), so the answer is the certified optimum.
            assert_eq!((s.status, s.objective), (FlowStatus::Optimal, 0));
            check_certificate(&net, &s).expect("certificate");
            continue;
        }
        assert_eq!(s.status, FlowStatus::Overflow, "{}", solver.name());
        assert!(s.flow.is_empty());
    }
}

#[test]
fn warm_start_of_wrong_length_is_a_typed_error() {
    let net = net_from(&[1, -1], &[(0, 1, 0, 1, 1)]);
    let cases = [
        (
            WarmStart {
                flow: Some(vec![0, 0]),
                potential: None,
            },
            "flow",
            2,
            1,
        ),
        (
            WarmStart {
                flow: None,
                potential: Some(vec![0]),
            },
            "potential",
            1,
            2,
        ),
    ];
    for solver in flow_solvers() {
        for (warm, field, len, expected) in &cases {
            let err = solver.solve_warm(&net, warm).expect_err("bad shape");
            match err.kind() {
                ErrorKind::Network(NetworkError::WarmStartShape {
                    field: f,
                    len: l,
                    expected: e,
                }) => {
                    assert_eq!((f, l, e), (field, len, expected));
                }
                other => panic!("unexpected error {other:?}"),
            }
        }
    }
}

/// Two parallel routes; the optimum uses the cheap one.
fn two_routes() -> FlowNetwork {
    net_from(
        &[2, 0, -2],
        &[(0, 1, 0, 2, 1), (1, 2, 0, 2, 1), (0, 2, 0, 2, 5)],
    )
}

#[test]
fn certificate_accepts_the_solver_answer() {
    let net = two_routes();
    let s = NetworkSimplex::default().solve(&net).expect("valid");
    let cert = check_certificate(&net, &s).expect("optimal");
    assert_eq!((cert.objective, cert.dual_objective), (4, 4));
}

#[test]
fn certificate_rejects_a_feasible_but_suboptimal_flow() {
    let net = two_routes();
    let mut s = NetworkSimplex::default().solve(&net).expect("valid");
    s.flow = vec![0, 0, 2];
    s.objective = 10;
    let err = check_certificate(&net, &s).expect_err("suboptimal");
    assert!(matches!(
        err,
        CertificateViolation::PositiveReducedCostAboveLower { .. }
            | CertificateViolation::NegativeReducedCostBelowCapacity { .. }
    ));
}

#[test]
fn certificate_rejects_bad_potentials() {
    let net = two_routes();
    let mut s = NetworkSimplex::default().solve(&net).expect("valid");
    s.potential = vec![0, 0, 0];
    let err = check_certificate(&net, &s).expect_err("bad potentials");
    assert!(matches!(
        err,
        CertificateViolation::PositiveReducedCostAboveLower { .. }
            | CertificateViolation::NegativeReducedCostBelowCapacity { .. }
    ));
}

#[test]
fn certificate_rejects_infeasible_flows_and_wrong_objectives() {
    let net = two_routes();
    let good = NetworkSimplex::default().solve(&net).expect("valid");
    let mut over = good.clone();
    over.flow = vec![3, 3, -1];
    assert!(matches!(
        check_certificate(&net, &over),
        Err(CertificateViolation::FlowOutOfBounds {
            arc: 0,
            flow: 3,
            ..
        })
    ));
    let mut leaky = good.clone();
    leaky.flow = vec![2, 1, 0];
    assert!(matches!(
        check_certificate(&net, &leaky),
        Err(CertificateViolation::Conservation { node: 1, .. })
    ));
    let mut wrong = good.clone();
    wrong.objective = 5;
    assert_eq!(
        check_certificate(&net, &wrong),
        Err(CertificateViolation::ObjectiveMismatch {
            reported: 5,
            computed: 4
        })
    );
    let mut short = good.clone();
    short.potential.pop();
    assert!(matches!(
        check_certificate(&net, &short),
        Err(CertificateViolation::Shape {
            field: "potential",
            ..
        })
    ));
    let not_optimal = FlowSolution::without_flow(FlowStatus::Infeasible);
    assert!(matches!(
        check_certificate(&net, &not_optimal),
        Err(CertificateViolation::NotOptimal { .. })
    ));
}

#[test]
fn certificate_rejects_negative_reduced_cost_on_uncapacitated_arc() {
    let net = net_from(&[0, 0], &[(0, 1, 0, UNCAPACITATED, -1)]);
    let claim = FlowSolution {
        status: FlowStatus::Optimal,
        flow: vec![0],
        potential: vec![0, 0],
        objective: 0,
        work: 0,
    };
    assert!(matches!(
        check_certificate(&net, &claim),
        Err(CertificateViolation::NegativeReducedCostBelowCapacity { arc: 0, .. })
    ));
}

/// Random networks of 8–40 nodes, too large to enumerate but large enough that the network
/// simplex's re-hung subtrees are sometimes the larger side of the tree (whose potentials it
/// then leaves alone, shifting the rest instead): balanced supplies in `-3..=3`, 2–5 arcs per
/// node with capacity `1..=6` and cost `-5..=30`.
fn medium_network() -> impl Strategy<Value = FlowNetwork> {
    (8usize..=40)
        .prop_flat_map(|n| {
            (
                Just(n),
                prop::collection::vec(-3i64..=3, n),
                prop::collection::vec((0..n, 0..n, 1i64..=6, -5i64..=30), 2 * n..=5 * n),
            )
        })
        .prop_map(|(n, mut supply, arcs)| {
            let total: i64 = supply.iter().sum();
            supply[n - 1] -= total;
            let mut net = FlowNetwork::new(n);
            for (v, &b) in supply.iter().enumerate() {
                net.set_supply(v, b).expect("small supply");
            }
            for (t, h, cap, cost) in arcs {
                net.add_arc(t, h, 0, cap, cost).expect("valid arc");
            }
            net
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn network_simplex_matches_successive_shortest_paths_on_medium_networks(
        net in medium_network(),
    ) {
        let expected = solve_checked(&SuccessiveShortestPath::default(), &net, None);
        for solver in flow_solvers() {
            prop_assert_eq!(solve_checked(solver.as_ref(), &net, None), expected, "{}", solver.name());
        }
    }
}
