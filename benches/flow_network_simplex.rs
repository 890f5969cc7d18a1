//! Network simplex on needs → providers transport instances.
//!
//! Measures `NetworkSimplex::solve` (building its arrays from a `FlowNetwork` and solving to
//! optimality) on the transport family of `wushe::solve::flow::families` (`N` needs of demand
//! 1, 2 for ~10%, providers of capacity 1..=8 totalling ~90% of demand clustered around `√M`
//! stations, 16 nearest-provider arcs per need, a penalty arc per need, a provider → sink arc
//! per provider) at 1,000 and 10,000 needs, fixed seed. Each solution is checked once with the
//! certificate outside the timed loop.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use wushe::solve::flow::certificate::check_certificate;
use wushe::solve::flow::families::Family;
use wushe::solve::flow::network_simplex::NetworkSimplex;
use wushe::solve::flow::{FlowStatus, MinCostFlowSolver};

fn bench_transport(c: &mut Criterion) {
    let mut group = c.benchmark_group("flow/transport/network_simplex");
    group.sample_size(10);
    let solver = NetworkSimplex::default();
    for needs in [1_000usize, 10_000] {
        let net = Family::Transport
            .generate_scaled(needs, 20_240_611)
            .expect("generated instance");
        let solution = solver.solve(&net).expect("valid network");
        assert_eq!(solution.status, FlowStatus::Optimal);
        check_certificate(&net, &solution).expect("certified optimum");
        group.bench_with_input(BenchmarkId::from_parameter(needs), &net, |b, net| {
            b.iter(|| solver.solve(net).expect("valid network"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_transport);
criterion_main!(benches);
