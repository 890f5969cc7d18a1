//! Primal network simplex with block-search pivoting.
//!
//! The solver works on the network with lower bounds shifted out (`x' = x − lower`), plus one
//! artificial root node joined to every node by an artificial arc. The starting basis is the
//! star of artificial arcs, which carries each node's imbalance; it is strongly feasible.
//!
//! **Artificial phase without sentinels.** Each artificial arc costs
//! `K = (2n + 1)·C + 1` per unit, where `C` is the largest absolute arc cost and `n` the node
//! count. Every tree path holds at most one artificial arc and fewer than `n` real ones, so the
//! real part of any reduced cost is below `K` in absolute value: the single run minimises the
//! pair (artificial flow, cost) *lexicographically*, exactly as a two-phase method would, and
//! no "infinite" number is ever stored. When pivoting stops, artificial flow left on the tree
//! proves infeasibility (the potentials divided by `K` are then an optimal phase-1 dual);
//! otherwise the flow is optimal and the node potentials are returned as its certificate. If
//! `K` does not fit the `i64` range with room for every potential, the status is
//! [`FlowStatus::Overflow`] (this needs `n·C` above about `2^60`).
//!
//! **Unbounded problems.** A pivot whose cycle consists only of [`UNCAPACITATED`] forward arcs
//! is a negative-cost cycle. Whether the problem is feasible is then settled by continuing with
//! all real costs set to zero (a pure phase 1 that cannot be unbounded): no artificial flow
//! left means [`FlowStatus::Unbounded`], otherwise [`FlowStatus::Infeasible`].
//!
//! **Tree layout.** The basis is kept as one packed record per node (parent, predecessor arc,
//! subtree size, doubly linked child list), so a basis change costs `O(cycle length)` pointer
//! updates plus one walk over the re-hung subtree to shift its potentials.
//!
//! **Pricing.** Block search (Grigoriadis): the most violating arc of the first block of `B`
//! arcs that holds one enters. On sparse networks blocks are short (`3m/n` arcs) and the arcs
//! are copied once into a strided order (`j, j + s, j + 2s, …` with `s` about `n`), so each
//! block samples the whole network instead of the out-arcs of a few consecutive nodes while
//! the scan stays sequential in memory; dense networks keep the input order (borrowed, not
//! copied) with blocks of `√m` arcs.

use super::network::{
    FlowNetwork, FlowSolution, FlowStatus, MinCostFlowSolver, NetworkError, UNCAPACITATED,
    WarmStart,
};
use crate::error::Result;
use std::borrow::Cow;

