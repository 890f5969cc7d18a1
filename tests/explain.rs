//! Mapping hand-built solutions back to match plans, and the reasons of unmet needs.

use std::collections::BTreeSet;

use wushe::model::*;
use wushe::plan::{Assignment, RejectionCount, UnmetNeed, UnmetReason};
use wushe::problem::{EdgeUse, Solution, SolveStats, SolveStatus, compile};
use wushe::rules::{MatchPolicy, Rejection, ScoreBreakdown, TierOrder};

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
            work: 0,
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
    let weighted = MatchPolicy::default().with_tier_order(TierOrder::Weighted);
    let c = compile(&s, &weighted).expect("compiles");
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
    assert_eq!(plan.objective, 20_904 + 24 - 199 - 204);
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
            (1, "V1".into(), 1, -199),
            (2, "O1".into(), 1, -204),
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
                load: -4,
                coordination: 0
            },
            supervisor: None,
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
    s.organizations[0].categories = BTreeSet::from([Category::MarriageFamily]);
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
    s.organizations = vec![fx::organization(1)]; // administers the funds
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

mod random {
    //! Explanations against a brute-force "can this need still be served on top of the plan?"
    //! on random small scenarios.

    use proptest::prelude::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use wushe::model::TeamRule;
    use wushe::plan::UnmetReason;
    use wushe::problem::{EdgeUse, Problem, RoleKind, Solution, SolveStatus, compile};
    use wushe::rules::MatchPolicy;

    use crate::compile::random::random_scenario;

    /// Core roles of need `i`.
    fn core_roles(p: &Problem, i: usize) -> Vec<usize> {
        let n = &p.needs[i];
        n.roles()
            .filter(|&r| !(p.roles[r].optional && n.rule == TeamRule::CoreThenOptional))
            .collect()
    }

