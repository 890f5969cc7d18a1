//! The generated benchmark families (`wushe::solve::flow::families`) and the automatic core
//! choice: every family solved by every core to the same certified optimum, determinism of the
//! generators, the shape rule, and brute force on tiny single-source single-sink networks
//! (the network simplex's crash start along wide arcs).

use proptest::prelude::*;
use wushe::solve::flow::automatic::{
    Automatic, CONTRACTED_NETWORK_NODES, LARGE_NETWORK_NODES, choose, chosen_core, is_source_heavy,
    is_transport,
};
use wushe::solve::flow::certificate::check_certificate;
use wushe::solve::flow::cost_scaling::CostScaling;
use wushe::solve::flow::families::{Family, Size};
use wushe::solve::flow::network_simplex::NetworkSimplex;
use wushe::solve::flow::primal_dual::PrimalDual;
use wushe::solve::flow::successive_shortest_path::SuccessiveShortestPath;
use wushe::solve::flow::{
    FlowAlgorithm, FlowNetwork, FlowStatus, MinCostFlowSolver, UNCAPACITATED,
};

use crate::support::brute_flow::{
    BruteFlow, MAX_ENUMERATION, brute_min_cost_flow, enumeration_size, small_network,
};

/// A scale small enough for a debug-build test: a few hundred nodes.
fn small_scale(family: Family) -> usize {
    match family {
        Family::Netgen => 300,
        Family::Grid | Family::Goto | Family::Road => 14,
        Family::Escalation | Family::Transport => 400,
    }
}

fn certified_objective(solver: &dyn MinCostFlowSolver, net: &FlowNetwork) -> i128 {
    let solution = solver.solve(net).expect("valid network");
    assert_eq!(solution.status, FlowStatus::Optimal, "{}", solver.name());
    check_certificate(net, &solution).expect("certified optimum");
    solution.objective
}

#[test]
fn every_family_is_solved_to_the_same_certified_optimum_by_every_core() {
    for family in Family::ALL {
        for seed in [1, 2] {
            let net = family
                .generate_scaled(small_scale(family), seed)
                .expect("small instance");
            let objectives: Vec<i128> = [
                Box::new(NetworkSimplex::default()) as Box<dyn MinCostFlowSolver>,
                Box::new(NetworkSimplex::default().with_block_size(Some(3))),
                Box::new(SuccessiveShortestPath::default()),
                Box::new(CostScaling::default()),
                Box::new(CostScaling::default().with_alpha(3)),
                Box::new(CostScaling::default().with_augment_steps(0)),
                Box::new(PrimalDual::default()),
                Box::new(PrimalDual::default().with_coarsest_sources(None)),
                Box::new(PrimalDual::default().with_coarsest_sources(Some(20))),
                Box::new(Automatic),
            ]
            .iter()
            .map(|s| certified_objective(s.as_ref(), &net))
            .collect();
            assert!(
                objectives.windows(2).all(|w| w[0] == w[1]),
                "{family} seed {seed}: {objectives:?}"
            );
        }
    }
}

/// Cost scaling and the network simplex agree, with certificates, on every family at size S
/// (the benchmark's smallest class, with its seed).
#[test]
fn cost_scaling_matches_the_network_simplex_on_every_family_at_size_s() {
    for family in Family::ALL {
        let net = family.generate(Size::S, 20_261_202).expect("instance");
        let simplex = certified_objective(&NetworkSimplex::default(), &net);
        let scaling = certified_objective(&CostScaling::default(), &net);
        assert_eq!(simplex, scaling, "{family}");
        let pushes = certified_objective(&CostScaling::default().with_augment_steps(0), &net);
        assert_eq!(simplex, pushes, "{family}, single pushes");
        let contracted = certified_objective(&PrimalDual::default(), &net);
        assert_eq!(simplex, contracted, "{family}, primal-dual");
    }
}

#[test]
fn generators_are_deterministic_and_seeds_differ() {
    for family in Family::ALL {
        let scale = small_scale(family);
        let a = family.generate_scaled(scale, 5).expect("small instance");
        let b = family.generate_scaled(scale, 5).expect("small instance");
        let c = family.generate_scaled(scale, 6).expect("small instance");
        assert_eq!(a, b, "{family}");
        assert_ne!(a, c, "{family}");
        assert_eq!(a.supplies().iter().sum::<i64>(), 0, "{family} is balanced");
    }
}

#[test]
fn size_classes_have_the_documented_node_counts() {
    let nodes = |family: Family, size| match family {
        Family::Netgen => family.scale(size),
        Family::Grid => family.scale(size).pow(2) + 2,
        Family::Goto => family.scale(size).pow(2),
        Family::Road => family.scale(size).pow(2) + 1,
        Family::Escalation | Family::Transport => family.scale(size),
    };
    assert_eq!(nodes(Family::Grid, Size::S), 10_002);
    assert_eq!(nodes(Family::Grid, Size::L), 160_002);
    assert_eq!(nodes(Family::Goto, Size::M), 65_536);
    assert_eq!(nodes(Family::Netgen, Size::M), 65_536);
    let road = Family::Road.generate_scaled(20, 1).expect("small instance");
    assert_eq!(
        road.node_count(),
        nodes(Family::Road, Size::S) - 10_000 + 400
    );
}

#[test]
fn only_the_transport_family_has_the_transport_shape() {
    for family in Family::ALL {
        let net = family
            .generate_scaled(small_scale(family), 3)
            .expect("small instance");
        assert_eq!(is_transport(&net), family == Family::Transport, "{family}");
    }
}

