//! Priority greedy team assembly: serve needs one at a time, most valuable first, each with its
//! best available team.
//!
//! # Algorithm
//! 1. Order needs by `value` descending, ties by need index.
//! 2. For each need, fill its roles one after the other (order set by [`RoleOrder`]). A role
//!    scans its candidate edges by `score_per_unit` descending, ties by provider index, and
//!    takes from each provider `min(max_units, units still missing, free capacity (the provider's and its shared resources') /
//!    usage_per_unit)` units, skipping providers with `one_role_per_need` that already fill
//!    another role of this need. Person roles (`max_units = 1`) thus get distinct providers;
//!    material roles draw from several providers until `demand` is reached.
//! 3. If every required role (every role under [`TeamRule::AllOrNothing`], every core role
//!    under [`TeamRule::CoreThenOptional`]) is complete and the team adds to the objective
//!    (`value + Σ scores > 0`: a team whose scores outweigh the need's value would lower it),
//!    commit; otherwise give back everything taken for the need (no partial team survives).
//! 4. Under [`TeamRule::CoreThenOptional`], after the core is committed, optional roles are
//!    filled best effort as [`OptionalFill`] says (they never block service); optional money
//!    and goods wait until every need's core team is decided.

use std::cmp::Reverse;

use crate::error::Result;
use crate::model::TeamRule;
use crate::problem::{EdgeUse, Ledger, Problem, RoleKind, Solution, SolveStats, SolveStatus};

use super::budget::WorkBudget;
use super::strategy::{Guarantee, Strategy};

/// In which order the roles of one need are filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RoleOrder {
    /// In team order (the order the roles are listed in the need's team).
    #[default]
    AsListed,
    /// Roles with the fewest candidate edges first (ties in team order): the scarcest role
    /// picks before a plentiful one can take its only person.
    FewestCandidatesFirst,
}

/// Which optional roles are filled under [`TeamRule::CoreThenOptional`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OptionalFill {
    /// Take only edges with `score_per_unit > 0`: an optional role adds value only through its
    /// scores, so a non-positive edge would spend capacity without raising the objective.
    #[default]
    Profitable,
    /// Take every edge with capacity (fullest service, even at a score cost).
    Always,
    /// Never fill optional roles.
    Never,
}

/// Priority greedy: needs by value descending, each served with its best team or not at all.
///
/// # Guarantee
/// Feasible: every hard constraint of [`Problem`] holds (capacities, whole persons, complete
/// core teams, no partial team on an unserved need, one role per person per need). No
/// optimality claim ([`SolveStatus::Feasible`], no bound). A need is left unserved only when,
/// at its turn, the capacity left by more valuable needs could not complete a required role
/// by this fill procedure.
///
/// # Complexity
/// Time O(E log D + N log N + R) for E edges, N needs, R roles and at most D candidates per
/// role (D ≤ E): each role's edges are sorted by score, the needs by value, and every edge is
/// scanned at most once (each role is filled once). Extra space O(E + N + P) for P providers.
///
/// # Budget
/// Each need is charged before it is tried: one unit plus the candidate edges of its roles
/// (the most its fill can scan); so is each deferred optional role. When a charge is refused
/// the greedy stops there: the needs decided so far keep their teams, the rest stay unmet,
/// status [`SolveStatus::BudgetReached`].
///
/// # References
/// The classic priority-list heuristic for resource-constrained selection; see e.g.
/// Kellerer, Pferschy and Pisinger, *Knapsack Problems* (2004), ch. 2 (greedy by value), and
/// the team-formation variant in Lappas, Liu and Terzi, "Finding a team of experts in social
/// networks", KDD 2009.
///
/// # Example
/// One need with a lead worker and 2 volunteers; two volunteers with room, one without:
/// ```
/// use wushe::model::{NeedId, ProviderId, TeamRule, VolunteerId, WorkerId};
/// use wushe::problem::*;
/// use wushe::solve::{Strategy, greedy::PriorityGreedy};
/// # fn main() -> Result<(), wushe::Error> {
/// let person = |capacity| ProblemProvider { capacity, one_role_per_need: true };
/// let edge = |role, provider, usage_per_unit, score_per_unit| CandidateEdge {
///     role, provider, max_units: 1, usage_per_unit, score_per_unit };
/// let role = |kind, demand| ProblemRole { need: 0, team_index: 0, kind, demand, optional: false };
/// let mut p = Problem {
///     needs: vec![ProblemNeed { value: 900, rule: TeamRule::AllOrNothing, first_role: 0, role_count: 2 }],
///     roles: vec![role(RoleKind::LeadWorker, 1), ProblemRole { team_index: 1, ..role(RoleKind::Volunteers, 2) }],
///     providers: vec![person(3), person(240), person(60), person(180)],
///     edges: vec![edge(0, 0, 1, 5), edge(1, 1, 120, 3), edge(1, 2, 120, 9), edge(1, 3, 120, 1)],
///     need_ids: vec![NeedId(1)],
///     provider_ids: vec![ProviderId::Worker(WorkerId(1)), ProviderId::Volunteer(VolunteerId(1)),
///                        ProviderId::Volunteer(VolunteerId(2)), ProviderId::Volunteer(VolunteerId(3))],
///     ..Problem::default()
/// };
/// p.index_edges();
/// let solution = PriorityGreedy::default().solve(&p)?;
/// assert_eq!(solution.served, vec![true]);
/// // volunteer 2 (score 9) has only 60 free minutes, so volunteers 1 and 3 are taken
/// let edges: Vec<u32> = solution.uses.iter().map(|u| u.edge).collect();
/// assert_eq!(edges, vec![0, 1, 3]);
/// assert!(p.check(&solution).is_ok());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
pub struct PriorityGreedy {
    /// Order in which the roles of a need are filled.
    pub role_order: RoleOrder,
    /// Which optional roles are filled.
    pub optional_fill: OptionalFill,
}