/// Primal network simplex for general min-cost flow.
///
/// Accepts every valid [`FlowNetwork`]: transshipment nodes, parallel arcs, self-loops,
/// lower bounds, zero capacities and [`UNCAPACITATED`] arcs.
///
/// # Guarantee
/// Exact. The status is [`FlowStatus::Optimal`] with a flow and potentials that pass
/// [`check_certificate`](super::certificate::check_certificate), or
/// [`FlowStatus::Infeasible`] (supplies do not sum to zero, or no flow meets the bounds),
/// [`FlowStatus::Unbounded`] (a feasible problem with a negative cycle of uncapacitated arcs),
/// or [`FlowStatus::Overflow`] (a number would leave `i64`). Deterministic: ties in pricing
/// go to the first arc scanned in the block, ties in the ratio test follow the
/// strongly-feasible-tree rule.
///
/// Termination: the entering arc always has a strictly negative reduced cost and the leaving
/// arc is the last blocking arc of the cycle met from its apex, which keeps every basis
/// strongly feasible; then a non-degenerate pivot strictly lowers the integer objective and a
/// degenerate one strictly moves the integer sum of potentials in one direction (AMO §11.5),
/// so no basis repeats. The pivot count is therefore at most (number of objective values) ×
/// (number of potential-sum values): pseudo-polynomial, `O(m·U · n²·K)` for the largest
/// capacity or supply `U` and the artificial cost `K` below.
///
/// The potentials are the duals of the final basis, not normalised: a part of the network
/// that the basis reaches only through the artificial root keeps an offset of a multiple of
/// `K` (see the module documentation). They still certify the flow exactly.
///
/// # Complexity
/// Each pivot costs `O(B + L + S)` for a block size `B` (default `3m/n`, at most `√m`), a
/// cycle length `L` and a re-hung subtree `S`. Extra space `O(n + m)`: 17 bytes per arc (37
/// when the arcs are copied in strided order, see the module documentation) and about 60 per
/// node.
///
/// # Warm start
/// [`MinCostFlowSolver::solve_warm`] uses a previous flow (arcs at their capacity start at
/// the upper bound) and/or previous potentials (arcs with negative reduced cost start at the
/// upper bound) to choose the starting states of the non-tree arcs. The artificial star then
/// absorbs whatever imbalance this leaves, so an infeasible or stale warm start is repaired,
/// never trusted, and the optimum objective is the same as a cold solve.
///
/// # References
/// - R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows*, Prentice Hall 1993, ch. 11.
/// - W. H. Cunningham, "A network simplex method", *Math. Programming* 11 (1976) — strongly
///   feasible trees.
/// - D. J. Kelly, G. M. O'Neill, "The minimum cost flow problem and the network simplex
///   solution method", M.Sc. dissertation, University College Dublin, 1991.
/// - M. D. Grigoriadis, "An efficient implementation of the network simplex method",
///   *Math. Programming Study* 26 (1986) — block pricing.
///
/// # Example
/// ```
/// use wushe::solve::flow::{FlowNetwork, FlowStatus, MinCostFlowSolver};
/// use wushe::solve::flow::certificate::check_certificate;
/// use wushe::solve::flow::network_simplex::NetworkSimplex;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// // Two units from 0 to 3: path 0-1-3 costs 2 per unit but holds one unit,
/// // path 0-2-3 costs 5 per unit.
/// let mut net = FlowNetwork::new(4);
/// net.set_supply(0, 2)?;
/// net.set_supply(3, -2)?;
/// net.add_arc(0, 1, 0, 1, 1)?;
/// net.add_arc(1, 3, 0, 2, 1)?;
/// net.add_arc(0, 2, 0, 2, 2)?;
/// net.add_arc(2, 3, 0, 2, 3)?;
/// let solution = NetworkSimplex::default().solve(&net)?;
/// assert_eq!(solution.status, FlowStatus::Optimal);
/// assert_eq!(solution.objective, 7);
/// assert_eq!(solution.flow, vec![1, 1, 1, 1]);
/// check_certificate(&net, &solution)?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkSimplex {
    /// Arcs priced per block; `None` picks `3m/n` clamped to `[10, ⌈√m⌉]`. A value of 0 is
    /// treated as 1.
    pub block_size: Option<usize>,
    /// Pricing order: with stride `s > 1` the arcs are copied and scanned as `j, j + s,
    /// j + 2s, …` for each residue `j`. `None` picks `1` (input order, no copy) for dense
    /// networks and about `n` for sparse ones (see the module documentation); values are
    /// clamped to `[1, m]`.
    pub pricing_stride: Option<usize>,
}

impl NetworkSimplex {
    /// A solver with the default knobs.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the pricing block size (`None`: automatic).
    pub fn with_block_size(mut self, block_size: Option<usize>) -> Self {
        self.block_size = block_size;
        self
    }

    /// Sets the pricing stride (`None`: automatic).
    pub fn with_pricing_stride(mut self, stride: Option<usize>) -> Self {
        self.pricing_stride = stride;
        self
    }

    fn run(&self, network: &FlowNetwork, warm: &WarmStart) -> Result<FlowSolution> {
        network.validate()?;
        check_warm_shape(network, warm)?;
        let total: i128 = network.supplies().iter().map(|&b| i128::from(b)).sum();
        if total != 0 {
            return Ok(FlowSolution::without_flow(FlowStatus::Infeasible));
        }
        let block = self
            .block_size
            .map_or_else(|| default_block(network), |b| b.max(1));
        let (m, n) = (network.arc_count(), network.node_count());
        let stride = self
            .pricing_stride
            .unwrap_or_else(|| pricing_stride(m, n))
            .clamp(1, m.max(1));
        let solution = match Simplex::new(network, warm, [block, stride]) {
            Ok(mut simplex) => simplex.solve(network),
            Err(status) => FlowSolution::without_flow(status),
        };
        Ok(solution)
    }
}