#[test]
fn family_names_round_trip() {
    for family in Family::ALL {
        assert_eq!(family.name().parse::<Family>(), Ok(family));
    }
    let err = "gridgen".parse::<Family>().expect_err("unknown");
    assert!(err.to_string().contains("netgen"), "{err}");
    assert_eq!("automatic".parse(), Ok(FlowAlgorithm::Automatic));
    assert_eq!(FlowAlgorithm::default(), FlowAlgorithm::Automatic);
}

#[test]
fn transshipment_between_transshipment_nodes_is_not_transport() {
    let mut net = FlowNetwork::new(4);
    net.set_supply(0, 1).expect("node");
    net.set_supply(3, -1).expect("node");
    net.add_arc(0, 1, 0, 1, 1).expect("arc");
    assert!(is_transport(&net));
    net.add_arc(1, 2, 0, 1, 1).expect("arc");
    assert!(!is_transport(&net));
    // Arcs that cannot carry flow do not count.
    let mut zero = FlowNetwork::new(2);
    zero.set_supply(0, 1).expect("node");
    zero.set_supply(1, -1).expect("node");
    zero.add_arc(1, 0, 0, 0, 1).expect("arc");
    zero.add_arc(0, 1, 0, 1, 1).expect("arc");
    assert!(is_transport(&zero));
}

/// The network with its supplies replaced by `k` at node 0 and `-k` at the last node.
fn single_pair(net: &FlowNetwork, k: i64) -> FlowNetwork {
    let n = net.node_count();
    let mut out = FlowNetwork::new(n);
    if n >= 2 {
        out.set_supply(0, k).expect("node");
        out.set_supply(n - 1, -k).expect("node");
    }
    for a in 0..net.arc_count() {
        out.add_arc(
            net.tails()[a] as usize,
            net.heads()[a] as usize,
            net.lowers()[a],
            net.capacities()[a],
            net.costs()[a],
        )
        .expect("valid arc");
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn single_source_single_sink_matches_brute_force(net in small_network(), k in 1i64..=3) {
        let net = single_pair(&net, k);
        // New supplies can enlarge the enumeration beyond what brute force affords.
        prop_assume!(enumeration_size(&net) <= MAX_ENUMERATION);
        let expected = brute_min_cost_flow(&net);
        for solver in [
            Box::new(NetworkSimplex::default()) as Box<dyn MinCostFlowSolver>,
            Box::new(CostScaling::default()),
            Box::new(PrimalDual::default().with_coarsest_sources(Some(1))),
            Box::new(Automatic),
        ] {
            let solution = solver.solve(&net).expect("valid network");
            let got = match solution.status {
                FlowStatus::Optimal => {
                    prop_assert!(check_certificate(&net, &solution).is_ok());
                    BruteFlow::Optimal(solution.objective)
                }
                FlowStatus::Infeasible => BruteFlow::Infeasible,
                FlowStatus::Unbounded => BruteFlow::Unbounded,
                FlowStatus::Overflow => panic!("overflow on a tiny network"),
                FlowStatus::WorkLimit => panic!("work limit without a limit"),
            };
            prop_assert_eq!(got, expected, "{}", solver.name());
        }
    }
}

/// `sources` needs of supply 1 → a community → a township → the sink: source-heavy, not a
/// transport network (community → township joins two transshipment nodes).
fn hierarchy(sources: usize) -> FlowNetwork {
    let (community, township, sink) = (sources, sources + 1, sources + 2);
    let mut net = FlowNetwork::with_capacity(sources + 3, sources + 2);
    for v in 0..sources {
        net.set_supply(v, 1).expect("supply");
        net.add_arc(v, community, 0, 1, 1).expect("arc");
    }
    net.set_supply(sink, -(sources as i64)).expect("demand");
    net.add_arc(community, township, 0, UNCAPACITATED, 1)
        .expect("arc");
    net.add_arc(township, sink, 0, UNCAPACITATED, 0)
        .expect("arc");
    net
}

#[test]
fn source_heavy_networks_go_by_size_to_the_primal_dual_the_simplex_or_cost_scaling() {
    let large = hierarchy(LARGE_NETWORK_NODES);
    let middle = hierarchy(CONTRACTED_NETWORK_NODES);
    let small = hierarchy(1_000);
    assert!(is_source_heavy(&large) && !is_transport(&large));
    assert_eq!(chosen_core(&large), FlowAlgorithm::CostScaling);
    assert_eq!(choose(&large).name(), "cost_scaling");
    assert_eq!(
        FlowAlgorithm::Automatic.limited_solver(&large, None).name(),
        "cost_scaling"
    );
    assert_eq!(chosen_core(&middle), FlowAlgorithm::NetworkSimplex);
    assert_eq!(chosen_core(&small), FlowAlgorithm::PrimalDual);
    assert_eq!(
        FlowAlgorithm::Automatic.limited_solver(&small, None).name(),
        "primal_dual"
    );
    // Transport networks are source-heavy too, but stay with their own rule.
    let transport = Family::Transport.generate_scaled(30, 1).expect("network");
    assert!(is_source_heavy(&transport));
    assert_eq!(chosen_core(&transport), FlowAlgorithm::NetworkSimplex);
    // A large grid is not source-heavy.
    let grid = Family::Grid.generate_scaled(8, 1).expect("network");
    assert!(!is_source_heavy(&grid));
    // The automatic solve of the small hierarchy is the certified optimum.
    let solution = Automatic.solve(&small).expect("valid network");
    assert_eq!(solution.status, FlowStatus::Optimal);
    assert_eq!(solution.objective, 2 * 1_000);
    check_certificate(&small, &solution).expect("certificate");
}
