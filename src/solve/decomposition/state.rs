//! A feasible team solution under construction: free capacity, units per edge, the edges of
//! each served need, and the insert / remove / undo operations the primal side is built from.
//!
//! Every operation keeps the state feasible: a need is either served with every core role at
//! its exact demand (optional roles at most their demand) or holds no unit at all; no provider
//! exceeds its capacity; a `one_role_per_need` provider fills at most one role of a need.

pub(crate) use crate::problem::ProviderEdges;
use crate::problem::{EdgeUse, Ledger, Problem, RoleKind, Solution, SolveStats, SolveStatus};
use crate::solve::team::is_core_role;

/// How many providers with room beyond a role's demand make it count as plentiful when the
/// roles of a team are ordered scarcest first.
const SCARCITY_HORIZON: i64 = 4;

/// One undoable change: the need and the edges it held before the change.
#[derive(Debug, Clone)]
struct Change {
    need: u32,
    served: bool,
    before: Vec<EdgeUse>,
}

/// The working solution.
#[derive(Debug, Clone)]
pub(crate) struct TeamState<'p> {
    pub(crate) problem: &'p Problem,
    /// Free capacity per provider and shared resource.
    pub(crate) ledger: Ledger,
    /// Units per edge.
    pub(crate) units: Vec<i64>,
    /// Per need: the edges it uses (units > 0), empty when unserved.
    pub(crate) need_uses: Vec<Vec<EdgeUse>>,
    pub(crate) served: Vec<bool>,
    /// `Σ value(served) + Σ units·score + coverage-group rewards` ([`Problem::objective`]).
    pub(crate) objective: i128,
    /// Per need: its coverage group.
    group_of: Vec<Option<u32>>,
    /// Per coverage group: needs served.
    group_served: Vec<usize>,
    /// Per role: its edge indices in fill order (best first).
    role_order: Vec<u32>,
    /// Journal of changes since the last [`TeamState::begin`].
    journal: Vec<Change>,
    /// Scratch: per provider, 1 + the need whose team is being built when it joined it.
    stamp: Vec<u32>,
    /// Scratch: the uses of the team being built.
    tentative: Vec<EdgeUse>,
    /// Scratch: roles in fill order.
    roles: Vec<usize>,
    pub(crate) stats: SolveStats,
}

impl<'p> TeamState<'p> {
    /// The empty solution, roles filled in edge order until [`TeamState::order_roles`].
    pub(crate) fn new(problem: &'p Problem) -> Self {
        TeamState {
            problem,
            ledger: Ledger::new(problem),
            units: vec![0; problem.edges.len()],
            need_uses: vec![Vec::new(); problem.needs.len()],
            served: vec![false; problem.needs.len()],
            objective: 0,
            group_of: problem.need_groups(),
            group_served: vec![0; problem.groups.len()],
            role_order: (0..problem.edges.len() as u32).collect(),
            journal: Vec::new(),
            stamp: vec![0; problem.providers.len()],
            tentative: Vec::new(),
            roles: Vec::new(),
            stats: SolveStats::default(),
        }
    }

    /// Orders every role's edges by `key` descending (ties by provider index): the order in
    /// which [`TeamState::try_insert`] takes providers.
    pub(crate) fn order_roles(&mut self, key: impl Fn(usize) -> f64) {
        let problem = self.problem;
        let mut keyed: Vec<(f64, u32)> = Vec::new();
        for role in 0..problem.roles.len() {
            let range = problem.role_edge_range(role);
            let start = range.start as u32;
            if let Some(slice) = self.role_order.get_mut(range) {
                // A role's edges are in provider order: among equal keys the lower index
                // (the lower provider) comes first.
                keyed.clear();
                keyed.extend(
                    (0..slice.len() as u32).map(|k| (key((start + k) as usize), start + k)),
                );
                keyed.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                for (slot, &(_, e)) in slice.iter_mut().zip(&keyed) {
                    *slot = e;
                }
            }
        }
    }

