//! The engine: residual graph, flow, excesses and potentials of one solve, the order of its
//! phases, flow updates and the answer in network numbering.

use super::layout::Layout;
use super::search::Search;
use super::{NodeOrder, Step, Stop};
use crate::solve::flow::{FlowNetwork, FlowSolution, FlowStatus, UNCAPACITATED, WarmStart};

/// Residual graph in CSR form plus the primal (flow, excess) and dual (potential) state.
///
/// Node `u` owns entries `first[u]..first[u + 1]`: its out-arcs (forward residual arcs)
/// come first, up to `mid[u]`, then its in-arcs (backward residual arcs). Self-loops get no
/// entry. `flow` is the flow above the lower bound.
pub(super) struct Engine<'a> {
    pub(super) net: &'a FlowNetwork,
    pub(super) first: Vec<usize>,
    pub(super) mid: Vec<usize>,
    pub(super) to: Vec<u32>,
    /// Slot of the arc of each entry.
    pub(super) arc: Vec<u32>,
    /// Engine number of each network node (nodes are renumbered in breadth-first order so
    /// that neighbours sit close together in memory).
    pub(super) rank: Vec<u32>,
    /// Network arc of each slot. Slots follow the forward entries (arcs grouped by tail in
    /// engine order), then the self-loops.
    pub(super) arcid: Vec<u32>,
    /// Head (engine number) of each slot.
    pub(super) head: Vec<u32>,
    /// Flow, forward residual capacity and cost of each slot, side by side so that a scan
    /// touches one cache line per arc.
    pub(super) arcs: Vec<ArcState>,
    /// Index of each slot's backward entry (in its head's list); `u32::MAX` for self-loops.
    pub(super) pos: Vec<u32>,
    /// Backward entries `mid[v]..open_end[v]` are exactly the in-arcs of `v` carrying flow.
    pub(super) open_end: Vec<usize>,
    pub(super) excess: Vec<i64>,
    pub(super) pi: Vec<i64>,
    pub(super) search: Search,
    /// Scratch: the arcs of the current augmenting path and whether each is used forwards.
    pub(super) path: Vec<(u32, bool)>,
    /// Work done so far: residual entries scanned (plus one per scanned node) and
    /// Bellman–Ford passes over the entries.
    pub(super) work: u64,
    /// The solve stops with [`Stop::WorkLimit`] once `work` exceeds this.
    pub(super) work_limit: u64,
}

/// Per-arc state of the residual graph; `room` is `i64::MAX − flow` when uncapacitated.
#[derive(Debug, Clone, Copy)]
pub(super) struct ArcState {
    pub(super) flow: i64,
    pub(super) room: i64,
    pub(super) cost: i64,
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

impl<'a> Engine<'a> {
    pub(super) fn new(net: &'a FlowNetwork, costs: &'a [i64], order: NodeOrder) -> Step<Self> {
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
            work: 0,
            work_limit: u64::MAX,
        })
    }

    /// Residual capacity of arc `a` forwards (`i64::MAX` when uncapacitated).
    pub(super) fn fwd_residual(&self, a: usize) -> i64 {
        self.arcs[a].room
    }

    pub(super) fn run(&mut self, warm: &WarmStart) -> Step<FlowSolution> {
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
                self.charge(0)?;
            }
        }
        self.solution()
    }

    /// Adds `units` to the work done; [`Stop::WorkLimit`] once it exceeds the limit.
    pub(super) fn charge(&mut self, units: u64) -> Step<()> {
        self.work = self.work.saturating_add(units);
        if self.work > self.work_limit {
            Err(Stop::WorkLimit)
        } else {
            Ok(())
        }
    }

    /// Sets the flow of arc `a`, keeping its backward entry in the open part of its head's
    /// in-list exactly when the flow is positive (so scans never look at empty in-arcs).
    pub(super) fn set_flow(&mut self, a: usize, x: i64) {
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
            work: self.work,
        })
    }
}
