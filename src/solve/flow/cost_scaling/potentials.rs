//! Exact integral potentials for the optimal flow, and the test for a negative cycle of
//! uncapacitated arcs (the only way a feasible problem is unbounded).

use std::collections::VecDeque;

use super::refine::Engine;
use super::{Step, Stop};
use crate::solve::flow::{FlowNetwork, UNCAPACITATED};

impl Engine {
    /// Potentials `π` in the network's own costs with `c(e) + π(u) − π(v) ≥ 0` on every
    /// residual entry, from the final prices (which are 1-optimal for the costs scaled by
    /// `n + 1`).
    ///
    /// `π` starts at the prices divided by `n + 1` and rounded to the nearest integer, then
    /// label-correcting passes lower heads of violated entries. Each label drops at most once:
    /// with `φ = p/(n + 1)`, every residual path `P` from `u` to `v` has
    /// `c(P) + φ(u) − φ(v) ≥ −|P|/(n + 1) > −1`, so `π(u) + c(P) > π(v) − 2`. The result is a
    /// shortest-path labelling of the residual graph, which has no negative cycle.
    pub(super) fn exact_potentials(&mut self) -> Step<Vec<i64>> {
        let n = self.g.nodes();
        let scale = self.g.scale;
        let mut pi: Vec<i64> = self
            .price
            .iter()
            .map(|&p| (2 * p + scale).div_euclid(2 * scale))
            .collect();
        let mut queued = vec![true; n];
        let mut queue: VecDeque<u32> = (0..n as u32).collect();
        while let Some(u) = queue.pop_front() {
            let u = u as usize;
            queued[u] = false;
            let (start, end) = (self.g.first[u] as usize, self.g.first[u + 1] as usize);
            self.charge((end - start) as u64 + 1)?;
            for e in start..end {
                if self.g.res[e] == 0 {
                    continue;
                }
                let w = self.g.head[e] as usize;
                let label = pi[u] + self.g.cost[e] / scale;
                if label < pi[w] {
                    pi[w] = label;
                    if !queued[w] {
                        queued[w] = true;
                        queue.push_back(w as u32);
                    }
                }
            }
        }
        Ok(pi)
    }
}

/// Whether the uncapacitated arcs of `net` hold a negative-cost cycle (Bellman–Ford from a
/// virtual root over those arcs only; a negative uncapacitated self-loop is one). Charges one
/// work unit per arc per pass to `work`, stopping with [`Stop::WorkLimit`] beyond `limit`.
pub(super) fn negative_uncapacitated_cycle(
    net: &FlowNetwork,
    work: &mut u64,
    limit: u64,
) -> Step<bool> {
    let arcs: Vec<usize> = (0..net.arc_count())
        .filter(|&a| net.capacities()[a] == UNCAPACITATED)
        .collect();
    if !arcs.iter().any(|&a| net.costs()[a] < 0) {
        return Ok(false);
    }
    let (tails, heads, costs) = (net.tails(), net.heads(), net.costs());
    let n = net.node_count();
    let mut dist = vec![0i64; n];
    for _pass in 0..=n {
        *work = work.saturating_add(arcs.len() as u64 + 1);
        if *work > limit {
            return Err(Stop::WorkLimit);
        }
        let mut changed = false;
        for &a in &arcs {
            let cand = dist[tails[a] as usize]
                .checked_add(costs[a])
                .ok_or(Stop::Overflow)?;
            let h = heads[a] as usize;
            if cand < dist[h] {
                dist[h] = cand;
                changed = true;
            }
        }
        if !changed {
            return Ok(false);
        }
    }
    Ok(true)
}
