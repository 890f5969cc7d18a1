//! Successive shortest paths with Dijkstra on reduced costs (primal–dual), tuned for sparse
//! bipartite "many small supplies → capacitated middle → sink" networks.
//!
//! The core keeps node potentials `π` such that every residual arc has a non-negative reduced
//! cost `c(a) + π(tail) − π(head)`. It repeatedly takes a node with excess, runs Dijkstra on
//! reduced costs from it until the nearest node with a deficit is known, augments along
//! that path and lowers the potentials of the settled nodes only (nodes never reached keep
//! theirs), so a search costs what it touches, not the size of the network. The search is
//! bounded: deficit nodes are never queued, and once one is labelled nothing at or beyond its
//! distance is queued either, so when the cheapest way out of a saturated region is an
//! expensive "give up" arc (an unmet-demand penalty), nothing farther is ever explored. The
//! queue is a radix heap (distances only grow within a search).
//!
//! Before the first search every node without in-arcs (a pure supply node, such as a need)
//! gets the potential that makes its cheapest out-arc tight, then every arc whose reduced
//! cost is still negative is saturated, so the invariant holds from the start; potentials for
//! [`UNCAPACITATED`] arcs of negative cost come from Bellman–Ford restricted to those arcs,
//! which also detects unboundedness. In-arcs that carry flow are kept at the front of each
//! node's list, so a provider with eighty candidate needs and four assigned scans four.
//!
//! Nodes are renumbered internally in breadth-first order of the undirected network (never
//! expanding through hubs such as a common sink), and excess nodes are processed in that
//! order. On geometric networks this is a sweep across the plane: each search works next to
//! the previous one, in memory and in the graph, and regions fill up one after another. On
//! the FORMATS.md §3 instance `mcf_M` it cut the solve's CPU time from about 4 s to about
//! 0.7 s (input order is spatially random there).
//!
//! A warm start ([`MinCostFlowSolver::solve_warm`]) takes the previous potentials as the
//! starting ones and keeps the previous flow on every arc whose reduced cost is zero; arcs
//! whose reduced cost says otherwise are set to the bound it asks for, and the resulting
//! imbalances are routed by the same searches, so any warm input (even an infeasible or
//! meaningless one) ends at the cold optimum. With the exact previous potentials of a
//! slightly changed network the searches are short: on `mcf_S` a warm start from the
//! optimal potentials takes about a tenth of a cold solve.

mod layout;
mod radix_heap;

use crate::error::Result;

use layout::Layout;
use radix_heap::RadixHeap;

use super::network::{
    FlowNetwork, FlowSolution, FlowStatus, MinCostFlowSolver, NetworkError, UNCAPACITATED,
    WarmStart,
};

