//! Local search on a feasible team solution: re-insertion of unserved needs, provider swaps
//! that make room, and ejection chains that trade less valuable needs for a more valuable
//! one. Every move is a transaction on [`TeamState`] and is kept only when the objective
//! rises, so the search ends (the objective is bounded and rises by at least 1 per kept move)
//! and its work is capped by a budget of edge visits.

use super::state::{ProviderEdges, TeamState};
use crate::solve::team::is_core_role;

/// How many of a blocked role's best edges are examined for swaps and ejections.
const EDGES_EXAMINED: usize = 24;
/// Most needs ejected to make room for one.
const MAX_EJECTED: usize = 5;

/// Most unserved needs tried in place of one dropped need.
const TRADE_CANDIDATES: usize = 48;

/// Most served needs the plateau walk tries to displace for one unserved need.
const PLATEAU_CONFLICTS: usize = 8;

/// Moves for which the two needs of a plateau move stay where the move put them.
const TABU_TENURE: u64 = 16;

/// A round of [`LocalSearch::settle`] after the first that gains at most this many parts per
/// million of the objective ends it. On the default county and seeds 1 and 2 the second and
/// later rounds gain 0.04–42 ppm, each costing as much as the first (about 90 ms there),
/// against a 1 % target gap; the cut-off is the decomposition's default stopping gap.
const SETTLED_PPM: f64 = 50.0;

/// Per need, its position in `order` (needs not in it rank last).
fn ranks(needs: usize, order: &[usize]) -> Vec<usize> {
    let mut rank = vec![usize::MAX; needs];
    for (i, &n) in order.iter().enumerate() {
        rank[n] = i;
    }
    rank
}

/// The local search over one state.
pub(crate) struct LocalSearch<'s, 'p> {
    pub(crate) state: &'s mut TeamState<'p>,
    pub(crate) provider_edges: &'s ProviderEdges,
    /// Most edge visits (scans of role and provider edge lists).
    pub(crate) budget: u64,
    /// Edge visits so far.
    pub(crate) work: u64,
}

impl LocalSearch<'_, '_> {
    /// Runs passes over the unserved needs in `order` (most valuable first) until a pass
    /// keeps no move or the budget is spent. Returns the number of moves kept.
    pub(crate) fn run(&mut self, order: &[usize], max_passes: u32) -> u64 {
        let mut kept = 0;
        for _ in 0..max_passes {
            let mut improved = false;
            for &need in order {
                if self.state.served[need] {
                    continue;
                }
                if self.exhausted() {
                    return kept;
                }
                if self.improve_with(need) {
                    kept += 1;
                    improved = true;
                }
            }
            if !improved {
                break;
            }
        }
        kept
    }

    /// Up to `passes` rounds of [`LocalSearch::run`] and [`LocalSearch::trade_down`] over
    /// `order` (most valuable first), until a round keeps no move or, after the first
    /// round, raises the objective by at most [`SETTLED_PPM`] parts per million of it.
    pub(crate) fn settle(&mut self, order: &[usize], passes: u32) {
        for pass in 0..passes {
            let before = self.state.objective;
            if self.run(order, 1) + self.trade_down(order) == 0 {
                break;
            }
            let gain = (self.state.objective - before) as f64;
            let scale = (self.state.objective.unsigned_abs() as f64).max(1.0);
            if pass > 0 && gain * 1e6 <= SETTLED_PPM * scale {
                break;
            }
        }
    }

    /// Passes over the served needs in `order`, least valuable first: each is dropped and
    /// the unserved needs sharing its providers are inserted in `order` (most valuable first)
    /// before it is tried again; kept only if the objective rises (one need traded for
    /// several). Returns the number of trades kept.
    pub(crate) fn trade_down(&mut self, order: &[usize]) -> u64 {
        let rank = ranks(self.state.problem.needs.len(), order);
        let mut kept = 0;
        for &need in order.iter().rev() {
            if !self.state.served[need] {
                continue;
            }
            if self.exhausted() {
                break;
            }
            let neighbours = self.unserved_sharing(need, &rank);
            if neighbours.is_empty() {
                continue;
            }
            let before = self.state.objective;
            self.state.begin();
            self.state.remove(need);
            for &m in &neighbours {
                self.state.try_insert(m, 0);
            }
            self.state.try_insert(need, 0);
            if self.state.objective > before {
                kept += 1;
            } else {
                self.state.undo();
            }
        }
        kept
    }