impl MinCostFlowSolver for NetworkSimplex {
    fn name(&self) -> &'static str {
        "network_simplex"
    }

    fn solve(&self, network: &FlowNetwork) -> Result<FlowSolution> {
        self.run(network, &WarmStart::default())
    }

    fn solve_warm(&self, network: &FlowNetwork, warm: &WarmStart) -> Result<FlowSolution> {
        self.run(network, warm)
    }
}

fn check_warm_shape(network: &FlowNetwork, warm: &WarmStart) -> Result<()> {
    let parts = [
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
    for (field, len, expected) in parts {
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

/// No node / no arc.
const NONE: u32 = u32::MAX;
/// Residual capacity of an uncapacitated arc in the forward direction.
const INF: i64 = i64::MAX;
/// Arc state: non-tree at its lower bound (enters when its reduced cost is negative).
const LOWER: i8 = 1;
/// Arc state: in the tree, or fixed (zero capacity); never priced.
const TREE: i8 = 0;
/// Arc state: non-tree at its capacity (enters when its reduced cost is positive).
const UPPER: i8 = -1;
/// Largest magnitude allowed for `2·(K + n·C) + C`, so reduced costs never overflow `i64`.
const POTENTIAL_LIMIT: i128 = 1 << 62;

/// Why pivoting stopped early.
enum Stop {
    /// A cycle of uncapacitated forward arcs with negative cost was found.
    Ray,
    /// A flow left `i64`.
    Overflow,
}

/// Which side of the cycle the leaving arc is on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// The entering arc itself leaves (it moves to its other bound).
    Entering,
    /// The path from `first` (tail of the cycle orientation) to the apex.
    First,
    /// The path from `second` to the apex.
    Second,
}

/// Apex, step and leaving arc of a pivot cycle.
struct Cycle {
    /// Nearest common ancestor of the entering arc's ends.
    join: u32,
    /// Flow sent around the cycle ([`INF`]: no arc blocks).
    delta: i64,
    /// Node whose tree arc leaves (unless the entering arc itself leaves).
    leaving: u32,
    /// Where the leaving arc is.
    side: Side,
}

/// Solver state: arcs `0..m` are real (lower bounds shifted out), arcs `m..m+n` artificial
/// (artificial arc `m + v` joins node `v` and the root `n`).
struct Simplex<'a> {
    m: usize,
    root: u32,
    block: usize,
    /// Pricing position: next arc to scan.
    next_arc: usize,
    /// Input index of each real arc when the arcs are stored in strided order (see
    /// [`strided_order`]); `None` when they keep the input order.
    order: Option<Vec<u32>>,
    /// Real arc tails (borrowed from the network when in input order).
    src: Cow<'a, [u32]>,
    /// Real arc heads.
    tgt: Cow<'a, [u32]>,
    /// Real arc costs (also owned once zeroed for the feasibility check).
    cost: Cow<'a, [i64]>,
    /// Unit cost `K` of every artificial arc.
    art_cost: i64,
    bound: Vec<Bound>,
    state: Vec<i8>,
    node: Vec<Node>,
    path: Vec<u32>,
}

/// Capacity (shifted, [`INF`] for uncapacitated) and current flow of an arc, side by side
/// because the cycle walks read both.
#[derive(Clone, Copy)]
struct Bound {
    cap: i64,
    flow: i64,
}

/// Potential and tree links of a node, packed in 32 bytes so that a step of a tree walk or
/// of a potential update touches one cache line.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Node {
    /// Potential `π`.
    pi: i64,
    /// Parent in the basis tree (`NONE` at the root).
    parent: u32,
    /// Tree arc joining the node to its parent, with [`UP`] set when it is oriented from the
    /// node to its parent.
    pred_up: u32,
    /// Number of nodes in the subtree, the node included.
    size: u32,
    first_child: u32,
    next_sib: u32,
    prev_sib: u32,
}

/// Flag bit of [`Node::pred_up`]; arc indices stay below it.
const UP: u32 = 1 << 31;

impl Node {
    const LEAF: Node = Node {
        pi: 0,
        parent: NONE,
        pred_up: NONE,
        size: 1,
        first_child: NONE,
        next_sib: NONE,
        prev_sib: NONE,
    };

