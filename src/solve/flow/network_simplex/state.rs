//! The solver state: arcs with lower bounds shifted out, arc states, the artificial star it
//! starts from, the pivot loop and the extraction of the answer.

use super::locality::Renumbering;
use super::pricing::strided_order;
use super::tree::{Tree, UP};
use crate::solve::flow::{FlowNetwork, FlowSolution, FlowStatus, UNCAPACITATED, WarmStart};
use std::borrow::Cow;

/// No node / no arc.
pub(super) const NONE: u32 = u32::MAX;
/// Residual capacity of an uncapacitated arc in the forward direction.
pub(super) const INF: i64 = i64::MAX;
/// Arc state: non-tree at its lower bound (enters when its reduced cost is negative).
pub(super) const LOWER: i8 = 1;
/// Arc state: in the tree, or fixed (zero capacity); never priced.
pub(super) const TREE: i8 = 0;
/// Arc state: non-tree at its capacity (enters when its reduced cost is positive).
pub(super) const UPPER: i8 = -1;
/// Largest magnitude allowed for `2·(K + n·C) + C`, so reduced costs never overflow `i64`.
pub(super) const POTENTIAL_LIMIT: i128 = 1 << 62;

/// Why pivoting stopped early.
pub(super) enum Stop {
    /// A cycle of uncapacitated forward arcs with negative cost was found.
    Ray,
    /// A flow left `i64`.
    Overflow,
    /// The work limit was reached.
    WorkLimit,
}

/// Solver state: arcs `0..m` are real (lower bounds shifted out), arcs `m..m+n` artificial
/// (artificial arc `m + v` joins node `v` and the root `n`).
pub(super) struct Simplex<'a> {
    pub(super) m: usize,
    pub(super) root: u32,
    pub(super) block: usize,
    /// Pricing position: next arc to scan.
    pub(super) next_arc: usize,
    /// Input index of each real arc when the arcs are stored in strided order (see
    /// [`strided_order`]); `None` when they keep the input order.
    order: Option<Vec<u32>>,
    /// The solver's node numbering when it differs from the input's (see `locality.rs`).
    pub(super) nodes: Option<Renumbering>,
    /// Real arc tails (borrowed from the network when in input order and numbering).
    pub(super) src: Cow<'a, [u32]>,
    /// Real arc heads.
    pub(super) tgt: Cow<'a, [u32]>,
    /// Real arc costs (also owned once zeroed for the feasibility check).
    pub(super) cost: Cow<'a, [i64]>,
    /// Unit cost `K` of every artificial arc.
    pub(super) art_cost: i64,
    pub(super) bound: Vec<Bound>,
    pub(super) state: Vec<i8>,
    pub(super) tree: Tree,
    /// Crash candidates, pivoted once before block search (see `crash.rs`).
    crash: Vec<u32>,
    /// Work done: arcs priced plus, per pivot, the tree nodes whose records or potentials
    /// the exchange touched.
    pub(super) work: u64,
    /// Tree nodes whose potentials the exchanges shifted, plus the stems, since the nodes
    /// were last renumbered (`relayout.rs`).
    pub(super) walked: u64,
    /// The nodes are renumbered once `walked` exceeds this many times their number.
    relayout_walk: u64,
    /// Pivoting stops with [`Stop::WorkLimit`] once `work` exceeds this.
    pub(super) work_limit: u64,
}

/// How the solver lays out its arrays: the pricing block, the pricing stride (the arcs are
/// copied in strided order when it exceeds 1) and whether the nodes are renumbered for
/// locality (`locality.rs`; the arcs are then copied too), and how often the nodes are
/// renumbered in the basis tree's preorder while pivoting (`relayout.rs`).
#[derive(Clone, Copy)]
pub(super) struct Layout {
    pub(super) block: usize,
    pub(super) stride: usize,
    pub(super) renumber: bool,
    /// Renumber after the exchanges have walked this many times the node count
    /// (`u64::MAX`: never; 0: after every pivot).
    pub(super) relayout_walk: u64,
}

/// Capacity (shifted, [`INF`] for uncapacitated) and current flow of an arc, side by side
/// because the cycle walks read both.
#[derive(Clone, Copy)]
pub(super) struct Bound {
    pub(super) cap: i64,
    pub(super) flow: i64,
}

impl<'a> Simplex<'a> {
    /// Builds the shifted network, the starting arc states and the artificial star.
    pub(super) fn new(
        network: &'a FlowNetwork,
        warm: &WarmStart,
        layout: Layout,
    ) -> Result<Self, FlowStatus> {
        let n = network.node_count();
        let m = network.arc_count();
        if m + n >= UP as usize {
            // Arc indices (real plus artificial) are stored in 31 bits.
            return Err(FlowStatus::Overflow);
        }
        let art_cost = artificial_cost(network)?;
        let mut s = Simplex::with_arcs(network, layout, art_cost);
        s.bound.resize(m + n, Bound { cap: INF, flow: 0 });
        s.state.resize(m + n, TREE);
        s.choose_initial_states(network, warm);
        let excess = s.initial_excess(network).ok_or(FlowStatus::Overflow)?;
        s.build_star(&excess);
        s.crash = s.crash_arcs(&excess);
        Ok(s)
    }

