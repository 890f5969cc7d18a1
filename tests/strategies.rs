//! Every strategy kind on random numeric problems: feasibility, determinism, bounds, and
//! optimality of the exact strategies on their classes against brute force.

use proptest::prelude::*;
use wushe::model::{NeedId, ProviderId, TeamRule, WorkerId};
use wushe::problem::{
    CandidateEdge, MAX_AMOUNT, MAX_VALUE, Problem, ProblemNeed, ProblemProvider, ProblemRole,
    RoleKind, Solution, SolveStatus,
};
use wushe::solve::assignment::Bidding;
use wushe::solve::flow::FlowAlgorithm;
use wushe::solve::team::{
    AssignmentStrategy, AuctionStrategy, ExactClass, MinCostFlowStrategy, StableSide,
    StableStrategy, blocking_pair_count,
};
use wushe::solve::{Guarantee, Strategy, StrategyKind};

use crate::support::brute_team::{
    TeamClass, TeamShape, arb_team_problem, brute_team_optimum, random_problem,
};

const GENERAL: TeamShape = TeamShape {
    max_needs: 6,
    max_roles: 3,
    max_providers: 4,
    max_demand: 3,
    class: TeamClass::General,
};

const SMALL: TeamShape = TeamShape {
    max_needs: 4,
    max_roles: 2,
    max_providers: 3,
    max_demand: 2,
    class: TeamClass::General,
};

const TRANSPORT: TeamShape = TeamShape {
    max_needs: 6,
    max_roles: 1,
    max_providers: 4,
    max_demand: 3,
    class: TeamClass::Transportation,
};

const UNIT: TeamShape = TeamShape {
    class: TeamClass::UnitDemand,
    ..TRANSPORT
};

/// Every strategy, including the non-default knobs.
fn all_strategies() -> Vec<Box<dyn Strategy>> {
    let mut all: Vec<Box<dyn Strategy>> = StrategyKind::ALL.iter().map(|k| k.build()).collect();
    all.push(Box::new(
        MinCostFlowStrategy::default().with_core(FlowAlgorithm::NetworkSimplex),
    ));
    all.push(Box::new(
        AssignmentStrategy::default().with_max_dense_cells(0),
    ));
    all.push(Box::new(
        AuctionStrategy::default().with_bidding(Bidding::Sequential),
    ));
    all.push(Box::new(
        StableStrategy::default().with_proposing(StableSide::Providers),
    ));
    all
}

fn solve(strategy: &dyn Strategy, problem: &Problem) -> Result<Solution, TestCaseError> {
    strategy
        .solve(problem)
        .map_err(|e| TestCaseError::fail(format!("{}: {e}", strategy.name())))
}

