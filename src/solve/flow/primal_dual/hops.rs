//! Hops: the contracted pure sources. A source `i` sending flow on arc `α = (i, a)` that could
//! also use arc `β = (i, b)` gives the residual path `a → i → b` of cost `c(β) − c(α)`; the
//! hop `a → b` is the cheapest such path over all sources, kept in one queue per pair of
//! upper nodes. Entries are checked when read (the flow on `α` still positive, `β` still
//! with room) and dropped when stale, so a move of flow costs a few queue operations.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use super::engine::Engine;
use super::start::room;

/// One queued way to hop: cost `c(β) − c(α)`, then the arcs `α` (flow leaves) and `β` (flow
/// enters). The order is total, so ties are broken the same on every run.
pub(super) type Hop = (i64, u32, u32);

/// The front of an empty queue.
const NO_HOP: Hop = (i64::MAX, u32::MAX, u32::MAX);

/// The hop queues, grouped by the upper node they leave.
#[derive(Debug)]
pub(super) struct Hops {
    queue: Vec<BinaryHeap<Reverse<Hop>>>,
    /// The cheapest entry of each queue, which is always possible (see [`Engine::refresh`]),
    /// or [`NO_HOP`].
    top: Vec<Hop>,
    target: Vec<u32>,
    entering: Vec<Vec<u32>>,
    source: Vec<u32>,
    /// Nodes whose entering queues are watched (hubs, see `hubs.rs`).
    watched: Vec<bool>,
    /// Queues into watched nodes, by the node they leave.
    into_watched: Vec<Vec<u32>>,
    /// Queues into watched nodes whose front changed since the last [`Hops::take_changed`].
    changed: Vec<u32>,
    index: HashMap<(u32, u32), u32, BuildHasherDefault<PairHasher>>,
}

impl Hops {
    /// No hops on `n` nodes.
    pub(super) fn new(n: usize) -> Self {
        Hops {
            queue: Vec::new(),
            top: Vec::new(),
            target: Vec::new(),
            entering: vec![Vec::new(); n],
            source: Vec::new(),
            watched: vec![false; n],
            into_watched: vec![Vec::new(); n],
            changed: Vec::new(),
            index: HashMap::default(),
        }
    }

    /// Queues built at once from `entries` `(from, to, hop)` of `n` nodes: the queues into a
    /// node get consecutive numbers, so a scan of them reads memory in order.
    pub(super) fn build(n: usize, mut entries: Vec<(u32, u32, Hop)>) -> Self {
        // Grouped by the node entered: the searches run backwards and read a node's entering
        // queues one after another.
        let pair = |&(from, to, _): &(u32, u32, Hop)| (u64::from(to) << 32) | u64::from(from);
        entries.sort_unstable_by_key(pair);
        let mut hops = Hops::new(n);
        let mut rest = &entries[..];
        while let Some(first) = rest.first() {
            let (from, to, key) = (first.0, first.1, pair(first));
            let len = rest
                .iter()
                .position(|e| pair(e) != key)
                .unwrap_or(rest.len());
            let (group, tail) = rest.split_at(len);
            rest = tail;
            let q = hops.queue.len() as u32;
            let queue: BinaryHeap<Reverse<Hop>> =
                group.iter().map(|&(_, _, hop)| Reverse(hop)).collect();
            hops.index.insert((from, to), q);
            hops.top
                .push(queue.peek().map_or(NO_HOP, |&Reverse(hop)| hop));
            hops.target.push(to);
            hops.entering[to as usize].push(q);
            hops.source.push(from);
            hops.queue.push(queue);
        }
        hops
    }

    /// Watches the queues entering `v`: from now on each change of their fronts is reported
    /// by [`Hops::take_changed`].
    pub(super) fn watch(&mut self, v: usize) {
        self.watched[v] = true;
        for &q in &self.entering[v] {
            self.into_watched[self.source[q as usize] as usize].push(q);
        }
    }

    /// The queues from `v` into watched nodes.
    pub(super) fn watched_from(&self, v: usize) -> &[u32] {
        &self.into_watched[v]
    }

    /// The queues into watched nodes whose front changed, emptying the list into `out`.
    pub(super) fn take_changed(&mut self, out: &mut Vec<u32>) {
        out.clear();
        out.append(&mut self.changed);
    }

    /// The queues entering node `v`.
    pub(super) fn entering(&self, v: usize) -> &[u32] {
        &self.entering[v]
    }

    /// The node queue `q` hops from.
    pub(super) fn origin(&self, q: u32) -> usize {
        self.source[q as usize] as usize
    }

