//! Two-sided stable matching with capacities.
//!
//! Two sides of agents — by convention *proposers* (volunteers, residents) and *receivers*
//! (agencies, hospitals) — rank some agents of the other side in strict order and have a
//! capacity. A pair can match only if both list each other, each pair matches at most once, and
//! no agent has more partners than its capacity.
//!
//! | item | what it does |
//! |---|---|
//! | [`StableInstance`] | validated preference lists and capacities ([`AgentPrefs`] per agent) |
//! | [`DeferredAcceptance`] | capacitated Gale–Shapley; either side may propose ([`ProposingSide`]) |
//! | [`StableMatching`] | the pairs, sorted, and each agent's partners |
//! | [`blocking_pairs`] | independent stability checker |
//!
//! Stability here is *pairwise* stability: no unmatched, mutually acceptable pair `(p, r)`
//! where each side either has a free seat or prefers the other to its worst current partner.
//! Preferences over sets of partners are *responsive*: a set is judged partner by partner by
//! the agent's ranking.

mod deferred_acceptance;
mod instance;
mod matching;

pub use deferred_acceptance::{DeferredAcceptance, ProposingSide};
pub use instance::{AgentPrefs, MAX_AGENTS, StableInstance};
pub use matching::{StableMatching, blocking_pairs};

/// Why a preference instance or a matching was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StableError {
    /// A preference list names an agent that does not exist on the other side.
    #[error("{side} {agent}: preference entry {entry} names unknown agent {other}")]
    UnknownAgent {
        /// `"proposer"` or `"receiver"`.
        side: &'static str,
        /// Agent index.
        agent: usize,
        /// Position in its list.
        entry: usize,
        /// The unknown index.
        other: usize,
    },
    /// A preference list names the same agent twice (preferences must be strict).
    #[error("{side} {agent}: entries {first} and {entry} both name agent {other}")]
    DuplicateEntry {
        /// `"proposer"` or `"receiver"`.
        side: &'static str,
        /// Agent index.
        agent: usize,
        /// Position of the first occurrence.
        first: usize,
        /// Position of the repeated occurrence.
        entry: usize,
        /// The repeated index.
        other: usize,
    },
    /// A side has more agents than [`MAX_AGENTS`].
    #[error("too many {side}s: {count} (limit {limit})")]
    TooManyAgents {
        /// `"proposer"` or `"receiver"`.
        side: &'static str,
        /// Agents given.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A matching names an agent outside the sides' sizes.
    #[error("pair ({proposer}, {receiver}) is out of range ({proposers} x {receivers} agents)")]
    PairOutOfRange {
        /// Proposer index given.
        proposer: usize,
        /// Receiver index given.
        receiver: usize,
        /// Number of proposers.
        proposers: usize,
        /// Number of receivers.
        receivers: usize,
    },
    /// A matching lists the same pair twice (a pair matches at most once).
    #[error("pair ({proposer}, {receiver}) is listed twice")]
    DuplicatePair {
        /// Proposer index.
        proposer: usize,
        /// Receiver index.
        receiver: usize,
    },
}
