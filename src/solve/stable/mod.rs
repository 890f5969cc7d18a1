//! Two-sided stable matching with capacities.

/// Why a preference instance was rejected.
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
}
