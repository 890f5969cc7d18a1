//! The compile step and the mapping back, on synthetic counties.
//!
//! Measures `compile` (scenario validation, linkage graph, one Dijkstra per need community,
//! every eligibility check, scoring) on the seeded default county with `n` needs (200
//! communities, 2,000 volunteers, 10 organizations): ids `compile/county/<n>`. And
//! `Compiled::plan` of the greedy solution (assignments with recomputed score breakdowns,
//! explanations of every unmet need): ids `compile/plan/<n>`. The problem is validated and the
//! plan checked against `Problem::check` once outside the timed loops.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use wushe::problem::compile;
use wushe::rules::MatchPolicy;
use wushe::sim::CountyConfig;
use wushe::solve::Strategy;
use wushe::solve::greedy::PriorityGreedy;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("compile");
    group.sample_size(10);
    let policy = MatchPolicy::default();
    for n in [1_000u32, 3_000] {
        let scenario = CountyConfig::default().with_needs(n).generate();
        let compiled = compile(&scenario, &policy).expect("the county compiles");
        compiled.problem().validate().expect("valid problem");
        let solution = PriorityGreedy::default()
            .solve(compiled.problem())
            .expect("greedy solves");
        compiled.problem().check(&solution).expect("feasible");
        group.bench_with_input(BenchmarkId::new("county", n), &scenario, |b, s| {
            b.iter(|| compile(s, &policy).expect("compiles"))
        });
        group.bench_with_input(BenchmarkId::new("plan", n), &solution, |b, sol| {
            b.iter(|| compiled.plan(sol, "greedy"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
