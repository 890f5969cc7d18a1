//! Repair: turns the units proposed by a relaxation (flow, assignment, deferred acceptance)
//! into a solution that satisfies every hard constraint of the [`Problem`], then fills the
//! capacity left over with a greedy pass.
//!
//! Steps, each restoring one constraint without breaking the ones before it:
//! 1. **clip**: units of an edge to `0..=max_units`, units of a role to at most its demand
//!    (lowest scores give way first);
//! 2. **one role per need**: a `one_role_per_need` provider proposed for several roles of one
//!    need keeps the edge with the highest score per unit (ties: lower edge index);
//! 3. **teams**: a need whose core roles are not all complete is dropped (its proposed units
//!    are kept as *hints*);
//! 4. **capacity**: an over-full provider (the relaxation counts capacity in units of its
//!    smallest usage), then an over-full shared resource (which no relaxation sees), gives
//!    back units, lowest score first; step 3 runs again;
//! 5. **losses**: optional units of negative score are dropped, and so is a served need whose
//!    value plus scores is negative;
//! 6. **fill**: needs not served, by value (descending, ties by index), are assembled from the
//!    residual capacity — hinted edges first, then by score (descending, ties by provider) —
//!    and kept when they gain something; optional roles of served needs are topped up with
//!    positive-score units; needs without core roles are served for free.
//!
//! Every step is deterministic and runs in `O(m log m)` for `m` edges (the fill tries each
//! need once).
//!
//! # Budget
//! Steps 1–5 are linear and always run (their price is part of each strategy's admission
//! charge). The fill charges each need before trying it: one unit plus twice the candidate
//! edges of its roles (a hinted pass, then a full one); each top-up of a served need's
//! optional roles likewise once. When a charge is refused the fill stops: the needs decided
//! so far keep their teams, the rest stay unmet.

use crate::problem::{EdgeUse, Problem, Solution, SolveStats, SolveStatus};
use crate::solve::WorkBudget;

use super::relaxation::is_core;

/// Working state of a repair: committed units per edge, capacity used per provider.
pub(crate) struct Repair<'p> {
    problem: &'p Problem,
    units: Vec<i64>,
    hint: Vec<i64>,
    used: Vec<i128>,
    /// Units used per shared resource ([`Problem::shared`]).
    shared_used: Vec<i128>,
    /// Per shared resource, the edges drawing on it (empty without shared resources).
    shared_edges: Vec<Vec<u32>>,
    served: Vec<bool>,
    /// Edge indices; within each role's range, by score descending then provider.
    by_score: Vec<u32>,
    /// Edge indices grouped by provider (CSR with `provider_start`).
    by_provider: Vec<u32>,
    provider_start: Vec<usize>,
    /// Units taken by the current assembly attempt (for roll-back).
    taken: Vec<(u32, i64)>,
    /// Needs tried by the fill.
    attempts: u64,
}

impl<'p> Repair<'p> {
    /// An empty repair state (nothing assigned).
    pub(crate) fn new(problem: &'p Problem) -> Self {
        let m = problem.edges.len();
        let mut by_score: Vec<u32> = (0..m as u32).collect();
        for r in 0..problem.roles.len() {
            let range = problem.role_edge_range(r);
            by_score[range].sort_unstable_by_key(|&e| {
                let edge = &problem.edges[e as usize];
                (std::cmp::Reverse(edge.score_per_unit), edge.provider)
            });
        }
        let mut provider_start = vec![0usize; problem.providers.len() + 1];
        for e in &problem.edges {
            if let Some(s) = provider_start.get_mut(e.provider as usize + 1) {
                *s += 1;
            }
        }
        for p in 0..problem.providers.len() {
            provider_start[p + 1] += provider_start[p];
        }
        // Edges grouped by provider, in index order within each (a counting sort).
        let mut next = provider_start.clone();
        let mut by_provider = vec![0u32; provider_start.last().copied().unwrap_or(0)];
        for (e, edge) in problem.edges.iter().enumerate() {
            if let Some(slot) = next.get_mut(edge.provider as usize) {
                by_provider[*slot] = e as u32;
                *slot += 1;
            }
        }
        Repair {
            problem,
            units: vec![0; m],
            hint: vec![0; m],
            used: vec![0; problem.providers.len()],
            shared_used: vec![0; problem.shared.len()],
            shared_edges: problem.shared_edges(),
            served: vec![false; problem.needs.len()],
            by_score,
            by_provider,
            provider_start,
            taken: Vec::new(),
            attempts: 0,
        }
    }

