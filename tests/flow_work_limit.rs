//! The flow cores' work limits: a limit at or above what a solve spends changes nothing (the
//! count is deterministic), one below it stops the solve with `FlowStatus::WorkLimit`; a team
//! strategy whose flow core is cut short still returns a feasible, checked plan.

use wushe::MatchPolicy;
use wushe::model::Scenario;
use wushe::plan::check_plan;
use wushe::problem::{SolveStatus, compile};
use wushe::sim::CountyConfig;
use wushe::solve::flow::certificate::check_certificate;
use wushe::solve::flow::families::Family;
use wushe::solve::flow::{FlowAlgorithm, FlowNetwork, FlowStatus};
use wushe::solve::team::MinCostFlowStrategy;
use wushe::solve::{Strategy, WorkBudget};

fn limited(
    core: FlowAlgorithm,
    net: &FlowNetwork,
    limit: Option<u64>,
) -> wushe::solve::flow::FlowSolution {
    core.limited_solver(net, limit)
        .solve(net)
        .expect("valid network")
}

#[test]
fn a_limit_at_the_work_spent_changes_nothing_and_one_below_stops_the_solve() {
    for family in Family::ALL {
        for scale in [3, 12] {
            let net = family.generate_scaled(scale, 5).expect("small network");
            for core in [
                FlowAlgorithm::SuccessiveShortestPath,
                FlowAlgorithm::NetworkSimplex,
                FlowAlgorithm::CostScaling,
                FlowAlgorithm::PrimalDual,
            ] {
                let what = format!("{} at scale {scale}, {core}", family.name());
                let free = limited(core, &net, None);
                assert_eq!(free.status, FlowStatus::Optimal, "{what}");
                assert!(free.work > 0, "{what}: the core counts its work");
                let again = limited(core, &net, Some(free.work));
                assert_eq!(again, free, "{what}: a limit at the work spent");
                check_certificate(&net, &again).unwrap_or_else(|e| panic!("{what}: {e}"));
                let cut = limited(core, &net, Some(free.work / 2));
                assert_eq!(cut.status, FlowStatus::WorkLimit, "{what}: half the work");
                assert!(cut.flow.is_empty() && cut.potential.is_empty(), "{what}");
                assert!(
                    cut.work > free.work / 2,
                    "{what}: it stopped past the limit"
                );
            }
        }
    }
}

#[test]
fn cost_scaling_by_single_pushes_honours_the_limit_too() {
    use wushe::solve::flow::MinCostFlowSolver;
    use wushe::solve::flow::cost_scaling::CostScaling;
    for family in Family::ALL {
        let net = family.generate_scaled(12, 5).expect("small network");
        let solver = |limit| {
            CostScaling::default()
                .with_augment_steps(0)
                .with_work_limit(limit)
                .solve(&net)
                .expect("valid network")
        };
        let free = solver(None);
        assert_eq!(free.status, FlowStatus::Optimal, "{family}");
        assert_eq!(solver(Some(free.work)), free, "{family}");
        let cut = solver(Some(free.work / 2));
        assert_eq!(cut.status, FlowStatus::WorkLimit, "{family}");
        assert!(cut.work > free.work / 2, "{family}");
    }
}

#[test]
fn automatic_resolves_to_the_core_it_would_choose() {
    // 14,000 needs: over 16,000 nodes, a transport network for successive shortest paths;
    // 30 needs: a small one, for the network simplex.
    let transport = Family::Transport
        .generate_scaled(14_000, 1)
        .expect("network");
    let small_transport = Family::Transport.generate_scaled(30, 1).expect("network");
    let grid = Family::Grid.generate_scaled(8, 1).expect("network");
    for (net, core) in [
        (&transport, "successive_shortest_path"),
        (&small_transport, "network_simplex"),
        (&grid, "network_simplex"),
    ] {
        let solver = FlowAlgorithm::Automatic.limited_solver(net, None);
        assert_eq!(solver.name(), core);
    }
}

fn county() -> Scenario {
    CountyConfig::default()
        .with_communities(30)
        .with_volunteers(200)
        .with_needs(240)
        .generate()
}

#[test]
fn min_cost_flow_with_its_core_cut_short_still_plans_soundly() {
    let scenario = county();
    let compiled = compile(&scenario, &MatchPolicy::default()).expect("compiles");
    let problem = compiled.problem();
    let strategy = MinCostFlowStrategy::default();
    let mut free = WorkBudget::unlimited();
    let full = strategy.solve_within(problem, &mut free).expect("solves");
    let spent = full.stats.work;
    assert!(spent > 0);
    let mut cut_short = 0;
    for percent in [10, 30, 50, 70, 90, 99] {
        let mut budget = WorkBudget::new(spent * percent / 100);
        let solution = strategy.solve_within(problem, &mut budget).expect("solves");
        let what = format!("{percent} % of the work");
        problem
            .check(&solution)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let plan = compiled.plan(&solution, "min_cost_flow");
        if let Err(v) = check_plan(&scenario, &plan) {
            panic!("{what}: checker: {v:?}");
        }
        assert!(
            solution.stats.work <= budget.limit(),
            "{what}: within the budget"
        );
        if solution.status == Some(SolveStatus::BudgetReached) {
            cut_short += 1;
        }
    }
    assert!(
        cut_short > 0,
        "some budget below the work spent stops the solve"
    );
}
