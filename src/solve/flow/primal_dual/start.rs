//! The starting state: lower bounds shifted out, pure sources found, every arc whose reduced
//! cost is negative saturated, each pure source's supply poured into its cheapest arcs.

use super::engine::Engine;
use super::hops::Hops;
use super::{Step, Stop};
use crate::solve::flow::network::{FlowNetwork, UNCAPACITATED};

/// Residual capacity of an arc of capacity `cap` carrying `flow` ([`i64::MAX`] when
/// uncapacitated).
pub(super) fn room(cap: i64, flow: i64) -> i64 {
    if cap == UNCAPACITATED {
        i64::MAX
    } else {
        cap - flow
    }
}

/// Most arcs a contracted source may have: its hops are at most the square of its arcs, so
/// a source with more stays an ordinary node (searched like any other) and hostile inputs
/// cannot make the hop queues quadratic in the network.
pub const MAX_SOURCE_ARCS: usize = 64;

/// A network with its lower bounds shifted out, and its contracted (pure) sources.
pub(super) struct Shifted {
    /// Supply minus the lower bounds leaving plus those entering, per node.
    pub(super) excess: Vec<i64>,
    /// Upper minus lower bound per arc ([`UNCAPACITATED`] kept).
    pub(super) cap: Vec<i64>,
    /// Positive shifted supply, no arc that can carry flow in, at most [`MAX_SOURCE_ARCS`]
    /// arcs that can carry flow out.
    pub(super) is_source: Vec<bool>,
}

impl Shifted {
    /// # Errors
    /// [`Stop::Overflow`] when a shifted supply leaves `i64`.
    pub(super) fn new(network: &FlowNetwork) -> Step<Self> {
        let (tails, heads) = (network.tails(), network.heads());
        let mut excess = network.supplies().to_vec();
        let mut cap = Vec::with_capacity(network.arc_count());
        for a in 0..network.arc_count() {
            let (lower, upper) = (network.lowers()[a], network.capacities()[a]);
            cap.push(if upper == UNCAPACITATED {
                UNCAPACITATED
            } else {
                upper - lower
            });
            if lower != 0 {
                let (t, h) = (tails[a] as usize, heads[a] as usize);
                excess[t] = excess[t].checked_sub(lower).ok_or(Stop::Overflow)?;
                excess[h] = excess[h].checked_add(lower).ok_or(Stop::Overflow)?;
            }
        }
        let mut entered = vec![false; network.node_count()];
        let mut degree = vec![0u32; network.node_count()];
        for ((&t, &h), &c) in tails.iter().zip(heads).zip(&cap) {
            if c != 0 {
                entered[h as usize] = true;
                degree[t as usize] = degree[t as usize].saturating_add(1);
            }
        }
        let is_source = excess
            .iter()
            .zip(&entered)
            .zip(&degree)
            .map(|((&e, &entered), &d)| e > 0 && !entered && d as usize <= MAX_SOURCE_ARCS)
            .collect();
        Ok(Shifted {
            excess,
            cap,
            is_source,
        })
    }
}

