//! NETGEN-like random sparse networks.

use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::error::Result;
use crate::solve::flow::FlowNetwork;

/// Arcs per node.
const DEGREE: usize = 8;
/// Largest arc cost.
const MAX_COST: i64 = 10_000;
/// Largest capacity of a random arc.
const MAX_CAPACITY: i64 = 1_000;
/// Supply per source.
const SUPPLY_PER_SOURCE: i64 = 1_000;

/// `n` nodes, `8n` arcs: `⌈√n⌉` sources and as many sinks (disjoint, random), each source
/// with supply 1,000 spread over the sinks at random; a random Hamiltonian cycle of arcs as
/// wide as the total supply (so every balanced supply is feasible), then `7n` random arcs
/// between distinct nodes with capacity `1..=1,000`; every cost uniform in `1..=10,000`.
pub(super) fn netgen(n: usize, rng: &mut ChaCha8Rng) -> Result<FlowNetwork> {
    let terminals = ((n as f64).sqrt().ceil() as usize).clamp(1, n / 2);
    let mut nodes: Vec<usize> = (0..n).collect();
    nodes.shuffle(rng);
    let (sources, rest) = nodes.split_at(terminals);
    let sinks = &rest[..terminals];
    let mut supply = vec![0i64; n];
    let total = SUPPLY_PER_SOURCE * terminals as i64;
    for &s in sources {
        supply[s] = SUPPLY_PER_SOURCE;
    }
    // Demands: a random split of the total into `terminals` positive parts.
    let mut cuts: Vec<i64> = (1..terminals)
        .map(|_| rng.random_range(0..=total))
        .collect();
    cuts.sort_unstable();
    let mut last = 0;
    for (&t, &cut) in sinks.iter().zip(cuts.iter().chain(std::iter::once(&total))) {
        supply[t] = -(cut - last);
        last = cut;
    }
    let mut net = FlowNetwork::with_capacity(n, DEGREE * n);
    for (v, &b) in supply.iter().enumerate() {
        net.set_supply(v, b)?;
    }
    // The cycle visits the nodes in the shuffled order.
    for (i, &v) in nodes.iter().enumerate() {
        let w = nodes[(i + 1) % n];
        net.add_arc(v, w, 0, total, rng.random_range(1..=MAX_COST))?;
    }
    for _ in 0..(DEGREE - 1) * n {
        let tail = rng.random_range(0..n);
        let mut head = rng.random_range(0..n - 1);
        if head >= tail {
            head += 1;
        }
        let capacity = rng.random_range(1..=MAX_CAPACITY);
        net.add_arc(tail, head, 0, capacity, rng.random_range(1..=MAX_COST))?;
    }
    Ok(net)
}