    /// Takes `units` (one entry per edge) as the proposal and makes it feasible (steps 1–5).
    /// A proposal of the wrong length is ignored.
    pub(crate) fn propose(&mut self, units: &[i64]) {
        if units.len() != self.units.len() {
            return;
        }
        self.units.copy_from_slice(units);
        self.clip();
        self.hint.copy_from_slice(&self.units);
        self.resolve_conflicts();
        self.drop_incomplete();
        self.recompute_used();
        self.fix_capacity();
        self.drop_incomplete();
        self.drop_losses();
        self.recompute_used();
    }

    /// Step 1: units within `0..=max_units` per edge and at most the demand per role.
    fn clip(&mut self) {
        for (u, e) in self.units.iter_mut().zip(&self.problem.edges) {
            *u = (*u).clamp(0, e.max_units);
        }
        for r in 0..self.problem.roles.len() {
            let range = self.problem.role_edge_range(r);
            let total: i128 = self.units[range.clone()]
                .iter()
                .map(|&u| i128::from(u))
                .sum();
            let mut excess = total - i128::from(self.problem.roles[r].demand);
            for &e in self.by_score[range].iter().rev() {
                if excess <= 0 {
                    break;
                }
                let u = &mut self.units[e as usize];
                let cut = i128::from(*u).min(excess);
                *u -= cut as i64;
                excess -= cut;
            }
        }
    }

    /// Step 2: a `one_role_per_need` provider keeps only its best edge within each need.
    fn resolve_conflicts(&mut self) {
        let mut seen: Vec<(u32, std::cmp::Reverse<i64>, u32)> = Vec::new();
        for need in &self.problem.needs {
            if need.role_count < 2 {
                continue;
            }
            seen.clear();
            for r in need.roles() {
                for e in self.problem.role_edge_range(r) {
                    let edge = &self.problem.edges[e];
                    let single = self.problem.providers[edge.provider as usize].one_role_per_need;
                    if single && self.units[e] > 0 {
                        seen.push((
                            edge.provider,
                            std::cmp::Reverse(edge.score_per_unit),
                            e as u32,
                        ));
                    }
                }
            }
            seen.sort_unstable();
            for w in seen.windows(2) {
                if w[0].0 == w[1].0 {
                    self.units[w[1].2 as usize] = 0;
                }
            }
        }
    }

    /// Step 3: a need is served iff all its core roles are complete; others lose their units.
    fn drop_incomplete(&mut self) {
        for (n, need) in self.problem.needs.iter().enumerate() {
            let complete = need.roles().all(|r| {
                let role = &self.problem.roles[r];
                !is_core(self.problem, role) || self.role_units(r) == i128::from(role.demand)
            });
            self.served[n] = complete;
            if !complete {
                for r in need.roles() {
                    let range = self.problem.role_edge_range(r);
                    self.units[range].iter_mut().for_each(|u| *u = 0);
                }
            }
        }
    }

    /// Step 4: over-full providers, then over-full shared resources, give back units, lowest
    /// score first.
    fn fix_capacity(&mut self) {
        for p in 0..self.problem.providers.len() {
            let capacity = i128::from(self.problem.providers[p].capacity);
            if self.used[p] > capacity {
                let edges = self.provider_edges(p).to_vec();
                self.give_back(
                    edges,
                    |r| r.used[p] - capacity,
                    |r, e| i128::from(r.problem.edges[e].usage_per_unit),
                );
            }
        }
        for s in 0..self.shared_edges.len() {
            let capacity = i128::from(self.problem.shared[s].capacity);
            if self.shared_used[s] > capacity {
                let edges = self.shared_edges[s].clone();
                self.give_back(
                    edges,
                    |r| r.shared_used[s] - capacity,
                    |r, e| {
                        let draw = r
                            .problem
                            .edge_shared(e)
                            .iter()
                            .find(|d| d.resource as usize == s);
                        draw.map_or(1, |d| i128::from(d.per_unit))
                    },
                );
            }
        }
    }