    /// The node queue `q` hops to.
    pub(super) fn target(&self, q: u32) -> usize {
        self.target[q as usize] as usize
    }

    /// The cheapest possible hop of queue `q`.
    pub(super) fn cheapest(&self, q: u32) -> Option<Hop> {
        let top = self.top[q as usize];
        (top != NO_HOP).then_some(top)
    }

    /// Queues the possible `hop` from `from` to `to`.
    fn push(&mut self, from: u32, to: u32, hop: Hop) {
        let next = self.queue.len() as u32;
        let q = *self.index.entry((from, to)).or_insert(next);
        if q == next {
            self.queue.push(BinaryHeap::new());
            self.top.push(NO_HOP);
            self.target.push(to);
            self.entering[to as usize].push(q);
            self.source.push(from);
            if self.watched[to as usize] {
                self.into_watched[from as usize].push(q);
            }
        }
        self.queue[q as usize].push(Reverse(hop));
        if hop < self.top[q as usize] {
            self.top[q as usize] = hop;
            if self.watched[to as usize] {
                self.changed.push(q);
            }
        }
    }
}

impl Engine<'_> {
    /// The hop that moves flow of one source from its arc `from` to its arc `to` as a queue
    /// entry `(head of from, head of to, hop)`, if it is possible now (flow on `from`, room
    /// on `to`, different heads).
    pub(super) fn hop(&self, from: usize, to: usize) -> Option<(u32, u32, Hop)> {
        let heads = self.network.heads();
        let (a, b) = (heads[from], heads[to]);
        if a == b || self.flow[from] == 0 || room(self.cap[to], self.flow[to]) == 0 {
            return None;
        }
        let costs = self.network.costs();
        Some((a, b, (costs[to] - costs[from], from as u32, to as u32)))
    }

    /// Queues the hop from arc `from` to arc `to` of one source if it is possible now.
    fn offer_hop(&mut self, from: usize, to: usize) {
        if let Some((a, b, hop)) = self.hop(from, to) {
            self.hops.push(a, b, hop);
        }
    }

    /// Drops the entries of the queue from `a` to `b` (if there is one) that are no longer
    /// possible from its front, so its front is possible again.
    fn refresh(&mut self, a: u32, b: u32) {
        let Some(&q) = self.hops.index.get(&(a, b)) else {
            return;
        };
        if self.hops.watched[b as usize] {
            self.hops.changed.push(q);
        }
        let q = q as usize;
        let queue = &mut self.hops.queue[q];
        self.hops.top[q] = NO_HOP;
        while let Some(&Reverse(hop)) = queue.peek() {
            let (from, to) = (hop.1 as usize, hop.2 as usize);
            if self.flow[from] > 0 && room(self.cap[to], self.flow[to]) > 0 {
                self.hops.top[q] = hop;
                return;
            }
            queue.pop();
        }
    }

    /// Moves `amount` of the source behind `hop` from its arc `α` to its arc `β`, queueing
    /// the hops this makes possible: from `β`'s head if `β` had no flow, and into `α`'s head
    /// if `α` was full.
    pub(super) fn move_along(&mut self, hop: Hop, amount: i64) {
        let (from, to) = (hop.1 as usize, hop.2 as usize);
        let joined = self.flow[to] == 0;
        let freed = room(self.cap[from], self.flow[from]) == 0;
        self.flow[from] -= amount;
        self.flow[to] += amount;
        let i = self.network.tails()[from] as usize;
        let own = self.source_start[i] as usize..self.source_start[i + 1] as usize;
        let heads = self.network.heads();
        if self.flow[from] == 0 {
            for y in own.clone() {
                let other = self.source_arcs[y] as usize;
                self.refresh(heads[from], heads[other]);
            }
        }
        if room(self.cap[to], self.flow[to]) == 0 {
            for y in own.clone() {
                let other = self.source_arcs[y] as usize;
                self.refresh(heads[other], heads[to]);
            }
        }
        if joined {
            for y in own.clone() {
                let other = self.source_arcs[y] as usize;
                self.offer_hop(to, other);
            }
        }
        if freed {
            for y in own {
                let other = self.source_arcs[y] as usize;
                if !(joined && other == to) {
                    self.offer_hop(other, from);
                }
            }
        }
    }
}

/// A hasher for the pair keys of the queue index: one multiply of the two node numbers
/// (SipHash's resistance to crafted keys buys nothing for node numbers the solver itself
/// pairs, and costs a third of the time of moving a need).
#[derive(Debug, Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(32) ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}
