//! Explanations a caseworker can act on: for every unmet need, who blocked it and the
//! cheapest verified changes that would have served it; for every served need, each
//! provider's score term by term against the runner-up.
//!
//! Explanations are computed from the compiled problem and the plan's solution, not inside
//! the strategies (the strategies only re-solve what-if problems). They serialize to the
//! versioned format of [`crate::docs::explain_format`].
//!
//! ```
//! use wushe::plan::explain::{ExplainOptions, Explainer};
//! use wushe::problem::compile;
//! use wushe::{MatchPolicy, StrategyKind};
//! # fn main() -> Result<(), wushe::Error> {
//! let scenario = wushe::demo::scarce_worker(); // one free case, two needs
//! let compiled = compile(&scenario, &MatchPolicy::default())?;
//! let explainer = Explainer::solve(&compiled, StrategyKind::Greedy, ExplainOptions::default())?;
//! let explanations = explainer.explain_all()?;
//! let unmet = &explanations.unmet[0];
//! // the worker's case went to the other need; one more case for the worker serves this one
//! assert_eq!(unmet.roles[0].nearest_eligible[0].taken_by.len(), 1);
//! let fix = &unmet.relaxations[0];
//! let mut changed = scenario.clone();
//! fix.apply(&mut changed)?;
//! let plan = wushe::match_scenario(&changed, &MatchPolicy::default(), StrategyKind::Greedy)?;
//! assert!(plan.served.contains(&unmet.need));
//! # Ok(()) }
//! ```
//!
//! # Blocking reasons by provider
//! For each core role of an unmet need ([`RoleBlock`]): the [`ExplainOptions::nearest`]
//! nearest eligible providers, each with the capacity it had left and, when that was too
//! little, the needs (ids and risk tiers) whose assignments used it; and the `nearest`
//! nearest providers of the role's kind that fail a rule, each with *every* rule it fails in
//! the order of `docs/rules.md` (from [`crate::rules::lead_worker_failures`] and its
//! siblings), so a worker shown as "licence too low" is also shown unvetted. Workers and
//! volunteers are ordered by travel distance to the need's community (unreachable last),
//! organizations and funds by the number of rules they fail; ties by provider order.
//!
//! # Relaxations
//! The changes considered ([`Change`]): `+k` km of radius for a worker or volunteer, more
//! cases for a worker or organization, more weekly minutes for a volunteer, a vetting renewal
//! (or completion of a pending check) and accident insurance through the need's window,
//! allowing a fund for the need's category, community or a group of the resident (its
//! earmark), and a larger fund balance. Licences, skills, ages, slots, service areas, fund
//! validity, failed vettings and related parties are never relaxed: they are facts or law.
//!
//! Candidates: a core role is *short* by its demand minus what its eligible providers had
//! left after the plan. One *option* changes one provider so it can give the role one more
//! person (or a material role its whole shortfall): more capacity for an eligible provider the
//! plan used up, or, for a rejected provider whose every failed rule is fixable, all those
//! fixes plus any capacity it lacks. A role short by `s` persons takes the `s` cheapest
//! options (then variants swapping the last); a need's candidates combine one option per
//! short role (never the same person for two roles); a need with no short role gets one
//! option of any core role. A [`Relaxation`] is reported only when it is **verified**:
//! applied to copies of its providers, the problem patched exactly as compiling the changed
//! scenario would give it ([`Explainer::relaxed_problem`] equals `compile(changed)`),
//! re-solved with the plan's strategy, and the need is served.
//!
//! ## Cost model
//! A relaxation costs the sum of its changes, in points ([`RelaxationCosts`]):
//!
//! | change | default cost |
//! |---|---|
//! | `+k` km of travel radius | 2 per km |
//! | `k` more cases for a worker or organization | 20 per case |
//! | `m` more weekly minutes for a volunteer | 1 per started 10 minutes |
//! | a vetting renewal (or completing a pending check) | 15 |
//! | accident insurance | 5 |
//! | allowing a fund for the need's category, community or group | 40 per earmark axis (it needs the donor's consent) |
//! | a larger fund balance | 1 per started ¥100 (10,000 fen), or per unit of goods |
//!
//! So one more case costs about as much as 10 km more travel or 3 hours more volunteering a
//! week, and relaxing an earmark as much as two more cases. Ties are broken by the changes'
//! order; a relaxation that only adds more of the same changes to a cheaper one reported
//! before it is not reported.
//!
//! ## Work budget ([`ExplainBudget`])
//! | knob | default | meaning |
//! |---|---|---|
//! | `tries_per_need` | 4 | candidates re-solved per unmet need |
//! | `reported` | 3 | verified relaxations listed per need, cheapest first |
//! | `max_resolves` | 12,000 | total re-solves of restricted problems (greedy) |
//! | `max_whole_resolves` | 4 | total re-solves of whole problems (other strategies) |
//!
//! The tries alternate between the cheapest *minimal* candidates (just what the need lacks)
//! and the cheapest *covering* ones, which add capacity also for the needs the strategy
//! serves first that have an edge to the provider (otherwise those take the new capacity: in
//! a county short of workers, one more case goes to the next need in line, not to this one).
//! The total is given out to needs in priority order (value descending, ties by index), so
//! the most urgent needs are explained first; a need cut short says so
//! ([`RelaxationSearch::cut_by_budget`]).
//!
//! A candidate shared by several needs is re-solved once for all of them. The greedy strategy
//! is verified on a restricted problem ([`Verification::GreedyPrefix`]): the needs of the
//! changed problem's candidate components that hold the need and that greedy tries no later
//! than it (by the changed need values: the lexicographic tier bonuses are recomputed as
//! compiling the changed scenario does). Greedy decides each need at its turn from the
//! capacity the needs before it left, so this gives exactly the answer of re-solving the
//! whole changed problem (tested against `match_scenario` on the changed scenario, for
//! candidates that serve and candidates that do not). The other strategies (prices, cost
//! scaling, local search and tie-breaks across the whole problem) have no provably equivalent
//! restriction: each verification re-solves the whole problem, hence their small budget.
//!
//! Measured on the default county (3,000 needs; release build on 2 cores shared with other
//! jobs, load average about 6): under greedy, explaining every need — 1,615 unmet, 2,401
//! distinct candidates re-solved, 790 needs with a verified relaxation — takes 4.4 s of CPU
//! (8.5 s wall on the loaded machine), 0.6 s of it without re-solving. Under the default
//! decomposition one whole re-solve takes about 1.3 s of CPU, so its budget of 4 verifies the
//! candidates of the most urgent needs only; the blocking providers are given for all.
//!
//! # Served needs
//! For every assignment ([`RoleChoice`]): its score term by term, and the runner-up — the
//! best-scoring eligible provider of the role that was not chosen for it — with its score,
//! the difference, and whether it filled another role of the need, had no capacity left, or
//! still had capacity; or [`Versus::OnlyEligible`].
//!
//! # Determinism
//! Candidates and verdicts are computed in parallel (rayon) and collected in index order;
//! the budget is allocated sequentially before any re-solve. The same input gives the same
//! explanations, byte for byte, for any thread count.