/// Exact min-cost flow by successive shortest paths (Dijkstra with potentials).
///
/// Best on networks where most supplies are small and most shortest augmenting paths are
/// short: needs → providers → sink transport problems with an unmet-demand penalty arc per
/// need. It is correct on every valid [`FlowNetwork`]: transshipment nodes, parallel arcs,
/// self-loops, lower bounds, infeasible and unbounded problems.
///
/// # Guarantee
/// Returns [`FlowStatus::Optimal`] with an integral optimal flow and integral potentials
/// forming a reduced-cost certificate, or [`FlowStatus::Infeasible`],
/// [`FlowStatus::Unbounded`] (a negative-cost cycle of [`UNCAPACITATED`] arcs in a feasible
/// problem) or [`FlowStatus::Overflow`] (a potential, distance or flow left `i64`, or the
/// network has `2^31` arcs or more, beyond the `u32` entry indices). The result is
/// deterministic: the same network gives the same flow and potentials bit for bit.
///
/// # Complexity
/// `O(B · (m + n · log C))` time in the worst case (radix heap; `C` the largest distance),
/// where `B` is the number of augmentations
/// (at most the total positive supply plus the capacity of negative-cost arcs); in practice a
/// search only scans the nodes closer than its target. Bellman–Ford on the uncapacitated
/// negative-cost arcs adds `O(n · m)` only when such arcs exist. Extra space: `O(n + m)` —
/// 52 bytes per arc (two residual entries of `u32` target and slot; flow, residual capacity
/// and cost as `i64`; the in-entry position, network arc and head as `u32`) plus about 90
/// bytes per node; while numbering, a temporary 8 bytes per arc.
///
/// # References
/// Ahuja, Magnanti, Orlin, *Network Flows* (1993), §9.7 (successive shortest paths) and §9.8
/// (primal–dual); Edmonds, Karp, *J. ACM* 19 (1972) (potentials / reduced costs);
/// Jonker, Volgenant, *Computing* 38 (1987) (augmenting from one source at a time, updating
/// only scanned nodes); Ahuja, Mehlhorn, Orlin, Tarjan, *Faster algorithms for the
/// shortest path problem*, J. ACM 37 (1990) (radix heap).
///
/// # Example
/// ```
/// use wushe::solve::flow::successive_shortest_path::SuccessiveShortestPath;
/// use wushe::solve::flow::{FlowNetwork, FlowStatus, MinCostFlowSolver};
/// # fn main() -> Result<(), wushe::Error> {
/// // two needs (supply 1), one provider with capacity 1, a sink; penalty 50 for unmet demand
/// let mut net = FlowNetwork::new(4);
/// net.set_supply(0, 1)?;
/// net.set_supply(1, 1)?;
/// net.set_supply(3, -2)?;
/// net.add_arc(0, 2, 0, 1, 10)?; // need 0 -> provider
/// net.add_arc(1, 2, 0, 1, 20)?; // need 1 -> provider
/// net.add_arc(0, 3, 0, 1, 50)?; // penalty arcs
/// net.add_arc(1, 3, 0, 1, 50)?;
/// net.add_arc(2, 3, 0, 1, 0)?; // provider capacity 1
/// let sol = SuccessiveShortestPath::default().solve(&net)?;
/// assert_eq!(sol.status, FlowStatus::Optimal);
/// assert_eq!(sol.objective, 10 + 50); // need 0 served, need 1 unmet
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SuccessiveShortestPath {
    /// Order in which nodes are numbered internally and excess nodes are processed.
    pub order: NodeOrder,
}

/// Internal node order of [`SuccessiveShortestPath`]. It changes only the work done and,
/// among several optimal solutions, which one is returned — never the objective.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NodeOrder {
    /// Breadth-first over the undirected network, roots by index, hubs (more than
    /// `√(2m) + 16` arcs) not expanded: a sweep across geometric networks, with neighbours
    /// close in memory. Costs one pass and `8·m` bytes of scratch.
    #[default]
    BreadthFirst,
    /// The network's own node order.
    Input,
}

impl MinCostFlowSolver for SuccessiveShortestPath {
    fn name(&self) -> &'static str {
        "successive_shortest_path"
    }

    fn solve(&self, network: &FlowNetwork) -> Result<FlowSolution> {
        self.solve_warm(network, &WarmStart::default())
    }

    fn solve_warm(&self, network: &FlowNetwork, warm: &WarmStart) -> Result<FlowSolution> {
        network.validate()?;
        check_warm_shape(network, warm)?;
        Ok(solve_validated(network, warm, self.order))
    }
}

fn check_warm_shape(network: &FlowNetwork, warm: &WarmStart) -> Result<()> {
    let shapes = [
        (
            "flow",
            warm.flow.as_ref().map(Vec::len),
            network.arc_count(),
        ),
        (
            "potential",
            warm.potential.as_ref().map(Vec::len),
            network.node_count(),
        ),
    ];
    for (field, len, expected) in shapes {
        if let Some(len) = len.filter(|&len| len != expected) {
            return Err(NetworkError::WarmStartShape {
                field,
                len,
                expected,
            }
            .into());
        }
    }
    Ok(())
}