    fn pred(&self) -> usize {
        (self.pred_up & !UP) as usize
    }

    fn up(&self) -> bool {
        self.pred_up & UP != 0
    }

    fn set_pred(&mut self, arc: u32, up: bool) {
        debug_assert!(arc < UP);
        self.pred_up = arc | if up { UP } else { 0 };
    }
}

impl<'a> Simplex<'a> {
    /// Builds the shifted network, the starting arc states and the artificial star.
    fn new(
        network: &'a FlowNetwork,
        warm: &WarmStart,
        [block, stride]: [usize; 2],
    ) -> Result<Self, FlowStatus> {
        let n = network.node_count();
        let m = network.arc_count();
        if m + n >= UP as usize {
            // Arc indices (real plus artificial) are stored in 31 bits.
            return Err(FlowStatus::Overflow);
        }
        let art_cost = artificial_cost(network)?;
        let mut s = Simplex::with_arcs(network, [block, stride], art_cost);
        s.bound.resize(m + n, Bound { cap: INF, flow: 0 });
        s.state.resize(m + n, TREE);
        s.choose_initial_states(network, warm);
        let excess = s.initial_excess(network).ok_or(FlowStatus::Overflow)?;
        s.build_star(&excess);
        Ok(s)
    }

    /// Takes the real arcs (borrowed in input order, or copied in strided order when
    /// `stride > 1`) with capacities shifted by the lower bounds.
    fn with_arcs(network: &'a FlowNetwork, [block, stride]: [usize; 2], art_cost: i64) -> Self {
        let n = network.node_count();
        let m = network.arc_count();
        let order = (stride > 1).then(|| strided_order(m, stride));
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
        let (src, tgt, cost) = match &order {
            None => (
                Cow::Borrowed(network.tails()),
                Cow::Borrowed(network.heads()),
                Cow::Borrowed(network.costs()),
            ),
            Some(o) => (
                Cow::Owned(o.iter().map(|&a| network.tails()[a as usize]).collect()),
                Cow::Owned(o.iter().map(|&a| network.heads()[a as usize]).collect()),
                Cow::Owned(o.iter().map(|&a| network.costs()[a as usize]).collect()),
            ),
        };
        Simplex {
            m,
            root: n as u32,
            block,
            next_arc: 0,
            order,
            src,
            tgt,
            cost,
            art_cost,
            bound,
            state,
            node: vec![Node::LEAF; n + 1],
            path: Vec::new(),
        }
    }

    /// Input index of real arc `a`.
    fn input_index(&self, a: usize) -> usize {
        self.order.as_ref().map_or(a, |o| o[a] as usize)
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
                    let (t, h) = (self.src[a] as usize, self.tgt[a] as usize);
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
        let mut excess = network.supplies().to_vec();
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
        let root = self.root as usize;
        let mut prev = NONE;
        for (v, &e) in excess.iter().enumerate() {
            let a = self.m + v;
            let k = self.art_cost;
            if e < 0 {
                self.bound[a].flow = -e;
                self.node[v].pi = k;
            } else {
                self.bound[a].flow = e;
                self.node[v].pi = -k;
            }
            self.node[v].parent = self.root;
            self.node[v].set_pred(a as u32, e >= 0);
            self.node[v].prev_sib = prev;
            if prev != NONE {
                self.node[prev as usize].next_sib = v as u32;
            } else {
                self.node[root].first_child = v as u32;
            }
            prev = v as u32;
        }
        self.node[root].size = self.root + 1;
    }

    /// Pivots until optimal, then classifies and extracts the solution.
    fn solve(&mut self, network: &FlowNetwork) -> FlowSolution {
        match self.pivot_loop() {
            Ok(()) if self.artificial_flow_left() => {
                FlowSolution::without_flow(FlowStatus::Infeasible)
            }
            Ok(()) => self.extract(network),
            Err(Stop::Overflow) => FlowSolution::without_flow(FlowStatus::Overflow),
            Err(Stop::Ray) => self.classify_unbounded(),
        }
    }

