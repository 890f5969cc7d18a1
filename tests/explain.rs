//! Mapping hand-built solutions back to match plans, and the reasons of unmet needs.

use wushe::model::*;
use wushe::plan::{Assignment, RejectionCount, UnmetNeed, UnmetReason};
use wushe::problem::{EdgeUse, Solution, SolveStats, SolveStatus, compile};
use wushe::rules::{MatchPolicy, Rejection, ScoreBreakdown};

use crate::compile::scenario;
use crate::support::rules_fixture as fx;

fn solution(served: Vec<bool>, uses: &[(u32, i64)]) -> Solution {
    Solution {
        uses: uses
            .iter()
            .map(|&(edge, units)| EdgeUse { edge, units })
            .collect(),
        served,
        status: Some(SolveStatus::Feasible),
        bound: Some(9_999),
        stats: SolveStats {
            iterations: 7,
            subproblems: 1,
        },
    }
}

fn too_few_for_n2() -> UnmetReason {
    UnmetReason::TooFewEligible {
        role: 0,
        eligible: 1,
        demand: 2,
        rejections: vec![
            RejectionCount {
                reason: Rejection::MissingSkill,
                count: 1,
            },
            RejectionCount {
                reason: Rejection::TooFar,
                count: 1,
            },
        ],
    }
}

#[test]
fn a_served_team_maps_back_with_breakdowns() {
    let s = scenario();
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    // edges: 0 W1, 1 V1, 2 O1, 3 F1 (5,000), 4 F3 (3,000), 5 V2
    let sol = solution(
        vec![true, false],
        &[(0, 1), (1, 1), (2, 1), (3, 2_000), (4, 3_000)],
    );
    c.problem().check(&sol).expect("feasible");
    let plan = c.plan(&sol, "hand");
    assert_eq!(plan.scenario, "fixture");
    assert_eq!(plan.strategy, "hand");
    assert_eq!(plan.status, SolveStatus::Feasible);
    assert_eq!(plan.objective, 3_246 + 24 + 1 - 4);
    assert_eq!(plan.bound, Some(9_999));
    assert_eq!(plan.stats.iterations, 7);
    assert_eq!(plan.served, vec![NeedId(1)]);
    let short: Vec<(u32, String, i64, i64)> = plan
        .assignments
        .iter()
        .map(|a| (a.role, a.provider.to_string(), a.amount, a.score.total()))
        .collect();
    assert_eq!(
        short,
        vec![
            (0, "W1".into(), 1, 24),
            (1, "V1".into(), 1, 1),
            (2, "O1".into(), 1, -4),
            (3, "F1".into(), 2_000, 0),
            (3, "F3".into(), 3_000, 0),
        ]
    );
    assert_eq!(
        plan.assignments[0],
        Assignment {
            need: NeedId(1),
            role: 0,
            provider: ProviderId::Worker(WorkerId(1)),
            amount: 1,
            score: ScoreBreakdown {
                travel: -2,
                skill_fit: 20,
                continuity: 0,
                affinity: 10,
                load: -4
            },
        }
    );
    assert_eq!(
        plan.unmet,
        vec![UnmetNeed {
            need: NeedId(2),
            reasons: vec![too_few_for_n2()],
        }]
    );
}

#[test]
fn an_empty_plan_leaves_fillable_needs_not_selected() {
    let s = scenario();
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    let sol = solution(vec![false, false], &[]);
    let plan = c.plan(&sol, "none");
    assert_eq!(plan.objective, 0);
    assert!(plan.assignments.is_empty() && plan.served.is_empty());
    assert_eq!(plan.unmet[0].reasons, vec![UnmetReason::NotSelected]);
    assert_eq!(plan.unmet[1].reasons, vec![too_few_for_n2()]);
}

#[test]
fn no_eligible_provider_lists_rejections_most_frequent_first() {
    let mut s = scenario();
    s.workers[0].licence = Licence::Unlicensed;
    s.organizations[0].categories.clear();
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    let plan = c.plan(&solution(vec![false, false], &[]), "none");
    assert_eq!(
        plan.unmet[0].reasons,
        vec![
            UnmetReason::NoEligibleProvider {
                role: 0,
                rejections: vec![RejectionCount {
                    reason: Rejection::LicenceTooLow,
                    count: 2
                }],
            },
            UnmetReason::NoEligibleProvider {
                role: 2,
                rejections: vec![
                    RejectionCount {
                        reason: Rejection::CategoryNotServed,
                        count: 1
                    },
                    RejectionCount {
                        reason: Rejection::OutsideServiceArea,
                        count: 1
                    },
                ],
            },
        ]
    );
}

#[test]
fn insufficient_material_counts_every_eligible_resource() {
    let mut s = scenario();
    s.needs[0].team.roles[3] = fx::core(fx::money(200_000));
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    let plan = c.plan(&solution(vec![false, false], &[]), "none");
    assert_eq!(
        plan.unmet[0].reasons,
        vec![UnmetReason::InsufficientMaterial {
            role: 3,
            required: 200_000,
            available: 103_000,
        }]
    );
}