    /// A tabu walk over plans of equal objective, for problems whose needs are worth the same
    /// (the High-count level of the lexicographic tier policy), where no single insertion or
    /// ejection raises the objective. Each unserved need `u` (in `order`) may take the place
    /// of one served need `c` worth no more, found on a provider `u` is blocked on; then the
    /// unserved needs sharing `c`'s providers, and `c` itself, are inserted where they fit.
    /// The move is kept when the objective does not fall, and `u` and `c` stay fixed for the
    /// next [`TABU_TENURE`] moves so that the walk does not undo itself; with the free
    /// capacity moved around, later insertions find room that no improving move reaches. The
    /// objective never falls, so the plan the walk ends with is the best it met. Runs at most
    /// `rounds` passes (a pass that keeps no move ends it) within the budget; returns the
    /// number of moves that raised the objective.
    pub(crate) fn plateau_walk(&mut self, order: &[usize], rounds: u32) -> u64 {
        let problem = self.state.problem;
        let rank = ranks(problem.needs.len(), order);
        let mut fixed_until = vec![0u64; problem.needs.len()];
        let mut moves = 0u64;
        let mut raised = 0;
        for _ in 0..rounds {
            let before_round = moves;
            for &u in order {
                if self.state.served[u] || fixed_until[u] > moves {
                    continue;
                }
                if self.exhausted() {
                    return raised;
                }
                let worth = self.state.worth(u);
                let mut conflicts: Vec<(i128, usize)> = Vec::new();
                for blocked in self.blocked_edges(u) {
                    let p = problem.edges[blocked].provider as usize;
                    self.charge(self.provider_edges.of(p).len());
                    for (m, _) in self.state.occupants(self.provider_edges, p) {
                        let loss = self.state.contribution(m);
                        if m != u && fixed_until[m] <= moves && loss <= worth {
                            conflicts.push((loss, m));
                        }
                    }
                }
                conflicts.sort_unstable();
                conflicts.dedup_by_key(|c| c.1);
                conflicts.truncate(PLATEAU_CONFLICTS);
                // One displaced need at a time, then the cheapest ones together.
                let singles = conflicts.iter().map(|&(_, c)| vec![c]);
                let together = (2..=conflicts.len().min(MAX_EJECTED))
                    .map(|k| conflicts[..k].iter().map(|&(_, c)| c).collect::<Vec<_>>());
                for displaced in singles.chain(together) {
                    if let Some(rose) = self.try_plateau_move(u, &displaced, &rank) {
                        raised += u64::from(rose);
                        moves += 1;
                        fixed_until[u] = moves + TABU_TENURE;
                        for &c in &displaced {
                            fixed_until[c] = moves + TABU_TENURE;
                        }
                        break;
                    }
                }
            }
            if moves == before_round {
                break;
            }
        }
        raised
    }

    /// Removes `displaced`, inserts `u`, then the unserved needs sharing the removed needs'
    /// providers and the removed needs themselves where they fit; keeps the result when the
    /// objective did not fall, and then says whether it rose.
    fn try_plateau_move(&mut self, u: usize, displaced: &[usize], rank: &[usize]) -> Option<bool> {
        let before = self.state.objective;
        let mut neighbours: Vec<usize> = Vec::new();
        for &c in displaced {
            neighbours.extend(self.unserved_sharing(c, rank));
        }
        neighbours.sort_unstable_by_key(|&m| rank[m]);
        neighbours.dedup();
        self.state.begin();
        for &c in displaced {
            self.state.remove(c);
        }
        if !self.state.try_insert(u, 0) {
            self.state.undo();
            return None;
        }
        for &m in neighbours.iter().chain(displaced) {
            if m != u {
                self.state.try_insert(m, 0);
            }
        }
        if self.state.objective < before {
            self.state.undo();
            return None;
        }
        Some(self.state.objective > before)
    }

    /// The unserved needs with an edge to a provider `need` holds, by `rank` (at most
    /// [`TRADE_CANDIDATES`]).
    fn unserved_sharing(&mut self, need: usize, rank: &[usize]) -> Vec<usize> {
        let problem = self.state.problem;
        let mut neighbours: Vec<usize> = Vec::new();
        for u in &self.state.need_uses[need] {
            let p = problem.edges[u.edge as usize].provider as usize;
            self.work += self.provider_edges.of(p).len() as u64;
            for &e in self.provider_edges.of(p) {
                let m = problem.roles[problem.edges[e as usize].role as usize].need as usize;
                if !self.state.served[m] && m != need {
                    neighbours.push(m);
                }
            }
        }
        neighbours.sort_unstable_by_key(|&m| rank[m]);
        neighbours.dedup();
        neighbours.truncate(TRADE_CANDIDATES);
        neighbours
    }

