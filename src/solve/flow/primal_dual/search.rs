//! One augmentation by a backward search: Dijkstra on reduced costs over the reversed
//! residual graph of the upper nodes (arcs and hops) from one deficit until the nearest
//! excess is settled; settled potentials then fall and flow is sent along the path found.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::engine::Engine;
use super::hops::Hop;
use super::start::room;
use super::{Step, Stop};

/// A step of an augmenting path.
#[derive(Debug, Clone, Copy)]
pub(super) enum Edge {
    /// A residual entry between upper nodes, as seen from the step's tail: `2·arc` forward,
    /// `2·arc + 1` backward.
    Arc(u32),
    /// A hop through a pure source.
    Hop(Hop),
}

/// Per-node search state reused by every search; a node's label or settled mark counts only
/// when its stamp is the current round.
#[derive(Debug)]
pub(super) struct Scratch {
    round: u32,
    labelled: Vec<u32>,
    settled: Vec<u32>,
    distance: Vec<i64>,
    /// The node a label leads to (towards the deficit) and the step to it.
    next: Vec<(u32, Edge)>,
    /// Settled nodes in order.
    order: Vec<u32>,
    /// The nearest node with an excess labelled so far, and its distance.
    best: Option<(u32, i64)>,
    /// Nodes labelled from a hub's queue (their entries were taken out of it).
    from_hub: Vec<u32>,
    /// Hop queues into hubs whose fronts changed during the augmentation.
    changed: Vec<u32>,
    queue: BinaryHeap<Reverse<(i64, u32)>>,
    path: Vec<Edge>,
}

impl Scratch {
    /// Starts a new round (clearing the stamps once every `2^32 − 1` rounds).
    fn next_round(&mut self) {
        if self.round == u32::MAX {
            self.labelled.fill(0);
            self.settled.fill(0);
            self.round = 0;
        }
        self.round += 1;
    }

    /// Labels `u` with distance `to` from `next` unless it is settled or has a label as
    /// short; a node with an excess becomes the best target if it is the nearest so far.
    fn offer(&mut self, u: usize, to: i64, next: (u32, Edge), has_excess: bool) {
        if self.settled[u] == self.round
            || (self.labelled[u] == self.round && to >= self.distance[u])
        {
            return;
        }
        self.labelled[u] = self.round;
        self.distance[u] = to;
        self.next[u] = next;
        if has_excess {
            if self.best.is_none_or(|(_, d)| to < d) {
                self.best = Some((u as u32, to));
            }
        } else {
            self.queue.push(Reverse((to, u as u32)));
        }
    }

    pub(super) fn new(n: usize) -> Self {
        Scratch {
            round: 0,
            labelled: vec![0; n],
            settled: vec![0; n],
            distance: vec![0; n],
            next: vec![(0, Edge::Arc(0)); n],
            order: Vec::new(),
            best: None,
            from_hub: Vec::new(),
            changed: Vec::new(),
            queue: BinaryHeap::new(),
            path: Vec::new(),
        }
    }
}

