//! Incremental re-matching: warm plans pass the checker, their bounds are valid (never below
//! the exact optimum), they are deterministic, and they follow the day's changes.

use wushe::plan::check_plan;
use wushe::problem::{SolveStatus, compile};
use wushe::sim::{CountyConfig, small_change};
use wushe::{MatchPolicy, Rematcher, Scenario, StrategyKind};

fn county() -> Scenario {
    CountyConfig::default()
        .with_seed(11)
        .with_townships(3)
        .with_communities(18)
        .with_volunteers(120)
        .with_needs(160)
        .generate()
}

/// The plans of `days` warm re-matches after daily changes, applying each plan when `apply`.
fn days(policy: &MatchPolicy, apply: bool, days: u64) -> Vec<(Scenario, wushe::MatchPlan)> {
    let mut matcher = Rematcher::new(policy.clone(), StrategyKind::Decomposition);
    let mut scenario = county();
    let mut out = Vec::new();
    for day in 0..=days {
        if day > 0 {
            small_change(&mut scenario, 0.03, day);
        }
        let plan = matcher.rematch(&scenario).expect("matches");
        assert!(matcher.is_warm());
        assert_eq!(check_plan(&scenario, &plan), Ok(()), "day {day}");
        let next = if apply {
            scenario.apply(&plan).expect("applies")
        } else {
            scenario.clone()
        };
        out.push((scenario, plan));
        scenario = next;
    }
    out
}

#[test]
fn warm_bounds_are_never_below_the_exact_optimum() {
    for policy in [
        MatchPolicy::default(),
        MatchPolicy::default().with_tier_order(wushe::rules::TierOrder::Weighted),
    ] {
        for (day, (scenario, plan)) in days(&policy, false, 3).into_iter().enumerate() {
            let compiled = compile(&scenario, &policy).expect("compiles");
            let exact = StrategyKind::BranchAndBound
                .build()
                .solve(compiled.problem())
                .expect("solves");
            let bound = plan.bound.expect("the decomposition reports a bound");
            let optimum = compiled.problem().objective(&exact);
            assert!(bound >= optimum, "day {day}: bound {bound} below {optimum}");
            if exact.status == Some(SolveStatus::Optimal) {
                assert!(plan.objective <= optimum, "day {day}: beyond the optimum");
            }
        }
    }
}

#[test]
fn warm_rematching_is_deterministic_and_keeps_applied_cases() {
    let policy = MatchPolicy::default();
    let first = days(&policy, true, 3);
    let second = days(&policy, true, 3);
    for ((_, a), (_, b)) in first.iter().zip(&second) {
        assert_eq!(a, b);
    }
    for (day, (scenario, plan)) in first.iter().enumerate().skip(1) {
        // pinned: a case whose team is still whole continues (or is released as ineligible);
        // one that lost a member and found no replacement may end, nothing switches
        assert_eq!(plan.churn.switched, 0, "day {day}");
        for change in &plan.churn.changes {
            let need = change.ongoing.need;
            let whole = fully_held(scenario, need);
            let ineligible = matches!(
                change.outcome,
                wushe::plan::ChangeOutcome::Ineligible { .. }
            );
            assert!(
                !whole || ineligible,
                "day {day}: {need} was whole: {change:?}"
            );
        }
        assert!(plan.churn.kept > 0);
    }
}

/// Whether the ongoing assignments of `need` fill every required role of its team.
fn fully_held(s: &Scenario, need: wushe::model::NeedId) -> bool {
    let Some(n) = s.need(need) else { return false };
    n.team.roles.iter().enumerate().all(|(r, role)| {
        let required = n.team.rule == wushe::model::TeamRule::AllOrNothing || !role.optional;
        let demand = match &role.spec {
            wushe::model::RoleSpec::Volunteers { count, .. } => i64::from(*count),
            wushe::model::RoleSpec::Material { amount, .. } => *amount,
            _ => 1,
        };
        let held: i64 = s
            .ongoing_of(need)
            .filter(|o| o.role as usize == r)
            .map(|o| o.amount)
            .sum();
        !required || held >= demand
    })
}

#[test]
fn warm_branch_and_bound_keeps_the_cold_optimum() {
    let policy = MatchPolicy::default();
    let mut matcher = Rematcher::new(policy.clone(), StrategyKind::BranchAndBound);
    let mut scenario = county();
    let mut proven = 0;
    for day in 0..=3u64 {
        if day > 0 {
            small_change(&mut scenario, 0.03, day);
        }
        let warm = matcher.rematch(&scenario).expect("matches");
        assert!(matcher.is_warm());
        assert_eq!(check_plan(&scenario, &warm), Ok(()), "day {day}");
        let cold = wushe::match_scenario(&scenario, &policy, StrategyKind::BranchAndBound)
            .expect("matches");
        if warm.status == SolveStatus::Optimal && cold.status == SolveStatus::Optimal {
            assert_eq!(warm.objective, cold.objective, "day {day}");
            proven += 1;
        }
        scenario = scenario.apply(&warm).expect("applies");
    }
    assert!(proven >= 2, "only {proven} days proven optimal both ways");
}
