//! Priority greedy team assembly: hand-built problems with known answers, and properties on
//! random valid problems (feasibility, priority order, no partial team, determinism).

use proptest::prelude::*;
use wushe::ErrorKind;
use wushe::model::{FundId, NeedId, ProviderId, TeamRule, WorkerId};
use wushe::problem::{
    CandidateEdge, EdgeUse, Problem, ProblemNeed, ProblemProvider, ProblemRole, RoleKind, Solution,
    SolveStatus,
};
use wushe::solve::Strategy as _;
use wushe::solve::greedy::{OptionalFill, PriorityGreedy, RoleOrder};

/// Builds a problem need by need.
#[derive(Default)]
struct Build {
    p: Problem,
}

impl Build {
    /// Adds a need; roles are `(kind, demand, optional)`. Returns the first role index.
    fn need(&mut self, value: i64, rule: TeamRule, roles: &[(RoleKind, i64, bool)]) -> u32 {
        let need = self.p.needs.len() as u32;
        let first_role = self.p.roles.len() as u32;
        for (i, &(kind, demand, optional)) in roles.iter().enumerate() {
            self.p.roles.push(ProblemRole {
                need,
                team_index: i as u32,
                kind,
                demand,
                optional,
            });
        }
        self.p.needs.push(ProblemNeed {
            value,
            rule,
            first_role,
            role_count: roles.len() as u32,
        });
        self.p.need_ids.push(NeedId(need + 1));
        first_role
    }

    /// Adds a provider (`person` ⇒ one role per need).
    fn provider(&mut self, capacity: i64, person: bool) -> u32 {
        let i = self.p.providers.len() as u32;
        self.p.providers.push(ProblemProvider {
            capacity,
            one_role_per_need: person,
        });
        self.p.provider_ids.push(if person {
            ProviderId::Worker(WorkerId(i + 1))
        } else {
            ProviderId::Fund(FundId(i + 1))
        });
        i
    }

    fn edge(&mut self, role: u32, provider: u32, max_units: i64, usage: i64, score: i64) {
        self.p.edges.push(CandidateEdge {
            role,
            provider,
            max_units,
            usage_per_unit: usage,
            score_per_unit: score,
        });
    }

    fn done(mut self) -> Problem {
        self.p.index_edges();
        self.p
    }
}

const WORKER: (RoleKind, i64, bool) = (RoleKind::LeadWorker, 1, false);

fn solve(p: &Problem) -> Solution {
    solve_with(&PriorityGreedy::default(), p)
}

fn solve_with(g: &PriorityGreedy, p: &Problem) -> Solution {
    let s = g.solve(p).expect("valid problem");
    assert_eq!(p.check(&s), Ok(()));
    assert_eq!(s.status, Some(SolveStatus::Feasible));
    assert_eq!(s.stats.iterations, p.needs.len() as u64);
    s
}

/// `(role, provider, units)` of every use.
fn triples(p: &Problem, s: &Solution) -> Vec<(u32, u32, i64)> {
    s.uses
        .iter()
        .map(|u| {
            let e = &p.edges[u.edge as usize];
            (e.role, e.provider, u.units)
        })
        .collect()
}

#[test]
fn higher_value_need_takes_the_scarce_worker() {
    let mut b = Build::default();
    let r0 = b.need(50, TeamRule::AllOrNothing, &[WORKER]);
    let r1 = b.need(100, TeamRule::AllOrNothing, &[WORKER]);
    let w = b.provider(1, true);
    b.edge(r0, w, 1, 1, 10);
    b.edge(r1, w, 1, 1, 0);
    let p = b.done();
    let s = solve(&p);
    assert_eq!(s.served, vec![false, true]);
    assert_eq!(triples(&p, &s), vec![(r1, w, 1)]);
    assert_eq!(p.objective(&s), 100);
}

#[test]
fn equal_values_go_by_need_index() {
    let mut b = Build::default();
    let r0 = b.need(70, TeamRule::AllOrNothing, &[WORKER]);
    let r1 = b.need(70, TeamRule::AllOrNothing, &[WORKER]);
    let w = b.provider(1, true);
    b.edge(r0, w, 1, 1, 0);
    b.edge(r1, w, 1, 1, 5);
    let p = b.done();
    assert_eq!(solve(&p).served, vec![true, false]);
}

