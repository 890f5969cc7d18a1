//! The primal side's plans: needs in an order, each served with its best team at prices,
//! providers ranked by reduced score; which plans are built during the subgradient loop.

use crate::problem::{Problem, Solution};

use super::state::TeamState;
use super::{Run, prices};

/// Edge `e`'s reduced score at prices `mu`: `s_e − μ_p·w_e`, the order in which plans take
/// providers (a provider others need is left to them).
pub(super) fn reduced_score<'a>(problem: &'a Problem, mu: &'a [f64]) -> impl Fn(usize) -> f64 + 'a {
    let prices = prices::Prices::of(problem, mu);
    move |e| prices::edge_score_at(problem, &prices, e)
}

/// A plan-building key compared by [`f64::total_cmp`].
#[derive(Debug, Clone, Copy)]
struct Key(f64);

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.0.total_cmp(&other.0).is_eq()
    }
}

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Per need: the reduced score of its best team at prices `mu`, its relaxed profit
/// `π_n(μ)` less its value and its group's multiplier (`−∞` when a core role cannot be
/// filled).
fn team_scores(problem: &Problem, mu: &[f64], profit: &[f64]) -> Vec<f64> {
    let prices = prices::Prices::of(problem, mu);
    let groups = problem.need_groups();
    profit
        .iter()
        .enumerate()
        .map(|(n, &p)| {
            let eta = groups[n].map_or(0.0, |g| prices.eta.get(g as usize).copied().unwrap_or(0.0));
            p - problem.needs[n].value as f64 - eta
        })
        .collect()
}

/// The empty plan with every role's providers ordered by reduced score at prices `mu`.
fn ordered_empty<'p>(problem: &'p Problem, mu: &[f64]) -> TeamState<'p> {
    let mut state = TeamState::new(problem);
    state.order_roles(reduced_score(problem, mu));
    state
}

/// A plan built from the empty state `state` (its roles already ordered), needs in `order`.
/// With coverage groups the needs go by their current worth instead (a need's worth depends
/// on how many of its group are served), plus `team_score[n]` when given: the reduced score
/// of need `n`'s best team at the prices, so that a need whose team takes scarce providers
/// waits behind one of equal worth whose team does not.
fn build_plan<'p>(
    problem: &'p Problem,
    mut state: TeamState<'p>,
    order: &[usize],
    team_score: Option<&[f64]>,
) -> TeamState<'p> {
    if problem.groups.is_empty() {
        for &need in order {
            state.try_insert(need, 0);
        }
        return state;
    }
    // Take needs by their current key, re-queueing stale entries.
    let mut rank = vec![0usize; problem.needs.len()];
    for (i, &n) in order.iter().enumerate() {
        rank[n] = i;
    }
    let key = |state: &TeamState<'p>, n: usize| {
        let team = team_score.map_or(0.0, |t| t.get(n).copied().unwrap_or(0.0));
        Key(state.worth(n) as f64 + team)
    };
    let mut queue: std::collections::BinaryHeap<(Key, std::cmp::Reverse<usize>, usize)> = order
        .iter()
        .map(|&n| (key(&state, n), std::cmp::Reverse(rank[n]), n))
        .collect();
    while let Some((was, tie, need)) = queue.pop() {
        let now = key(&state, need);
        if now < was {
            queue.push((now, tie, need));
        } else {
            state.try_insert(need, 0);
        }
    }
    state
}

impl<'p> Run<'p> {
    /// A plan built at prices `mu`: needs by value, providers by reduced score.
    pub(super) fn construct(&mut self, mu: &[f64], order: &[usize]) -> TeamState<'p> {
        let empty = ordered_empty(self.problem, mu);
        self.construct_from(empty, order, None)
    }

    /// [`build_plan`], counting its work.
    fn construct_from(
        &mut self,
        state: TeamState<'p>,
        order: &[usize],
        team_score: Option<&[f64]>,
    ) -> TeamState<'p> {
        self.work = self.work.saturating_add(self.problem.edges.len() as u64);
        build_plan(self.problem, state, order, team_score)
    }

    /// Plans at prices `mu` with the needs by value and by their profit at the prices
    /// (`profit`, from the relaxation), offering both. The two plans are built side by side
    /// (each is deterministic; the better one wins, the first on a tie, as in sequence).
    pub(super) fn construct_both(&mut self, mu: &[f64], profit: &[f64]) {
        let problem = self.problem;
        let by_value = &self.by_value;
        let empty = ordered_empty(problem, mu);
        let copy = empty.clone();
        let (by_value_plan, by_profit_plan) = rayon::join(
            move || build_plan(problem, copy, by_value, None),
            move || {
                let mut by_profit = by_value.clone();
                by_profit.sort_by(|&a, &b| profit[b].total_cmp(&profit[a]).then(a.cmp(&b)));
                let team = (!problem.groups.is_empty()).then(|| team_scores(problem, mu, profit));
                build_plan(problem, empty, &by_profit, team.as_deref())
            },
        );
        self.work = self.work.saturating_add(2 * problem.edges.len() as u64);
        self.offer(by_value_plan);
        self.offer(by_profit_plan);
    }

    /// Keeps `plan` if it beats the best so far.
    pub(super) fn offer(&mut self, plan: TeamState<'p>) {
        if plan.objective > self.best.objective {
            let stats = std::mem::take(&mut self.best.stats);
            self.best = plan;
            self.best.stats.iterations += stats.iterations;
        }
    }

    /// Whether step `step` of a loop of `steps` builds a plan: every
    /// [`LagrangianDecomposition::primal_every`] steps, or more steps apart when
    /// [`LagrangianDecomposition::primal_work`] affords fewer plans than that over the loop
    /// (a plan visits each edge about once; spread over the loop, the plans also see the
    /// late, better prices), while the plans built so far have visited at most
    /// `primal_work` edges.
    pub(super) fn primal_due(&mut self, step: u32, steps: u64) -> bool {
        let edges = self.problem.edges.len().max(1) as u64;
        let affordable = (self.knobs.primal_work / edges).max(1);
        let spread = u32::try_from(steps.div_ceil(affordable)).unwrap_or(u32::MAX);
        let every = self.knobs.primal_every.max(spread).max(1);
        if step % every != 0 {
            return false;
        }
        // `plans == u64::MAX`: a warm run, which builds no plans by design
        let within = self.plans.saturating_mul(edges) <= self.knobs.primal_work;
        if !within && self.plans != u64::MAX {
            self.capped = true;
        }
        within
    }

    /// Offers the plan that starts from `seed`'s teams and adds the other needs by value at
    /// the best prices.
    pub(super) fn seed(&mut self, seed: &Solution) {
        let problem = self.problem;
        self.work = self.work.saturating_add(problem.edges.len() as u64);
        let mut state = TeamState::new(problem);
        let mu = &self.best_mu;
        state.order_roles(reduced_score(problem, mu));
        let uses = seed.uses_by_need(problem);
        for (need, served) in seed.served.iter().enumerate() {
            if *served {
                state.serve_with(need, &uses[need]);
            }
        }
        for &need in &self.by_value {
            state.try_insert(need, 0);
        }
        self.offer(state);
    }
}