    /// After a negative uncapacitated cycle: feasible means unbounded.
    fn classify_unbounded(&mut self) -> FlowSolution {
        self.cost.to_mut().fill(0);
        self.recompute_potentials();
        match self.pivot_loop() {
            Ok(()) if self.artificial_flow_left() => {
                FlowSolution::without_flow(FlowStatus::Infeasible)
            }
            Ok(()) => FlowSolution::without_flow(FlowStatus::Unbounded),
            Err(Stop::Overflow) => FlowSolution::without_flow(FlowStatus::Overflow),
            // With zero real costs every cycle of real arcs costs 0: no ray exists.
            Err(Stop::Ray) => FlowSolution::without_flow(FlowStatus::Overflow),
        }
    }

    fn artificial_flow_left(&self) -> bool {
        self.bound[self.m..].iter().any(|b| b.flow != 0)
    }

    /// Runs pivots until no arc prices out. Terminates by the strongly-feasible-tree rule.
    fn pivot_loop(&mut self) -> Result<(), Stop> {
        while let Some(entering) = self.find_entering() {
            self.pivot(entering)?;
        }
        Ok(())
    }

    /// Block search: scans blocks of arcs from where the last search stopped and returns the
    /// most violating arc of the first block holding one (the first scanned on ties).
    fn find_entering(&mut self) -> Option<usize> {
        let m = self.m;
        let mut start = self.next_arc.min(m);
        let mut scanned = 0;
        while scanned < m {
            let end = (start + self.block).min(m);
            if let Some(best) = self.best_in(start, end) {
                self.next_arc = if end == m { 0 } else { end };
                return Some(best);
            }
            scanned += end - start;
            start = if end == m { 0 } else { end };
        }
        None
    }

    /// The most violating arc of `start..end` (first one on ties), if any violates.
    fn best_in(&self, start: usize, end: usize) -> Option<usize> {
        let node = &self.node[..];
        let arcs = self.src[start..end]
            .iter()
            .zip(&self.tgt[start..end])
            .zip(&self.cost[start..end])
            .zip(&self.state[start..end]);
        let mut best = 0i64;
        let mut best_at = usize::MAX;
        for (i, (((&t, &h), &c), &st)) in arcs.enumerate() {
            let rc = c + node[t as usize].pi - node[h as usize].pi;
            let violation = i64::from(st) * rc;
            if violation < best {
                best = violation;
                best_at = i;
            }
        }
        (best_at != usize::MAX).then(|| start + best_at)
    }

    /// Residual capacity of tree arc `pred[u]` in the direction `u → parent` (`toward_root`)
    /// or `parent → u`.
    fn tree_residual(&self, u: usize, toward_root: bool) -> i64 {
        let a = self.node[u].pred();
        if self.node[u].up() == toward_root {
            if self.bound[a].cap == INF {
                INF
            } else {
                self.bound[a].cap - self.bound[a].flow
            }
        } else {
            self.bound[a].flow
        }
    }

    /// Finds the apex of the cycle (nearest common ancestor of `first` and `second`, climbing
    /// the side with the smaller subtree) and, in the same walk, the ratio test with the
    /// strongly-feasible rule: among blocking arcs, the last one met when walking the cycle
    /// from the apex in its orientation. On the `first` side that is the lowest blocking arc
    /// (strict `<` while climbing), on the `second` side the highest (`<=`), and the `second`
    /// side wins ties against the entering arc, which wins ties against the `first` side.
    fn find_cycle(&self, entering: usize, first: u32, second: u32) -> Cycle {
        let (mut u, mut v) = (first, second);
        let (mut min_u, mut leave_u) = (INF, NONE);
        let (mut min_v, mut leave_v) = (INF, NONE);
        while u != v {
            if self.node[u as usize].size < self.node[v as usize].size {
                let r = self.tree_residual(u as usize, false);
                if r < min_u {
                    (min_u, leave_u) = (r, u);
                }
                u = self.node[u as usize].parent;
            } else {
                let r = self.tree_residual(v as usize, true);
                if r <= min_v {
                    (min_v, leave_v) = (r, v);
                }
                v = self.node[v as usize].parent;
            }
        }
        let mut cycle = Cycle {
            join: u,
            delta: self.bound[entering].cap,
            leaving: NONE,
            side: Side::Entering,
        };
        if leave_u != NONE && min_u < cycle.delta {
            (cycle.delta, cycle.leaving, cycle.side) = (min_u, leave_u, Side::First);
        }
        if leave_v != NONE && min_v <= cycle.delta {
            (cycle.delta, cycle.leaving, cycle.side) = (min_v, leave_v, Side::Second);
        }
        cycle
    }