impl PriorityGreedy {
    /// Sets the role order.
    pub fn with_role_order(mut self, role_order: RoleOrder) -> Self {
        self.role_order = role_order;
        self
    }

    /// Sets which optional roles are filled.
    pub fn with_optional_fill(mut self, optional_fill: OptionalFill) -> Self {
        self.optional_fill = optional_fill;
        self
    }
}

impl Strategy for PriorityGreedy {
    fn name(&self) -> &'static str {
        "greedy"
    }

    fn guarantee(&self) -> Guarantee {
        Guarantee::Feasible
    }

    fn solve_within(&self, problem: &Problem, budget: &mut WorkBudget) -> Result<Solution> {
        problem.validate()?;
        let mut state = GreedyState::new(problem, self);
        state.run(budget);
        let mut solution = state.into_solution();
        budget.stamp(&mut solution);
        Ok(solution)
    }
}

/// Working state of one greedy run.
struct GreedyState<'p> {
    problem: &'p Problem,
    knobs: &'p PriorityGreedy,
    /// Edge indices sorted by (role, score descending, provider).
    edge_order: Vec<u32>,
    /// Free capacity per provider and shared resource.
    ledger: Ledger,
    /// Per provider: 1 + index of the last need it fills a role of (0 = none).
    need_stamp: Vec<u32>,
    /// Units given to each role so far (reset when its need is rolled back).
    role_units: Vec<i64>,
    /// Uses taken for the need under construction.
    tentative: Vec<EdgeUse>,
    /// Roles of the need under construction, in fill order.
    role_scratch: Vec<usize>,
    /// Committed uses (unsorted until the end).
    uses: Vec<EdgeUse>,
    /// Optional material roles of served needs, filled after every need is decided.
    deferred: Vec<(usize, usize)>,
    served: Vec<bool>,
    stats: SolveStats,
}

impl<'p> GreedyState<'p> {
    fn new(problem: &'p Problem, knobs: &'p PriorityGreedy) -> Self {
        // Edges are grouped by role already: sort each role's slice by (score descending,
        // provider); providers are unique within a role, so the order is total.
        let mut edge_order: Vec<u32> = (0..problem.edges.len() as u32).collect();
        for role in 0..problem.roles.len() {
            if let Some(slice) = edge_order.get_mut(problem.role_edge_range(role)) {
                slice.sort_unstable_by_key(|&e| {
                    let edge = &problem.edges[e as usize];
                    (Reverse(edge.score_per_unit), edge.provider)
                });
            }
        }
        GreedyState {
            problem,
            knobs,
            edge_order,
            ledger: Ledger::new(problem),
            need_stamp: vec![0; problem.providers.len()],
            role_units: vec![0; problem.roles.len()],
            tentative: Vec::new(),
            role_scratch: Vec::new(),
            uses: Vec::new(),
            deferred: Vec::new(),
            served: vec![false; problem.needs.len()],
            stats: SolveStats::default(),
        }
    }

    fn run(&mut self, budget: &mut WorkBudget) {
        let problem = self.problem;
        let mut need_order: Vec<usize> = (0..problem.needs.len()).collect();
        need_order.sort_by_key(|&n| (Reverse(problem.needs[n].value), n));
        for need in need_order {
            let scan: usize = problem.needs[need]
                .roles()
                .map(|r| problem.role_edge_range(r).len())
                .sum();
            if !budget.try_charge(1 + scan as u64) {
                break;
            }
            self.stats.iterations += 1;
            self.try_need(need);
        }
        for (need, role) in std::mem::take(&mut self.deferred) {
            if !budget.try_charge(1 + problem.role_edge_range(role).len() as u64) {
                break;
            }
            self.fill_role(need, role, true);
            self.uses.append(&mut self.tentative);
        }
    }

