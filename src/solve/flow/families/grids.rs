//! Grid families: GRIDGEN-like grids, GOTO-like grids on a torus and road-like grids.

use rand::Rng;
use rand::seq::index::sample;
use rand_chacha::ChaCha8Rng;

use crate::error::Result;
use crate::solve::flow::FlowNetwork;

/// Largest arc cost of the random arcs.
const MAX_COST: i64 = 10_000;
/// Largest capacity of the random arcs.
const MAX_CAPACITY: i64 = 1_000;
/// Unit cost of the feasibility arcs (far above any path of real arcs in these sizes).
const OVERFLOW_COST: i64 = 100_000_000;

/// `w` distinct random nodes of `0..count`, split into two disjoint halves of `k` each.
fn terminals(count: usize, k: usize, rng: &mut ChaCha8Rng) -> (Vec<usize>, Vec<usize>) {
    let k = k.min(count / 2).max(1);
    let mut picked = sample(rng, count, 2 * k).into_vec();
    let sinks = picked.split_off(k);
    (picked, sinks)
}

/// GRIDGEN-like: `w × w` grid nodes (`r·w + c`), a super source `w²` and a super sink
/// `w² + 1`. Arcs both ways between grid neighbours and two arcs per node to random other
/// nodes, capacity `1..=1,000`, cost `1..=10,000`; the source feeds `w` random grid nodes and
/// `w` others feed the sink by free arcs as wide as the supply `1,000·w`; an arc source → sink
/// at cost 10⁸ keeps every instance feasible.
pub(super) fn grid(w: usize, rng: &mut ChaCha8Rng) -> Result<FlowNetwork> {
    let cells = w * w;
    let (source, sink) = (cells, cells + 1);
    let supply = 1_000 * w as i64;
    let mut net = FlowNetwork::with_capacity(cells + 2, 6 * cells + 2 * w + 1);
    net.set_supply(source, supply)?;
    net.set_supply(sink, -supply)?;
    let random_arc = |net: &mut FlowNetwork, t: usize, h: usize, rng: &mut ChaCha8Rng| {
        let capacity = rng.random_range(1..=MAX_CAPACITY);
        net.add_arc(t, h, 0, capacity, rng.random_range(1..=MAX_COST))
            .map(|_| ())
    };
    for r in 0..w {
        for c in 0..w {
            let v = r * w + c;
            if c + 1 < w {
                random_arc(&mut net, v, v + 1, rng)?;
                random_arc(&mut net, v + 1, v, rng)?;
            }
            if r + 1 < w {
                random_arc(&mut net, v, v + w, rng)?;
                random_arc(&mut net, v + w, v, rng)?;
            }
            for _ in 0..2 {
                let mut h = rng.random_range(0..cells - 1);
                if h >= v {
                    h += 1;
                }
                random_arc(&mut net, v, h, rng)?;
            }
        }
    }
    let (ins, outs) = terminals(cells, w, rng);
    for v in ins {
        net.add_arc(source, v, 0, supply, 0)?;
    }
    for v in outs {
        net.add_arc(v, sink, 0, supply, 0)?;
    }
    net.add_arc(source, sink, 0, supply, OVERFLOW_COST)?;
    Ok(net)
}

/// Offsets of the short arcs of the torus: `-4..=4` in each direction.
const REACH: i64 = 4;

