//! Crash start: before block search, a few pivots on arcs likely to be in an optimal basis,
//! so that the artificial star is replaced cheaply where the network makes it obvious.
//!
//! - One supply node `s` and one demand node `t` (a single-commodity shortest-path-like
//!   problem): a reverse search from `t` over arcs wide enough for the whole supply, until
//!   `s` is reached; first the arcs of the wide path it found from `s` to `t`, then the other
//!   arcs it met, in discovery order. Pivoting them first sends the supply along a wide path
//!   at once instead of through thousands of degenerate pivots.
//! - Otherwise: the *nearest-deficit forest*. A reverse Dijkstra search from all demand
//!   nodes at once (over the arcs that can carry flow, negative costs counted as 0) gives
//!   every node that reaches one a shortest path to its nearest demand node; the forest's
//!   arcs, in the order their tails are settled, are the candidates. Pivoted in that order,
//!   each joins a node to a tree that already holds its path, so the star is replaced by
//!   shortest paths into the demand nodes, along which each supply node's excess moves at
//!   once. Measured at size M (2026-12-05, against each demand node's cheapest entering
//!   arc, the former crash): block-search pivots 232k → 182k on NETGEN, 133k → 89k on the
//!   road-like network; solve 1.21 → 1.12 s and 0.357 → 0.340 s.
//!
//! Each candidate is pivoted only if it still prices out when its turn comes, so the crash
//! is a sequence of ordinary pivots: it keeps the basis strongly feasible and changes neither
//! the optimum nor termination, only the path to it.

use super::grouping::Grouped;
use super::state::{INF, LOWER, Simplex, Stop, TREE};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

impl Simplex<'_> {
    /// The crash candidates for the starting excesses (see the module documentation).
    pub(super) fn crash_arcs(&self, excess: &[i64]) -> Vec<u32> {
        let mut supplies = excess.iter().enumerate().filter(|&(_, &e)| e > 0);
        let mut demands = excess.iter().enumerate().filter(|&(_, &e)| e < 0);
        match (
            supplies.next(),
            supplies.next(),
            demands.next(),
            demands.next(),
        ) {
            (Some((s, &total)), None, Some((t, _)), None) => self.wide_reverse_search(s, t, total),
            _ => self.nearest_deficit_forest(excess),
        }
    }

    /// Arcs of a reverse search from `t` over arcs of capacity at least `total` until `s` is
    /// taken from the stack: the path found from `s` to `t` first, then the other arcs met in
    /// the order found.
    fn wide_reverse_search(&self, s: usize, t: usize, total: i64) -> Vec<u32> {
        let n = self.root as usize;
        let wide = |a: usize| {
            self.state[a] == LOWER && (self.bound[a].cap == INF || self.bound[a].cap >= total)
        };
        let by_head = Grouped::new(n, || {
            (0..self.m)
                .filter(|&a| wide(a))
                .map(|a| (self.tgt[a], a as u32))
        });
        const UNREACHED: u32 = u32::MAX;
        // The arc by which each node was reached (`t` marks itself with any non-arc value).
        let mut via = vec![UNREACHED; n];
        let mut stack = vec![t];
        via[t] = UNREACHED - 1;
        let mut found = Vec::new();
        let mut reached_s = false;
        while let Some(v) = stack.pop() {
            if v == s {
                reached_s = true;
                break;
            }
            for &a in by_head.of(v) {
                let u = self.src[a as usize] as usize;
                if via[u] == UNREACHED {
                    via[u] = a;
                    found.push(a);
                    stack.push(u);
                }
            }
        }
        let mut path = Vec::new();
        if reached_s {
            let mut u = s;
            while u != t {
                let a = via[u];
                path.push(a);
                u = self.tgt[a as usize] as usize;
            }
        }
        let mut on_path = vec![false; self.m];
        for &a in &path {
            on_path[a as usize] = true;
        }
        path.extend(found.into_iter().filter(|&a| !on_path[a as usize]));
        path
    }

    /// The arcs of the nearest-deficit forest in the order their tails are settled (see the
    /// module documentation). Ties are broken by arc order and by the input's node numbers,
    /// so that the solver's own numbering (`locality.rs`) does not change the pivots.
    ///
    /// # Complexity
    /// O(m log n) time, about 12 bytes per arc and 24 per node of scratch.
    fn nearest_deficit_forest(&self, excess: &[i64]) -> Vec<u32> {
        const NO_ARC: u32 = u32::MAX;
        let n = self.root as usize;
        let by_head = Grouped::new(n, || {
            (0..self.m)
                .filter(|&a| self.state[a] == LOWER)
                .map(|a| (self.tgt[a], a as u32))
        });
        let mut distance = vec![u64::MAX; n];
        let mut settled = vec![false; n];
        let mut via = vec![NO_ARC; n];
        // Keyed by (distance, input number) so that ties do not depend on the numbering.
        let mut heap = BinaryHeap::new();
        for (v, _) in excess.iter().enumerate().filter(|&(_, &e)| e < 0) {
            distance[v] = 0;
            heap.push(Reverse((0u64, self.input_node(v) as u32, v as u32)));
        }
        let mut forest = Vec::new();
        while let Some(Reverse((d, _, v))) = heap.pop() {
            let v = v as usize;
            if settled[v] {
                continue;
            }
            settled[v] = true;
            if via[v] != NO_ARC {
                forest.push(via[v]);
            }
            for &a in by_head.of(v) {
                let u = self.src[a as usize] as usize;
                let length = self.cost[a as usize].max(0).unsigned_abs();
                let through = d.saturating_add(length);
                if !settled[u] && through < distance[u] {
                    distance[u] = through;
                    via[u] = a;
                    heap.push(Reverse((through, self.input_node(u) as u32, u as u32)));
                }
            }
        }
        forest
    }

    /// Pivots on each crash candidate that still prices out, within the work limit.
    pub(super) fn crash(&mut self, candidates: &[u32]) -> Result<(), Stop> {
        for &a in candidates {
            let a = a as usize;
            if self.state[a] == TREE {
                continue;
            }
            let (t, h) = (self.src[a] as usize, self.tgt[a] as usize);
            let rc = self.tree.reduced_cost(self.cost[a], t, h);
            if i64::from(self.state[a]) * rc < 0 {
                self.pivot(a)?;
                if self.work > self.work_limit {
                    return Err(Stop::WorkLimit);
                }
            }
        }
        Ok(())
    }
}
