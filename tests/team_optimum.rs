//! The exact branch and bound against brute force, and the decomposition's bound and gap on
//! random small team problems; the lexicographic tier policy on generated counties.

use proptest::prelude::*;
use wushe::model::RiskTier;
use wushe::problem::{Problem, SolveStatus, compile};
use wushe::rules::{MatchPolicy, TierOrder};
use wushe::sim::CountyConfig;
use wushe::solve::decomposition::LagrangianDecomposition;
use wushe::solve::exact::BranchAndBound;
use wushe::solve::{Strategy, StrategyKind};

use crate::support::brute_team::{
    TeamClass, TeamShape, arb_team_problem, brute_team_optimum, random_problem, with_random_groups,
};

const SHAPE: TeamShape = TeamShape {
    max_needs: 6,
    max_roles: 3,
    max_providers: 4,
    max_demand: 3,
    class: TeamClass::General,
};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Branch and bound proves the brute-force optimum; the decomposition's bound is never
    /// below it.
    #[test]
    fn branch_and_bound_equals_brute_force(problem in arb_team_problem(SHAPE)) {
        let Some(optimum) = brute_team_optimum(&problem) else {
            return Ok(());
        };
        let exact = BranchAndBound::default().solve(&problem).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(problem.check(&exact), Ok(()));
        prop_assert_eq!(exact.status, Some(SolveStatus::Optimal));
        prop_assert_eq!(problem.objective(&exact), optimum);
        prop_assert_eq!(exact.bound.map(i128::from), Some(optimum));
        // With a one-step decomposition and no local search the search itself must close the gap.
        let weak_start = LagrangianDecomposition::default().with_max_iterations(1).with_work_budget(0);
        let searched = BranchAndBound { decomposition: weak_start, ..BranchAndBound::default() }
            .solve(&problem)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(problem.check(&searched), Ok(()));
        prop_assert_eq!(searched.status, Some(SolveStatus::Optimal));
        prop_assert_eq!(problem.objective(&searched), optimum);
        let decomposition = LagrangianDecomposition::default().solve(&problem).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let bound = decomposition.bound.map(i128::from);
        prop_assert!(bound.is_some_and(|b| b >= optimum), "bound {bound:?} < optimum {optimum}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    /// With coverage groups (a fairness policy) every strategy stays feasible with a valid
    /// bound, and branch and bound and the decomposition's polish still prove the optimum.
    #[test]
    fn coverage_groups_keep_bounds_valid_and_exact_strategies_exact(
        problem in arb_team_problem(SHAPE), seed in any::<u64>()
    ) {
        let problem = with_random_groups(problem, seed);
        prop_assert_eq!(problem.validate().map_err(|e| e.to_string()), Ok(()));
        let Some(optimum) = brute_team_optimum(&problem) else {
            return Ok(());
        };
        for kind in StrategyKind::ALL {
            let s = kind.build().solve(&problem).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(problem.check(&s), Ok(()), "{}", kind);
            let objective = problem.objective(&s);
            prop_assert!(objective <= optimum, "{}", kind);
            if let Some(bound) = s.bound {
                prop_assert!(i128::from(bound) >= optimum, "{}: bound {} < optimum {}", kind, bound, optimum);
            }
            if s.status == Some(SolveStatus::Optimal) {
                prop_assert_eq!(objective, optimum, "{}", kind);
            }
        }
        let exact = BranchAndBound::default().solve(&problem).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(exact.status, Some(SolveStatus::Optimal));
        prop_assert_eq!(problem.objective(&exact), optimum);
    }
}

/// Relative gap of `objective` below `optimum` (0 when both are 0).
fn gap(objective: i128, optimum: i128) -> f64 {
    if optimum <= 0 {
        return 0.0;
    }
    (optimum - objective) as f64 / optimum as f64
}

/// On 300 random small problems the decomposition's plans are near the optimum: median gap
/// at most 0.5 %, largest at most 3 %.
#[test]
fn decomposition_gap_is_small_on_random_problems() {
    let mut gaps = Vec::new();
    for seed in 0..300u64 {
        let needs = 2 + (seed % 5) as usize;
        let providers = 1 + (seed % 4) as usize;
        let problem = random_problem(SHAPE, needs, providers, seed);
        let Some(optimum) = brute_team_optimum(&problem) else {
            continue;
        };
        let s = LagrangianDecomposition::default()
            .solve(&problem)
            .expect("solves");
        assert_eq!(problem.check(&s), Ok(()), "seed {seed}");
        let objective = problem.objective(&s);
        assert!(objective <= optimum, "seed {seed}");
        gaps.push(gap(objective, optimum));
    }
    assert!(
        gaps.len() >= 200,
        "only {} problems had a brute-force optimum",
        gaps.len()
    );
    gaps.sort_by(f64::total_cmp);
    let median = gaps[gaps.len() / 2];
    let max = gaps[gaps.len() - 1];
    assert!(median <= 0.005, "median gap {median}");
    assert!(max <= 0.03, "largest gap {max}");
}

/// High-tier needs served by a solution.
fn high_served(problem: &Problem, tiers: &[RiskTier], served: &[bool]) -> usize {
    assert_eq!(problem.needs.len(), tiers.len());
    served
        .iter()
        .zip(tiers)
        .filter(|(s, t)| **s && **t == RiskTier::High)
        .count()
}

/// Under the lexicographic tier policy the exact strategy serves at least as many High-risk
/// needs as every strategy under either policy, on small generated counties where it
/// finishes (status `Optimal`: the maximum is proven).
#[test]
fn lexicographic_exact_serves_the_most_high_needs() {
    let mut proven = 0;
    for seed in 0..6u64 {
        let scenario = CountyConfig::default()
            .with_seed(seed)
            .with_townships(2)
            .with_communities(6)
            .with_volunteers(12)
            .with_needs(14)
            .generate();
        let lexicographic = compile(&scenario, &MatchPolicy::default()).expect("compiles");
        let weighted_policy = MatchPolicy::default().with_tier_order(TierOrder::Weighted);
        let weighted = compile(&scenario, &weighted_policy).expect("compiles");
        let tiers: Vec<RiskTier> = scenario.needs.iter().map(|n| n.risk).collect();
        let exact = BranchAndBound::default()
            .solve(lexicographic.problem())
            .expect("solves");
        assert_eq!(lexicographic.problem().check(&exact), Ok(()));
        if exact.status != Some(SolveStatus::Optimal) {
            continue;
        }
        proven += 1;
        let best = high_served(lexicographic.problem(), &tiers, &exact.served);
        for kind in StrategyKind::ALL {
            for compiled in [&lexicographic, &weighted] {
                let s = kind.build().solve(compiled.problem()).expect("solves");
                let high = high_served(compiled.problem(), &tiers, &s.served);
                assert!(
                    high <= best,
                    "seed {seed} {kind}: {high} High > proven {best}"
                );
            }
        }
    }
    assert!(proven >= 3, "only {proven} counties proven");
}

/// The tier bonus is all that separates the two policies' objectives: the weighted
/// objective of a plan is the same whichever policy compiled it.
#[test]
fn weighted_objective_removes_the_tier_bonus() {
    let scenario = CountyConfig::default()
        .with_townships(2)
        .with_communities(8)
        .with_volunteers(30)
        .with_needs(40)
        .generate();
    let lexicographic = compile(&scenario, &MatchPolicy::default()).expect("compiles");
    let weighted_policy = MatchPolicy::default().with_tier_order(TierOrder::Weighted);
    let weighted = compile(&scenario, &weighted_policy).expect("compiles");
    assert!(weighted.problem().tier_bonus.is_empty());
    assert!(lexicographic.problem().tier_bonus.iter().any(|&b| b > 0));
    let s = LagrangianDecomposition::default()
        .solve(lexicographic.problem())
        .expect("solves");
    assert_eq!(weighted.problem().check(&s), Ok(()));
    assert_eq!(
        lexicographic.problem().weighted_objective(&s),
        weighted.problem().objective(&s)
    );
}

/// An optional material role whose edges score positively is filled by every strategy:
/// filling it raises the objective and takes nothing any other need could use.
#[test]
fn optional_material_with_a_positive_score_is_filled() {
    use wushe::model::{FundId, NeedId, ProviderId, TeamRule, WorkerId};
    use wushe::problem::{CandidateEdge, ProblemNeed, ProblemProvider, ProblemRole, RoleKind};
    let mut problem = Problem {
        needs: vec![ProblemNeed {
            value: 50,
            rule: TeamRule::CoreThenOptional,
            first_role: 0,
            role_count: 2,
        }],
        roles: vec![
            ProblemRole {
                need: 0,
                team_index: 0,
                kind: RoleKind::LeadWorker,
                demand: 1,
                optional: false,
            },
            ProblemRole {
                need: 0,
                team_index: 1,
                kind: RoleKind::Material,
                demand: 100,
                optional: true,
            },
        ],
        providers: vec![
            ProblemProvider {
                capacity: 1,
                one_role_per_need: true,
            },
            ProblemProvider {
                capacity: 1_000,
                one_role_per_need: false,
            },
        ],
        edges: vec![
            CandidateEdge {
                role: 0,
                provider: 0,
                max_units: 1,
                usage_per_unit: 1,
                score_per_unit: 3,
            },
            CandidateEdge {
                role: 1,
                provider: 1,
                max_units: 100,
                usage_per_unit: 1,
                score_per_unit: 2,
            },
        ],
        need_ids: vec![NeedId(1)],
        provider_ids: vec![ProviderId::Worker(WorkerId(1)), ProviderId::Fund(FundId(1))],
        ..Problem::default()
    };
    problem.index_edges();
    for kind in StrategyKind::ALL {
        let s = kind.build().solve(&problem).expect("solves");
        assert_eq!(problem.check(&s), Ok(()), "{kind}");
        assert_eq!(problem.objective(&s), 50 + 3 + 200, "{kind}");
    }
}

/// A team whose every role is optional is refused by validation, naming the need and field:
/// it would otherwise count as served with nobody assigned.
#[test]
fn a_team_without_a_core_role_is_refused() {
    use wushe::model::{EntityRef, IssueKind, TeamRule};
    let mut scenario = wushe::demo::left_behind_child();
    let need = &mut scenario.needs[0];
    need.team.rule = TeamRule::CoreThenOptional;
    for role in &mut need.team.roles {
        role.optional = true;
    }
    let id = need.id;
    let error = scenario.validate().expect_err("refused");
    let wushe::ErrorKind::Validation(report) = error.kind() else {
        panic!("not a validation error: {error}");
    };
    assert!(report.issues.iter().any(|i| i.entity == EntityRef::Need(id)
        && i.field == "team.roles"
        && i.kind == IssueKind::NoCoreRole));
}

/// Greedy never serves a team whose scores outweigh its need's value.
#[test]
fn greedy_skips_a_team_that_lowers_the_objective() {
    use wushe::model::{NeedId, ProviderId, TeamRule, WorkerId};
    use wushe::problem::{CandidateEdge, ProblemNeed, ProblemProvider, ProblemRole, RoleKind};
    let mut problem = Problem {
        needs: vec![ProblemNeed {
            value: 5,
            rule: TeamRule::AllOrNothing,
            first_role: 0,
            role_count: 1,
        }],
        roles: vec![ProblemRole {
            need: 0,
            team_index: 0,
            kind: RoleKind::LeadWorker,
            demand: 1,
            optional: false,
        }],
        providers: vec![ProblemProvider {
            capacity: 1,
            one_role_per_need: true,
        }],
        edges: vec![CandidateEdge {
            role: 0,
            provider: 0,
            max_units: 1,
            usage_per_unit: 1,
            score_per_unit: -9,
        }],
        need_ids: vec![NeedId(1)],
        provider_ids: vec![ProviderId::Worker(WorkerId(1))],
        ..Problem::default()
    };
    problem.index_edges();
    for kind in StrategyKind::ALL {
        let s = kind.build().solve(&problem).expect("solves");
        assert_eq!(s.served, vec![false], "{kind}");
    }
}

/// Under a fairness policy the decomposition's plans stay close to its bound: plans are built
/// with each need's team priced at the multipliers, not by worth alone (0.66 % here; by worth
/// alone 2.91 %).
#[test]
fn fairness_plans_stay_close_to_the_bound() {
    let scenario = CountyConfig::default()
        .with_seed(3)
        .with_townships(3)
        .with_communities(30)
        .with_volunteers(300)
        .with_needs(450)
        .generate();
    let policy = MatchPolicy::default()
        .with_tier_order(TierOrder::Weighted)
        .with_fairness(50);
    let compiled = compile(&scenario, &policy).expect("compiles");
    let problem = compiled.problem();
    assert!(!problem.groups.is_empty());
    let s = LagrangianDecomposition::default()
        .solve(problem)
        .expect("solves");
    assert_eq!(problem.check(&s), Ok(()));
    let bound = i128::from(s.bound.expect("a bound"));
    let gap = gap(problem.objective(&s), bound);
    assert!(gap <= 0.02, "gap {:.2} % to the bound", 100.0 * gap);
}

/// A component too large for the exact tier bonus (here made so by a strong fairness policy)
/// is compiled with capped bonuses that still put High first: in every component, one more
/// High-risk need outweighs every Key need and the widest change the rest of the objective can
/// make, bounded here independently (per role the least of its demand times its best score
/// and the sum of its edges' scores at their most units). The plans still pass the checker.
#[test]
fn capped_tier_bonuses_keep_high_risk_needs_first() {
    let scenario = CountyConfig::default()
        .with_townships(2)
        .with_communities(12)
        .with_volunteers(120)
        .with_needs(300)
        .generate();
    let policy = MatchPolicy {
        fairness: 1_000_000,
        ..MatchPolicy::default()
    };
    let compiled = compile(&scenario, &policy).expect("capped, not refused");
    let p = compiled.problem();
    let cap = p.tier_cap.expect("the fairness steps force a cap");
    assert!(cap.key_outweighs > 0 && cap.components >= 1, "{cap:?}");
    let risk: Vec<RiskTier> = scenario.needs.iter().map(|n| n.risk).collect();
    let need_groups = p.need_groups();
    let mut least_key_bonus = i64::MAX;
    let mut capped = 0;
    for component in wushe::problem::candidate_components(p) {
        let mut range = 0i128;
        let mut key_needs = 0i128;
        let (mut high_bonus, mut key_bonus) = (0i128, 0i128);
        let mut groups = std::collections::BTreeSet::new();
        for &n in &component.needs {
            let n = n as usize;
            let need = &p.needs[n];
            let bonus = i128::from(p.tier_bonus_of(n));
            assert!(i128::from(need.value) <= i128::from(wushe::problem::MAX_VALUE));
            range += i128::from(need.value) - bonus;
            for r in need.roles() {
                let edges = p.role_edges(r);
                let demand = i128::from(p.roles[r].demand);
                let most = |sign: i64| {
                    let best = edges.iter().map(|e| (sign * e.score_per_unit).max(0)).max();
                    let all: i128 = edges
                        .iter()
                        .map(|e| {
                            i128::from((sign * e.score_per_unit).max(0)) * i128::from(e.max_units)
                        })
                        .sum();
                    (i128::from(best.unwrap_or(0)) * demand).min(all)
                };
                range += most(1) + most(-1);
            }
            groups.extend(need_groups[n]);
            match risk[n] {
                RiskTier::High => high_bonus = bonus,
                RiskTier::Key => {
                    key_needs += 1;
                    key_bonus = bonus;
                }
                RiskTier::General => assert_eq!(bonus, 0),
            }
        }
        range += groups
            .iter()
            .flat_map(|&g| &p.groups[g as usize].steps)
            .map(|&s| i128::from(s))
            .sum::<i128>();
        if high_bonus > 0 {
            assert!(
                high_bonus > key_needs * key_bonus + range,
                "one more High need outweighs everything else: {high_bonus} vs {key_needs} × {key_bonus} + {range}"
            );
        }
        if key_bonus > 0 && key_bonus <= range {
            capped += 1;
            least_key_bonus = least_key_bonus.min(key_bonus as i64);
        }
    }
    assert!(capped >= 1, "some Key bonus is below its component's range");
    assert!(
        cap.key_outweighs < least_key_bonus,
        "the reported cap is no larger than the Key bonus allows"
    );
    for kind in [StrategyKind::Greedy, StrategyKind::Decomposition] {
        let s = kind.build().solve(p).expect("solves");
        assert_eq!(p.check(&s), Ok(()), "{kind}");
        wushe::plan::check_plan(&scenario, &compiled.plan(&s, kind.name())).expect("checked");
    }
}