impl<'a> Engine<'a> {
    /// The starting state for `network` and starting potentials `potential` (one per node).
    ///
    /// # Errors
    /// [`Stop::Infeasible`] when a pure source's arcs cannot carry its supply,
    /// [`Stop::Overflow`] when a shifted supply leaves `i64`, [`Stop::Fallback`] when an
    /// uncapacitated arc between upper nodes has a negative reduced cost (it cannot be
    /// saturated).
    pub(super) fn new(network: &'a FlowNetwork, potential: Vec<i64>) -> Step<Self> {
        let n = network.node_count();
        let m = network.arc_count();
        let (tails, heads) = (network.tails(), network.heads());
        let costs = network.costs();
        let Shifted {
            mut excess,
            cap,
            is_source,
        } = Shifted::new(network)?;
        let mut flow = vec![0i64; m];
        // Arcs between upper nodes (and self-loops) with a negative reduced cost are saturated.
        for a in 0..m {
            let (t, h) = (tails[a] as usize, heads[a] as usize);
            if is_source[t] || cap[a] == 0 {
                continue;
            }
            let reduced =
                i128::from(costs[a]) + i128::from(potential[t]) - i128::from(potential[h]);
            if reduced >= 0 {
                continue;
            }
            if cap[a] == UNCAPACITATED {
                return Err(Stop::Fallback);
            }
            flow[a] = cap[a];
            if t != h {
                excess[t] = excess[t].checked_sub(cap[a]).ok_or(Stop::Overflow)?;
                excess[h] = excess[h].checked_add(cap[a]).ok_or(Stop::Overflow)?;
            }
        }
        // Arcs of each pure source, grouped by source.
        let mut source_start = vec![0u32; n + 1];
        for (a, &t) in tails.iter().enumerate() {
            if is_source[t as usize] && cap[a] != 0 {
                source_start[t as usize + 1] += 1;
            }
        }
        for v in 0..n {
            source_start[v + 1] += source_start[v];
        }
        let mut source_arcs = vec![0u32; source_start[n] as usize];
        let mut fill = source_start.clone();
        for (a, &t) in tails.iter().enumerate() {
            if is_source[t as usize] && cap[a] != 0 {
                source_arcs[fill[t as usize] as usize] = a as u32;
                fill[t as usize] += 1;
            }
        }
        // Each source pours its supply into its arcs by increasing `cost − π(head)`, so every
        // arc it uses is at least as cheap as every arc it could still use.
        for i in (0..n).filter(|&i| is_source[i]) {
            let own = &mut source_arcs[source_start[i] as usize..source_start[i + 1] as usize];
            own.sort_unstable_by_key(|&a| {
                let a = a as usize;
                (
                    i128::from(costs[a]) - i128::from(potential[heads[a] as usize]),
                    a,
                )
            });
            let mut left = excess[i];
            for &a in own.iter() {
                if left == 0 {
                    break;
                }
                let a = a as usize;
                let amount = left.min(room(cap[a], 0));
                flow[a] = amount;
                left -= amount;
                let h = heads[a] as usize;
                excess[h] = excess[h].checked_add(amount).ok_or(Stop::Overflow)?;
            }
            if left != 0 {
                return Err(Stop::Infeasible);
            }
            excess[i] = 0;
        }
        // Residual entries of the arcs between upper nodes: `2·arc` forward at the tail,
        // `2·arc + 1` backward at the head.
        let mut adjacency_start = vec![0u32; n + 1];
        let upper_arc = |a: usize| {
            let (t, h) = (tails[a] as usize, heads[a] as usize);
            !is_source[t] && t != h && cap[a] != 0
        };
        for a in (0..m).filter(|&a| upper_arc(a)) {
            adjacency_start[tails[a] as usize + 1] += 1;
            adjacency_start[heads[a] as usize + 1] += 1;
        }
        for v in 0..n {
            adjacency_start[v + 1] += adjacency_start[v];
        }
        let mut adjacency = vec![0u32; adjacency_start[n] as usize];
        let mut fill = adjacency_start.clone();
        for a in (0..m).filter(|&a| upper_arc(a)) {
            for (end, entry) in [(tails[a], 2 * a), (heads[a], 2 * a + 1)] {
                adjacency[fill[end as usize] as usize] = entry as u32;
                fill[end as usize] += 1;
            }
        }
        let mut engine = Engine {
            network,
            flow,
            cap,
            excess,
            potential,
            is_source,
            source_start,
            source_arcs,
            adjacency_start,
            adjacency,
            hops: Hops::new(n),
            hubs: Default::default(),
            work: 0,
            work_limit: u64::MAX,
        };
        let mut entries = Vec::new();
        for i in (0..n).filter(|&i| engine.is_source[i]) {
            let own = &engine.source_arcs
                [engine.source_start[i] as usize..engine.source_start[i + 1] as usize];
            for &from in own.iter().filter(|&&a| engine.flow[a as usize] > 0) {
                entries.extend(
                    own.iter()
                        .filter_map(|&to| engine.hop(from as usize, to as usize)),
                );
            }
        }
        engine.hops = Hops::build(n, entries);
        Ok(engine)
    }
}
