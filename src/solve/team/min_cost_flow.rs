//! Min-cost flow on the transportation relaxation, then repair.

use crate::error::Result;
use crate::problem::{Problem, Solution, SolveStats, SolveStatus};
use crate::solve::WorkBudget;
use crate::solve::budget::core_price;
use crate::solve::flow::network::{MAX_ABS_AMOUNT, MAX_ABS_COST};
use crate::solve::flow::{FlowAlgorithm, FlowNetwork, FlowStatus};
use crate::solve::strategy::{Guarantee, Strategy};

use super::class::ExactClass;
use super::dominance::{Ties, kept_edges};
use super::relaxation::{Benefits, edge_usable, role_reach, unit_capacities};
use super::repair::Repair;

/// Min-cost flow on the transportation relaxation of the team problem, then repair.
///
/// The network: one node per role (supply = its demand, clipped to what its edges can take),
/// one node per provider, one sink. An arc per usable candidate edge that some optimum may
/// need (edges dominated by enough better-scored edges of their role are left out without
/// changing the optimum, see the proof in `dominance.rs`) (capacity
/// `min(max_units, unit capacity)`, cost `−B_e`, the scaled score plus the role's share of the
/// need value per unit, see [`super`]); an *unmet* arc role → sink of cost 0; an arc provider
/// → sink whose capacity is the provider's capacity in units of its smallest usage. The
/// min-cost flow maximises the relaxed objective; its optimum, unscaled, is the `bound`. The
/// flow is then repaired (incomplete teams dropped, `one_role_per_need` conflicts resolved in
/// favour of the higher score, over-full providers relieved) and the freed capacity filled
/// greedily.
///
/// ```text
///   role 0 (supply 1) ──(−B, cap 1)──> provider 0 ──(cap U0)──┐
///        └────────────(unmet, 0)────────────────────────────> sink (−Σ supply)
///   role 1 (supply 2) ──(−B, cap 1)──> provider 1 ──(cap U1)──┘
/// ```
///
/// # Guarantee
/// Feasible on every problem. Optimal (status `Optimal`, `bound` = objective) on
/// [`ExactClass::Transportation`]; elsewhere `Feasible` with `bound` ≥ the optimum (status
/// `Optimal` whenever the repaired objective reaches the bound). When the relaxation cannot
/// be built within the flow cores' number limits (total demand above 2^52) or the core
/// reports an overflow, the repair's greedy pass alone runs and no bound is reported.
///
/// # Complexity
/// The core's time on a network of `R + P + 1` nodes and `m + R + P` arcs (`R` roles, `P`
/// providers, `m` edges), plus `O(m log m)` for the repair. Extra space `O(R + P + m)`.
///
/// # References
/// - R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows*, Prentice Hall 1993, ch. 9–11
///   (transportation problems, successive shortest paths, network simplex).
/// - L. A. Wolsey, *Integer Programming*, Wiley 1998, ch. 10 (relax, then repair).
///
/// # Example
/// ```
/// use wushe::model::{NeedId, ProviderId, TeamRule, WorkerId};
/// use wushe::problem::*;
/// use wushe::solve::team::MinCostFlowStrategy;
/// use wushe::solve::Strategy;
/// # fn main() -> Result<(), wushe::Error> {
/// // One need (value 10, one role of demand 1); two providers, scores 3 and 5.
/// let mut problem = Problem {
///     needs: vec![ProblemNeed { value: 10, rule: TeamRule::AllOrNothing, first_role: 0, role_count: 1 }],
///     roles: vec![ProblemRole { need: 0, team_index: 0, kind: RoleKind::LeadWorker, demand: 1, optional: false }],
///     providers: vec![ProblemProvider { capacity: 1, one_role_per_need: true }; 2],
///     edges: vec![
///         CandidateEdge { role: 0, provider: 0, max_units: 1, usage_per_unit: 1, score_per_unit: 3 },
///         CandidateEdge { role: 0, provider: 1, max_units: 1, usage_per_unit: 1, score_per_unit: 5 },
///     ],
///     need_ids: vec![NeedId(0)],
///     provider_ids: vec![ProviderId::Worker(WorkerId(0)), ProviderId::Worker(WorkerId(1))],
///     ..Problem::default()
/// };
/// problem.index_edges();
/// let solution = MinCostFlowStrategy::default().solve(&problem)?;
/// assert_eq!(solution.status, Some(SolveStatus::Optimal));
/// assert_eq!(problem.objective(&solution), 15);
/// assert_eq!(solution.bound, Some(15));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MinCostFlowStrategy {
    /// The min-cost-flow core. Default [`FlowAlgorithm::SuccessiveShortestPath`]: on the
    /// 3,000-need benchmark problems (`benches/team.rs`) it takes 13–30 ms where the network
    /// simplex takes 22–78 ms; both prove the same bound, the repaired objectives differ
    /// slightly (different optimal flows).
    pub core: FlowAlgorithm,
}

impl Default for MinCostFlowStrategy {
    fn default() -> Self {
        MinCostFlowStrategy {
            core: FlowAlgorithm::SuccessiveShortestPath,
        }
    }
}

impl MinCostFlowStrategy {
    /// Sets the flow core.
    pub fn with_core(mut self, core: FlowAlgorithm) -> Self {
        self.core = core;
        self
    }
}