    /// Adds `delta` to arc `a` (negative to remove), failing on overflow.
    fn push(&mut self, a: usize, delta: i64) -> Result<(), Stop> {
        let f = &mut self.bound[a].flow;
        *f = f.checked_add(delta).ok_or(Stop::Overflow)?;
        Ok(())
    }

    /// Sends `delta` around the cycle oriented `first → second` through the entering arc.
    fn augment(&mut self, entering: usize, delta: i64, ends: [u32; 3]) -> Result<(), Stop> {
        let [first, second, join] = ends;
        let sign = i64::from(self.state[entering]);
        self.push(entering, sign * delta)?;
        let mut u = first;
        while u != join {
            let d = if self.node[u as usize].up() {
                -delta
            } else {
                delta
            };
            self.push(self.node[u as usize].pred(), d)?;
            u = self.node[u as usize].parent;
        }
        let mut u = second;
        while u != join {
            let d = if self.node[u as usize].up() {
                delta
            } else {
                -delta
            };
            self.push(self.node[u as usize].pred(), d)?;
            u = self.node[u as usize].parent;
        }
        Ok(())
    }

    /// One pivot on `entering`.
    fn pivot(&mut self, entering: usize) -> Result<(), Stop> {
        let (s, t) = (self.src[entering], self.tgt[entering]);
        let (first, second) = if self.state[entering] == LOWER {
            (s, t)
        } else {
            (t, s)
        };
        let Cycle {
            join,
            delta,
            leaving,
            side,
        } = self.find_cycle(entering, first, second);
        if delta == INF {
            return Err(Stop::Ray);
        }
        if delta > 0 {
            self.augment(entering, delta, [first, second, join])?;
        }
        let (u_in, v_in) = match side {
            Side::Entering => {
                self.state[entering] = -self.state[entering];
                return Ok(());
            }
            Side::First => (first, second),
            Side::Second => (second, first),
        };
        let out_arc = self.node[leaving as usize].pred();
        self.state[out_arc] = if self.bound[out_arc].flow == 0 {
            LOWER
        } else {
            UPPER
        };
        self.state[entering] = TREE;
        let rc = self.cost[entering] + self.node[s as usize].pi - self.node[t as usize].pi;
        let shift = if u_in == t { rc } else { -rc };
        self.shift_subtree(leaving, shift);
        self.move_sizes(leaving, v_in, join);
        self.rehang(entering, u_in, v_in, leaving);
        Ok(())
    }

    /// Adds `shift` to the potential of every node in the subtree of `top`.
    ///
    /// Children are shifted while their sibling list is walked and the nodes are stacked for
    /// their own children later: sibling lists of different parents are independent memory
    /// chains, so their cache misses overlap instead of forming one long dependent chain.
    fn shift_subtree(&mut self, top: u32, shift: i64) {
        self.node[top as usize].pi += shift;
        self.path.clear();
        self.path.push(top);
        while let Some(v) = self.path.pop() {
            let mut child = self.node[v as usize].first_child;
            while child != NONE {
                let c = &mut self.node[child as usize];
                c.pi += shift;
                debug_assert!(i128::from(c.pi).abs() < POTENTIAL_LIMIT);
                if c.first_child != NONE {
                    self.path.push(child);
                }
                child = c.next_sib;
            }
        }
    }

    /// Moves the subtree size of `leaving` from its old ancestors to the new ones (`v_in` up
    /// to the apex, exclusive).
    fn move_sizes(&mut self, leaving: u32, v_in: u32, join: u32) {
        let moved = self.node[leaving as usize].size;
        let mut u = self.node[leaving as usize].parent;
        while u != join {
            self.node[u as usize].size -= moved;
            u = self.node[u as usize].parent;
        }
        let mut u = v_in;
        while u != join {
            self.node[u as usize].size += moved;
            u = self.node[u as usize].parent;
        }
    }