impl Engine<'_> {
    /// Reduced cost and near end `u` of the residual edge `u → v` that entry `entry` of `v`'s
    /// list stands opposite to, if it has room.
    fn edge_into(&self, v: usize, entry: u32) -> Step<Option<(i64, usize, u32)>> {
        // The entry of the same arc in the other direction, seen from the far end `u`.
        let (edge, u) = (entry ^ 1, self.far_end(entry));
        let (room_left, cost) = self.residual(edge);
        if room_left == 0 {
            return Ok(None);
        }
        let reduced = cost
            .checked_add(self.potential[u])
            .and_then(|c| c.checked_sub(self.potential[v]))
            .ok_or(Stop::Overflow)?;
        Ok(Some((reduced, u, edge)))
    }

    /// Dijkstra backwards from the deficit `sink` over reduced costs until the nearest node
    /// with an excess is settled at distance `D`; every settled node's potential then rises
    /// by `D` minus its distance (unsettled nodes keep theirs, the same as all falling by
    /// `D`), which keeps every reduced cost non-negative and makes the path found tight; then
    /// as much as the path allows is sent along it. A hub's entering edges come from its
    /// persistent queue (`hubs.rs`) instead of a scan.
    ///
    /// # Errors
    /// [`Stop::Infeasible`] when no excess reaches `sink`.
    pub(super) fn augment_into(&mut self, sink: usize, s: &mut Scratch) -> Step<()> {
        s.next_round();
        let round = s.round;
        s.queue.clear();
        s.order.clear();
        s.from_hub.clear();
        s.labelled[sink] = round;
        s.distance[sink] = 0;
        s.queue.push(Reverse((0, sink as u32)));
        let hub = self.hubs.of(sink);
        s.best = None;
        loop {
            let bound = s.best.map(|(_, d)| d);
            if let Some(h) = hub
                && s.settled[sink] == round
            {
                let next = self.cheapest_into_hub(h, sink, |u| s.settled[u] == round)?;
                if let Some((u, slot, reduced)) = next
                    && s.queue.peek().is_none_or(|&Reverse((d, _))| reduced <= d)
                {
                    if bound.is_some_and(|b| reduced >= b) {
                        break;
                    }
                    self.pop_hub(h);
                    if let Some(edge) = self.hub_step(slot) {
                        s.from_hub.push(u as u32);
                        s.offer(u, reduced, (sink as u32, edge), self.excess[u] > 0);
                    }
                    continue;
                }
            }
            let Some(&Reverse((d, v))) = s.queue.peek() else {
                break;
            };
            if bound.is_some_and(|b| d >= b) {
                break;
            }
            s.queue.pop();
            let v = v as usize;
            if s.settled[v] == round || d > s.distance[v] {
                continue;
            }
            s.settled[v] = round;
            s.order.push(v as u32);
            if hub.is_some() && v == sink {
                continue;
            }
            let entries = self.adjacency_start[v] as usize..self.adjacency_start[v + 1] as usize;
            self.work += entries.len() as u64 + 1;
            for x in entries {
                if let Some((reduced, u, edge)) = self.edge_into(v, self.adjacency[x])? {
                    let to = d.checked_add(reduced).ok_or(Stop::Overflow)?;
                    s.offer(u, to, (v as u32, Edge::Arc(edge)), self.excess[u] > 0);
                }
            }
            let hops = self.hops.entering(v).len();
            self.work += hops as u64;
            for k in 0..hops {
                let q = self.hops.entering(v)[k];
                if let Some(hop) = self.hops.cheapest(q) {
                    let u = self.hops.origin(q);
                    let to = hop
                        .0
                        .checked_add(self.potential[u])
                        .and_then(|c| c.checked_sub(self.potential[v]))
                        .and_then(|c| c.checked_add(d))
                        .ok_or(Stop::Overflow)?;
                    s.offer(u, to, (v as u32, Edge::Hop(hop)), self.excess[u] > 0);
                }
            }
        }
        let found = s.best.map(|(u, d)| (u as usize, d));
        let (source, length) = found.ok_or(Stop::Infeasible)?;
        for &v in &s.order {
            let v = v as usize;
            self.potential[v] = self.potential[v]
                .checked_add(length - s.distance[v])
                .ok_or(Stop::Overflow)?;
        }
        s.path.clear();
        let mut v = source;
        while v != sink {
            let (to, edge) = s.next[v];
            s.path.push(edge);
            v = to as usize;
        }
        let path = std::mem::take(&mut s.path);
        let sent = self.augment_path(source, sink, &path);
        s.path = path;
        sent?;
        self.enter_hub_edges(source)?;
        for k in 0..s.order.len() {
            self.enter_hub_edges(s.order[k] as usize)?;
        }
        for k in 0..s.from_hub.len() {
            let u = s.from_hub[k] as usize;
            if s.settled[u] != round {
                self.enter_hub_edges(u)?;
            }
        }
        self.enter_changed_queues(&mut s.changed)?;
        Ok(())
    }

    /// Room along `edge` as it is now.
    fn room_on(&self, edge: Edge) -> i64 {
        match edge {
            Edge::Arc(entry) => self.residual(entry).0,
            Edge::Hop((_, from, to)) => {
                let (from, to) = (from as usize, to as usize);
                self.flow[from].min(room(self.cap[to], self.flow[to]))
            }
        }
    }

    /// Sends as much as `path` (from `source` to the deficit `sink`) allows.
    ///
    /// # Errors
    /// [`Stop::Overflow`] when the flow on an uncapacitated arc would leave `i64`.
    fn augment_path(&mut self, source: usize, sink: usize, path: &[Edge]) -> Step<()> {
        let amount = path
            .iter()
            .map(|&e| self.room_on(e))
            .fold(self.excess[source].min(-self.excess[sink]), i64::min);
        for &edge in path {
            match edge {
                Edge::Arc(entry) => {
                    let arc = (entry >> 1) as usize;
                    if entry & 1 == 0 {
                        self.flow[arc] =
                            self.flow[arc].checked_add(amount).ok_or(Stop::Overflow)?;
                    } else {
                        self.flow[arc] -= amount;
                    }
                }
                // A source's arcs together carry exactly its supply: no sum can overflow.
                Edge::Hop(hop) => self.move_along(hop, amount),
            }
        }
        self.excess[source] -= amount;
        self.excess[sink] += amount;
        self.work += path.len() as u64;
        Ok(())
    }
}