/// Why a solve stopped before optimality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Infeasible,
    Overflow,
    NegativeCycle,
}

impl Stop {
    fn status(self) -> FlowStatus {
        match self {
            Stop::Infeasible => FlowStatus::Infeasible,
            Stop::Overflow => FlowStatus::Overflow,
            Stop::NegativeCycle => FlowStatus::Unbounded,
        }
    }
}

type Step<T> = std::result::Result<T, Stop>;

fn solve_validated(network: &FlowNetwork, warm: &WarmStart, order: NodeOrder) -> FlowSolution {
    let total: i128 = network.supplies().iter().map(|&b| i128::from(b)).sum();
    if total != 0 {
        return FlowSolution::without_flow(FlowStatus::Infeasible);
    }
    match Engine::new(network, network.costs(), order).and_then(|mut e| e.run(warm)) {
        Ok(sol) => sol,
        Err(Stop::NegativeCycle) => {
            // Unbounded only if some feasible flow exists: decide it with all costs zero.
            let zeros = vec![0i64; network.arc_count()];
            let feasible = Engine::new(network, &zeros, order)
                .and_then(|mut e| e.run(&WarmStart::default()))
                .map(|sol| sol.status == FlowStatus::Optimal);
            match feasible {
                Ok(true) => FlowSolution::without_flow(FlowStatus::Unbounded),
                Ok(false) | Err(Stop::Infeasible) => {
                    FlowSolution::without_flow(FlowStatus::Infeasible)
                }
                Err(stop) => FlowSolution::without_flow(stop.status()),
            }
        }
        Err(stop) => FlowSolution::without_flow(stop.status()),
    }
}

/// Residual graph in CSR form plus the primal (flow, excess) and dual (potential) state.
///
/// Node `u` owns entries `first[u]..first[u + 1]`: its out-arcs (forward residual arcs)
/// come first, up to `mid[u]`, then its in-arcs (backward residual arcs). Self-loops get no
/// entry. `flow` is the flow above the lower bound.
struct Engine<'a> {
    net: &'a FlowNetwork,
    first: Vec<usize>,
    mid: Vec<usize>,
    to: Vec<u32>,
    /// Slot of the arc of each entry.
    arc: Vec<u32>,
    /// Engine number of each network node (nodes are renumbered in breadth-first order so
    /// that neighbours sit close together in memory).
    rank: Vec<u32>,
    /// Network arc of each slot. Slots follow the forward entries (arcs grouped by tail in
    /// engine order), then the self-loops.
    arcid: Vec<u32>,
    /// Head (engine number) of each slot.
    head: Vec<u32>,
    /// Flow, forward residual capacity and cost of each slot, side by side so that a scan
    /// touches one cache line per arc.
    arcs: Vec<ArcState>,
    /// Index of each slot's backward entry (in its head's list); `u32::MAX` for self-loops.
    pos: Vec<u32>,
    /// Backward entries `mid[v]..open_end[v]` are exactly the in-arcs of `v` carrying flow.
    open_end: Vec<usize>,
    excess: Vec<i64>,
    pi: Vec<i64>,
    search: Search,
    /// Scratch: the arcs of the current augmenting path and whether each is used forwards.
    path: Vec<(u32, bool)>,
}

/// Per-arc state of the residual graph; `room` is `i64::MAX − flow` when uncapacitated.
#[derive(Debug, Clone, Copy)]
struct ArcState {
    flow: i64,
    room: i64,
    cost: i64,
}

/// Capacity above the lower bound of arc `a` (`i64::MAX` when uncapacitated).
fn span(net: &FlowNetwork, a: usize) -> i64 {
    let cap = net.capacities()[a];
    if cap == UNCAPACITATED {
        i64::MAX
    } else {
        cap - net.lowers()[a]
    }
}

/// A node's Dijkstra label; valid in the search whose round its stamp carries.
#[derive(Debug, Clone, Copy, Default)]
struct Label {
    dist: i64,
    /// Entry by which the node was reached.
    pred: usize,
    stamp: u32,
    /// Node whose scan labelled this one.
    from: u32,
}