    fn exhausted(&self) -> bool {
        self.work >= self.budget
    }

    /// Counts `edges` visits and one insertion attempt's scan of `need`'s roles.
    fn charge(&mut self, edges: usize) {
        self.work = self.work.saturating_add(edges as u64 + 1);
    }

    /// Tries, in order, a plain insertion, swaps that make room, and an ejection chain.
    fn improve_with(&mut self, need: usize) -> bool {
        let problem = self.state.problem;
        let scanned: usize = problem.needs[need]
            .roles()
            .map(|r| problem.role_edge_range(r).len())
            .sum();
        self.charge(3 * scanned);
        let before = self.state.objective;
        self.state.begin();
        if self.state.try_insert(need, 0) {
            return true;
        }
        if self.swap_and_insert(need) && self.state.objective > before {
            return true;
        }
        self.state.undo();
        self.state.begin();
        if self.eject_and_insert(need, before) {
            return true;
        }
        self.state.undo();
        false
    }

    /// The core roles of `need` that the free capacity cannot complete, with their blocked
    /// edges (best first): edges whose provider lacks room for one unit.
    fn blocked_edges(&self, need: usize) -> Vec<usize> {
        let state = &*self.state;
        let problem = state.problem;
        let mut blocked = Vec::new();
        for r in problem.needs[need].roles() {
            let role = &problem.roles[r];
            if !is_core_role(problem, role) {
                continue;
            }
            let mut open = 0i64;
            let mut edges = Vec::new();
            for e in state.role_edges_in_order(r) {
                let edge = &problem.edges[e];
                let fit = state.ledger.fit(problem, e).min(edge.max_units);
                open = open.saturating_add(fit.max(0));
                if fit < edge.max_units.min(role.demand) && edges.len() < EDGES_EXAMINED {
                    edges.push(e);
                }
            }
            if open < role.demand {
                blocked.extend(edges);
            }
        }
        blocked
    }

    /// Moves units of other needs off the providers `need` is blocked on (to another
    /// provider of their own role with room), then inserts `need`. Leaves the changes in
    /// the journal; the caller keeps or undoes them.
    fn swap_and_insert(&mut self, need: usize) -> bool {
        let problem = self.state.problem;
        let mut moved = false;
        for blocked in self.blocked_edges(need) {
            let p = problem.edges[blocked].provider as usize;
            self.charge(self.provider_edges.of(p).len());
            let occupants: Vec<(usize, usize)> = self
                .state
                .occupants(self.provider_edges, p)
                .filter(|&(m, _)| m != need)
                .collect();
            'occupant: for (_, from) in occupants {
                let role = problem.edges[from].role as usize;
                let units = self.state.units[from];
                let targets: Vec<usize> = self.state.role_edges_in_order(role).collect();
                for to in targets {
                    if to != from && self.state.try_shift(from, to, units) {
                        moved = true;
                        break 'occupant;
                    }
                }
            }
        }
        moved && self.state.try_insert(need, 0)
    }

    /// Ejects up to [`MAX_EJECTED`] needs worth less than `need` from the providers it is
    /// blocked on, inserts `need`, then re-inserts the ejected needs where they still fit.
    /// Keeps the chain only if the objective ends above `before`.
    fn eject_and_insert(&mut self, need: usize, before: i128) -> bool {
        let problem = self.state.problem;
        let worth = i128::from(problem.needs[need].value);
        let mut ejected = Vec::new();
        for _ in 0..MAX_EJECTED {
            let mut cheapest: Option<(i128, usize)> = None;
            for blocked in self.blocked_edges(need) {
                let p = problem.edges[blocked].provider as usize;
                self.work += self.provider_edges.of(p).len() as u64;
                for (m, _) in self.state.occupants(self.provider_edges, p) {
                    let loss = self.state.contribution(m);
                    if m != need && loss < worth && cheapest.is_none_or(|c| (loss, m) < c) {
                        cheapest = Some((loss, m));
                    }
                }
            }
            let Some((_, m)) = cheapest else {
                return false;
            };
            self.state.remove(m);
            ejected.push(m);
            if self.state.try_insert(need, 0) {
                ejected.sort_by_key(|&m| (std::cmp::Reverse(problem.needs[m].value), m));
                for &m in &ejected {
                    self.state.try_insert(m, 0);
                }
                return self.state.objective > before;
            }
        }
        false
    }
}