    /// Takes units off `edges` (those with units; lowest score first, ties: higher index
    /// first) until `excess` is no longer positive; a unit of edge `e` frees `per_unit(e)`.
    fn give_back(
        &mut self,
        mut edges: Vec<u32>,
        excess: impl Fn(&Self) -> i128,
        per_unit: impl Fn(&Self, usize) -> i128,
    ) {
        edges.retain(|&e| self.units[e as usize] > 0);
        edges.sort_by_key(|&e| {
            let edge = &self.problem.edges[e as usize];
            (edge.score_per_unit, std::cmp::Reverse(e))
        });
        for e in edges {
            let (e, over) = (e as usize, excess(self));
            if over <= 0 {
                break;
            }
            let unit = per_unit(self, e);
            let cut = i128::from(self.units[e]).min((over + unit - 1) / unit);
            self.units[e] -= cut as i64;
            self.charge(e, -cut);
        }
    }

    /// Adds `units` of edge `e` (negative: removes) to its provider's and its shared
    /// resources' use.
    fn charge(&mut self, e: usize, units: i128) {
        let problem = self.problem;
        let edge = &problem.edges[e];
        self.used[edge.provider as usize] += units * i128::from(edge.usage_per_unit);
        for d in problem.edge_shared(e) {
            self.shared_used[d.resource as usize] += units * i128::from(d.per_unit);
        }
    }

    /// Units of edge `e` its provider's and shared resources' residual capacity allows.
    fn room(&self, e: usize) -> i128 {
        let problem = self.problem;
        let edge = &problem.edges[e];
        let p = edge.provider as usize;
        let free = i128::from(problem.providers[p].capacity) - self.used[p];
        let mut fit = free / i128::from(edge.usage_per_unit);
        for d in problem.edge_shared(e) {
            let r = d.resource as usize;
            let free = i128::from(problem.shared[r].capacity) - self.shared_used[r];
            fit = fit.min(free / i128::from(d.per_unit));
        }
        fit
    }

    /// Step 5: no optional units of negative score, no served need with a negative total.
    fn drop_losses(&mut self) {
        for (n, need) in self.problem.needs.iter().enumerate() {
            if !self.served[n] {
                continue;
            }
            let mut total = i128::from(need.value);
            for r in need.roles() {
                let core = is_core(self.problem, &self.problem.roles[r]);
                for e in self.problem.role_edge_range(r) {
                    let score = self.problem.edges[e].score_per_unit;
                    if !core && score < 0 {
                        self.units[e] = 0;
                    }
                    total += i128::from(self.units[e]) * i128::from(score);
                }
            }
            if total < 0 {
                self.served[n] = false;
                for r in need.roles() {
                    let range = self.problem.role_edge_range(r);
                    self.units[range].iter_mut().for_each(|u| *u = 0);
                }
            }
        }
    }

    fn recompute_used(&mut self) {
        self.used.iter_mut().for_each(|u| *u = 0);
        self.shared_used.iter_mut().for_each(|u| *u = 0);
        for e in 0..self.units.len() {
            if self.units[e] > 0 {
                self.charge(e, i128::from(self.units[e]));
            }
        }
    }

    fn role_units(&self, r: usize) -> i128 {
        let range = self.problem.role_edge_range(r);
        self.units[range].iter().map(|&u| i128::from(u)).sum()
    }

    fn provider_edges(&self, p: usize) -> &[u32] {
        match (self.provider_start.get(p), self.provider_start.get(p + 1)) {
            (Some(&a), Some(&b)) => &self.by_provider[a..b],
            _ => &[],
        }
    }

    /// Step 6: serves what the residual capacity still allows, within `budget`.
    pub(crate) fn fill(&mut self, budget: &mut WorkBudget) {
        let mut order: Vec<u32> = (0..self.problem.needs.len() as u32).collect();
        order.sort_by_key(|&n| (std::cmp::Reverse(self.problem.needs[n as usize].value), n));
        for &n in &order {
            if !self.served[n as usize] {
                if !budget.try_charge(1 + 2 * self.need_edges(n as usize)) {
                    return;
                }
                self.attempts += 1;
                self.try_assemble(n as usize);
            }
        }
        for &n in &order {
            if self.served[n as usize] {
                if !budget.try_charge(1 + self.need_edges(n as usize)) {
                    return;
                }
                self.taken.clear();
                self.top_up_optional(n as usize);
            }
        }
    }

    /// Candidate edges of the roles of need `n`.
    fn need_edges(&self, n: usize) -> u64 {
        self.problem.needs[n]
            .roles()
            .map(|r| self.problem.role_edge_range(r).len() as u64)
            .sum()
    }