/// Reusable Dijkstra scratch; `label[v].stamp ≥ round` marks `label[v]` as valid.
#[derive(Default)]
struct Search {
    round: u32,
    label: Vec<Label>,
    settled: Vec<u32>,
    heap: RadixHeap,
    /// Nearest deficit node labelled so far and its distance: the search's upper bound.
    target: Option<(u32, i64)>,
}

impl<'a> Engine<'a> {
    fn new(net: &'a FlowNetwork, costs: &'a [i64], order: NodeOrder) -> Step<Self> {
        if net.arc_count().saturating_mul(2) >= u32::MAX as usize {
            return Err(Stop::Overflow);
        }
        let Layout {
            rank,
            first,
            mid,
            to,
            arc,
            arcid,
            head,
            pos,
        } = Layout::build(net, order);
        let mut excess = vec![0i64; rank.len()];
        for (v, &b) in net.supplies().iter().enumerate() {
            excess[rank[v] as usize] = b;
        }
        let arcs = arcid
            .iter()
            .map(|&a| ArcState {
                flow: 0,
                room: span(net, a as usize),
                cost: costs[a as usize],
            })
            .collect();
        Ok(Engine {
            net,
            first,
            open_end: mid.clone(),
            mid,
            to,
            arc,
            pi: vec![0; rank.len()],
            rank,
            arcid,
            head,
            arcs,
            pos,
            excess,
            search: Search::default(),
            path: Vec::new(),
        })
    }

    /// Residual capacity of arc `a` forwards (`i64::MAX` when uncapacitated).
    fn fwd_residual(&self, a: usize) -> i64 {
        self.arcs[a].room
    }

    fn run(&mut self, warm: &WarmStart) -> Step<FlowSolution> {
        if let Some(pi) = &warm.potential {
            for (v, &p) in pi.iter().enumerate() {
                self.pi[self.rank[v] as usize] = p;
            }
        }
        self.tighten_pure_sources()?;
        if !self.uncapacitated_reduced_costs_ok()? {
            self.pi.fill(0);
            self.bellman_ford_uncapacitated()?;
        }
        self.initial_flow(warm.flow.as_deref())?;
        for s in 0..self.pi.len() {
            while self.excess[s] > 0 {
                self.augment_from(s as u32)?;
            }
        }
        self.solution()
    }

    /// Raises the potential of every node without in-arcs to the least value that makes all
    /// its out-arcs' reduced costs non-negative (tight on its cheapest option): such a node
    /// constrains nobody, and without this its out-arcs would be saturated wholesale.
    fn tighten_pure_sources(&mut self) -> Step<()> {
        for v in 0..self.pi.len() {
            if self.mid[v] != self.first[v + 1] || self.mid[v] == self.first[v] {
                continue;
            }
            let mut best: Option<i64> = None;
            for e in self.first[v]..self.mid[v] {
                let a = self.arc[e] as usize;
                let cand = self.pi[self.to[e] as usize]
                    .checked_sub(self.arcs[a].cost)
                    .ok_or(Stop::Overflow)?;
                best = Some(best.map_or(cand, |b: i64| b.max(cand)));
            }
            if let Some(b) = best {
                self.pi[v] = b;
            }
        }
        Ok(())
    }

    /// Reduced cost of forward entry `e` of node `u`.
    fn reduced(&self, u: usize, e: usize) -> Step<i64> {
        self.arcs[self.arc[e] as usize]
            .cost
            .checked_add(self.pi[u])
            .and_then(|x| x.checked_sub(self.pi[self.to[e] as usize]))
            .ok_or(Stop::Overflow)
    }

