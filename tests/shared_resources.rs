//! Shared resources (capacities beyond a provider's own: time windows, supervision places) on
//! random numeric problems: every strategy feasible, bounds valid, branch and bound exact.

use proptest::prelude::*;
use wushe::problem::{Problem, Solution, SolveStatus};
use wushe::solve::exact::BranchAndBound;
use wushe::solve::team::ExactClass;
use wushe::solve::{Strategy, StrategyKind};

use crate::support::brute_team::{
    TeamClass, TeamShape, arb_team_problem_with_shared, brute_team_optimum,
};

const SHAPE: TeamShape = TeamShape {
    max_needs: 6,
    max_roles: 3,
    max_providers: 4,
    max_demand: 3,
    class: TeamClass::General,
};

const UNIT: TeamShape = TeamShape {
    max_needs: 6,
    max_roles: 1,
    max_providers: 4,
    max_demand: 1,
    class: TeamClass::UnitDemand,
};

fn solve(strategy: &dyn Strategy, problem: &Problem) -> Result<Solution, TestCaseError> {
    strategy
        .solve(problem)
        .map_err(|e| TestCaseError::fail(format!("{}: {e}", strategy.name())))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Every strategy keeps every shared resource within its capacity, never beats the
    /// optimum, reports a bound at or above it, and claims `Optimal` only when it is.
    #[test]
    fn every_strategy_respects_shared_resources(problem in arb_team_problem_with_shared(SHAPE)) {
        prop_assert!(problem.validate().is_ok());
        let optimum = brute_team_optimum(&problem);
        for kind in StrategyKind::ALL {
            let strategy = kind.build();
            let s = solve(strategy.as_ref(), &problem)?;
            prop_assert_eq!(problem.check(&s), Ok(()), "{}", kind);
            let objective = problem.objective(&s);
            if let Some(optimum) = optimum {
                prop_assert!(objective <= optimum, "{}: {objective} > optimum {optimum}", kind);
                if let Some(bound) = s.bound {
                    prop_assert!(i128::from(bound) >= optimum, "{}: bound {bound} < {optimum}", kind);
                }
                if s.status == Some(SolveStatus::Optimal) {
                    prop_assert_eq!(objective, optimum, "{}", kind);
                }
            }
        }
    }

    /// Branch and bound proves the brute-force optimum with shared resources too.
    #[test]
    fn branch_and_bound_is_exact_with_shared_resources(problem in arb_team_problem_with_shared(SHAPE)) {
        let Some(optimum) = brute_team_optimum(&problem) else {
            return Ok(());
        };
        let exact = solve(&BranchAndBound::default(), &problem)?;
        prop_assert_eq!(problem.check(&exact), Ok(()));
        prop_assert_eq!(exact.status, Some(SolveStatus::Optimal));
        prop_assert_eq!(problem.objective(&exact), optimum);
    }

    /// No problem with shared resources is in an exact class of the relaxation strategies.
    #[test]
    fn shared_resources_leave_the_exact_classes(problem in arb_team_problem_with_shared(UNIT)) {
        prop_assume!(problem.has_shared());
        prop_assert!(!ExactClass::UnitDemand.contains(&problem));
        prop_assert!(!ExactClass::Transportation.contains(&problem));
    }
}

/// The draws move with their edges when `index_edges` sorts them, and a repeated pair keeps
/// its first edge's draws.
#[test]
fn index_edges_keeps_draws_with_their_edges() {
    use wushe::problem::{
        CandidateEdge, ProblemProvider, ProblemRole, RoleKind, SharedResource, SharedUse,
    };
    let provider = ProblemProvider {
        capacity: 5,
        one_role_per_need: true,
    };
    let role = ProblemRole {
        need: 0,
        team_index: 0,
        kind: RoleKind::Volunteers,
        demand: 1,
        optional: false,
    };
    let edge = |provider, score| CandidateEdge {
        role: 0,
        provider,
        max_units: 1,
        usage_per_unit: 1,
        score_per_unit: score,
    };
    let mut p = Problem {
        providers: vec![provider; 2],
        roles: vec![role],
        edges: vec![edge(1, 10), edge(0, 20), edge(1, 30)],
        shared: vec![SharedResource { capacity: 1 }; 3],
        ..Problem::default()
    };
    let draw = |resource| {
        vec![SharedUse {
            resource,
            per_unit: 1,
        }]
    };
    p.set_edge_shared(&[draw(1), draw(0), draw(2)]);
    p.index_edges();
    assert_eq!(p.edges.len(), 2);
    assert_eq!((p.edges[0].provider, p.edges[0].score_per_unit), (0, 20));
    assert_eq!(p.edge_shared(0), draw(0).as_slice());
    assert_eq!((p.edges[1].provider, p.edges[1].score_per_unit), (1, 10));
    assert_eq!(p.edge_shared(1), draw(1).as_slice());
}
