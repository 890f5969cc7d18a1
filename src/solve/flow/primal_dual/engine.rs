//! The solve state, the order of the searches and the certificate read back at the end.

use super::hops::Hops;
use super::hubs::Hubs;
use super::search::Scratch;
use super::start::room;
use super::{Step, Stop};
use crate::solve::flow::network::{FlowNetwork, FlowSolution, FlowStatus};

/// Flow, excesses and potentials of one solve. Flows are above the lower bounds; potentials
/// are kept for upper nodes only (a pure source's follows from its arcs at the end).
#[derive(Debug)]
pub(super) struct Engine<'a> {
    pub(super) network: &'a FlowNetwork,
    /// Flow above the lower bound, per arc.
    pub(super) flow: Vec<i64>,
    /// Upper minus lower bound, per arc ([`crate::solve::flow::UNCAPACITATED`] kept).
    pub(super) cap: Vec<i64>,
    pub(super) excess: Vec<i64>,
    pub(super) potential: Vec<i64>,
    /// The contracted nodes: positive supply, no arc that can carry flow in.
    pub(super) is_source: Vec<bool>,
    /// Arcs of each pure source: `source_arcs[source_start[i]..source_start[i + 1]]`.
    pub(super) source_start: Vec<u32>,
    pub(super) source_arcs: Vec<u32>,
    /// Residual entries of each upper node (`2·arc` forward, `2·arc + 1` backward).
    pub(super) adjacency_start: Vec<u32>,
    pub(super) adjacency: Vec<u32>,
    pub(super) hops: Hops,
    pub(super) hubs: Hubs,
    pub(super) work: u64,
    pub(super) work_limit: u64,
}

impl Engine<'_> {
    /// Room and cost of residual entry `entry` as seen from its tail: `2·arc` is the arc
    /// itself (room `cap − flow`, cost `c`), `2·arc + 1` its reverse (room `flow`, cost `−c`).
    pub(super) fn residual(&self, entry: u32) -> (i64, i64) {
        let arc = (entry >> 1) as usize;
        let cost = self.network.costs()[arc];
        if entry & 1 == 0 {
            (room(self.cap[arc], self.flow[arc]), cost)
        } else {
            (self.flow[arc], -cost)
        }
    }

    /// The far end of residual entry `entry`.
    pub(super) fn far_end(&self, entry: u32) -> usize {
        let arc = (entry >> 1) as usize;
        if entry & 1 == 0 {
            self.network.heads()[arc] as usize
        } else {
            self.network.tails()[arc] as usize
        }
    }

    /// Augmentations into each node with a deficit, in node order, until none is left (an
    /// augmentation never creates a deficit elsewhere).
    pub(super) fn run(&mut self) -> Step<FlowSolution> {
        self.find_hubs()?;
        let mut scratch = Scratch::new(self.network.node_count());
        for v in 0..self.network.node_count() {
            while self.excess[v] < 0 {
                self.augment_into(v, &mut scratch)?;
                if self.work > self.work_limit {
                    return Err(Stop::WorkLimit);
                }
            }
        }
        self.solution()
    }

    /// The flow with lower bounds added back and a potential for every node: a pure source
    /// gets `min π(head) − c` over its arcs with flow, which makes those arcs tight and,
    /// since no hop has a negative reduced cost, every arc it could still use non-negative.
    fn solution(&self) -> Step<FlowSolution> {
        let network = self.network;
        let (heads, costs) = (network.heads(), network.costs());
        let mut potential = self.potential.clone();
        for (i, p) in potential.iter_mut().enumerate() {
            if !self.is_source[i] {
                continue;
            }
            let own = self.source_start[i] as usize..self.source_start[i + 1] as usize;
            *p = self.source_arcs[own]
                .iter()
                .map(|&a| a as usize)
                .filter(|&a| self.flow[a] > 0)
                .map(|a| self.potential[heads[a] as usize].checked_sub(costs[a]))
                .try_fold(i64::MAX, |best, p| p.map(|p| best.min(p)))
                .ok_or(Stop::Overflow)?;
        }
        let flow: Vec<i64> = self
            .flow
            .iter()
            .zip(network.lowers())
            .map(|(&f, &l)| f.checked_add(l).ok_or(Stop::Overflow))
            .collect::<Step<_>>()?;
        let objective = network.objective_of(&flow).ok_or(Stop::Overflow)?;
        Ok(FlowSolution {
            status: FlowStatus::Optimal,
            flow,
            potential,
            objective,
            work: self.work,
        })
    }
}