    fn detach(&mut self, v: u32) {
        let (prev, next) = (
            self.node[v as usize].prev_sib,
            self.node[v as usize].next_sib,
        );
        if prev == NONE {
            let parent = self.node[v as usize].parent as usize;
            self.node[parent].first_child = next;
        } else {
            self.node[prev as usize].next_sib = next;
        }
        if next != NONE {
            self.node[next as usize].prev_sib = prev;
        }
    }

    fn attach(&mut self, v: u32, parent: u32) {
        let head = self.node[parent as usize].first_child;
        self.node[v as usize].parent = parent;
        self.node[v as usize].prev_sib = NONE;
        self.node[v as usize].next_sib = head;
        if head != NONE {
            self.node[head as usize].prev_sib = v;
        }
        self.node[parent as usize].first_child = v;
    }

    /// Re-hangs the subtree of `leaving` below `v_in` through the entering arc, reversing the
    /// tree path from `u_in` up to `leaving`.
    fn rehang(&mut self, entering: usize, u_in: u32, v_in: u32, leaving: u32) {
        let total = self.node[leaving as usize].size;
        let mut child = u_in;
        let mut new_parent = v_in;
        let mut new_pred = entering as u32;
        let mut new_up = self.src[entering] == u_in;
        let mut below = 0;
        loop {
            let c = child as usize;
            let (old_parent, old_pred, old_up) = (
                self.node[c].parent,
                self.node[c].pred() as u32,
                self.node[c].up(),
            );
            let old_size = self.node[c].size;
            self.detach(child);
            self.attach(child, new_parent);
            self.node[c].set_pred(new_pred, new_up);
            self.node[c].size = total - below;
            if child == leaving {
                return;
            }
            below = old_size;
            new_parent = child;
            new_pred = old_pred;
            new_up = !old_up;
            child = old_parent;
        }
    }

    /// Recomputes every potential from the tree (root potential 0), in preorder.
    fn recompute_potentials(&mut self) {
        self.path.clear();
        self.path.push(self.root);
        self.node[self.root as usize].pi = 0;
        while let Some(v) = self.path.pop() {
            let mut c = self.node[v as usize].first_child;
            while c != NONE {
                let a = self.node[c as usize].pred();
                let cost = self.cost.get(a).copied().unwrap_or(self.art_cost);
                let base = self.node[v as usize].pi;
                self.node[c as usize].pi = if self.node[c as usize].up() {
                    base - cost
                } else {
                    base + cost
                };
                self.path.push(c);
                c = self.node[c as usize].next_sib;
            }
        }
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
        let n = self.root as usize;
        FlowSolution {
            status: FlowStatus::Optimal,
            flow,
            potential: self.node[..n].iter().map(|v| v.pi).collect(),
            objective,
        }
    }
}

/// Automatic block size: three arcs per node on average, between 10 and `√m`. Sparse
/// networks (transport) pivot best with short blocks, dense ones (assignment) with `√m`.
fn default_block(network: &FlowNetwork) -> usize {
    let m = network.arc_count();
    let n = network.node_count().max(1);
    let root = (m as f64).sqrt().ceil() as usize;
    (3 * m / n).clamp(10, root.max(10))
}

/// Pricing stride: `1` (input order) for dense networks; for sparse ones (`3m/n < √m`, where
/// blocks are short) `⌈m / max(m/n, 3)⌉`, about one arc per node per residue class, so that a
/// short block samples arcs from all over the network rather than the out-arcs of a few
/// consecutive nodes.
fn pricing_stride(m: usize, n: usize) -> usize {
    let degree = m / n.max(1);
    let sparse = 3 * degree < (m as f64).sqrt() as usize;
    if sparse {
        m.div_ceil(degree.max(3)).max(1)
    } else {
        1
    }
}

/// Real arcs in strided order: `j, j + s, j + 2s, …` for `j = 0, 1, …, s − 1`.
fn strided_order(m: usize, stride: usize) -> Vec<u32> {
    let mut order = Vec::with_capacity(m);
    for j in 0..stride.min(m) {
        order.extend((j..m).step_by(stride).map(|a| a as u32));
    }
    order
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