fn exact_on(strategy: &dyn Strategy, problem: &Problem) -> bool {
    matches!(strategy.guarantee(), Guarantee::OptimalOn(class) if class.contains(problem))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Feasible by `Problem::check`, identical when solved twice, bound ≥ objective, and a
    /// status `Optimal` only with a bound it reaches.
    #[test]
    fn every_strategy_is_feasible_deterministic_and_bounded(problem in arb_team_problem(GENERAL)) {
        for strategy in all_strategies() {
            let s = solve(strategy.as_ref(), &problem)?;
            prop_assert_eq!(problem.check(&s), Ok(()), "{}", strategy.name());
            prop_assert_eq!(&s, &solve(strategy.as_ref(), &problem)?, "{}", strategy.name());
            let objective = problem.objective(&s);
            if let Some(bound) = s.bound {
                prop_assert!(i128::from(bound) >= objective, "{}", strategy.name());
            }
            if s.status == Some(SolveStatus::Optimal) {
                prop_assert_eq!(s.bound.map(i128::from), Some(objective), "{}", strategy.name());
            }
        }
    }

    /// Bounds are upper bounds of the true optimum; `Optimal` solutions are optimal.
    #[test]
    fn bounds_hold_against_brute_force(problem in arb_team_problem(SMALL)) {
        let Some(optimum) = brute_team_optimum(&problem) else {
            return Ok(());
        };
        for strategy in all_strategies() {
            let s = solve(strategy.as_ref(), &problem)?;
            prop_assert!(problem.objective(&s) <= optimum, "{}", strategy.name());
            if let Some(bound) = s.bound {
                prop_assert!(i128::from(bound) >= optimum, "{}: bound {bound} < {optimum}", strategy.name());
            }
            if s.status == Some(SolveStatus::Optimal) {
                prop_assert_eq!(problem.objective(&s), optimum, "{}", strategy.name());
            }
        }
    }

    /// Min-cost flow (both cores) is optimal on transportation problems.
    #[test]
    fn min_cost_flow_is_optimal_on_transportation_problems(problem in arb_team_problem(TRANSPORT)) {
        prop_assert!(ExactClass::Transportation.contains(&problem));
        let optimum = brute_team_optimum(&problem).expect("tiny");
        for core in [FlowAlgorithm::SuccessiveShortestPath, FlowAlgorithm::NetworkSimplex] {
            let s = solve(&MinCostFlowStrategy::default().with_core(core), &problem)?;
            prop_assert_eq!(problem.objective(&s), optimum, "{:?}", core);
            prop_assert_eq!(s.status, Some(SolveStatus::Optimal));
            prop_assert_eq!(s.bound.map(i128::from), Some(optimum));
        }
    }

    /// Every exact strategy is optimal on the unit-demand class, so they all agree.
    #[test]
    fn exact_strategies_agree_on_unit_demand_problems(problem in arb_team_problem(UNIT)) {
        prop_assert!(ExactClass::UnitDemand.contains(&problem));
        let optimum = brute_team_optimum(&problem).expect("tiny");
        let mut exact = 0;
        for strategy in all_strategies() {
            if !exact_on(strategy.as_ref(), &problem) {
                continue;
            }
            exact += 1;
            let s = solve(strategy.as_ref(), &problem)?;
            prop_assert_eq!(problem.objective(&s), optimum, "{}", strategy.name());
            prop_assert_eq!(s.status, Some(SolveStatus::Optimal), "{}", strategy.name());
        }
        prop_assert_eq!(exact, 6);
    }

    /// Dense-like problems (scores tied in pairs, providers with room for several needs), where
    /// the exact strategies drop the edges dominated by better-scored ones: still optimal on
    /// their classes, and min-cost flow's bound is the optimum.
    #[test]
    fn exact_strategies_stay_optimal_when_dominated_edges_are_dropped(
        problem in proptest::strategy::Strategy::prop_map(arb_team_problem(UNIT), |mut p| {
            p.edges.iter_mut().for_each(|e| e.score_per_unit = e.score_per_unit.rem_euclid(2));
            let usage: Vec<i64> = (0..p.providers.len())
                .map(|q| p.edges.iter().find(|e| e.provider as usize == q).map_or(1, |e| e.usage_per_unit))
                .collect();
            for (q, provider) in p.providers.iter_mut().enumerate() {
                provider.capacity = usage[q] * (1 + (q as i64 % 3) * 2);
            }
            p
        })
    ) {
        let optimum = brute_team_optimum(&problem).expect("tiny");
        for strategy in all_strategies() {
            if !exact_on(strategy.as_ref(), &problem) {
                continue;
            }
            let s = solve(strategy.as_ref(), &problem)?;
            prop_assert_eq!(problem.objective(&s), optimum, "{}", strategy.name());
            prop_assert_eq!(s.bound.map(i128::from), Some(optimum), "{}", strategy.name());
        }
    }

    /// Parallel bidding gives the very same solution as sequential bidding.
    #[test]
    fn auction_parallel_bidding_equals_sequential(problem in arb_team_problem(GENERAL)) {
        let parallel = solve(&AuctionStrategy::default(), &problem)?;
        let sequential = solve(&AuctionStrategy::default().with_bidding(Bidding::Sequential), &problem)?;
        prop_assert_eq!(parallel, sequential);
    }

    /// With non-negative scores on unit-demand problems the repair keeps the deferred
    /// acceptance matching, so the final solution has no blocking pair (both sides).
    #[test]
    fn stable_strategy_has_no_blocking_pair_when_repair_keeps_the_matching(
        problem in proptest::strategy::Strategy::prop_map(arb_team_problem(UNIT), |mut p| {
            p.edges.iter_mut().for_each(|e| e.score_per_unit = e.score_per_unit.abs());
            p
        })
    ) {
        for side in [StableSide::Roles, StableSide::Providers] {
            let s = solve(&StableStrategy::default().with_proposing(side), &problem)?;
            prop_assert_eq!(s.status, Some(SolveStatus::Stable));
            prop_assert_eq!(blocking_pair_count(&problem, &s).map_err(|e| TestCaseError::fail(e.to_string()))?, 0);
        }
    }
}