/// Two needs of residents in R11 competing for one free case of W1 and for fund F1.
fn competing() -> Scenario {
    let mut s = fx::county();
    let mut w = fx::worker(1, 10);
    w.current_load = 4;
    s.workers = vec![w];
    let mut f3 = fx::fund(3);
    f3.remaining = 3_000;
    s.funds = vec![fx::fund(1), f3];
    s.residents = vec![fx::resident(1, 11), fx::resident(3, 11)];
    s.needs = vec![
        fx::need(1, 1, vec![fx::lead(), fx::money(60_000)]),
        fx::need(3, 3, vec![fx::lead(), fx::money(60_000)]),
    ];
    s
}

#[test]
fn capacity_taken_by_the_plan() {
    let s = competing();
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    // edges: 0 W1→N1, 1 F1→N1, 2 F3→N1, 3 W1→N3, 4 F1→N3, 5 F3→N3
    assert_eq!(c.problem().edges.len(), 6);
    let sol = solution(vec![true, false], &[(0, 1), (1, 60_000)]);
    c.problem().check(&sol).expect("feasible");
    let plan = c.plan(&sol, "hand");
    assert_eq!(
        plan.unmet,
        vec![UnmetNeed {
            need: NeedId(3),
            reasons: vec![
                UnmetReason::CapacityTaken {
                    role: 0,
                    eligible: 1,
                    demand: 1,
                    free: 0,
                },
                UnmetReason::CapacityTaken {
                    role: 1,
                    eligible: 2,
                    demand: 60_000,
                    free: 43_000,
                },
            ],
        }]
    );
}

#[test]
fn optional_roles_do_not_block_core_then_optional_needs() {
    let mut s = competing();
    s.needs.truncate(1);
    s.needs[0].team.rule = TeamRule::CoreThenOptional;
    s.needs[0].team.roles.push(Role {
        spec: fx::helpers(3),
        optional: true,
    });
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    let plan = c.plan(&solution(vec![false], &[]), "none");
    assert_eq!(plan.unmet[0].reasons, vec![UnmetReason::NotSelected]);
    // under all-or-nothing the same role blocks the need
    s.needs[0].team.rule = TeamRule::AllOrNothing;
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    let plan = c.plan(&solution(vec![false], &[]), "none");
    assert!(matches!(
        plan.unmet[0].reasons.as_slice(),
        [UnmetReason::NoEligibleProvider { role: 2, .. }]
    ));
}

#[test]
fn assignments_are_sorted_by_need_role_provider() {
    let mut s = competing();
    s.workers[0].current_load = 0;
    s.funds[0].remaining = 200_000;
    // list N3 first in the scenario so problem order differs from id order
    s.needs.swap(0, 1);
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    let p = c.problem();
    assert_eq!(p.need_ids, vec![NeedId(3), NeedId(1)]);
    // edges: 0 W1→N3, 1 F1→N3, 2 F3→N3, 3 W1→N1, 4 F1→N1, 5 F3→N1
    let sol = solution(
        vec![true, true],
        &[(0, 1), (1, 57_000), (2, 3_000), (3, 1), (4, 60_000)],
    );
    p.check(&sol).expect("feasible");
    let plan = c.plan(&sol, "hand");
    let keys: Vec<(u32, u32, String, i64)> = plan
        .assignments
        .iter()
        .map(|a| (a.need.0, a.role, a.provider.to_string(), a.amount))
        .collect();
    assert_eq!(
        keys,
        vec![
            (1, 0, "W1".into(), 1),
            (1, 1, "F1".into(), 60_000),
            (3, 0, "W1".into(), 1),
            (3, 1, "F1".into(), 57_000),
            (3, 1, "F3".into(), 3_000),
        ]
    );
    assert_eq!(plan.served, vec![NeedId(1), NeedId(3)]);
    assert!(plan.unmet.is_empty());
}

#[test]
fn malformed_solutions_do_not_panic() {
    let s = scenario();
    let c = compile(&s, &MatchPolicy::default()).expect("compiles");
    let sol = Solution {
        uses: vec![EdgeUse {
            edge: 999,
            units: 5,
        }],
        served: vec![true],
        ..Solution::default()
    };
    let plan = c.plan(&sol, "broken");
    assert!(plan.assignments.is_empty());
    assert_eq!(plan.served, vec![NeedId(1)]);
    assert_eq!(plan.unmet.len(), 1);
}

#[test]
fn plans_are_deterministic() {
    let s = scenario();
    let a = compile(&s, &MatchPolicy::default()).expect("compiles");
    let b = compile(&s, &MatchPolicy::default()).expect("compiles");
    let sol = solution(vec![true, false], &[(0, 1), (1, 1), (2, 1), (3, 5_000)]);
    assert_eq!(a.plan(&sol, "x"), b.plan(&sol, "x"));
}
