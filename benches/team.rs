//! Every strategy kind on three problems of about 3,000 needs.
//!
//! Measures `Strategy::solve` (validation, relaxation, core, repair) for each
//! `StrategyKind::ALL` on (and the decomposition on larger counties, `team_scale/...`):
//! - `county3000`: the default synthetic county (3,000 needs) compiled with the default policy;
//! - `team3000`: a seeded random problem of 3,000 needs, each with a lead-worker role, a
//!   2-volunteer role and a material role (optional under `CoreThenOptional` for a third of
//!   the needs), 6 candidates per role;
//! - `unit3000`: a seeded random problem in `ExactClass::UnitDemand` (one lead-worker role of
//!   demand 1 per need, 6 candidates, workers with 3 cases).
//!
//! Ids: `team/<strategy>/<problem>`. Each solution is checked with `Problem::check` once
//! outside the timed loop, and its objective, bound and served count are printed.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wushe::model::{FundId, NeedId, ProviderId, TeamRule, VolunteerId, WorkerId};
use wushe::problem::{
    CandidateEdge, Problem, ProblemNeed, ProblemProvider, ProblemRole, RoleKind, compile,
};
use wushe::rules::MatchPolicy;
use wushe::sim::default_county;
use wushe::solve::StrategyKind;

const CANDIDATES: u32 = 6;

/// `(kind, demand, first provider, provider count, max units, usage)` of a role template.
type Template = (RoleKind, i64, u32, u32, i64, i64);

fn add_providers(p: &mut Problem, count: u32, capacity: i64, id: fn(u32) -> ProviderId) -> u32 {
    let first = p.providers.len() as u32;
    for i in 0..count {
        p.providers.push(ProblemProvider {
            capacity,
            one_role_per_need: !matches!(id(0), ProviderId::Fund(_)),
        });
        p.provider_ids.push(id(first + i));
    }
    first
}

fn random_problem(n: u32, unit: bool, seed: u64) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut p = Problem::default();
    let workers = n / 3;
    let w = add_providers(&mut p, workers, 3, |i| ProviderId::Worker(WorkerId(i)));
    let v = add_providers(&mut p, n, 240, |i| ProviderId::Volunteer(VolunteerId(i)));
    let f = add_providers(&mut p, n / 200 + 1, 20_000_000, |i| {
        ProviderId::Fund(FundId(i))
    });
    let mut templates: Vec<Template> = vec![(RoleKind::LeadWorker, 1, w, workers, 1, 1)];
    if !unit {
        templates.push((RoleKind::Volunteers, 2, v, n, 1, 120));
        templates.push((RoleKind::Material, 50_000, f, n / 200 + 1, 50_000, 1));
    }
    for need in 0..n {
        let rule = if rng.random_range(0..3) == 0 {
            TeamRule::CoreThenOptional
        } else {
            TeamRule::AllOrNothing
        };
        let first_role = p.roles.len() as u32;
        for (k, &(kind, demand, first, count, max_units, usage)) in templates.iter().enumerate() {
            let role = p.roles.len() as u32;
            p.roles.push(ProblemRole {
                need,
                team_index: k as u32,
                kind,
                demand,
                optional: kind == RoleKind::Material,
            });
            let local = rng.random_range(0..count);
            for _ in 0..CANDIDATES {
                let spread = (count / 20).max(CANDIDATES);
                p.edges.push(CandidateEdge {
                    role,
                    provider: first + (local + rng.random_range(0..spread)) % count,
                    max_units,
                    usage_per_unit: usage,
                    score_per_unit: rng.random_range(-20..60),
                });
            }
        }
        p.needs.push(ProblemNeed {
            value: rng.random_range(100..2_000),
            rule,
            first_role,
            role_count: templates.len() as u32,
        });
        p.need_ids.push(NeedId(need));
    }
    p.index_edges();
    p
}

fn bench_strategies(c: &mut Criterion) {
    let county = default_county();
    let compiled = compile(&county, &MatchPolicy::default()).expect("default county compiles");
    let problems = [
        ("county3000", compiled.problem().clone()),
        ("team3000", random_problem(3_000, false, 11)),
        ("unit3000", random_problem(3_000, true, 12)),
    ];
    for &kind in StrategyKind::ALL {
        let label = kind.name();
        let strategy = kind.build();
        let mut group = c.benchmark_group(format!("team/{label}"));
        group.sample_size(10);
        for (name, p) in &problems {
            let s = strategy.solve(p).expect("valid problem");
            assert_eq!(p.check(&s), Ok(()));
            eprintln!(
                "team/{label}/{name}: {} needs, {} edges; objective {}, bound {:?}, status {:?}, served {}",
                p.needs.len(),
                p.edges.len(),
                p.objective(&s),
                s.bound,
                s.status,
                s.served.iter().filter(|&&b| b).count()
            );
            group.bench_with_input(BenchmarkId::from_parameter(name), p, |b, p| {
                b.iter(|| strategy.solve(p).expect("valid problem"))
            });
        }
        group.finish();
    }
}

/// The decomposition on larger generated counties (compile excluded, weighted and
/// lexicographic tiers): 10,000 needs / 7,000 volunteers / 14 townships and 30,000 needs /
/// 20,000 volunteers / 40 townships. Slow (tens of seconds per sample at 30,000 needs).
fn bench_scale(c: &mut Criterion) {
    use wushe::rules::TierOrder;
    use wushe::sim::CountyConfig;
    let mut group = c.benchmark_group("team_scale/decomposition");
    group.sample_size(10);
    for (needs, volunteers, townships) in [(10_000u32, 7_000u32, 14u32), (30_000, 20_000, 40)] {
        let county = CountyConfig::default()
            .with_needs(needs)
            .with_volunteers(volunteers)
            .with_townships(townships)
            .with_communities(townships * 17)
            .generate();
        for order in [TierOrder::Weighted, TierOrder::Lexicographic] {
            let policy = MatchPolicy::default().with_tier_order(order);
            // One component of this size can exceed the value limit of the scalarised
            // lexicographic bonus: the compile says so, and the bench skips that order.
            let compiled = match compile(&county, &policy) {
                Ok(compiled) => compiled,
                Err(e) => {
                    eprintln!("team_scale/{needs}/{order:?}: skipped: {e}");
                    continue;
                }
            };
            let p = compiled.problem().clone();
            let strategy = StrategyKind::Decomposition.build();
            let s = strategy.solve(&p).expect("valid problem");
            assert_eq!(p.check(&s), Ok(()));
            eprintln!(
                "team_scale/{needs}/{order:?}: {} edges; objective {}, bound {:?}",
                p.edges.len(),
                p.objective(&s),
                s.bound
            );
            let name = format!("county{needs}_{order:?}");
            group.bench_with_input(BenchmarkId::from_parameter(name), &p, |b, p| {
                b.iter(|| strategy.solve(p).expect("valid problem"))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_strategies, bench_scale);
criterion_main!(benches);