    /// Takes the real arcs (borrowed in input order, or copied: in strided order when
    /// `stride > 1`, with the nodes renumbered if the layout says so) with capacities shifted
    /// by the lower bounds.
    fn with_arcs(network: &'a FlowNetwork, layout: Layout, art_cost: i64) -> Self {
        let n = network.node_count();
        let m = network.arc_count();
        let Layout {
            block,
            stride,
            renumber,
            relayout_walk,
        } = layout;
        let order = (stride > 1).then(|| strided_order(m, stride));
        let nodes = renumber.then(|| Renumbering::cheapest_arc_preorder(network));
        let pick = |a: usize| order.as_ref().map_or(a, |o| o[a] as usize);
        let (lowers, uppers) = (network.lowers(), network.capacities());
        let mut state = Vec::with_capacity(m + n);
        let mut bound = Vec::with_capacity(m + n);
        for a in (0..m).map(pick) {
            let cap = if uppers[a] == UNCAPACITATED {
                INF
            } else {
                uppers[a] - lowers[a]
            };
            state.push(if cap == 0 { TREE } else { LOWER });
            bound.push(Bound { cap, flow: 0 });
        }
        let (src, tgt, cost) = if order.is_none() && nodes.is_none() {
            (
                Cow::Borrowed(network.tails()),
                Cow::Borrowed(network.heads()),
                Cow::Borrowed(network.costs()),
            )
        } else {
            let renumber = |v: u32| nodes.as_ref().map_or(v, |r| r.internal[v as usize]);
            let copy =
                |ends: &[u32]| -> Vec<u32> { (0..m).map(|a| renumber(ends[pick(a)])).collect() };
            (
                Cow::Owned(copy(network.tails())),
                Cow::Owned(copy(network.heads())),
                Cow::Owned((0..m).map(|a| network.costs()[pick(a)]).collect()),
            )
        };
        Simplex {
            m,
            root: n as u32,
            block,
            next_arc: 0,
            order,
            nodes,
            src,
            tgt,
            cost,
            art_cost,
            bound,
            state,
            tree: Tree::star(n),
            crash: Vec::new(),
            work: 0,
            walked: 0,
            relayout_walk,
            work_limit: u64::MAX,
        }
    }

    /// Input index of real arc `a`.
    fn input_index(&self, a: usize) -> usize {
        self.order.as_ref().map_or(a, |o| o[a] as usize)
    }

    /// Input number of solver node `u`.
    pub(super) fn input_node(&self, u: usize) -> usize {
        self.nodes.as_ref().map_or(u, |r| r.input[u] as usize)
    }

    /// Puts finite arcs at their capacity where the warm start suggests it.
    fn choose_initial_states(&mut self, network: &FlowNetwork, warm: &WarmStart) {
        for a in 0..self.m {
            if self.state[a] == TREE || self.bound[a].cap == INF {
                continue;
            }
            let at_upper = match (&warm.flow, &warm.potential) {
                (Some(flow), _) => {
                    let input = self.input_index(a);
                    flow[input] == network.capacities()[input]
                }
                (None, Some(pi)) => {
                    let t = self.input_node(self.src[a] as usize);
                    let h = self.input_node(self.tgt[a] as usize);
                    i128::from(self.cost[a]) + i128::from(pi[t]) - i128::from(pi[h]) < 0
                }
                (None, None) => false,
            };
            if at_upper {
                self.state[a] = UPPER;
                self.bound[a].flow = self.bound[a].cap;
            }
        }
    }

    /// Supply left at each node after the lower bounds and the starting non-tree flows.
    fn initial_excess(&self, network: &FlowNetwork) -> Option<Vec<i64>> {
        let supplies = network.supplies();
        let mut excess: Vec<i64> = (0..supplies.len())
            .map(|u| supplies[self.input_node(u)])
            .collect();
        let lowers = network.lowers();
        for a in 0..self.m {
            let moved = lowers[self.input_index(a)].checked_add(self.bound[a].flow)?;
            let (t, h) = (self.src[a] as usize, self.tgt[a] as usize);
            excess[t] = excess[t].checked_sub(moved)?;
            excess[h] = excess[h].checked_add(moved)?;
        }
        Some(excess)
    }

