//! Dense linear assignment: time to solve a random `n × n` matrix with costs uniform in
//! `[0, 1_000_000)` (ChaCha8 seed 20240611 + n), from a ready [`CostMatrix`] (the solver builds
//! its own structures inside the timed loop; generating the matrix is not timed).
//!
//! Ids: `assignment/dense/<algorithm>/<n>` for `jonker_volgenant`, `auction` (sequential
//! bidding), `auction_parallel` (rayon bidding) and the in-process peer
//! `pathfinding_kuhn_munkres` (`pathfinding::kuhn_munkres::kuhn_munkres_min`, from a ready
//! `pathfinding::matrix::Matrix`). Every algorithm's objective and the certificate of our
//! solvers are checked once before timing.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pathfinding::kuhn_munkres::kuhn_munkres_min;
use pathfinding::matrix::Matrix;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wushe::solve::assignment::{
    AssignmentSolver, AssignmentStatus, Auction, Bidding, CostMatrix, JonkerVolgenant,
    check_assignment_duals,
};

const SIZES: [usize; 4] = [100, 500, 1000, 2000];

fn random_matrix(n: usize) -> CostMatrix {
    let mut rng = ChaCha8Rng::seed_from_u64(20_240_611 + n as u64);
    let costs = (0..n * n)
        .map(|_| rng.random_range(0..1_000_000i64))
        .collect();
    CostMatrix::new(n, n, costs).expect("square matrix")
}

fn solvers() -> Vec<(&'static str, Box<dyn AssignmentSolver>)> {
    vec![
        ("jonker_volgenant", Box::new(JonkerVolgenant)),
        ("auction", Box::new(Auction::default())),
        (
            "auction_parallel",
            Box::new(Auction::default().with_bidding(Bidding::Parallel)),
        ),
    ]
}

/// Solves once with every algorithm outside the timed loop and checks they agree.
fn verify(m: &CostMatrix, peer: &Matrix<i64>) {
    let (peer_objective, _) = kuhn_munkres_min(peer);
    for (name, solver) in solvers() {
        let s = solver.solve(m).expect("valid matrix");
        assert_eq!(s.status, AssignmentStatus::Optimal, "{name}");
        assert_eq!(s.objective, i128::from(peer_objective), "{name}");
        check_assignment_duals(m, &s).expect("certificate");
    }
}

fn dense(c: &mut Criterion) {
    let mut group = c.benchmark_group("assignment/dense");
    for n in SIZES {
        let m = random_matrix(n);
        let peer = Matrix::from_vec(n, n, m.costs().to_vec()).expect("square");
        verify(&m, &peer);
        group.sample_size(if n >= 1000 { 10 } else { 20 });
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(if n >= 1000 { 5 } else { 3 }));
        for (name, solver) in solvers() {
            group.bench_with_input(BenchmarkId::new(name, n), &m, |b, m| {
                b.iter(|| solver.solve(m).expect("valid"))
            });
        }
        group.bench_with_input(
            BenchmarkId::new("pathfinding_kuhn_munkres", n),
            &peer,
            |b, peer| b.iter(|| kuhn_munkres_min(peer)),
        );
    }
    group.finish();
}

criterion_group!(benches, dense);
criterion_main!(benches);
