//! The engine's numbering and residual-graph layout (CSR), built once per solve.

use super::NodeOrder;
use crate::solve::flow::FlowNetwork;

/// Nodes renumbered for locality and the residual graph in compressed sparse rows.
///
/// Node `u` (engine number) owns entries `first[u]..first[u + 1]`: its out-arcs (forward
/// residual arcs) up to `mid[u]`, then its in-arcs. Arcs live in *slots*: the forward
/// entries in order, then the self-loops (which get no entry).
pub(super) struct Layout {
    /// Engine number of each network node.
    pub rank: Vec<u32>,
    pub first: Vec<usize>,
    pub mid: Vec<usize>,
    /// Other endpoint of each entry.
    pub to: Vec<u32>,
    /// Slot of each entry's arc.
    pub arc: Vec<u32>,
    /// Network arc of each slot.
    pub arcid: Vec<u32>,
    /// Head (engine number) of each slot.
    pub head: Vec<u32>,
    /// Backward entry of each slot; `u32::MAX` for self-loops.
    pub pos: Vec<u32>,
}

impl Layout {
    /// Builds the layout; the caller has checked that `2m < u32::MAX`.
    pub fn build(net: &FlowNetwork, order: NodeOrder) -> Self {
        let rank = match order {
            NodeOrder::BreadthFirst => locality_order(net),
            NodeOrder::Input => (0..net.node_count() as u32).collect(),
        };
        let (first, mid) = count_entries(net, &rank);
        let (arcid, slot_base) = assign_slots(net, &rank, &first, &mid);
        let mut layout = Layout {
            to: vec![0; first[rank.len()]],
            arc: vec![0; first[rank.len()]],
            head: vec![0; arcid.len()],
            pos: vec![u32::MAX; arcid.len()],
            rank,
            first,
            mid,
            arcid,
        };
        layout.fill_entries(net, &slot_base);
        layout
    }

    /// Writes both entries of every arc that is not a self-loop.
    fn fill_entries(&mut self, net: &FlowNetwork, slot_base: &[usize]) {
        let (tails, heads) = (net.tails(), net.heads());
        let mut next_in = self.mid.clone();
        for slot in 0..self.arcid.len() {
            let a = self.arcid[slot] as usize;
            let (t, h) = (self.rank[tails[a] as usize], self.rank[heads[a] as usize]);
            self.head[slot] = h;
            if t != h {
                let o = self.first[t as usize] + slot - slot_base[t as usize];
                let i = next_in[h as usize];
                next_in[h as usize] += 1;
                (self.to[o], self.arc[o]) = (h, slot as u32);
                (self.to[i], self.arc[i]) = (t, slot as u32);
                self.pos[slot] = i as u32;
            }
        }
    }
}

/// `first` (entry offsets, `n + 1`) and `mid` (end of each node's out-entries).
fn count_entries(net: &FlowNetwork, rank: &[u32]) -> (Vec<usize>, Vec<usize>) {
    let n = rank.len();
    let mut first = vec![0usize; n + 1];
    let mut mid = vec![0usize; n];
    for (&t, &h) in net.tails().iter().zip(net.heads()) {
        if t != h {
            let (t, h) = (rank[t as usize] as usize, rank[h as usize] as usize);
            first[t + 1] += 1;
            first[h + 1] += 1;
            mid[t] += 1;
        }
    }
    for v in 0..n {
        first[v + 1] += first[v];
        mid[v] += first[v];
    }
    (first, mid)
}

/// Network arc of each slot (forward entries in engine order, arcs of one tail in network
/// order, then self-loops) and the first slot of each node.
fn assign_slots(
    net: &FlowNetwork,
    rank: &[u32],
    first: &[usize],
    mid: &[usize],
) -> (Vec<u32>, Vec<usize>) {
    let n = rank.len();
    let mut slot_base = vec![0usize; n + 1];
    for v in 0..n {
        slot_base[v + 1] = slot_base[v] + (mid[v] - first[v]);
    }
    let mut next_slot = slot_base.clone();
    let mut self_loop_slot = slot_base[n];
    let mut arcid = vec![0u32; net.arc_count()];
    for (a, (&t, &h)) in net.tails().iter().zip(net.heads()).enumerate() {
        let slot = if t == h {
            self_loop_slot += 1;
            self_loop_slot - 1
        } else {
            let t = rank[t as usize] as usize;
            next_slot[t] += 1;
            next_slot[t] - 1
        };
        arcid[slot] = a as u32;
    }
    (arcid, slot_base)
}

/// Engine number of every node: breadth-first order over the undirected network, roots in
/// index order, never expanding through hubs (more than `√(2m) + 16` arcs, such as a common
/// sink), so a geometric graph's neighbours get nearby numbers. Only memory locality
/// depends on it, never the answer's optimality.
fn locality_order(net: &FlowNetwork) -> Vec<u32> {
    let n = net.node_count();
    let mut start = vec![0usize; n + 1];
    for (&t, &h) in net.tails().iter().zip(net.heads()) {
        start[t as usize + 1] += 1;
        start[h as usize + 1] += 1;
    }
    for v in 0..n {
        start[v + 1] += start[v];
    }
    let hub = start[n].isqrt() + 16;
    let mut next = start.clone();
    let mut adj = vec![0u32; start[n]];
    for (&t, &h) in net.tails().iter().zip(net.heads()) {
        adj[next[t as usize]] = h;
        next[t as usize] += 1;
        adj[next[h as usize]] = t;
        next[h as usize] += 1;
    }
    drop(next);
    let mut rank = vec![u32::MAX; n];
    let mut queue: Vec<u32> = Vec::with_capacity(n);
    for root in 0..n {
        if rank[root] != u32::MAX {
            continue;
        }
        rank[root] = queue.len() as u32;
        let mut head = queue.len();
        queue.push(root as u32);
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            if start[v + 1] - start[v] > hub {
                continue;
            }
            for &w in &adj[start[v]..start[v + 1]] {
                if rank[w as usize] == u32::MAX {
                    rank[w as usize] = queue.len() as u32;
                    queue.push(w);
                }
            }
        }
    }
    rank
}
