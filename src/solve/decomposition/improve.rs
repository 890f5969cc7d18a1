//! Local search on a feasible team solution: re-insertion of unserved needs, provider swaps
//! that make room (one deep, or two deep where [`LocalSearch::shift_depth`] allows: the
//! occupant of the provider a swap moves to moves on first), and ejection chains that trade
//! less valuable needs for a more valuable one. Every move is a transaction on [`TeamState`] and is kept only when the objective
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
    /// Most shifts in a chain that makes room for a blocked need (see
    /// [`LocalSearch::shift_away`]): 1 moves an occupant to a provider with room, 2 may
    /// first move one of that provider's occupants on.
    pub(crate) shift_depth: u32,
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
    /// provider of their own role with room, or with room made by moving one of its own
    /// occupants on in turn: a chain of two shifts), then inserts `need`. Leaves the changes
    /// in the journal; the caller keeps or undoes them.
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
            for (_, from) in occupants {
                if self.shift_away(from, need, self.shift_depth) {
                    moved = true;
                    break;
                }
            }
        }
        moved && self.state.try_insert(need, 0)
    }

    /// Moves all units of edge `from` to another edge of its role: one with room, or, with
    /// `depth > 1`, one whose provider gets room by shifting one of its occupants (not of
    /// `need`, and not `from`'s own team) the same way. A chain that fails half-way is
    /// shifted back, so on `false` the plan is as it was (with journal entries for the
    /// caller's undo).
    fn shift_away(&mut self, from: usize, need: usize, depth: u32) -> bool {
        if self.shift_target(from).is_some() {
            return true;
        }
        if depth <= 1 {
            return false;
        }
        let problem = self.state.problem;
        let team = problem.roles[problem.edges[from].role as usize].need as usize;
        let units = self.state.units[from];
        for to in self.other_edges(from).into_iter().take(EDGES_EXAMINED) {
            let q = problem.edges[to].provider as usize;
            if self.state.units[to] > 0 || self.exhausted() {
                continue;
            }
            self.charge(self.provider_edges.of(q).len());
            let holders: Vec<usize> = self
                .state
                .occupants(self.provider_edges, q)
                .filter(|&(m, _)| m != need && m != team)
                .map(|(_, e)| e)
                .collect();
            for next in holders {
                let moved = self.state.units[next];
                let Some(landed) = self.shift_target(next) else {
                    continue;
                };
                if self.state.try_shift(from, to, units) {
                    return true;
                }
                // Put the second shift back: its units return to where they were.
                self.state.try_shift(landed, next, moved);
            }
        }
        false
    }

    /// The other edges of edge `from`'s role, in fill order (charged as visits).
    fn other_edges(&mut self, from: usize) -> Vec<usize> {
        let role = self.state.problem.edges[from].role as usize;
        let edges: Vec<usize> = self
            .state
            .role_edges_in_order(role)
            .filter(|&to| to != from)
            .collect();
        self.charge(edges.len());
        edges
    }

    /// Shifts all units of edge `from` to the first other edge of its role with room;
    /// returns that edge.
    fn shift_target(&mut self, from: usize) -> Option<usize> {
        let units = self.state.units[from];
        self.other_edges(from)
            .into_iter()
            .find(|&to| self.state.try_shift(from, to, units))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NeedId, ProviderId, TeamRule, VolunteerId};
    use crate::problem::{
        CandidateEdge, EdgeUse, Problem, ProblemNeed, ProblemProvider, ProblemRole, RoleKind,
        SolveStatus,
    };

    /// Volunteers 0, 1, 2 with room for one task each; need A may take 0 or 1, need B 1 or
    /// 2, need C only 0. Edges: A–0, A–1, B–1, B–2, C–0.
    fn chain_of_volunteers() -> Problem {
        let need = |first_role| ProblemNeed {
            value: 1,
            rule: TeamRule::AllOrNothing,
            first_role,
            role_count: 1,
        };
        let role = |need| ProblemRole {
            need,
            team_index: 0,
            kind: RoleKind::Volunteers,
            demand: 1,
            optional: false,
        };
        let edge = |role, provider| CandidateEdge {
            role,
            provider,
            max_units: 1,
            usage_per_unit: 1,
            score_per_unit: 0,
        };
        let volunteer = ProblemProvider {
            capacity: 1,
            one_role_per_need: true,
        };
        let mut p = Problem {
            needs: vec![need(0), need(1), need(2)],
            roles: vec![role(0), role(1), role(2)],
            providers: vec![volunteer; 3],
            edges: vec![edge(0, 0), edge(0, 1), edge(1, 1), edge(1, 2), edge(2, 0)],
            need_ids: vec![NeedId(1), NeedId(2), NeedId(3)],
            provider_ids: (1..=3)
                .map(|v| ProviderId::Volunteer(VolunteerId(v)))
                .collect(),
            ..Problem::default()
        };
        p.index_edges();
        p
    }

    /// Serves A on volunteer 0 and B on volunteer 1, then runs one pass of the local search
    /// with chains of at most `depth` shifts; returns whether C got served.
    fn c_served_with_depth(depth: u32) -> bool {
        let p = chain_of_volunteers();
        p.validate().expect("a valid problem");
        let provider_edges = ProviderEdges::new(&p);
        let mut state = TeamState::new(&p);
        state.serve_with(0, &[EdgeUse { edge: 0, units: 1 }]);
        state.serve_with(1, &[EdgeUse { edge: 2, units: 1 }]);
        let mut search = LocalSearch {
            state: &mut state,
            provider_edges: &provider_edges,
            budget: u64::MAX,
            work: 0,
            shift_depth: depth,
        };
        search.run(&[2, 0, 1], 1);
        let plan = state.to_solution(SolveStatus::Feasible, None);
        assert_eq!(p.check(&plan), Ok(()), "every move keeps the plan feasible");
        state.served[2]
    }

    #[test]
    fn one_shift_cannot_make_room_where_two_can() {
        assert!(!c_served_with_depth(1), "A's other volunteer is taken by B");
        assert!(c_served_with_depth(2), "B moves to 2, A to 1, C takes 0");
    }
}
