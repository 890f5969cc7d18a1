//! Network simplex on generated needs → providers transport instances.
//!
//! Measures `NetworkSimplex::solve` (building its arrays from a `FlowNetwork` and solving to
//! optimality) on instances shaped like the peer benchmark's `mcf` family: `N` needs of demand 1 (2 for ~10%),
//! providers of capacity 1..=8 totalling ~90% of demand clustered around `√M` stations, 16
//! nearest-provider arcs per need costing `1000·distance + mismatch`, a penalty arc of cost
//! 5000 per need and a provider → sink arc per provider. Fixed seed (ChaCha8). Each solution
//! is checked once with the certificate outside the timed loop.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wushe::solve::flow::certificate::check_certificate;
use wushe::solve::flow::network_simplex::NetworkSimplex;
use wushe::solve::flow::{FlowNetwork, FlowStatus, MinCostFlowSolver};

const NEAREST: usize = 16;
const PENALTY: i64 = 5000;

/// A point in the unit square, reflected back after an offset.
fn reflect(x: f64) -> f64 {
    let y = x.rem_euclid(2.0);
    if y > 1.0 { 2.0 - y } else { y }
}

/// A standard normal draw (Box–Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u: f64 = 1.0 - rng.random::<f64>();
    let v: f64 = rng.random();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// The needs → providers instance with `needs` needs (deterministic for a seed).
fn transport_instance(needs: usize, seed: u64) -> FlowNetwork {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let demand: Vec<i64> = (0..needs)
        .map(|_| if rng.random::<f64>() < 0.1 { 2 } else { 1 })
        .collect();
    let total: i64 = demand.iter().sum();
    let mut capacity = Vec::new();
    let mut sum = 0;
    while (sum as f64) < 0.9 * total as f64 {
        let c = rng.random_range(1..=8i64);
        capacity.push(c);
        sum += c;
    }
    let providers = capacity.len();
    let stations = ((providers as f64).sqrt().round() as usize).max(1);
    let station: Vec<(f64, f64)> = (0..stations)
        .map(|_| (rng.random(), rng.random()))
        .collect();
    let spread = 0.25 / (stations as f64).sqrt();
    let place: Vec<(f64, f64)> = (0..providers)
        .map(|_| {
            let (sx, sy) = station[rng.random_range(0..stations)];
            (
                reflect(sx + spread * normal(&mut rng)),
                reflect(sy + spread * normal(&mut rng)),
            )
        })
        .collect();
    let sink = needs + providers;
    let mut net = FlowNetwork::with_capacity(sink + 1, needs * (NEAREST + 1) + providers);
    for (i, &d) in demand.iter().enumerate() {
        net.set_supply(i, d).expect("small demand");
    }
    net.set_supply(sink, -total).expect("small total");
    let mut order: Vec<(f64, usize)> = Vec::with_capacity(providers);
    for (i, &d) in demand.iter().enumerate() {
        let (x, y): (f64, f64) = (rng.random(), rng.random());
        order.clear();
        order.extend(
            place
                .iter()
                .enumerate()
                .map(|(p, &(px, py))| ((px - x).hypot(py - y), p)),
        );
        let k = NEAREST.min(providers);
        order.select_nth_unstable_by(k - 1, |a, b| a.partial_cmp(b).expect("finite"));
        order[..k].sort_by(|a, b| a.partial_cmp(b).expect("finite"));
        for &(dist, p) in &order[..k] {
            let cost = (1000.0 * dist).round() as i64 + rng.random_range(0..200);
            net.add_arc(i, needs + p, 0, d, cost).expect("valid arc");
        }
        net.add_arc(i, sink, 0, d, PENALTY).expect("valid arc");
    }
    for (p, &c) in capacity.iter().enumerate() {
        net.add_arc(needs + p, sink, 0, c, 0).expect("valid arc");
    }
    net
}

fn bench_transport(c: &mut Criterion) {
    let mut group = c.benchmark_group("flow/transport/network_simplex");
    group.sample_size(10);
    let solver = NetworkSimplex::default();
    for needs in [1_000usize, 10_000] {
        let net = transport_instance(needs, 20_240_611);
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
