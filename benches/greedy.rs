//! Priority greedy team assembly on random team problems.
//!
//! Measures `PriorityGreedy::solve` (validation included) on a seeded random problem of `n`
//! needs, each with a lead-worker role, a 2-volunteer role and a material role, 8 candidate
//! providers per role, so about `24 n` edges. Ids: `team/greedy/<n>`. The solution is checked
//! with `Problem::check` once outside the timed loop.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wushe::model::{FundId, NeedId, ProviderId, TeamRule, VolunteerId, WorkerId};
use wushe::problem::{CandidateEdge, Problem, ProblemNeed, ProblemProvider, ProblemRole, RoleKind};
use wushe::solve::Strategy;
use wushe::solve::greedy::PriorityGreedy;

const CANDIDATES: usize = 8;

/// Providers of one kind: `(first index, count)`.
struct Pool {
    first: u32,
    count: u32,
}

impl Pool {
    fn add(p: &mut Problem, count: u32, capacity: i64, id: fn(u32) -> ProviderId) -> Pool {
        let first = p.providers.len() as u32;
        for i in 0..count {
            p.providers.push(ProblemProvider {
                capacity,
                one_role_per_need: !matches!(id(0), ProviderId::Fund(_)),
            });
            p.provider_ids.push(id(i + 1));
        }
        Pool { first, count }
    }
}

fn random_problem(n: u32, seed: u64) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut p = Problem::default();
    let workers = Pool::add(&mut p, n / 4, 4, |i| ProviderId::Worker(WorkerId(i)));
    let volunteers = Pool::add(&mut p, n, 240, |i| ProviderId::Volunteer(VolunteerId(i)));
    let funds = Pool::add(&mut p, n / 100 + 1, 50_000_000, |i| {
        ProviderId::Fund(FundId(i))
    });
    for need in 0..n {
        let first_role = p.roles.len() as u32;
        let roles = [
            (RoleKind::LeadWorker, 1, &workers, 1, 1),
            (RoleKind::Volunteers, 2, &volunteers, 1, 120),
            (RoleKind::Material, 100_000, &funds, 100_000, 1),
        ];
        for (k, (kind, demand, pool, max_units, usage)) in roles.into_iter().enumerate() {
            let role = p.roles.len() as u32;
            p.roles.push(ProblemRole {
                need,
                team_index: k as u32,
                kind,
                demand,
                optional: false,
            });
            for _ in 0..CANDIDATES {
                p.edges.push(CandidateEdge {
                    role,
                    provider: pool.first + rng.random_range(0..pool.count),
                    max_units,
                    usage_per_unit: usage,
                    score_per_unit: rng.random_range(-50..50),
                });
            }
        }
        p.needs.push(ProblemNeed {
            value: rng.random_range(100..10_000),
            rule: TeamRule::AllOrNothing,
            first_role,
            role_count: 3,
        });
        p.need_ids.push(NeedId(need + 1));
    }
    p.index_edges();
    p
}

fn bench_greedy(c: &mut Criterion) {
    let mut group = c.benchmark_group("team/greedy");
    group.sample_size(10);
    for n in [10_000u32, 100_000] {
        let p = random_problem(n, 7);
        let greedy = PriorityGreedy::default();
        let s = greedy.solve(&p).expect("valid problem");
        assert_eq!(p.check(&s), Ok(()));
        let served = s.served.iter().filter(|&&b| b).count();
        eprintln!(
            "team/greedy/{n}: {} edges, {served} of {n} needs served",
            p.edges.len()
        );
        group.bench_with_input(BenchmarkId::from_parameter(n), &p, |b, p| {
            b.iter(|| greedy.solve(p).expect("valid problem"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_greedy);
criterion_main!(benches);