    /// Backtracking search for units filling the core roles of one need from free capacities,
    /// persons distinct within the need.
    struct Brute<'a> {
        p: &'a Problem,
        roles: Vec<usize>,
        free: Vec<i64>,
        taken: Vec<u32>,
        out: Vec<(u32, i64)>,
    }

    impl Brute<'_> {
        fn fill(&mut self, k: usize) -> bool {
            let Some(&r) = self.roles.get(k) else {
                return true;
            };
            if self.p.roles[r].kind == RoleKind::Material {
                return self.material(k, r);
            }
            self.persons(k, self.p.role_edge_range(r).start, self.p.roles[r].demand)
        }

        fn material(&mut self, k: usize, r: usize) -> bool {
            let mut left = self.p.roles[r].demand;
            let mark = self.out.len();
            for e in self.p.role_edge_range(r) {
                let edge = &self.p.edges[e];
                let units = left
                    .min(edge.max_units)
                    .min(self.free[edge.provider as usize]);
                if units > 0 {
                    self.free[edge.provider as usize] -= units;
                    self.out.push((e as u32, units));
                    left -= units;
                }
            }
            if left == 0 && self.fill(k + 1) {
                return true;
            }
            for (e, units) in self.out.split_off(mark) {
                self.free[self.p.edges[e as usize].provider as usize] += units;
            }
            false
        }

        fn persons(&mut self, k: usize, from: usize, left: i64) -> bool {
            if left == 0 {
                return self.fill(k + 1);
            }
            for e in from..self.p.role_edge_range(self.roles[k]).end {
                let edge = &self.p.edges[e];
                let j = edge.provider as usize;
                if self.taken.contains(&edge.provider) || self.free[j] < edge.usage_per_unit {
                    continue;
                }
                self.free[j] -= edge.usage_per_unit;
                self.taken.push(edge.provider);
                self.out.push((e as u32, 1));
                if self.persons(k, e + 1, left - 1) {
                    return true;
                }
                self.out.pop();
                self.taken.pop();
                self.free[j] += edge.usage_per_unit;
            }
            false
        }
    }

    /// The edges serving `need` on top of `free` (updated), if it can be served.
    fn extend(p: &Problem, free: &mut Vec<i64>, need: usize) -> Option<Vec<(u32, i64)>> {
        let mut b = Brute {
            p,
            roles: core_roles(p, need),
            free: free.clone(),
            taken: Vec::new(),
            out: Vec::new(),
        };
        if b.fill(0) {
            *free = b.free;
            Some(b.out)
        } else {
            None
        }
    }

    fn free_after(p: &Problem, uses: &[EdgeUse]) -> Vec<i64> {
        let mut free: Vec<i64> = p.providers.iter().map(|q| q.capacity).collect();
        for u in uses {
            let e = &p.edges[u.edge as usize];
            free[e.provider as usize] -= u.units * e.usage_per_unit;
        }
        free
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn reasons_agree_with_brute_force(seed in any::<u64>()) {
            let s = random_scenario(seed);
            let c = compile(&s, &MatchPolicy::default()).expect("compiles");
            let p = c.problem();
            // a feasible solution: serve needs in order, each with probability 0.7 when possible
            let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
            let mut free: Vec<i64> = p.providers.iter().map(|q| q.capacity).collect();
            let mut served = vec![false; p.needs.len()];
            let mut uses: Vec<EdgeUse> = Vec::new();
            for (i, flag) in served.iter_mut().enumerate() {
                if !rng.random_bool(0.7) {
                    continue;
                }
                if let Some(chosen) = extend(p, &mut free, i) {
                    *flag = true;
                    uses.extend(chosen.into_iter().map(|(edge, units)| EdgeUse { edge, units }));
                }
            }
            uses.sort();
            let sol = Solution { uses, served: served.clone(), status: Some(SolveStatus::Feasible), ..Solution::default() };
            p.check(&sol).expect("the helper builds feasible solutions");
            let plan = c.plan(&sol, "brute");
            prop_assert_eq!(plan.objective, p.objective(&sol));
            prop_assert_eq!(plan.assignments.len(), sol.uses.len());
            prop_assert_eq!(plan.served.len() + plan.unmet.len(), p.needs.len());
            let left = free_after(p, &sol.uses);
            for u in &plan.unmet {
                let i = p.need_ids.iter().position(|id| *id == u.need).expect("known need");
                prop_assert!(!served[i]);
                prop_assert!(!u.reasons.is_empty());
                let can = extend(p, &mut left.clone(), i).is_some();
                let kinds: Vec<RoleKind> = core_roles(p, i).iter().map(|&r| p.roles[r].kind).collect();
                let distinct = kinds.iter().enumerate().all(|(a, k)| !kinds[..a].contains(k));
                if u.reasons == [UnmetReason::NotSelected] {
                    if distinct {
                        prop_assert!(can, "need {} NotSelected but cannot be served", u.need);
                    }
                } else {
                    prop_assert!(!u.reasons.contains(&UnmetReason::NotSelected));
                    prop_assert!(!can, "need {} blocked by {:?} but can be served", u.need, u.reasons);
                }
            }
        }
    }

    #[test]
    fn the_generator_reaches_every_reason() {
        let mut seen = std::collections::HashSet::new();
        for seed in 0..300u64 {
            let s = random_scenario(seed);
            let c = compile(&s, &MatchPolicy::default()).expect("compiles");
            let p = c.problem();
            let mut free: Vec<i64> = p.providers.iter().map(|q| q.capacity).collect();
            let mut served = vec![false; p.needs.len()];
            let mut uses = Vec::new();
            for (i, flag) in served.iter_mut().enumerate() {
                if let Some(chosen) = extend(p, &mut free, i) {
                    *flag = true;
                    uses.extend(
                        chosen
                            .into_iter()
                            .map(|(edge, units)| EdgeUse { edge, units }),
                    );
                }
            }
            uses.sort();
            let sol = Solution {
                uses,
                served,
                ..Solution::default()
            };
            for u in c.plan(&sol, "x").unmet {
                for r in u.reasons {
                    seen.insert(std::mem::discriminant(&r));
                }
            }
        }
        // NotSelected occurs too: roles are judged one by one, so two volunteer roles of one need
        // competing for the same volunteers can each be fillable but not both together.
        assert_eq!(seen.len(), 5, "every reason occurs");
    }
}
