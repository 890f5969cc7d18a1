//! Min-cost flow on needs → providers → sink transport networks (the peer benchmark's
//! transport family).
//!
//! Measures `SuccessiveShortestPath::solve` (building its residual graph from the
//! `FlowNetwork` and solving to optimality) on the transport family of
//! `wushe::solve::flow::families` at `N` = 1,000, 10,000 and 100,000 needs: demand 1 (2 for
//! ~10%), providers with capacity 1..=8 summing to ~90% of demand clustered around `√M`
//! stations, 16 arcs per need to its nearest providers at cost
//! `round(1000·dist) + mismatch(0..200)`, a penalty arc of 5000 per need. Ids:
//! `flow/transport/successive_shortest_path/<N>`. Each instance's answer is checked against
//! the certificate once, outside the timed loop.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use wushe::solve::flow::MinCostFlowSolver;
use wushe::solve::flow::certificate::check_certificate;
use wushe::solve::flow::families::Family;
use wushe::solve::flow::successive_shortest_path::SuccessiveShortestPath;

fn bench_transport(c: &mut Criterion) {
    let mut group = c.benchmark_group("flow/transport");
    group.sample_size(10);
    let solver = SuccessiveShortestPath::default();
    for needs in [1_000usize, 10_000, 100_000] {
        let net = Family::Transport
            .generate_scaled(needs, 20_240_611 + needs as u64)
            .expect("generated instance");
        let solution = solver.solve(&net).expect("valid network");
        check_certificate(&net, &solution).expect("optimal and certified");
        group.bench_with_input(BenchmarkId::new(solver.name(), needs), &net, |b, net| {
            b.iter(|| solver.solve(black_box(net)).expect("valid network"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_transport);
criterion_main!(benches);