    /// Assembles need `n` from residual capacity; keeps it if it gains something.
    fn try_assemble(&mut self, n: usize) {
        let problem = self.problem;
        let need = &problem.needs[n];
        self.taken.clear();
        let mut gain = i128::from(need.value);
        for r in need.roles() {
            let role = &problem.roles[r];
            if !is_core(problem, role) {
                continue;
            }
            let before = self.taken.len();
            let left = self.fill_role(n, r, role.demand, true);
            let left = self.fill_role(n, r, left, false);
            if left > 0 {
                self.roll_back();
                return;
            }
            gain += self.taken_gain(before);
        }
        let before = self.taken.len();
        self.top_up_optional(n);
        gain += self.taken_gain(before);
        let has_core = need
            .roles()
            .any(|r| is_core(self.problem, &self.problem.roles[r]));
        if gain > 0 || (!has_core && gain >= 0) {
            self.served[n] = true;
        } else {
            self.roll_back();
        }
    }

    /// Adds positive-score units to the optional roles of need `n`.
    fn top_up_optional(&mut self, n: usize) {
        let problem = self.problem;
        for r in problem.needs[n].roles() {
            let role = &problem.roles[r];
            if is_core(problem, role) {
                continue;
            }
            let left = role.demand as i128 - self.role_units(r);
            let left = i64::try_from(left.max(0)).unwrap_or(0);
            self.fill_role(n, r, left, false);
        }
    }

    /// Puts up to `left` more units on role `r` of need `n`; returns the units still missing.
    /// With `hinted`, only hinted edges and at most their hint; otherwise every edge by score
    /// (optional roles: positive scores only).
    fn fill_role(&mut self, n: usize, r: usize, mut left: i64, hinted: bool) -> i64 {
        let problem = self.problem;
        let core = is_core(problem, &problem.roles[r]);
        for i in problem.role_edge_range(r) {
            if left == 0 {
                break;
            }
            let e = self.by_score[i] as usize;
            let edge = &problem.edges[e];
            if (hinted && self.hint[e] == 0) || (!core && edge.score_per_unit <= 0) {
                continue;
            }
            let room = if hinted { self.hint[e] } else { edge.max_units } - self.units[e];
            let p = edge.provider as usize;
            let take = i128::from(room.min(left)).min(self.room(e));
            if take <= 0 || self.provider_in_other_role(n, r, p) {
                continue;
            }
            let take = take as i64;
            self.units[e] += take;
            self.charge(e, i128::from(take));
            self.taken.push((e as u32, take));
            left -= take;
        }
        left
    }

    /// Whether `p` is one-role-per-need and already fills another role of need `n`.
    fn provider_in_other_role(&self, n: usize, r: usize, p: usize) -> bool {
        if !self.problem.providers[p].one_role_per_need {
            return false;
        }
        self.problem.needs[n].roles().any(|other| {
            let range = self.problem.role_edge_range(other);
            other != r
                && self.problem.edges[range.clone()]
                    .binary_search_by_key(&(p as u32), |e| e.provider)
                    .is_ok_and(|i| self.units[range.start + i] > 0)
        })
    }

    fn taken_gain(&self, from: usize) -> i128 {
        self.taken[from..]
            .iter()
            .map(|&(e, k)| {
                i128::from(k) * i128::from(self.problem.edges[e as usize].score_per_unit)
            })
            .sum()
    }

    fn roll_back(&mut self) {
        for i in 0..self.taken.len() {
            let (e, k) = self.taken[i];
            self.units[e as usize] -= k;
            self.charge(e as usize, -i128::from(k));
        }
        self.taken.clear();
    }

    /// The repaired solution; status `Optimal` when its objective reaches `bound`, otherwise
    /// `status`.
    pub(crate) fn finish(
        self,
        bound: Option<i64>,
        status: SolveStatus,
        mut stats: SolveStats,
    ) -> Solution {
        let uses = self
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| **u > 0)
            .map(|(e, &units)| EdgeUse {
                edge: e as u32,
                units,
            })
            .collect();
        stats.iterations += self.attempts;
        // The relaxations know nothing of coverage groups: their bound holds for the rest of
        // the objective, and the groups add at most every step.
        let groups = self.problem.max_group_reward();
        let bound = bound.and_then(|b| i64::try_from(i128::from(b) + groups).ok());
        let mut solution = Solution {
            uses,
            served: self.served,
            status: Some(status),
            bound,
            stats,
        };
        if bound.is_some_and(|b| i128::from(b) == self.problem.objective(&solution)) {
            solution.status = Some(SolveStatus::Optimal);
        }
        solution
    }
}