    /// Calls `f(u, e)` for every forward entry `e` of every node `u`, in order.
    fn forward_entries(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.pi.len()).flat_map(move |u| (self.first[u]..self.mid[u]).map(move |e| (u, e)))
    }

    /// `room + flow` is the span, `i64::MAX` exactly for uncapacitated arcs (finite spans
    /// are at most `2^53`).
    fn is_uncapacitated(&self, slot: usize) -> bool {
        let st = &self.arcs[slot];
        st.room + st.flow == i64::MAX
    }

    fn uncapacitated_reduced_costs_ok(&self) -> Step<bool> {
        if !self.net.capacities().contains(&UNCAPACITATED) {
            return Ok(true);
        }
        for (u, e) in self.forward_entries() {
            if self.is_uncapacitated(self.arc[e] as usize) && self.reduced(u, e)? < 0 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Makes every uncapacitated arc's reduced cost non-negative (shortest distances from a
    /// virtual root over those arcs), or reports a negative cycle among them (uncapacitated
    /// negative self-loops are caught by [`Engine::initial_flow`]).
    fn bellman_ford_uncapacitated(&mut self) -> Step<()> {
        let n = self.pi.len();
        let mut dist = vec![0i64; n];
        for _pass in 0..=n {
            let mut changed = false;
            for (u, e) in self.forward_entries() {
                let a = self.arc[e] as usize;
                if !self.is_uncapacitated(a) {
                    continue;
                }
                let h = self.to[e] as usize;
                let cand = dist[u]
                    .checked_add(self.arcs[a].cost)
                    .ok_or(Stop::Overflow)?;
                if cand < dist[h] {
                    dist[h] = cand;
                    changed = true;
                }
            }
            if !changed {
                self.pi.copy_from_slice(&dist);
                return Ok(());
            }
        }
        Err(Stop::NegativeCycle)
    }

    /// Sets each arc's flow: the warm flow (clamped to its bounds) where it agrees with the
    /// reduced cost, else the bound the reduced cost asks for; then the node excesses.
    fn initial_flow(&mut self, warm: Option<&[i64]>) -> Step<()> {
        for u in 0..self.pi.len() {
            for e in self.first[u]..self.mid[u] {
                let rc = self.reduced(u, e)?;
                let (slot, h) = (self.arc[e] as usize, self.to[e] as usize);
                self.initial_arc_flow(slot, rc, warm, (u, h))?;
            }
        }
        // self-loop slots follow the forward entries, one slot per two entries
        let first_loop_slot = self.first[self.pi.len()] / 2;
        for slot in first_loop_slot..self.arcs.len() {
            let t = self.net.tails()[self.arcid[slot] as usize] as usize;
            let t = self.rank[t] as usize;
            self.initial_arc_flow(slot, self.arcs[slot].cost, warm, (t, t))?;
        }
        Ok(())
    }

    /// Flow of one slot at the start (see [`Engine::initial_flow`]) and its excess update.
    fn initial_arc_flow(
        &mut self,
        slot: usize,
        rc: i64,
        warm: Option<&[i64]>,
        (t, h): (usize, usize),
    ) -> Step<()> {
        if rc > 0 && warm.is_none() && self.net.lowers()[self.arcid[slot] as usize] == 0 {
            return Ok(()); // stays empty; nothing moves
        }
        let a = self.arcid[slot] as usize;
        let lower = self.net.lowers()[a];
        let span = self.arcs[slot].room;
        let hint = warm.map_or(0, |w| w[a].saturating_sub(lower).clamp(0, span));
        let x = match rc.cmp(&0) {
            std::cmp::Ordering::Less if span == i64::MAX => return Err(Stop::NegativeCycle),
            std::cmp::Ordering::Less => span,
            std::cmp::Ordering::Equal => hint,
            std::cmp::Ordering::Greater => 0,
        };
        self.set_flow(slot, x);
        let x = lower.checked_add(x).ok_or(Stop::Overflow)?;
        self.excess[t] = self.excess[t].checked_sub(x).ok_or(Stop::Overflow)?;
        self.excess[h] = self.excess[h].checked_add(x).ok_or(Stop::Overflow)?;
        Ok(())
    }

    /// One Dijkstra from `s` to the nearest deficit node, then one augmentation.
    fn augment_from(&mut self, s: u32) -> Step<()> {
        let (t, dist_t) = self.dijkstra(s)?.ok_or(Stop::Infeasible)?;
        self.update_potentials(dist_t)?;
        let mut delta = self.excess[s as usize].min(-self.excess[t as usize]);
        self.path.clear();
        let mut v = t as usize;
        while v != s as usize {
            let (a, forward, u) = self.path_step(v);
            let room = if forward {
                self.fwd_residual(a)
            } else {
                self.arcs[a].flow
            };
            delta = delta.min(room);
            self.path.push((a as u32, forward));
            v = u;
        }
        debug_assert!(delta > 0);
        for i in 0..self.path.len() {
            let (a, forward) = self.path[i];
            let x = self.arcs[a as usize].flow;
            let x = if forward {
                x.checked_add(delta).ok_or(Stop::Overflow)?
            } else {
                x - delta
            };
            self.set_flow(a as usize, x);
        }
        self.excess[s as usize] -= delta;
        self.excess[t as usize] += delta;
        Ok(())
    }

    /// Sets the flow of arc `a`, keeping its backward entry in the open part of its head's
    /// in-list exactly when the flow is positive (so scans never look at empty in-arcs).
    fn set_flow(&mut self, a: usize, x: i64) {
        let old = self.arcs[a];
        let (was_open, open) = (old.flow > 0, x > 0);
        // `room + flow` is the arc's span; for uncapacitated arcs `room = i64::MAX − flow`
        self.arcs[a] = ArcState {
            flow: x,
            room: old.room + (old.flow - x),
            cost: old.cost,
        };
        let i = self.pos[a];
        if was_open == open || i == u32::MAX {
            return;
        }
        let (i, h) = (i as usize, self.head[a] as usize);
        if open {
            self.swap_entries(i, self.open_end[h]);
            self.open_end[h] += 1;
        } else {
            self.open_end[h] -= 1;
            self.swap_entries(i, self.open_end[h]);
        }
    }

    /// Swaps two backward entries of one node and fixes their arcs' positions.
    fn swap_entries(&mut self, i: usize, j: usize) {
        self.to.swap(i, j);
        self.arc.swap(i, j);
        self.pos[self.arc[i] as usize] = i as u32;
        self.pos[self.arc[j] as usize] = j as u32;
    }

    /// The residual arc by which the last search reached `v`: `(slot, forward, previous
    /// node)`; the entry lies in the previous node's list, forward iff before its `mid`.
    fn path_step(&self, v: usize) -> (usize, bool, usize) {
        let e = self.search.pred(v);
        let u = self.search.label[v].from as usize;
        (self.arc[e] as usize, e < self.mid[u], u)
    }

    /// Lowers the potential of every settled node `v` by `dist_t − dist(v)`.
    fn update_potentials(&mut self, dist_t: i64) -> Step<()> {
        let search = &self.search;
        for &v in &search.settled {
            let v = v as usize;
            let drop = dist_t - search.dist(v);
            self.pi[v] = self.pi[v].checked_sub(drop).ok_or(Stop::Overflow)?;
        }
        Ok(())
    }

    /// Dijkstra on reduced costs from `s`; stops when a node with negative excess is settled.
    fn dijkstra(&mut self, s: u32) -> Step<Option<(u32, i64)>> {
        self.search.begin(self.pi.len());
        self.search.relax(s, 0, usize::MAX, s);
        while let Some((d, u)) = self.search.heap.pop() {
            let ui = u as usize;
            if self.search.dist(ui) != d || self.search.is_settled(ui) {
                continue;
            }
            if self.search.target.is_some_and(|(_, bound)| d >= bound) {
                break;
            }
            self.search.settle(u);
            self.scan(ui, d)?;
        }
        Ok(self.search.target)
    }

    /// Relaxes every residual arc leaving `u` (settled at distance `d`). Deficit nodes are
    /// never queued: the nearest one labelled so far bounds the search, and no label at or
    /// beyond that bound is queued either.
    fn scan(&mut self, u: usize, d: i64) -> Step<()> {
        let pu = self.pi[u];
        let (lo, mid, hi) = (self.first[u], self.mid[u], self.open_end[u]);
        for e in lo..hi {
            let a = self.arc[e] as usize;
            let forward = e < mid;
            // backward entries up to `open_end` all carry flow
            let arc = &self.arcs[a];
            debug_assert!(forward || arc.flow > 0);
            if forward && arc.room == 0 {
                continue;
            }
            let w = self.to[e];
            let c = if forward { arc.cost } else { -arc.cost };
            let nd = c
                .checked_add(pu)
                .and_then(|x| x.checked_sub(self.pi[w as usize]))
                .and_then(|rc| {
                    debug_assert!(rc >= 0);
                    d.checked_add(rc)
                })
                .ok_or(Stop::Overflow)?;
            if self.search.target.is_some_and(|(_, bound)| nd >= bound) {
                continue;
            }
            if self.excess[w as usize] < 0 {
                self.search.label_target(w, nd, e, u as u32);
            } else {
                self.search.relax(w, nd, e, u as u32);
            }
        }
        Ok(())
    }

    /// The answer in network numbering. Frees the residual graph first, so the flow vector
    /// does not add to the peak memory.
    fn solution(&mut self) -> Step<FlowSolution> {
        for big in [&mut self.to, &mut self.arc, &mut self.pos, &mut self.head] {
            *big = Vec::new();
        }
        self.search = Search::default();
        let lowers = self.net.lowers();
        let mut flow = vec![0i64; self.arcs.len()];
        for (st, &a) in self.arcs.iter().zip(&self.arcid) {
            let a = a as usize;
            flow[a] = st.flow.checked_add(lowers[a]).ok_or(Stop::Overflow)?;
        }
        let objective = self.net.objective_of(&flow).ok_or(Stop::Overflow)?;
        Ok(FlowSolution {
            status: FlowStatus::Optimal,
            flow,
            potential: self.rank.iter().map(|&r| self.pi[r as usize]).collect(),
            objective,
        })
    }
}

impl Search {
    /// Starts a new search over `n` nodes (stamps are reset only when the round wraps).
    fn begin(&mut self, n: usize) {
        if self.label.len() != n {
            self.label = vec![Label::default(); n];
            self.round = 0;
        }
        self.round = self.round.wrapping_add(2);
        if self.round == 0 {
            self.label.fill(Label::default());
            self.round = 2;
        }
        self.settled.clear();
        self.heap.clear();
        self.target = None;
    }

    fn dist(&self, v: usize) -> i64 {
        self.label[v].dist
    }

    fn pred(&self, v: usize) -> usize {
        self.label[v].pred
    }

    /// Labels deficit node `v` at distance `d` (below the current bound): the new target.
    fn label_target(&mut self, v: u32, d: i64, via: usize, from: u32) {
        self.label[v as usize] = Label {
            dist: d,
            pred: via,
            stamp: self.round,
            from,
        };
        self.target = Some((v, d));
    }

    /// Labelled in this round: `stamp ≥ round`; settled: `stamp == round + 1`.
    fn is_settled(&self, v: usize) -> bool {
        self.label[v].stamp == self.round + 1
    }

    fn settle(&mut self, v: u32) {
        self.label[v as usize].stamp = self.round + 1;
        self.settled.push(v);
    }

    fn relax(&mut self, v: u32, d: i64, via: usize, from: u32) {
        let l = &mut self.label[v as usize];
        if l.stamp >= self.round && (l.stamp == self.round + 1 || l.dist <= d) {
            return;
        }
        *l = Label {
            dist: d,
            pred: via,
            stamp: self.round,
            from,
        };
        self.heap.push(d, v);
    }
}