impl Strategy for MinCostFlowStrategy {
    fn name(&self) -> &'static str {
        "min_cost_flow"
    }

    fn guarantee(&self) -> Guarantee {
        Guarantee::OptimalOn(ExactClass::Transportation)
    }

    fn solve_within(&self, problem: &Problem, budget: &mut WorkBudget) -> Result<Solution> {
        problem.validate()?;
        let mut repair = Repair::new(problem);
        let mut bound = None;
        if let Some(relaxed) = Relaxation::build(problem)? {
            let network = &relaxed.network;
            let price = core_price(network.arc_count(), network.node_count())
                .saturating_add(problem.edges.len() as u64);
            if budget.try_charge(price) {
                // The core runs within what is left and gives up when that is spent; the
                // repair's fill then serves what it can with the rest.
                let limit = budget.remaining();
                let flow = self
                    .core
                    .limited_solver(network, Some(limit))
                    .solve(network)?;
                if !budget.try_charge(flow.work) {
                    budget.charge(limit);
                }
                if flow.status == FlowStatus::Optimal {
                    repair.propose(&relaxed.edge_units(&flow.flow));
                    bound = relaxed.benefits.bound(-flow.objective);
                }
            }
        }
        repair.fill(budget);
        let stats = SolveStats {
            iterations: 0,
            subproblems: 1,
            work: 0,
        };
        let mut solution = repair.finish(bound, SolveStatus::Feasible, stats);
        budget.stamp(&mut solution);
        Ok(solution)
    }
}

/// The relaxation as a flow network, with the arc of each candidate edge.
struct Relaxation {
    network: FlowNetwork,
    benefits: Benefits,
    /// Per candidate edge: its arc, if the edge is in the network.
    edge_arc: Vec<Option<u32>>,
}

impl Relaxation {
    /// Builds the network, or `None` when it would exceed the flow cores' number limits.
    fn build(problem: &Problem) -> Result<Option<Self>> {
        let units = unit_capacities(problem);
        let nodes = problem.roles.len() + problem.providers.len() + 1;
        let cost_limit = MAX_ABS_COST.min((1i64 << 56) / (nodes as i64).max(1));
        let benefits = Benefits::new(problem, cost_limit);
        let supplies = role_supplies(problem, &benefits, &units);
        let total: i128 = supplies.iter().map(|&s| i128::from(s)).sum();
        if total > i128::from(MAX_ABS_AMOUNT) {
            return Ok(None);
        }
        let mut relaxation = Relaxation {
            network: FlowNetwork::with_capacity(nodes, problem.edges.len() + nodes),
            benefits,
            edge_arc: vec![None; problem.edges.len()],
        };
        let kept = kept_edges(
            problem,
            &supplies,
            &units,
            total,
            Ties::LowestProvider,
            |e| edge_usable(problem, e) && problem.edges[e].max_units > 0,
        );
        let inflow = relaxation.add_role_arcs(problem, &supplies, &units, &kept)?;
        let sink = nodes - 1;
        for (p, (&u, &inflow)) in units.iter().zip(&inflow).enumerate() {
            if inflow > 0 {
                let provider = problem.roles.len() + p;
                relaxation
                    .network
                    .add_arc(provider, sink, 0, u.min(inflow), 0)?;
            }
        }
        relaxation.network.set_supply(sink, -(total as i64))?;
        Ok(Some(relaxation))
    }

    /// Role supplies, unmet arcs and edge arcs; returns the arc capacity entering each
    /// provider.
    fn add_role_arcs(
        &mut self,
        problem: &Problem,
        supplies: &[i64],
        units: &[i64],
        kept: &[bool],
    ) -> Result<Vec<i64>> {
        let sink = self.network.node_count() - 1;
        let mut inflow = vec![0i64; problem.providers.len()];
        for (r, &supply) in supplies.iter().enumerate().filter(|(_, s)| **s > 0) {
            self.network.set_supply(r, supply)?;
            self.network.add_arc(r, sink, 0, supply, 0)?;
            for e in problem.role_edge_range(r) {
                let edge = &problem.edges[e];
                let p = edge.provider as usize;
                let cap = edge.max_units.min(units[p]).min(supply);
                if cap <= 0 || !kept[e] {
                    continue;
                }
                let head = problem.roles.len() + p;
                let arc = self
                    .network
                    .add_arc(r, head, 0, cap, -self.benefits.per_edge[e])?;
                self.edge_arc[e] = Some(arc as u32);
                inflow[p] = inflow[p].saturating_add(cap);
            }
        }
        Ok(inflow)
    }

    /// Units per candidate edge of a flow on the network.
    fn edge_units(&self, flow: &[i64]) -> Vec<i64> {
        self.edge_arc
            .iter()
            .map(|arc| arc.and_then(|a| flow.get(a as usize).copied()).unwrap_or(0))
            .collect()
    }
}

/// Supply of each role node: its demand clipped to what its edges can take; 0 for roles of
/// needs that can never be served.
fn role_supplies(problem: &Problem, benefits: &Benefits, units: &[i64]) -> Vec<i64> {
    (0..problem.roles.len())
        .map(|r| {
            let role = &problem.roles[r];
            if benefits.usable_need[role.need as usize] {
                role.demand.min(role_reach(problem, units, r))
            } else {
                0
            }
        })
        .collect()
}