mod blocking;
mod candidates;
mod change;
mod context;
mod options;
mod reasons;
mod served;
mod types;
mod verify;

pub use change::{Change, ExplainError, Relaxation};
pub use options::{ExplainBudget, ExplainOptions, RelaxationCosts};
pub use types::{
    EXPLANATIONS_FORMAT, EXPLANATIONS_VERSION, EligibleProvider, ExplainWork, Explanations,
    NeedExplanation, RejectedProvider, RelaxationSearch, RoleBlock, RoleChoice, RunnerUpState,
    ServedExplanation, Taker, UnmetExplanation, Verification, Versus,
};

pub(crate) use reasons::unmet_needs;

use rayon::prelude::*;

use crate::error::Result;
use crate::model::NeedId;
use crate::problem::{Compiled, Problem, Solution};
use crate::solve::StrategyKind;

use context::Context;

/// Explains a plan: built from the compiled problem, the strategy's solution and the
/// strategy (which re-solves every candidate relaxation).
///
/// # Example
/// See the [module docs](self).
pub struct Explainer<'c, 's> {
    context: Context<'c, 's>,
}

impl<'c, 's> Explainer<'c, 's> {
    /// The explainer of `solution`, which `strategy` (with default knobs) returned for
    /// `compiled.problem()`.
    ///
    /// # Complexity
    /// O(E log E + P + N log N) for E edges, P providers and N needs, plus one Dijkstra per
    /// community with a need.
    pub fn new(
        compiled: &'c Compiled<'s>,
        solution: &Solution,
        strategy: StrategyKind,
        options: ExplainOptions,
    ) -> Self {
        Explainer {
            context: Context::new(compiled, solution, strategy, options),
        }
    }

