//! Hubs: deficit nodes with many residual edges in (the common sink of every community and
//! every unmet-demand penalty). A search starts at a deficit, and a plain Dijkstra would
//! label every node with an edge into it each time, thousands per augmentation. Instead each
//! hub keeps its entering edges in a persistent queue keyed by `c + π(tail)`, which does not
//! depend on the hub's own potential; a search from the hub reads that queue in order
//! beside its own, and only nodes whose potential or edge changed get fresh entries.
//! Entries are checked when read and dropped when stale.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::engine::Engine;
use super::{Step, Stop};

/// Edges into a hub from fewer nodes than this are scanned by the search itself.
pub(super) const HUB_DEGREE: usize = 64;

/// Marks a queue number in a hub entry's slot (otherwise the slot is a residual entry).
const QUEUE: u32 = 1 << 31;

/// A hub entry: key `c + π(tail)`, tail, slot (a residual entry of the tail, or a hop queue
/// number with [`QUEUE`] set).
type HubEntry = (i64, u32, u32);

/// The hubs' entering edges.
#[derive(Debug, Default)]
pub(super) struct Hubs {
    /// Hub number per node, or `u32::MAX`.
    of: Vec<u32>,
    queue: Vec<BinaryHeap<Reverse<HubEntry>>>,
    /// The node of each hub.
    node: Vec<u32>,
    /// Residual entries of each node whose far end is a hub.
    arcs_into: Vec<Vec<u32>>,
}

impl Hubs {
    /// The hub number of `v`, if it is one.
    pub(super) fn of(&self, v: usize) -> Option<usize> {
        self.of
            .get(v)
            .copied()
            .filter(|&h| h != u32::MAX)
            .map(|h| h as usize)
    }
}