    /// Optional money or goods under [`OptionalFill::Profitable`]: material edges score 0
    /// (material is scored through the need's value), so they are filled with score ≥ 0 from
    /// what is left after every need's core team is decided — idle money goes to optional
    /// support, and no later core role loses it. Only providers without
    /// `one_role_per_need` (funds) give in this late pass.
    fn deferred_material(&self, role: usize) -> bool {
        self.knobs.optional_fill == OptionalFill::Profitable
            && self.problem.roles[role].kind == RoleKind::Material
    }

    /// Tries to serve `need`; commits or rolls back.
    fn try_need(&mut self, need: usize) {
        let rule = self.problem.needs[need].rule;
        self.collect_roles(need, true);
        let mut complete = true;
        for i in 0..self.role_scratch.len() {
            let role = self.role_scratch[i];
            if !self.fill_role(need, role, false) {
                complete = false;
                break;
            }
        }
        if !complete || self.tentative_gain(need) <= 0 {
            self.roll_back();
            return;
        }
        if rule == TeamRule::CoreThenOptional && self.knobs.optional_fill != OptionalFill::Never {
            self.collect_roles(need, false);
            for i in 0..self.role_scratch.len() {
                let role = self.role_scratch[i];
                if self.deferred_material(role) {
                    self.deferred.push((need, role));
                } else {
                    self.fill_role(need, role, true);
                }
            }
        }
        self.served[need] = true;
        self.uses.append(&mut self.tentative);
    }

    /// Puts the required (`required = true`) or optional roles of `need` into `role_scratch`
    /// in fill order.
    fn collect_roles(&mut self, need: usize, required: bool) {
        let n = &self.problem.needs[need];
        let all_required = n.rule == TeamRule::AllOrNothing;
        let roles = &self.problem.roles;
        self.role_scratch.clear();
        self.role_scratch.extend(
            n.roles()
                .filter(|&r| (all_required || !roles[r].optional) == required),
        );
        if self.knobs.role_order == RoleOrder::FewestCandidatesFirst {
            let problem = self.problem;
            self.role_scratch
                .sort_by_key(|&r| (problem.role_edge_range(r).len(), r));
        }
    }

    /// Fills `role` of `need` as far as capacity allows; returns whether it reached `demand`.
    fn fill_role(&mut self, need: usize, role: usize, optional: bool) -> bool {
        self.stats.subproblems += 1;
        let problem = self.problem;
        let demand = problem.roles[role].demand;
        let stamp = need as u32 + 1;
        for k in problem.role_edge_range(role) {
            let missing = demand - self.role_units[role];
            if missing <= 0 {
                break;
            }
            let e = self.edge_order[k] as usize;
            let edge = &problem.edges[e];
            let provider = edge.provider as usize;
            let person = problem.providers[provider].one_role_per_need;
            let deferred = optional && self.deferred_material(role);
            if (person && self.need_stamp[provider] == stamp)
                || (optional && !deferred && self.skip_optional(edge.score_per_unit))
                || (deferred && (edge.score_per_unit < 0 || person))
            {
                continue;
            }
            let fit = self.ledger.fit(problem, e);
            let units = edge.max_units.min(missing).min(fit);
            if units <= 0 {
                continue;
            }
            self.ledger.take(problem, e, units);
            self.role_units[role] += units;
            if person {
                self.need_stamp[provider] = stamp;
            }
            self.tentative.push(EdgeUse {
                edge: e as u32,
                units,
            });
        }
        self.role_units[role] >= demand
    }

    /// What serving `need` with the tentative core team adds to the objective.
    fn tentative_gain(&self, need: usize) -> i128 {
        let problem = self.problem;
        let scores: i128 = self
            .tentative
            .iter()
            .map(|u| {
                i128::from(u.units) * i128::from(problem.edges[u.edge as usize].score_per_unit)
            })
            .sum();
        i128::from(problem.needs[need].value) + scores
    }

    fn skip_optional(&self, score: i64) -> bool {
        match self.knobs.optional_fill {
            OptionalFill::Profitable => score <= 0,
            OptionalFill::Always => false,
            OptionalFill::Never => true,
        }
    }

    /// Gives back everything taken for the need under construction.
    fn roll_back(&mut self) {
        let problem = self.problem;
        for u in self.tentative.drain(..) {
            let edge = &problem.edges[u.edge as usize];
            self.ledger.give(problem, u.edge as usize, u.units);
            self.role_units[edge.role as usize] = 0;
            // The need stamp stays: each need is tried once, so a stale stamp never matches.
        }
    }

    fn into_solution(mut self) -> Solution {
        self.uses.sort_unstable_by_key(|u| u.edge);
        debug_assert!(self.ledger.is_balanced());
        Solution {
            uses: self.uses,
            served: self.served,
            status: Some(SolveStatus::Feasible),
            bound: None,
            stats: self.stats,
        }
    }
}