    /// Solves `compiled` with `strategy` and returns the explainer of its solution.
    ///
    /// # Errors
    /// The strategy's errors (an inconsistent problem).
    pub fn solve(
        compiled: &'c Compiled<'s>,
        strategy: StrategyKind,
        options: ExplainOptions,
    ) -> Result<Self> {
        let solution = strategy.build().solve(compiled.problem())?;
        Ok(Explainer::new(compiled, &solution, strategy, options))
    }

    /// Explains every need.
    ///
    /// # Errors
    /// A re-solve's errors (not expected for a compiled problem).
    pub fn explain_all(&self) -> Result<Explanations> {
        let all: Vec<usize> = (0..self.context.problem().needs.len()).collect();
        self.explain_indices(&all)
    }

    /// Explains the needs `needs` (each once, in id order in the result).
    ///
    /// # Errors
    /// [`ExplainError::UnknownNeed`] for an id not in the scenario; a re-solve's errors.
    pub fn explain_needs(&self, needs: &[NeedId]) -> Result<Explanations> {
        let mut indices = needs
            .iter()
            .map(|&id| self.index_of(id))
            .collect::<Result<Vec<usize>>>()?;
        indices.sort_unstable();
        indices.dedup();
        self.explain_indices(&indices)
    }

    /// Explains one need.
    ///
    /// # Errors
    /// As [`Self::explain_needs`].
    pub fn explain_need(&self, need: NeedId) -> Result<NeedExplanation> {
        let mut explanations = self.explain_needs(&[need])?;
        match (explanations.served.pop(), explanations.unmet.pop()) {
            (Some(served), _) => Ok(NeedExplanation::Served(served)),
            (None, Some(unmet)) => Ok(NeedExplanation::Unmet(unmet)),
            (None, None) => Err(ExplainError::UnknownNeed { need }.into()),
        }
    }

    /// The candidate relaxations of an unmet need, cheapest first, at most
    /// [`ExplainBudget::tries_per_need`], not yet verified (empty for a served need).
    ///
    /// # Errors
    /// [`ExplainError::UnknownNeed`].
    pub fn candidates(&self, need: NeedId) -> Result<Vec<Relaxation>> {
        let i = self.index_of(need)?;
        Ok(if self.context.served[i] {
            Vec::new()
        } else {
            self.context.candidates(i)
        })
    }

    /// Whether `need` is served when `relaxation` is applied to the scenario and the plan
    /// recomputed with the explainer's strategy (a what-if for any change set).
    ///
    /// # Errors
    /// [`ExplainError::UnknownNeed`], [`ExplainError::UnknownProvider`] and the errors of a
    /// change that does not fit its provider; a re-solve's errors.
    pub fn would_serve(&self, need: NeedId, relaxation: &Relaxation) -> Result<bool> {
        let i = self.index_of(need)?;
        self.context.serves(i, relaxation)
    }

    /// The problem of the scenario with `relaxation` applied, patched from the compiled one:
    /// equal to `compile(changed scenario).problem()`.
    ///
    /// # Errors
    /// As [`Relaxation::apply`].
    pub fn relaxed_problem(&self, relaxation: &Relaxation) -> Result<Problem> {
        self.context.relaxed_problem(relaxation)
    }

    fn index_of(&self, need: NeedId) -> Result<usize> {
        self.context
            .need_index
            .get(&need)
            .copied()
            .ok_or_else(|| ExplainError::UnknownNeed { need }.into())
    }

    fn explain_indices(&self, indices: &[usize]) -> Result<Explanations> {
        let c = &self.context;
        let (unmet_idx, served_idx): (Vec<usize>, Vec<usize>) =
            indices.iter().partition(|&&i| !c.served[i]);
        let (found, work) = c.search(&unmet_idx)?;
        let mut unmet: Vec<UnmetExplanation> = unmet_idx
            .par_iter()
            .zip(found)
            .map(|(&i, f)| UnmetExplanation {
                need: c.problem().need_ids[i],
                risk: c.risk(i),
                reasons: c.reasons.reasons(i),
                roles: c.role_blocks(i),
                relaxations: f.relaxations,
                search: f.search,
            })
            .collect();
        unmet.sort_by_key(|u| u.need);
        let mut served: Vec<ServedExplanation> = served_idx
            .par_iter()
            .filter_map(|&i| c.served_explanation(i))
            .collect();
        served.sort_by_key(|s| s.need);
        Ok(Explanations {
            format: EXPLANATIONS_FORMAT.to_owned(),
            version: EXPLANATIONS_VERSION,
            scenario: c.compiled.scenario.name.clone(),
            strategy: c.strategy.name().to_owned(),
            options: c.options.clone(),
            work,
            served,
            unmet,
        })
    }
}