#[test]
fn best_score_first_ties_by_provider_index() {
    let mut b = Build::default();
    let r = b.need(
        10,
        TeamRule::AllOrNothing,
        &[(RoleKind::Volunteers, 2, false)],
    );
    let v: Vec<u32> = (0..4).map(|_| b.provider(1, true)).collect();
    b.edge(r, v[0], 1, 1, 3);
    b.edge(r, v[1], 1, 1, 7);
    b.edge(r, v[2], 1, 1, 3);
    b.edge(r, v[3], 1, 1, 2);
    let p = b.done();
    let s = solve(&p);
    assert_eq!(triples(&p, &s), vec![(r, v[0], 1), (r, v[1], 1)]);
}

#[test]
fn provider_without_enough_capacity_is_skipped() {
    let mut b = Build::default();
    let r = b.need(
        10,
        TeamRule::AllOrNothing,
        &[(RoleKind::Volunteers, 1, false)],
    );
    let small = b.provider(90, true);
    let big = b.provider(120, true);
    b.edge(r, small, 1, 120, 9);
    b.edge(r, big, 1, 120, 1);
    let p = b.done();
    assert_eq!(triples(&p, &solve(&p)), vec![(r, big, 1)]);
}

#[test]
fn rollback_leaves_no_partial_team() {
    // need 0 (value 100): worker W + 2 volunteers, only one volunteer exists -> unserved, and W
    // must be given back so need 1 (value 10) can have it.
    let mut b = Build::default();
    let r0 = b.need(
        100,
        TeamRule::AllOrNothing,
        &[WORKER, (RoleKind::Volunteers, 2, false)],
    );
    let r1 = b.need(10, TeamRule::AllOrNothing, &[WORKER]);
    let w = b.provider(1, true);
    let v = b.provider(60, true);
    b.edge(r0, w, 1, 1, 0);
    b.edge(r0 + 1, v, 1, 60, 0);
    b.edge(r1, w, 1, 1, 0);
    let p = b.done();
    let s = solve(&p);
    assert_eq!(s.served, vec![false, true]);
    assert_eq!(triples(&p, &s), vec![(r1, w, 1)]);
}

#[test]
fn material_is_drawn_from_several_funds_by_score() {
    let mut b = Build::default();
    let r = b.need(
        10,
        TeamRule::AllOrNothing,
        &[(RoleKind::Material, 500, false)],
    );
    let f0 = b.provider(400, false);
    let f1 = b.provider(300, false);
    let f2 = b.provider(1000, false);
    b.edge(r, f0, 500, 1, 1);
    b.edge(r, f1, 500, 1, 2);
    b.edge(r, f2, 500, 1, -1);
    let p = b.done();
    let s = solve(&p);
    assert_eq!(triples(&p, &s), vec![(r, f0, 200), (r, f1, 300)]);
    assert_eq!(p.objective(&s), 10 + 200 + 600);
}

#[test]
fn material_short_of_demand_is_unserved() {
    let mut b = Build::default();
    let r = b.need(
        10,
        TeamRule::AllOrNothing,
        &[(RoleKind::Material, 500, false)],
    );
    let f0 = b.provider(200, false);
    let f1 = b.provider(299, false);
    b.edge(r, f0, 500, 1, 1);
    b.edge(r, f1, 500, 1, 1);
    let p = b.done();
    let s = solve(&p);
    assert_eq!(s.served, vec![false]);
    assert!(s.uses.is_empty());
}

#[test]
fn a_person_fills_one_role_per_need_a_fund_may_fill_two() {
    let mut b = Build::default();
    let r = b.need(10, TeamRule::AllOrNothing, &[WORKER, WORKER]);
    let a = b.provider(5, true);
    let c = b.provider(5, true);
    b.edge(r, a, 1, 1, 9);
    b.edge(r + 1, a, 1, 1, 9);
    b.edge(r + 1, c, 1, 1, 0);
    let p = b.done();
    assert_eq!(triples(&p, &solve(&p)), vec![(r, a, 1), (r + 1, c, 1)]);

    let mut b = Build::default();
    let m = (RoleKind::Material, 10, false);
    let r = b.need(10, TeamRule::AllOrNothing, &[m, m]);
    let f = b.provider(20, false);
    b.edge(r, f, 10, 1, 0);
    b.edge(r + 1, f, 10, 1, 0);
    let p = b.done();
    assert_eq!(triples(&p, &solve(&p)), vec![(r, f, 10), (r + 1, f, 10)]);
}

