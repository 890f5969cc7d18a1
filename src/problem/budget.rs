//! The compile step's resource bounds: candidate edges in total and per provider, and a work
//! budget, each with a named error.

use crate::model::{Limits, ProviderId};

/// A compile stopped because the input would need more than a [`Limits`] bound allows.
///
/// The compile checks these bounds as it goes and stops at the first one reached, before
/// allocating beyond it; raise the limit ([`crate::problem::compile_with_limits`]) or split the
/// scenario (by township, by category) to go further.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LimitError {
    /// More candidate edges (eligible role–provider pairs) than
    /// [`Limits::max_candidate_edges`].
    #[error("more than {limit} candidate edges (max_candidate_edges): the scenario is too dense")]
    CandidateEdges {
        /// The limit.
        limit: usize,
    },
    /// One provider is eligible for more roles than [`Limits::max_edges_per_provider`].
    #[error("{provider} is eligible for more than {limit} roles (max_edges_per_provider)")]
    ProviderEdges {
        /// The provider.
        provider: ProviderId,
        /// The limit.
        limit: usize,
    },
    /// The compile needs more elementary steps than [`Limits::max_compile_work`].
    #[error("compile needs more than {budget} steps (max_compile_work), at least {needed}")]
    CompileWork {
        /// Steps needed (a lower bound when counted along the way).
        needed: u64,
        /// The budget.
        budget: u64,
    },
}

/// Counts edges and work against the limits of one compile.
#[derive(Debug)]
pub(super) struct CompileBudget {
    limits: Limits,
    edges: usize,
    per_provider: Vec<u32>,
    work: u64,
}

impl CompileBudget {
    /// A budget for `providers` providers under `limits`.
    pub(super) fn new(limits: &Limits, providers: usize) -> Self {
        CompileBudget {
            limits: *limits,
            edges: 0,
            per_provider: vec![0; providers],
            work: 0,
        }
    }

    /// Spends `steps` of work.
    ///
    /// # Errors
    /// [`LimitError::CompileWork`] when the total goes above the budget.
    pub(super) fn spend(&mut self, steps: u64) -> Result<(), LimitError> {
        self.work = self.work.saturating_add(steps);
        if self.work > self.limits.max_compile_work {
            return Err(LimitError::CompileWork {
                needed: self.work,
                budget: self.limits.max_compile_work,
            });
        }
        Ok(())
    }

    /// Counts one more edge of `provider` (index `index`).
    ///
    /// # Errors
    /// [`LimitError::CandidateEdges`] or [`LimitError::ProviderEdges`] when this edge would be
    /// one above its limit.
    pub(super) fn edge(&mut self, index: usize, provider: ProviderId) -> Result<(), LimitError> {
        if self.edges >= self.limits.max_candidate_edges {
            return Err(LimitError::CandidateEdges {
                limit: self.limits.max_candidate_edges,
            });
        }
        if let Some(count) = self.per_provider.get_mut(index) {
            if *count as usize >= self.limits.max_edges_per_provider {
                return Err(LimitError::ProviderEdges {
                    provider,
                    limit: self.limits.max_edges_per_provider,
                });
            }
            *count = count.saturating_add(1);
        }
        self.edges += 1;
        Ok(())
    }

    /// Counts `draws` shared-resource draws against the candidate-edge limit (each is kept
    /// beside its edge, like one more edge).
    ///
    /// # Errors
    /// [`LimitError::CandidateEdges`] when the draws would take the total above the limit.
    pub(super) fn draws(&mut self, draws: usize) -> Result<(), LimitError> {
        let total = self.edges.saturating_add(draws);
        if total > self.limits.max_candidate_edges {
            return Err(LimitError::CandidateEdges {
                limit: self.limits.max_candidate_edges,
            });
        }
        self.edges = total;
        Ok(())
    }
}