/// GOTO-like: a `w × w` grid on a torus (node `r·w + c`). Each node has arcs as wide as the
/// total supply, of cost 10,000, to its right and lower neighbour (wrapping: the torus stays
/// strongly connected, so every instance is feasible) and six arcs to random nodes within 4 rows and
/// columns, capacity `1..=1,000`, cost `1..=10,000`. `w` random sources of supply 1,000 and
/// `w` random sinks of demand 1,000.
pub(super) fn goto(w: usize, rng: &mut ChaCha8Rng) -> Result<FlowNetwork> {
    let cells = w * w;
    let mut net = FlowNetwork::with_capacity(cells, 8 * cells);
    let (sources, sinks) = terminals(cells, w, rng);
    let wide = 1_000 * sources.len() as i64;
    for &s in &sources {
        net.set_supply(s, 1_000)?;
    }
    for &t in &sinks {
        net.set_supply(t, -1_000)?;
    }
    let wrap = |x: i64| x.rem_euclid(w as i64) as usize;
    for r in 0..w {
        for c in 0..w {
            let v = r * w + c;
            net.add_arc(v, r * w + wrap(c as i64 + 1), 0, wide, MAX_COST)?;
            net.add_arc(v, wrap(r as i64 + 1) * w + c, 0, wide, MAX_COST)?;
            for _ in 0..6 {
                let (dr, dc) = loop {
                    let d = (
                        rng.random_range(-REACH..=REACH),
                        rng.random_range(-REACH..=REACH),
                    );
                    if d != (0, 0) {
                        break d;
                    }
                };
                let h = wrap(r as i64 + dr) * w + wrap(c as i64 + dc);
                let capacity = rng.random_range(1..=MAX_CAPACITY);
                net.add_arc(v, h, 0, capacity, rng.random_range(1..=MAX_COST))?;
            }
        }
    }
    Ok(net)
}

/// Every 16th row and column is a highway.
const HIGHWAY_EVERY: usize = 16;
/// Units sent from each origin.
const TRIPS: i64 = 50;

/// Road-like: a jittered `w × w` grid of junctions (node `r·w + c`) and one overflow node
/// `w²`. Every row is a road; a column link is kept with probability 1/3 (always in the first
/// and last column and on highways, so the roads stay connected); every 16th row and column is
/// a highway (3× speed, capacity `500..=2,000` against `10..=100`). Each road link is two arcs
/// costing its travel time (`10,000 · length / speed`, at least 1). `w` origins send 50 units
/// each to `w` destinations; origin → overflow → destination arcs at cost 10⁸ keep every
/// instance feasible.
pub(super) fn road(w: usize, rng: &mut ChaCha8Rng) -> Result<FlowNetwork> {
    let cells = w * w;
    let overflow = cells;
    let place: Vec<(f64, f64)> = (0..cells)
        .map(|v| {
            let (r, c) = ((v / w) as f64, (v % w) as f64);
            (
                (c + 0.5 + 0.4 * (rng.random::<f64>() - 0.5)) / w as f64,
                (r + 0.5 + 0.4 * (rng.random::<f64>() - 0.5)) / w as f64,
            )
        })
        .collect();
    let mut net = FlowNetwork::with_capacity(cells + 1, 3 * cells + 4 * w);
    let link = |net: &mut FlowNetwork, a: usize, b: usize, highway: bool, rng: &mut ChaCha8Rng| {
        let ((ax, ay), (bx, by)) = (place[a], place[b]);
        let speed = if highway { 3.0 } else { 1.0 };
        let cost = ((10_000.0 * (ax - bx).hypot(ay - by) / speed).round() as i64).max(1);
        let capacity = if highway {
            rng.random_range(500..=2_000)
        } else {
            rng.random_range(10..=100)
        };
        net.add_arc(a, b, 0, capacity, cost)?;
        net.add_arc(b, a, 0, capacity, cost).map(|_| ())
    };
    for r in 0..w {
        for c in 0..w {
            let v = r * w + c;
            if c + 1 < w {
                link(&mut net, v, v + 1, r % HIGHWAY_EVERY == 0, rng)?;
            }
            let highway = c % HIGHWAY_EVERY == 0;
            let kept = highway || c + 1 == w || rng.random_range(0..3) == 0;
            if r + 1 < w && kept {
                link(&mut net, v, v + w, highway, rng)?;
            }
        }
    }
    let (origins, destinations) = terminals(cells, w, rng);
    for &o in &origins {
        net.set_supply(o, TRIPS)?;
        net.add_arc(o, overflow, 0, TRIPS, OVERFLOW_COST)?;
    }
    for &d in &destinations {
        net.set_supply(d, -TRIPS)?;
        net.add_arc(overflow, d, 0, TRIPS, 0)?;
    }
    Ok(net)
}