#[test]
fn fewest_candidates_first_saves_a_team_as_listed_loses() {
    // role 0 may take A or B (A scores higher); role 1 only A.
    let mut b = Build::default();
    let r = b.need(10, TeamRule::AllOrNothing, &[WORKER, WORKER]);
    let a = b.provider(1, true);
    let c = b.provider(1, true);
    b.edge(r, a, 1, 1, 5);
    b.edge(r, c, 1, 1, 1);
    b.edge(r + 1, a, 1, 1, 0);
    let p = b.done();
    assert_eq!(solve(&p).served, vec![false]);
    let g = PriorityGreedy::default().with_role_order(RoleOrder::FewestCandidatesFirst);
    let s = solve_with(&g, &p);
    assert_eq!(triples(&p, &s), vec![(r, c, 1), (r + 1, a, 1)]);
}

/// One core worker role and an optional role of two volunteers: scores +4 and −2.
fn optional_problem(rule: TeamRule) -> Problem {
    let mut b = Build::default();
    let r = b.need(10, rule, &[WORKER, (RoleKind::Volunteers, 2, true)]);
    let w = b.provider(1, true);
    let good = b.provider(1, true);
    let bad = b.provider(1, true);
    b.edge(r, w, 1, 1, 0);
    b.edge(r + 1, good, 1, 1, 4);
    b.edge(r + 1, bad, 1, 1, -2);
    b.done()
}

#[test]
fn optional_roles_are_filled_best_effort_after_the_core() {
    let p = optional_problem(TeamRule::CoreThenOptional);
    let s = solve(&p);
    assert_eq!(s.served, vec![true]);
    assert_eq!(triples(&p, &s), vec![(0, 0, 1), (1, 1, 1)]);
    let always = PriorityGreedy::default().with_optional_fill(OptionalFill::Always);
    assert_eq!(
        triples(&p, &solve_with(&always, &p)),
        vec![(0, 0, 1), (1, 1, 1), (1, 2, 1)]
    );
    let never = PriorityGreedy::default().with_optional_fill(OptionalFill::Never);
    assert_eq!(triples(&p, &solve_with(&never, &p)), vec![(0, 0, 1)]);
}

#[test]
fn all_or_nothing_requires_optional_roles_too() {
    let p = optional_problem(TeamRule::AllOrNothing);
    let s = solve(&p);
    assert_eq!(triples(&p, &s), vec![(0, 0, 1), (1, 1, 1), (1, 2, 1)]);
    let mut p = p;
    p.providers[2].capacity = 0;
    let s = solve(&p);
    assert_eq!(s.served, vec![false]);
    assert!(s.uses.is_empty());
}

#[test]
fn unfillable_optional_role_does_not_block_service() {
    let mut p = optional_problem(TeamRule::CoreThenOptional);
    p.providers[1].capacity = 0;
    p.providers[2].capacity = 0;
    let s = solve(&p);
    assert_eq!(s.served, vec![true]);
    assert_eq!(s.uses, vec![EdgeUse { edge: 0, units: 1 }]);
}

#[test]
fn invalid_problem_is_rejected() {
    let mut p = optional_problem(TeamRule::AllOrNothing);
    p.edges.swap(0, 2);
    let err = PriorityGreedy::default()
        .solve(&p)
        .expect_err("unsorted edges");
    assert!(matches!(err.kind(), ErrorKind::Problem(_)));
    let mut p = optional_problem(TeamRule::AllOrNothing);
    p.roles[0].demand = 0;
    assert!(PriorityGreedy::default().solve(&p).is_err());
}

#[test]
fn empty_problem_serves_nothing() {
    let p = Build::default().done();
    let s = solve(&p);
    assert!(s.served.is_empty() && s.uses.is_empty());
}

/// A random valid problem: up to 6 needs of 1–3 roles, up to 7 providers, tie-heavy values and
/// scores, zero capacities included.
fn arb_problem() -> impl Strategy<Value = Problem> {
    let role = (0u8..4, 1i64..4, any::<bool>());
    let need = (0i64..6, any::<bool>(), prop::collection::vec(role, 1..4));
    let provider = (0i64..6, 0i64..400, any::<bool>());
    (
        prop::collection::vec(need, 0..7),
        prop::collection::vec(provider, 1..8),
        prop::collection::vec((any::<u16>(), any::<u16>(), 1i64..4, -3i64..6), 0..40),
    )
        .prop_map(|(needs, providers, edges)| build_random(&needs, &providers, &edges))
}

type RandNeed = (i64, bool, Vec<(u8, i64, bool)>);

