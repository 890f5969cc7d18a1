//! Min-cost flow on needs → providers → sink transport networks (the peer benchmark's `mcf` family).
//!
//! Measures `SuccessiveShortestPath::solve` (building its residual graph from the
//! `FlowNetwork` and solving to optimality) on deterministic instances of `N` needs:
//! demand 1 (2 for ~10%), providers with capacity 1..=8 summing to ~90% of demand clustered
//! around `√M` stations, 16 arcs per need to its nearest providers at cost
//! `round(1000·dist) + mismatch(0..200)`, a penalty arc of 5000 per need. Ids:
//! `flow/transport/successive_shortest_path/<N>`. Each instance's answer is checked against
//! the certificate once, outside the timed loop.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use wushe::solve::flow::certificate::check_certificate;
use wushe::solve::flow::successive_shortest_path::SuccessiveShortestPath;
use wushe::solve::flow::{FlowNetwork, MinCostFlowSolver};

const K: usize = 16;

/// A standard normal draw (Box–Muller), so the generator needs no extra crate.
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u: f64 = 1.0 - rng.random::<f64>();
    let v: f64 = rng.random();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// Reflects a coordinate back into `[0, 1]`.
fn reflect(x: f64) -> f64 {
    let x = x.abs() % 2.0;
    if x > 1.0 { 2.0 - x } else { x }
}

/// Uniform grid over the unit square for exact k-nearest-neighbour queries.
struct Grid {
    side: usize,
    cells: Vec<Vec<u32>>,
}

impl Grid {
    fn new(points: &[(f64, f64)]) -> Self {
        let side = ((points.len() as f64 / 4.0).sqrt().ceil() as usize).max(1);
        let mut cells = vec![Vec::new(); side * side];
        for (i, p) in points.iter().enumerate() {
            cells[Self::cell(side, p.1) * side + Self::cell(side, p.0)].push(i as u32);
        }
        Grid { side, cells }
    }

    fn cell(side: usize, x: f64) -> usize {
        ((x * side as f64) as usize).min(side - 1)
    }

    /// The `k` nearest points to `q` as `(distance, index)`, ties by index.
    fn nearest(&self, points: &[(f64, f64)], q: (f64, f64), k: usize) -> Vec<(f64, u32)> {
        let (cx, cy) = (Self::cell(self.side, q.0), Self::cell(self.side, q.1));
        let mut found: Vec<(f64, u32)> = Vec::new();
        for ring in 0..=self.side {
            let (lo_x, hi_x) = (cx.saturating_sub(ring), (cx + ring).min(self.side - 1));
            let (lo_y, hi_y) = (cy.saturating_sub(ring), (cy + ring).min(self.side - 1));
            for y in lo_y..=hi_y {
                for x in lo_x..=hi_x {
                    if x.abs_diff(cx) != ring && y.abs_diff(cy) != ring {
                        continue;
                    }
                    for &i in &self.cells[y * self.side + x] {
                        let p = points[i as usize];
                        found.push(((p.0 - q.0).hypot(p.1 - q.1), i));
                    }
                }
            }
            found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            found.truncate(k.min(points.len()));
            // every point outside the searched rings is farther than `ring / side`
            if found.len() == k.min(points.len())
                && found
                    .last()
                    .is_some_and(|f| f.0 <= ring as f64 / self.side as f64)
            {
                break;
            }
        }
        found
    }
}

/// The `mcf`-family network with `needs` needs from a fixed seed.
fn instance(needs: usize, seed: u64) -> FlowNetwork {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let demand: Vec<i64> = (0..needs)
        .map(|_| if rng.random::<f64>() < 0.1 { 2 } else { 1 })
        .collect();
    let total: i64 = demand.iter().sum();
    let mut caps: Vec<i64> = Vec::new();
    while caps.iter().sum::<i64>() * 10 < total * 9 {
        caps.push(rng.random_range(1..=8));
    }
    let stations = ((caps.len() as f64).sqrt().round() as usize).max(1);
    let centres: Vec<(f64, f64)> = (0..stations)
        .map(|_| (rng.random(), rng.random()))
        .collect();
    let spread = 0.25 / (stations as f64).sqrt();
    let providers: Vec<(f64, f64)> = caps
        .iter()
        .map(|_| {
            let c = centres[rng.random_range(0..stations)];
            let dx = normal(&mut rng) * spread;
            let dy = normal(&mut rng) * spread;
            (reflect(c.0 + dx), reflect(c.1 + dy))
        })
        .collect();
    let grid = Grid::new(&providers);
    let (m, sink) = (caps.len(), needs + caps.len());
    let mut net = FlowNetwork::with_capacity(sink + 1, needs * (K + 1) + m);
    for (i, &d) in demand.iter().enumerate() {
        net.set_supply(i, d).expect("supply");
        let q = (rng.random(), rng.random());
        for (dist, j) in grid.nearest(&providers, q, K) {
            let cost = (1000.0 * dist).round() as i64 + rng.random_range(0..200);
            net.add_arc(i, needs + j as usize, 0, d, cost).expect("arc");
        }
        net.add_arc(i, sink, 0, d, 5000).expect("penalty arc");
    }
    for (j, &c) in caps.iter().enumerate() {
        net.add_arc(needs + j, sink, 0, c, 0).expect("capacity arc");
    }
    net.set_supply(sink, -total).expect("sink");
    net
}

fn bench_transport(c: &mut Criterion) {
    let mut group = c.benchmark_group("flow/transport");
    group.sample_size(10);
    let solver = SuccessiveShortestPath::default();
    for needs in [1_000usize, 10_000, 100_000] {
        let net = instance(needs, 20_240_611 + needs as u64);
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
