//! The conformance suite: every strategy × every demo scenario, the default county
//! and random scenarios, checked by the independent checker. A new strategy joins
//! `StrategyKind::ALL` and inherits every test here.

use proptest::prelude::*;
use wushe::model::{NeedId, ProviderId, Scenario, VolunteerId, WorkerId};
use wushe::plan::{MatchPlan, UnmetReason, check_plan};
use wushe::problem::compile;
use wushe::rules::{MatchPolicy, Rejection};
use wushe::{StrategyKind, demo};

use crate::support::arbitrary_scenario::arb_scenario;

/// Compiles, solves with `kind`, maps back, and asserts the independent checker and the
/// numeric check both accept the plan.
fn solve_checked(scenario: &Scenario, kind: StrategyKind) -> MatchPlan {
    let compiled = compile(scenario, &MatchPolicy::default()).expect("valid scenario compiles");
    let solution = kind
        .build()
        .solve(compiled.problem())
        .expect("strategy solves");
    compiled
        .problem()
        .check(&solution)
        .unwrap_or_else(|e| panic!("{kind}: numeric check failed: {e}"));
    let plan = compiled.plan(&solution, kind.name());
    if let Err(violations) = check_plan(scenario, &plan) {
        panic!("{kind} on {}: {violations:?}", scenario.name);
    }
    assert_eq!(
        plan.served.len() + plan.unmet.len(),
        scenario.needs.len(),
        "every need is served or unmet"
    );
    plan
}

fn assigned(plan: &MatchPlan, need: u32, role: u32) -> Vec<(ProviderId, i64)> {
    plan.assignments
        .iter()
        .filter(|a| a.need == NeedId(need) && a.role == role)
        .map(|a| (a.provider, a.amount))
        .collect()
}

#[test]
fn every_strategy_passes_the_checker_on_every_demo() {
    for (name, scenario) in demo::all() {
        for &kind in StrategyKind::ALL {
            let plan = solve_checked(&scenario, kind);
            assert_eq!(plan.strategy, kind.name(), "{name}");
        }
    }
}

#[test]
fn left_behind_child_gets_the_documented_team() {
    let scenario = demo::left_behind_child();
    for &kind in StrategyKind::ALL {
        let plan = solve_checked(&scenario, kind);
        assert_eq!(plan.served, vec![NeedId(1)], "{kind}");
        assert_eq!(
            assigned(&plan, 1, 0),
            vec![(ProviderId::Worker(WorkerId(1)), 1)],
            "{kind}"
        );
        assert_eq!(
            assigned(&plan, 1, 1),
            vec![(ProviderId::Volunteer(VolunteerId(3)), 1)],
            "{kind}: only the vetted rehabilitation volunteer may serve a child"
        );
        let money = assigned(&plan, 1, 2);
        assert_eq!(money.iter().map(|(_, a)| a).sum::<i64>(), 300_000, "{kind}");
        assert!(
            money.iter().all(|(p, _)| matches!(
                p,
                ProviderId::Fund(f) if f.0 == 1 || f.0 == 3
            )),
            "{kind}: the elderly fund F2 is never used for a child: {money:?}"
        );
    }
}

#[test]
fn scarce_worker_goes_to_the_high_risk_need() {
    let scenario = demo::scarce_worker();
    for &kind in StrategyKind::ALL {
        let plan = solve_checked(&scenario, kind);
        assert_eq!(plan.served, vec![NeedId(1)], "{kind}");
        assert_eq!(plan.unmet.len(), 1);
        assert_eq!(plan.unmet[0].need, NeedId(2));
        assert!(
            plan.unmet[0]
                .reasons
                .iter()
                .any(|r| matches!(r, UnmetReason::CapacityTaken { role: 0, .. })),
            "{kind}: {:?}",
            plan.unmet[0].reasons
        );
    }
}

#[test]
fn out_of_reach_is_unmet_because_too_far() {
    let scenario = demo::out_of_reach();
    for &kind in StrategyKind::ALL {
        let plan = solve_checked(&scenario, kind);
        assert!(plan.served.is_empty(), "{kind}");
        let reasons = &plan.unmet[0].reasons;
        match reasons.as_slice() {
            [
                UnmetReason::NoEligibleProvider {
                    role: 0,
                    rejections,
                },
            ] => {
                assert_eq!(rejections.len(), 1);
                assert_eq!(rejections[0].reason, Rejection::TooFar);
                assert_eq!(rejections[0].count, 1);
            }
            other => panic!("{kind}: unexpected reasons {other:?}"),
        }
    }
}

#[test]
fn default_county_every_strategy_passes_the_checker() {
    let scenario = wushe::sim::CountyConfig::default()
        .with_communities(60)
        .with_volunteers(400)
        .with_needs(500)
        .generate();
    for &kind in StrategyKind::ALL {
        let plan = solve_checked(&scenario, kind);
        assert!(!plan.served.is_empty(), "{kind} serves some needs");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Random valid scenarios: every strategy's plan passes the independent checker.
    #[test]
    fn random_scenarios_every_strategy_passes_the_checker(scenario in arb_scenario()) {
        for &kind in StrategyKind::ALL {
            solve_checked(&scenario, kind);
        }
    }
}