fn build_random(
    needs: &[RandNeed],
    providers: &[(i64, i64, bool)],
    edges: &[(u16, u16, i64, i64)],
) -> Problem {
    let mut b = Build::default();
    for (value, core_then, roles) in needs {
        let rule = if *core_then {
            TeamRule::CoreThenOptional
        } else {
            TeamRule::AllOrNothing
        };
        let roles: Vec<(RoleKind, i64, bool)> = roles
            .iter()
            .map(|&(k, d, opt)| match k {
                0 => (RoleKind::LeadWorker, 1, opt),
                1 => (RoleKind::Volunteers, d, opt),
                2 => (RoleKind::Organization, 1, opt),
                _ => (RoleKind::Material, d * 50, opt),
            })
            .collect();
        b.need(*value, rule, &roles);
    }
    // persons: capacity in small units; funds: amounts
    for &(cases, amount, person) in providers {
        if person {
            b.provider(cases, true);
        } else {
            b.provider(amount, false);
        }
    }
    let roles = b.p.roles.len();
    if roles > 0 {
        for &(r, pr, usage, score) in edges {
            let role = r as usize % roles;
            let provider = pr as usize % providers.len();
            let material = b.p.roles[role].kind == RoleKind::Material;
            let person = b.p.providers[provider].one_role_per_need;
            if material == person {
                continue; // persons fill person roles, funds material roles
            }
            let (max_units, usage) = if material {
                (b.p.roles[role].demand, 1)
            } else {
                (1, usage)
            };
            b.edge(role as u32, provider as u32, max_units, usage, score);
        }
    }
    b.done()
}

/// Whether every required role of `need` has a provider set disjoint from the other roles'.
fn roles_disjoint(p: &Problem, need: usize) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    p.needs[need]
        .roles()
        .flat_map(|r| p.role_edges(r).iter().map(|e| e.provider))
        .all(|pr| seen.insert(pr))
}

/// Whether every required role of `need` can be filled from `free` (exact when the roles'
/// provider sets are disjoint).
fn servable(p: &Problem, need: usize, free: &[i64]) -> bool {
    let n = &p.needs[need];
    n.roles().all(|r| {
        let role = &p.roles[r];
        if role.optional && n.rule == TeamRule::CoreThenOptional {
            return true;
        }
        let avail: i64 = p
            .role_edges(r)
            .iter()
            .map(|e| {
                e.max_units
                    .min(free[e.provider as usize] / e.usage_per_unit)
            })
            .sum();
        avail >= role.demand
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_problems_give_feasible_deterministic_solutions(p in arb_problem()) {
        for g in [
            PriorityGreedy::default(),
            PriorityGreedy::default().with_role_order(RoleOrder::FewestCandidatesFirst),
            PriorityGreedy::default().with_optional_fill(OptionalFill::Always),
        ] {
            let s = g.solve(&p).expect("valid");
            prop_assert_eq!(p.check(&s), Ok(()));
            prop_assert_eq!(s.stats.iterations, p.needs.len() as u64);
            prop_assert_eq!(g.solve(&p).expect("valid"), s);
        }
    }

    #[test]
    fn no_servable_need_is_lost_to_lower_priority(p in arb_problem()) {
        let s = PriorityGreedy::default().solve(&p).expect("valid");
        let mut order: Vec<usize> = (0..p.needs.len()).collect();
        order.sort_by_key(|&n| (std::cmp::Reverse(p.needs[n].value), n));
        let mut rank = vec![0; p.needs.len()];
        for (k, &n) in order.iter().enumerate() {
            rank[n] = k;
        }
        let mut free: Vec<i64> = p.providers.iter().map(|x| x.capacity).collect();
        for u in &s.uses {
            let e = &p.edges[u.edge as usize];
            free[e.provider as usize] -= u.units * e.usage_per_unit;
        }
        // Needs every team of which adds to the objective (greedy skips a team that would not).
        let always_gains = |n: usize| {
            let need = &p.needs[n];
            let worst: i128 = need
                .roles()
                .map(|r| {
                    let lowest = p.role_edges(r).iter().map(|e| e.score_per_unit).min().unwrap_or(0);
                    i128::from(lowest.min(0)) * i128::from(p.roles[r].demand)
                })
                .sum();
            i128::from(need.value) + worst > 0
        };
        for n in (0..p.needs.len()).filter(|&n| !s.served[n] && roles_disjoint(&p, n) && always_gains(n)) {
            // capacity at n's turn: what is free at the end plus what later needs took
            let mut at_turn = free.clone();
            for u in &s.uses {
                let e = &p.edges[u.edge as usize];
                if rank[p.roles[e.role as usize].need as usize] > rank[n] {
                    at_turn[e.provider as usize] += u.units * e.usage_per_unit;
                }
            }
            prop_assert!(!servable(&p, n, &at_turn), "need {} was servable", n);
        }
    }
}
