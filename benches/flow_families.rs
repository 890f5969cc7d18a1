//! The min-cost-flow cores on every generated benchmark family at size S.
//!
//! Measures `solve` (building the core's arrays from a `FlowNetwork` and solving to
//! optimality) of the automatic choice, the network simplex and cost scaling on each family
//! of `wushe::solve::flow::families` (NETGEN-, GRIDGEN-, GOTO- and road-like networks, the
//! escalation hierarchy, needs → providers transport) at size S, and of successive shortest
//! paths on the transport family, the one shape it is chosen for (on the others it is 10–80×
//! slower), and of the contracted primal–dual on the escalation hierarchy, the shape it is
//! chosen for. The instances are those that `cargo run --release --example generate` writes,
//! with the same seed. Ids are `flow/FAMILY/CORE/S`. Every core's answer is checked once
//! against the certificate, and its objective against the network simplex's, outside the
//! timed loop. Size S keeps `cargo bench --no-run` and a full run cheap; the M and L sizes are
//! measured side by side with the established solvers by `benches/peers/run.sh`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use wushe::solve::flow::certificate::check_certificate;
use wushe::solve::flow::families::{Family, Size};
use wushe::solve::flow::{FlowAlgorithm, FlowNetwork, FlowStatus};

/// The generator's default seed (`examples/generate.rs`).
const SEED: u64 = 20_261_202;

/// The cores measured on `family`.
fn cores(family: Family) -> Vec<FlowAlgorithm> {
    let mut cores = vec![
        FlowAlgorithm::Automatic,
        FlowAlgorithm::NetworkSimplex,
        FlowAlgorithm::CostScaling,
    ];
    if family == Family::Transport {
        cores.push(FlowAlgorithm::SuccessiveShortestPath);
    }
    if family == Family::Escalation {
        cores.push(FlowAlgorithm::PrimalDual);
    }
    cores
}

/// Solves once outside the timed loop: optimal, certified, and the same objective as the
/// network simplex.
fn check(net: &FlowNetwork, algorithm: FlowAlgorithm, expected: i128) {
    let solution = algorithm.solver().solve(net).expect("valid network");
    assert_eq!(solution.status, FlowStatus::Optimal, "{}", algorithm.name());
    check_certificate(net, &solution).expect("certified optimum");
    assert_eq!(solution.objective, expected, "{}", algorithm.name());
}

fn bench_families(c: &mut Criterion) {
    for family in Family::ALL {
        let net = family.generate(Size::S, SEED).expect("generated instance");
        let reference = FlowAlgorithm::NetworkSimplex
            .solver()
            .solve(&net)
            .expect("valid network")
            .objective;
        let mut group = c.benchmark_group(format!("flow/{}", family.name()));
        group.sample_size(10);
        for algorithm in cores(family) {
            check(&net, algorithm, reference);
            let solver = algorithm.solver();
            let id = BenchmarkId::new(algorithm.name(), Size::S.name());
            group.bench_with_input(id, &net, |b, net| {
                b.iter(|| solver.solve(net).expect("valid network"))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench_families);
criterion_main!(benches);