    /// The edges of role `role` in fill order.
    pub(crate) fn role_edges_in_order(&self, role: usize) -> impl Iterator<Item = usize> + '_ {
        self.role_order[self.problem.role_edge_range(role)]
            .iter()
            .map(|&e| e as usize)
    }

    /// The coverage-group step need `need` would add if served now (`next`), or adds as the
    /// last of its group's served needs (`!next`); 0 outside every group.
    fn group_step(&self, need: usize, next: bool) -> i128 {
        let Some(g) = self.group_of[need] else {
            return 0;
        };
        let g = g as usize;
        let served = self.group_served[g];
        let k = if next {
            Some(served)
        } else {
            served.checked_sub(1)
        };
        k.and_then(|k| self.problem.groups[g].steps.get(k))
            .map_or(0, |&s| i128::from(s))
    }

    /// Need `need`'s value plus the coverage-group step it would earn if served now.
    pub(crate) fn worth(&self, need: usize) -> i128 {
        i128::from(self.problem.needs[need].value) + self.group_step(need, true)
    }

    /// What need `need` adds to the objective as it is served now (0 when unserved); its
    /// coverage group counts the group's last step (what removing it would lose).
    pub(crate) fn contribution(&self, need: usize) -> i128 {
        if !self.served[need] {
            return 0;
        }
        let scores: i128 = self.need_uses[need]
            .iter()
            .map(|u| {
                i128::from(u.units) * i128::from(self.problem.edges[u.edge as usize].score_per_unit)
            })
            .sum();
        i128::from(self.problem.needs[need].value) + scores + self.group_step(need, false)
    }

    /// Starts a transaction: later changes can be undone with [`TeamState::undo`].
    pub(crate) fn begin(&mut self) {
        self.journal.clear();
    }

    /// Undoes every change since [`TeamState::begin`].
    pub(crate) fn undo(&mut self) {
        while let Some(change) = self.journal.pop() {
            let need = change.need as usize;
            self.release(need);
            if change.served {
                self.apply(need, &change.before);
            }
        }
    }

    fn record(&mut self, need: usize) {
        let before = self.need_uses[need].clone();
        self.journal.push(Change {
            need: need as u32,
            served: self.served[need],
            before,
        });
    }

    /// Frees everything need `need` holds.
    fn release(&mut self, need: usize) {
        let uses = std::mem::take(&mut self.need_uses[need]);
        let problem = self.problem;
        if self.served[need] {
            self.objective -= i128::from(problem.needs[need].value) + self.group_step(need, false);
            if let Some(g) = self.group_of[need] {
                self.group_served[g as usize] -= 1;
            }
        }
        for u in &uses {
            let e = &problem.edges[u.edge as usize];
            self.ledger.give(problem, u.edge as usize, u.units);
            self.units[u.edge as usize] -= u.units;
            self.objective -= i128::from(u.units) * i128::from(e.score_per_unit);
        }
        self.served[need] = false;
        self.need_uses[need] = uses;
        self.need_uses[need].clear();
    }

    /// Serves the released need `need` with exactly `uses`.
    fn apply(&mut self, need: usize, uses: &[EdgeUse]) {
        let problem = self.problem;
        for u in uses {
            let e = &problem.edges[u.edge as usize];
            self.ledger.take(problem, u.edge as usize, u.units);
            self.units[u.edge as usize] += u.units;
            self.objective += i128::from(u.units) * i128::from(e.score_per_unit);
        }
        self.objective += i128::from(problem.needs[need].value) + self.group_step(need, true);
        if let Some(g) = self.group_of[need] {
            self.group_served[g as usize] += 1;
        }
        self.served[need] = true;
        self.need_uses[need].extend_from_slice(uses);
    }

    /// Serves the unserved need `need` with exactly `uses`, which the caller knows to fit
    /// the free capacity (edges of this need; a complete team).
    pub(crate) fn serve_with(&mut self, need: usize, uses: &[EdgeUse]) {
        if !self.served[need] {
            self.record(need);
            self.apply(need, uses);
        }
    }

    /// Removes need `need` from the solution (recorded for [`TeamState::undo`]).
    pub(crate) fn remove(&mut self, need: usize) {
        if self.served[need] {
            self.record(need);
            self.release(need);
        }
    }

    /// Serves the unserved need `need` with the best team the free capacity allows, filling
    /// its core roles scarcest first and each role in [`TeamState::order_roles`] order.
    /// Commits (recorded for [`TeamState::undo`]) only when every core role is complete and
    /// the team adds more than `min_gain` to the objective; returns whether it committed.
    pub(crate) fn try_insert(&mut self, need: usize, min_gain: i128) -> bool {
        if self.served[need] {
            return false;
        }
        self.stats.iterations += 1;
        let problem = self.problem;
        self.roles.clear();
        self.roles.extend(
            problem.needs[need]
                .roles()
                .filter(|&r| is_core_role(problem, &problem.roles[r])),
        );
        if self.roles.len() > 1 {
            let ledger = &self.ledger;
            let order = &self.role_order;
            // Scarcest first: providers with room, counted up to a few beyond the demand.
            self.roles.sort_by_cached_key(|&r| {
                let enough = problem.roles[r].demand.saturating_add(SCARCITY_HORIZON) as usize;
                let open = order[problem.role_edge_range(r)]
                    .iter()
                    .filter(|&&e| ledger.fits(problem, e as usize, 1))
                    .take(enough)
                    .count();
                (open, r)
            });
        }
        self.tentative.clear();
        let stamp = need as u32 + 1;
        let mut gain = i128::from(problem.needs[need].value) + self.group_step(need, true);
        for i in 0..self.roles.len() {
            let role = self.roles[i];
            match self.fill(role, stamp, false) {
                Some(score) => gain += score,
                None => {
                    self.give_back();
                    return false;
                }
            }
        }
        if gain <= min_gain {
            self.give_back();
            return false;
        }
        let uses = std::mem::take(&mut self.tentative);
        self.give_back_quietly(&uses);
        self.record(need);
        self.apply(need, &uses);
        self.tentative = uses;
        true
    }

    /// Takes units for `role` from the free capacity in fill order; persons of
    /// `one_role_per_need` carry `stamp` while they belong to the team. Core roles
    /// (`optional = false`) must reach their demand (`None` otherwise); optional roles take
    /// only edges with a positive score, or a zero score for money and goods (material is
    /// scored by the need's value, not per unit, and optional roles are filled only once every
    /// core role is decided, so idle money goes to optional support instead of lying unused).
    /// Returns the score taken.
    fn fill(&mut self, role: usize, stamp: u32, optional: bool) -> Option<i128> {
        let problem = self.problem;
        let demand = problem.roles[role].demand;
        let mut missing = demand;
        let mut score = 0i128;
        for k in problem.role_edge_range(role) {
            if missing == 0 {
                break;
            }
            let e = self.role_order[k] as usize;
            let edge = &problem.edges[e];
            let p = edge.provider as usize;
            let person = problem.providers[p].one_role_per_need;
            let material = problem.roles[role].kind == RoleKind::Material;
            let worth = edge.score_per_unit > 0 || (material && edge.score_per_unit == 0);
            if (person && self.stamp[p] == stamp) || (optional && !worth) {
                continue;
            }
            let room = edge.max_units - self.units[e];
            let take = room.min(missing).min(self.ledger.fit(problem, e));
            if take <= 0 {
                continue;
            }
            self.ledger.take(problem, e, take);
            missing -= take;
            score += i128::from(take) * i128::from(edge.score_per_unit);
            if person {
                self.stamp[p] = stamp;
            }
            self.tentative.push(EdgeUse {
                edge: e as u32,
                units: take,
            });
        }
        (optional || missing == 0).then_some(score)
    }

    /// Returns the tentative team's capacity and clears the person stamps.
    fn give_back(&mut self) {
        let uses = std::mem::take(&mut self.tentative);
        self.give_back_quietly(&uses);
        self.tentative = uses;
        self.tentative.clear();
    }

    fn give_back_quietly(&mut self, uses: &[EdgeUse]) {
        let problem = self.problem;
        for u in uses {
            let e = &problem.edges[u.edge as usize];
            self.ledger.give(problem, u.edge as usize, u.units);
            self.stamp[e.provider as usize] = 0;
        }
    }

    /// Fills the optional roles of every served need under `CoreThenOptional` from the free
    /// capacity with positive-score edges, needs in the order given.
    pub(crate) fn fill_optional(&mut self, needs: &[usize]) {
        let problem = self.problem;
        for &need in needs {
            if !self.served[need] {
                continue;
            }
            let optional: Vec<usize> = problem.needs[need]
                .roles()
                .filter(|&r| !is_core_role(problem, &problem.roles[r]))
                .collect();
            if optional.is_empty() {
                continue;
            }
            let stamp = need as u32 + 1;
            for u in &self.need_uses[need] {
                let p = problem.edges[u.edge as usize].provider as usize;
                if problem.providers[p].one_role_per_need {
                    self.stamp[p] = stamp;
                }
            }
            self.tentative.clear();
            for &role in &optional {
                let _ = self.fill(role, stamp, true);
            }
            let uses = std::mem::take(&mut self.tentative);
            self.give_back_quietly(&uses);
            for u in &self.need_uses[need] {
                self.stamp[problem.edges[u.edge as usize].provider as usize] = 0;
            }
            if !uses.is_empty() {
                self.record(need);
                let mut all = self.need_uses[need].clone();
                self.release(need);
                all.extend_from_slice(&uses);
                all.sort_unstable_by_key(|u| u.edge);
                self.apply(need, &all);
            }
            self.tentative = uses;
        }
    }

    /// The needs holding capacity of provider `p`, with the units of that edge.
    pub(crate) fn occupants<'a>(
        &'a self,
        provider_edges: &'a ProviderEdges,
        p: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        provider_edges
            .of(p)
            .iter()
            .filter(|&&e| self.units[e as usize] > 0)
            .map(|&e| {
                let role = self.problem.edges[e as usize].role as usize;
                (self.problem.roles[role].need as usize, e as usize)
            })
    }

    /// Moves one unit of edge `from` to edge `to` of the same role and need (a provider swap
    /// inside a served team), if `to`'s provider has room and is not already in the team.
    /// Recorded for [`TeamState::undo`].
    pub(crate) fn try_shift(&mut self, from: usize, to: usize, units: i64) -> bool {
        let problem = self.problem;
        let (ef, et) = (&problem.edges[from], &problem.edges[to]);
        let need = problem.roles[ef.role as usize].need as usize;
        if ef.role != et.role || self.units[from] < units || units <= 0 {
            return false;
        }
        let q = et.provider as usize;
        if self.units[to] + units > et.max_units {
            return false;
        }
        // the units leaving `from` are free to `to` (they may share a resource)
        self.ledger.give(problem, from, units);
        let fits = self.ledger.fits(problem, to, units);
        self.ledger.take(problem, from, units);
        if !fits {
            return false;
        }
        if problem.providers[q].one_role_per_need
            && self.need_uses[need]
                .iter()
                .any(|u| problem.edges[u.edge as usize].provider as usize == q)
        {
            return false;
        }
        let mut uses = self.need_uses[need].clone();
        for u in &mut uses {
            if u.edge as usize == from {
                u.units -= units;
            }
        }
        match uses.iter_mut().find(|u| u.edge as usize == to) {
            Some(u) => u.units += units,
            None => uses.push(EdgeUse {
                edge: to as u32,
                units,
            }),
        }
        uses.retain(|u| u.units > 0);
        uses.sort_unstable_by_key(|u| u.edge);
        self.record(need);
        self.release(need);
        self.apply(need, &uses);
        true
    }

    /// The numeric solution.
    pub(crate) fn to_solution(&self, status: SolveStatus, bound: Option<i64>) -> Solution {
        let mut uses: Vec<EdgeUse> = self.need_uses.iter().flatten().copied().collect();
        uses.sort_unstable_by_key(|u| u.edge);
        Solution {
            uses,
            served: self.served.clone(),
            status: Some(status),
            bound,
            stats: self.stats.clone(),
        }
    }
}