#[test]
fn strategy_kinds_parse_back_and_decomposition_is_default() {
    assert_eq!(StrategyKind::default(), StrategyKind::Decomposition);
    for &kind in StrategyKind::ALL {
        assert_eq!(kind.name().parse::<StrategyKind>().ok(), Some(kind));
        assert_eq!(kind.build().name(), kind.name());
    }
}

#[test]
fn inconsistent_problem_is_a_typed_error_for_every_strategy() {
    let mut problem = random_problem(GENERAL, 3, 2, 7);
    problem.edges[0].provider = 99;
    for strategy in all_strategies() {
        let err = strategy.solve(&problem).expect_err("invalid problem");
        assert!(
            matches!(err.kind(), wushe::ErrorKind::Problem(_)),
            "{}",
            strategy.name()
        );
    }
}

/// Values, scores and amounts at the documented limits: no overflow, no panic, feasible,
/// and the bound still holds.
#[test]
fn extreme_numbers_stay_feasible() {
    let role = |need, kind, demand| ProblemRole {
        need,
        team_index: 0,
        kind,
        demand,
        optional: false,
    };
    let edge = |role, provider, max_units, usage, score| CandidateEdge {
        role,
        provider,
        max_units,
        usage_per_unit: usage,
        score_per_unit: score,
    };
    let mut problem = Problem {
        needs: (0..3)
            .map(|i| ProblemNeed {
                value: MAX_VALUE,
                rule: TeamRule::AllOrNothing,
                first_role: i,
                role_count: 1,
            })
            .collect(),
        roles: vec![
            role(0, RoleKind::Material, MAX_AMOUNT),
            role(1, RoleKind::LeadWorker, 1),
            role(2, RoleKind::Material, MAX_AMOUNT),
        ],
        providers: vec![
            ProblemProvider {
                capacity: MAX_AMOUNT,
                one_role_per_need: false,
            },
            ProblemProvider {
                capacity: 1,
                one_role_per_need: true,
            },
        ],
        edges: vec![
            edge(0, 0, MAX_AMOUNT, 1, MAX_VALUE),
            edge(1, 1, 1, 1, -MAX_VALUE),
            edge(2, 0, MAX_AMOUNT, 1, -MAX_VALUE),
        ],
        need_ids: (0..3).map(NeedId).collect(),
        provider_ids: (0..2).map(|i| ProviderId::Worker(WorkerId(i))).collect(),
        ..Problem::default()
    };
    problem.index_edges();
    let optimum = i128::from(MAX_VALUE) + i128::from(MAX_AMOUNT) * i128::from(MAX_VALUE);
    for strategy in all_strategies() {
        let s = strategy.solve(&problem).expect("valid");
        assert_eq!(problem.check(&s), Ok(()), "{}", strategy.name());
        if let Some(bound) = s.bound {
            assert!(i128::from(bound) >= optimum, "{}", strategy.name());
        }
    }
}

