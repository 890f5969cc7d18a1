//! Deferred acceptance on one-to-one instances with complete, uniformly random preference
//! lists (n proposers and n receivers, every list a random permutation; fixed seeds).
//!
//! Measured: `DeferredAcceptance::solve` with the proposers proposing, including its O(n²)
//! rank-table construction; building the instance is not timed. The result is checked once
//! outside the timed loop: perfect, and no blocking pair (by a rank-table check).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use wushe::solve::stable::{DeferredAcceptance, StableInstance, StableMatching};

/// `n` random permutations of `0..n`.
fn random_lists(n: usize, rng: &mut ChaCha8Rng) -> Vec<Vec<usize>> {
    (0..n)
        .map(|_| {
            let mut list: Vec<usize> = (0..n).collect();
            list.shuffle(rng);
            list
        })
        .collect()
}

/// Panics unless `m` is a perfect stable matching of the complete instance.
fn check(inst: &StableInstance, m: &StableMatching, n: usize) {
    assert_eq!(m.len(), n, "complete lists give a perfect matching");
    let mut recv_rank = vec![0u32; n * n];
    for r in 0..n {
        for (k, &p) in inst.receiver_ranking(r).iter().enumerate() {
            recv_rank[r * n + p as usize] = k as u32;
        }
    }
    for p in 0..n {
        let mine = m.proposer_partners(p)[0];
        for &r in inst.proposer_ranking(p) {
            let r = r as usize;
            if r == mine {
                break;
            }
            let theirs = m.receiver_partners(r)[0];
            assert!(
                recv_rank[r * n + theirs] < recv_rank[r * n + p],
                "blocking pair ({p}, {r})"
            );
        }
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("stable");
    group.sample_size(10);
    for n in [1000usize, 5000] {
        let mut rng = ChaCha8Rng::seed_from_u64(20240611 + n as u64);
        let proposers = random_lists(n, &mut rng);
        let receivers = random_lists(n, &mut rng);
        let inst = StableInstance::one_to_one(&proposers, &receivers).expect("valid instance");
        drop((proposers, receivers));
        let da = DeferredAcceptance::default();
        check(&inst, &da.solve(&inst), n);
        group.bench_with_input(
            BenchmarkId::new("deferred_acceptance", n),
            &inst,
            |b, inst| b.iter(|| da.solve(inst)),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
