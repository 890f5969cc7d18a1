//! The crate's own shapes: needs → providers transport and the escalation hierarchy
//! needs → community → township → county pools.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::nearest::Buckets;
use crate::error::Result;
use crate::solve::flow::FlowNetwork;

/// Unit cost of unmet demand (the penalty arc need → sink).
const PENALTY: i64 = 5_000;
/// Providers offered to each need in the transport family.
const NEAREST_PROVIDERS: usize = 16;
/// Communities offered to each need in the escalation family.
const NEAREST_COMMUNITIES: usize = 8;

/// Demands of `count` needs: 1, or 2 for about 10%.
fn demands(count: usize, rng: &mut ChaCha8Rng) -> Vec<i64> {
    (0..count)
        .map(|_| if rng.random::<f64>() < 0.1 { 2 } else { 1 })
        .collect()
}

/// `count` uniform points of the unit square.
fn points(count: usize, rng: &mut ChaCha8Rng) -> Vec<(f64, f64)> {
    (0..count).map(|_| (rng.random(), rng.random())).collect()
}

/// A point reflected back into `[0, 1]`.
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

/// Cost of a need → place arc: `round(1000 · distance)` plus a mismatch in `0..200`.
fn need_cost(distance: f64, rng: &mut ChaCha8Rng) -> i64 {
    (1000.0 * distance).round() as i64 + rng.random_range(0..200)
}

/// Needs → providers: `needs` needs (nodes `0..N`) of demand 1 (2 for ~10%), providers
/// (nodes `N..N+M`) of capacity `1..=8` totalling ~90% of demand, placed around `√M` stations,
/// and one sink. Each need has arcs to its 16 nearest providers (capacity its demand, cost
/// `round(1000 · distance) + mismatch`, mismatch in `0..200`) and a penalty arc to the sink
/// (cost 5,000); each provider an arc to the sink (its capacity, cost 0).
pub(super) fn transport(needs: usize, rng: &mut ChaCha8Rng) -> Result<FlowNetwork> {
    let demand = demands(needs, rng);
    let total: i64 = demand.iter().sum();
    let mut capacity = Vec::new();
    let mut offered = 0;
    while (offered as f64) < 0.9 * total as f64 {
        let c = rng.random_range(1..=8i64);
        capacity.push(c);
        offered += c;
    }
    let providers = capacity.len();
    let stations = ((providers as f64).sqrt().round() as usize).max(1);
    let station = points(stations, rng);
    let spread = 0.25 / (stations as f64).sqrt();
    let place: Vec<(f64, f64)> = (0..providers)
        .map(|_| {
            let (sx, sy) = station[rng.random_range(0..stations)];
            (
                reflect(sx + spread * normal(rng)),
                reflect(sy + spread * normal(rng)),
            )
        })
        .collect();
    let sink = needs + providers;
    let mut net = FlowNetwork::with_capacity(sink + 1, needs * (NEAREST_PROVIDERS + 1) + providers);
    net.set_supply(sink, -total)?;
    let buckets = Buckets::new(&place);
    let mut near = Vec::new();
    for (i, &d) in demand.iter().enumerate() {
        net.set_supply(i, d)?;
        let at = (rng.random(), rng.random());
        buckets.nearest(at, NEAREST_PROVIDERS, &mut near);
        for &(distance, p) in &near {
            let cost = need_cost(distance, rng);
            net.add_arc(i, needs + p, 0, d, cost)?;
        }
        net.add_arc(i, sink, 0, d, PENALTY)?;
    }
    for (p, &c) in capacity.iter().enumerate() {
        net.add_arc(needs + p, sink, 0, c, 0)?;
    }
    Ok(net)
}

/// A uniform fraction of `amount` in `[low, high]`, rounded, at least 1.
fn share(amount: f64, [low, high]: [f64; 2], rng: &mut ChaCha8Rng) -> i64 {
    ((amount * rng.random_range(low..=high)).round() as i64).max(1)
}

/// The escalation hierarchy. Needs `0..N` (demand 1, 2 for ~10%, uniform in the unit
/// square); `C = ⌈N/100⌉` communities, `T = ⌈C/10⌉` townships and `P = max(⌈T/6⌉, 2)`
/// county pools at uniform points; one sink. Arcs:
/// - need → its 8 nearest communities (capacity its demand, cost `round(1000 · distance)`
///   plus a mismatch in `0..200`) and → sink (penalty 5,000);
/// - community → sink: its own workers, capacity 30–70% of the mean demand per community,
///   cost 0; → its 2 nearest townships, as wide as the total demand, cost
///   `300 + round(1000 · distance)`;
/// - township → sink: capacity 20–40% of the mean demand per township, cost 0; → its 2
///   nearest pools, as wide as the total demand, cost `800 + round(1000 · distance)`;
/// - pool → sink: capacity 10–20% of the mean demand per pool, cost 0.
pub(super) fn escalation(needs: usize, rng: &mut ChaCha8Rng) -> Result<FlowNetwork> {
    let demand = demands(needs, rng);
    let total: i64 = demand.iter().sum();
    let communities = needs.div_ceil(100);
    let townships = communities.div_ceil(10);
    let pools = townships.div_ceil(6).max(2);
    let need_at = points(needs, rng);
    let community_at = points(communities, rng);
    let township_at = points(townships, rng);
    let pool_at = points(pools, rng);
    let first_community = needs;
    let first_township = first_community + communities;
    let first_pool = first_township + townships;
    let sink = first_pool + pools;
    let arcs = needs * (NEAREST_COMMUNITIES + 1) + 3 * (communities + townships) + pools;
    let mut net = FlowNetwork::with_capacity(sink + 1, arcs);
    net.set_supply(sink, -total)?;
    let mut near = Vec::new();
    let by_community = Buckets::new(&community_at);
    for (i, (&d, &at)) in demand.iter().zip(&need_at).enumerate() {
        net.set_supply(i, d)?;
        by_community.nearest(at, NEAREST_COMMUNITIES, &mut near);
        for &(distance, c) in &near {
            let cost = need_cost(distance, rng);
            net.add_arc(i, first_community + c, 0, d, cost)?;
        }
        net.add_arc(i, sink, 0, d, PENALTY)?;
    }
    let levels = [
        (
            first_community,
            &community_at,
            first_township,
            &township_at,
            300,
            [0.3, 0.7],
        ),
        (
            first_township,
            &township_at,
            first_pool,
            &pool_at,
            800,
            [0.2, 0.4],
        ),
    ];
    for (first, at, up_first, up_at, base, range) in levels {
        let mean = total as f64 / at.len() as f64;
        let up = Buckets::new(up_at);
        for (k, &p) in at.iter().enumerate() {
            net.add_arc(first + k, sink, 0, share(mean, range, rng), 0)?;
            up.nearest(p, 2, &mut near);
            for &(distance, u) in &near {
                let cost = base + (1000.0 * distance).round() as i64;
                net.add_arc(first + k, up_first + u, 0, total, cost)?;
            }
        }
    }
    let mean = total as f64 / pools as f64;
    for k in 0..pools {
        net.add_arc(first_pool + k, sink, 0, share(mean, [0.1, 0.2], rng), 0)?;
    }
    Ok(net)
}