/// `problem` with providers renumbered by `order` (`order[new] = old`) and edges re-indexed.
fn permute_providers(problem: &Problem, order: &[usize]) -> Problem {
    let mut new_of_old = vec![0u32; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_of_old[old] = new as u32;
    }
    let mut permuted = problem.clone();
    permuted.providers = order
        .iter()
        .map(|&o| problem.providers[o].clone())
        .collect();
    permuted.provider_ids = order.iter().map(|&o| problem.provider_ids[o]).collect();
    for e in &mut permuted.edges {
        e.provider = new_of_old[e.provider as usize];
    }
    permuted.index_edges();
    permuted
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Metamorphic: renumbering the providers keeps the optimum of every exact strategy on
    /// its class, and keeps the flow bound on any problem.
    #[test]
    fn renumbering_providers_keeps_optimum_and_bound(
        problem in arb_team_problem(TRANSPORT),
        general in arb_team_problem(GENERAL),
        seed in any::<u64>(),
    ) {
        for p in [&problem, &general] {
            let mut order: Vec<usize> = (0..p.providers.len()).collect();
            order.sort_by_key(|&i| (i as u64).wrapping_mul(seed | 1).rotate_left(17));
            let q = permute_providers(p, &order);
            for strategy in all_strategies() {
                let (a, b) = (solve(strategy.as_ref(), p)?, solve(strategy.as_ref(), &q)?);
                prop_assert_eq!(q.check(&b), Ok(()));
                if strategy.name() == "min_cost_flow" {
                    prop_assert_eq!(a.bound, b.bound);
                }
                if exact_on(strategy.as_ref(), p) {
                    prop_assert_eq!(p.objective(&a), q.objective(&b), "{}", strategy.name());
                }
            }
        }
    }

    /// On larger unit-demand problems (up to 40 needs, 12 providers, several copies per
    /// provider) the exact strategies still agree with each other and reach their bound.
    #[test]
    fn exact_strategies_agree_on_larger_unit_demand_problems(
        needs in 10usize..=40,
        providers in 2usize..=12,
        seed in any::<u64>(),
    ) {
        let problem = random_problem(UNIT, needs, providers, seed);
        let mut objectives = Vec::new();
        for strategy in all_strategies() {
            if exact_on(strategy.as_ref(), &problem) {
                let s = solve(strategy.as_ref(), &problem)?;
                prop_assert_eq!(s.status, Some(SolveStatus::Optimal), "{}", strategy.name());
                objectives.push(problem.objective(&s));
            }
        }
        prop_assert_eq!(objectives.len(), 6);
        prop_assert!(objectives.windows(2).all(|w| w[0] == w[1]), "{:?}", objectives);
    }
}

/// The relaxation gives one worker both roles of a need; the repair keeps the higher-score
/// role for it and completes the team with the other provider.
#[test]
fn one_role_per_need_conflict_is_repaired_in_favour_of_the_higher_score() {
    let role = |team_index, kind| ProblemRole {
        need: 0,
        team_index,
        kind,
        demand: 1,
        optional: false,
    };
    let edge = |role, provider, score| CandidateEdge {
        role,
        provider,
        max_units: 1,
        usage_per_unit: 1,
        score_per_unit: score,
    };
    let mut problem = Problem {
        needs: vec![ProblemNeed {
            value: 10,
            rule: TeamRule::AllOrNothing,
            first_role: 0,
            role_count: 2,
        }],
        roles: vec![role(0, RoleKind::LeadWorker), role(1, RoleKind::Volunteers)],
        providers: vec![
            ProblemProvider {
                capacity: 2,
                one_role_per_need: true,
            },
            ProblemProvider {
                capacity: 1,
                one_role_per_need: true,
            },
        ],
        edges: vec![edge(0, 0, 5), edge(1, 0, 4), edge(1, 1, 1)],
        need_ids: vec![NeedId(0)],
        provider_ids: (0..2).map(|i| ProviderId::Worker(WorkerId(i))).collect(),
        ..Problem::default()
    };
    problem.index_edges();
    assert_eq!(brute_team_optimum(&problem), Some(16));
    for strategy in all_strategies() {
        let s = strategy.solve(&problem).expect("valid");
        assert_eq!(problem.check(&s), Ok(()), "{}", strategy.name());
        assert_eq!(problem.objective(&s), 16, "{}", strategy.name());
    }
    let flow = MinCostFlowStrategy::default()
        .solve(&problem)
        .expect("valid");
    // relaxation: worker 0 on both roles, 5 + 4 plus the value 10
    assert_eq!(flow.bound, Some(19));
    assert_eq!(flow.status, Some(SolveStatus::Feasible));
}