    /// The starting basis: every node hangs from the root by its artificial arc, oriented so
    /// that it carries the node's excess with non-negative flow.
    fn build_star(&mut self, excess: &[i64]) {
        let k = self.art_cost;
        for (v, &e) in excess.iter().enumerate() {
            let a = self.m + v;
            self.bound[a].flow = e.abs();
            self.tree.pi[v] = if e < 0 { k } else { 0 };
            self.tree.set_pred(v, a as u32, e >= 0);
        }
    }

    /// Pivots until optimal, then classifies and extracts the solution.
    pub(super) fn solve(&mut self, network: &FlowNetwork) -> FlowSolution {
        let mut solution = self.solve_counting(network);
        solution.work = self.work;
        solution
    }

    fn solve_counting(&mut self, network: &FlowNetwork) -> FlowSolution {
        let crash = std::mem::take(&mut self.crash);
        let pivoted = self.crash(&crash).and_then(|()| self.pivot_loop());
        match pivoted {
            Ok(()) if self.artificial_flow_left() => {
                FlowSolution::without_flow(FlowStatus::Infeasible)
            }
            Ok(()) => self.extract(network),
            Err(Stop::Overflow) => FlowSolution::without_flow(FlowStatus::Overflow),
            Err(Stop::WorkLimit) => FlowSolution::without_flow(FlowStatus::WorkLimit),
            Err(Stop::Ray) => self.classify_unbounded(),
        }
    }

    /// After a negative uncapacitated cycle: feasible means unbounded.
    fn classify_unbounded(&mut self) -> FlowSolution {
        self.cost.to_mut().fill(0);
        let (cost, art_cost) = (&self.cost, self.art_cost);
        self.tree.recompute_potentials(|a, up| match cost.get(a) {
            Some(&c) => c,
            None if up => 0,
            None => art_cost,
        });
        match self.pivot_loop() {
            Ok(()) if self.artificial_flow_left() => {
                FlowSolution::without_flow(FlowStatus::Infeasible)
            }
            Ok(()) => FlowSolution::without_flow(FlowStatus::Unbounded),
            Err(Stop::Overflow) => FlowSolution::without_flow(FlowStatus::Overflow),
            Err(Stop::WorkLimit) => FlowSolution::without_flow(FlowStatus::WorkLimit),
            // With zero real costs every cycle of real arcs costs 0: no ray exists.
            Err(Stop::Ray) => FlowSolution::without_flow(FlowStatus::Overflow),
        }
    }

    fn artificial_flow_left(&self) -> bool {
        self.bound[self.m..].iter().any(|b| b.flow != 0)
    }

    /// Runs pivots until no arc prices out. Terminates by the strongly-feasible-tree rule.
    /// Renumbers the nodes whenever the exchanges have walked `relayout_walk` times their
    /// number since the last time.
    fn pivot_loop(&mut self) -> Result<(), Stop> {
        let span = self.relayout_walk.saturating_mul(u64::from(self.root));
        while let Some(entering) = self.find_entering() {
            if self.walked > span {
                self.relayout();
                self.walked = 0;
            }
            self.pivot(entering)?;
            if self.work > self.work_limit {
                return Err(Stop::WorkLimit);
            }
        }
        // The last, fruitless pricing scan counts too.
        if self.work > self.work_limit {
            return Err(Stop::WorkLimit);
        }
        Ok(())
    }

    /// The optimal flow (lower bounds restored), potentials and objective.
    fn extract(&self, network: &FlowNetwork) -> FlowSolution {
        let mut flow = network.lowers().to_vec();
        for a in 0..self.m {
            let x = &mut flow[self.input_index(a)];
            let Some(total) = x.checked_add(self.bound[a].flow) else {
                return FlowSolution::without_flow(FlowStatus::Overflow);
            };
            *x = total;
        }
        let Some(objective) = network.objective_of(&flow) else {
            return FlowSolution::without_flow(FlowStatus::Overflow);
        };
        let solver_potential = self.tree.normalised_potentials();
        let potential = match &self.nodes {
            None => solver_potential,
            Some(r) => r
                .internal
                .iter()
                .map(|&u| solver_potential[u as usize])
                .collect(),
        };
        FlowSolution {
            status: FlowStatus::Optimal,
            flow,
            potential,
            objective,
            work: self.work,
        }
    }
}

/// The artificial unit cost `K = (2n + 1)·C + 1`, or `Overflow` when potentials of size
/// `K + n·C` could not be priced within `i64`.
fn artificial_cost(network: &FlowNetwork) -> Result<i64, FlowStatus> {
    let n = network.node_count() as i128;
    let c = network
        .costs()
        .iter()
        .map(|&c| i128::from(c).abs())
        .max()
        .unwrap_or(0);
    let k = (2 * n + 1) * c + 1;
    if 2 * (k + n * c) + c >= POTENTIAL_LIMIT {
        return Err(FlowStatus::Overflow);
    }
    i64::try_from(k).map_err(|_| FlowStatus::Overflow)
}