impl Engine<'_> {
    /// Makes every deficit node with at least [`HUB_DEGREE`] entering edges a hub.
    pub(super) fn find_hubs(&mut self) -> Step<()> {
        let n = self.network.node_count();
        let mut hubs = Hubs {
            of: vec![u32::MAX; n],
            queue: Vec::new(),
            node: Vec::new(),
            arcs_into: vec![Vec::new(); n],
        };
        for t in 0..n {
            let arcs = self.adjacency_start[t + 1] - self.adjacency_start[t];
            if self.excess[t] >= 0 || arcs as usize + self.hops.entering(t).len() < HUB_DEGREE {
                continue;
            }
            hubs.of[t] = hubs.queue.len() as u32;
            hubs.queue.push(BinaryHeap::new());
            hubs.node.push(t as u32);
            self.hops.watch(t);
        }
        if hubs.queue.is_empty() {
            return Ok(());
        }
        for (u, into) in hubs.arcs_into.iter_mut().enumerate() {
            let entries = self.adjacency_start[u] as usize..self.adjacency_start[u + 1] as usize;
            for &entry in &self.adjacency[entries] {
                let far = self.far_end(entry);
                if hubs.of[far] != u32::MAX {
                    into.push(entry);
                }
            }
        }
        self.hubs = hubs;
        for u in 0..n {
            self.enter_hub_edges(u)?;
        }
        Ok(())
    }

    /// Fresh hub entries for every edge from `u` into a hub (after `u`'s potential or one of
    /// those edges changed).
    pub(super) fn enter_hub_edges(&mut self, u: usize) -> Step<()> {
        if self.hubs.queue.is_empty() {
            return Ok(());
        }
        for k in 0..self.hubs.arcs_into[u].len() {
            let entry = self.hubs.arcs_into[u][k];
            self.enter_hub_slot(u, entry)?;
        }
        for k in 0..self.hops.watched_from(u).len() {
            let q = self.hops.watched_from(u)[k];
            self.enter_hub_slot(u, q | QUEUE)?;
        }
        Ok(())
    }

    /// A fresh entry for the hop queues into hubs whose fronts changed.
    pub(super) fn enter_changed_queues(&mut self, scratch: &mut Vec<u32>) -> Step<()> {
        self.hops.take_changed(scratch);
        for &q in scratch.iter() {
            self.enter_hub_slot(self.hops.origin(q), q | QUEUE)?;
        }
        Ok(())
    }

    /// The key `c + π(u)` of the edge in `slot` from `u`, with its hub, if it has room.
    fn hub_key(&self, u: usize, slot: u32) -> Step<Option<(i64, usize)>> {
        let (cost, hub) = if slot & QUEUE != 0 {
            let q = slot & !QUEUE;
            match self.hops.cheapest(q) {
                Some(hop) => (hop.0, self.hops.target(q)),
                None => return Ok(None),
            }
        } else {
            let (free, cost) = self.residual(slot);
            if free == 0 {
                return Ok(None);
            }
            (cost, self.far_end(slot))
        };
        let key = cost.checked_add(self.potential[u]).ok_or(Stop::Overflow)?;
        Ok(Some((key, hub)))
    }

    fn enter_hub_slot(&mut self, u: usize, slot: u32) -> Step<()> {
        if let Some((key, hub)) = self.hub_key(u, slot)?
            && let Some(h) = self.hubs.of(hub)
        {
            self.hubs.queue[h].push(Reverse((key, u as u32, slot)));
            self.work += 1;
            let t = self.hubs.node[h] as usize;
            let edges = (self.adjacency_start[t + 1] - self.adjacency_start[t]) as usize
                + self.hops.entering(t).len();
            if self.hubs.queue[h].len() > 4 * edges + 1024 {
                self.compact_hub(h)?;
            }
        }
        Ok(())
    }

    /// Rebuilds hub `h`'s queue from its current entries alone. Stale entries beyond the
    /// distance searches reach are otherwise never read, and would pile up.
    fn compact_hub(&mut self, h: usize) -> Step<()> {
        let mut entries = std::mem::take(&mut self.hubs.queue[h]).into_vec();
        self.work += entries.len() as u64;
        let mut live = Vec::with_capacity(entries.len() / 4);
        for &Reverse((key, u, slot)) in &entries {
            if let Some((now, hub)) = self.hub_key(u as usize, slot)?
                && now == key
                && self.hubs.of(hub) == Some(h)
            {
                live.push(Reverse((key, u, slot)));
            }
        }
        live.sort_unstable();
        live.dedup();
        entries.clear();
        self.hubs.queue[h] = BinaryHeap::from(live);
        Ok(())
    }

    /// The cheapest current edge into hub `h`: its tail, slot and reduced cost `key − π(hub)`;
    /// stale entries and entries from nodes `skip` says to skip are dropped.
    pub(super) fn cheapest_into_hub(
        &mut self,
        h: usize,
        hub: usize,
        skip: impl Fn(usize) -> bool,
    ) -> Step<Option<(usize, u32, i64)>> {
        while let Some(&Reverse((key, u, slot))) = self.hubs.queue[h].peek() {
            let u = u as usize;
            if !skip(u) && self.hub_key(u, slot)? == Some((key, hub)) {
                let reduced = key.checked_sub(self.potential[hub]).ok_or(Stop::Overflow)?;
                return Ok(Some((u, slot, reduced)));
            }
            self.hubs.queue[h].pop();
            self.work += 1;
        }
        Ok(None)
    }

    /// Drops the front entry of hub `h` (after it was read by [`Engine::cheapest_into_hub`]).
    pub(super) fn pop_hub(&mut self, h: usize) {
        self.hubs.queue[h].pop();
    }

    /// The edge in hub entry `slot` as a path step.
    pub(super) fn hub_step(&self, slot: u32) -> Option<super::search::Edge> {
        if slot & QUEUE != 0 {
            self.hops
                .cheapest(slot & !QUEUE)
                .map(super::search::Edge::Hop)
        } else {
            Some(super::search::Edge::Arc(slot))
        }
    }
}
