//! Validated two-sided preference instances.

use super::StableError;
use crate::error::Result;

/// Largest number of agents per side (indices are stored as `u32`).
pub const MAX_AGENTS: usize = (u32::MAX - 1) as usize;

/// One agent's capacity and strict ranking of agents of the other side (most preferred first).
///
/// Agents not in the list are unacceptable to it. A capacity of 0 is allowed (the agent never
/// matches); a capacity above the list length behaves like the list length.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgentPrefs {
    /// Most partners the agent may have.
    pub capacity: usize,
    /// Indices of acceptable agents of the other side, best first, no repeats.
    pub ranking: Vec<usize>,
}

impl AgentPrefs {
    /// An agent with `capacity` seats and the given ranking.
    pub fn new(capacity: usize, ranking: Vec<usize>) -> Self {
        AgentPrefs { capacity, ranking }
    }
}

/// One side's lists in compressed rows: agent `a` ranks `list[start[a]..start[a + 1]]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct SideLists {
    pub(super) start: Vec<usize>,
    pub(super) list: Vec<u32>,
    pub(super) capacity: Vec<usize>,
}

impl SideLists {
    /// Number of agents.
    pub(super) fn len(&self) -> usize {
        self.capacity.len()
    }

    /// The ranking of agent `a` (empty when out of range).
    pub(super) fn ranking(&self, a: usize) -> &[u32] {
        match (self.start.get(a), self.start.get(a + 1)) {
            (Some(&s), Some(&e)) => self.list.get(s..e).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Capacity of agent `a`, clamped to its list length (0 when out of range).
    pub(super) fn seats(&self, a: usize) -> usize {
        self.capacity
            .get(a)
            .map_or(0, |&c| c.min(self.ranking(a).len()))
    }

    /// Validates and packs `agents`, whose lists name agents in `0..others`.
    fn build(side: &'static str, agents: &[AgentPrefs], others: usize) -> Result<Self> {
        if agents.len() > MAX_AGENTS {
            return Err(StableError::TooManyAgents {
                side,
                count: agents.len(),
                limit: MAX_AGENTS,
            }
            .into());
        }
        let total = agents.iter().map(|a| a.ranking.len()).sum();
        let mut lists = SideLists {
            start: Vec::with_capacity(agents.len() + 1),
            list: Vec::with_capacity(total),
            capacity: agents.iter().map(|a| a.capacity).collect(),
        };
        // seen[o] = (agent + 1, position) of the latest mention of `o`, to find repeats in O(1).
        let mut seen = vec![(0usize, 0usize); others];
        lists.start.push(0);
        for (agent, prefs) in agents.iter().enumerate() {
            for (entry, &other) in prefs.ranking.iter().enumerate() {
                let slot = seen.get_mut(other).ok_or(StableError::UnknownAgent {
                    side,
                    agent,
                    entry,
                    other,
                })?;
                if slot.0 == agent + 1 {
                    return Err(StableError::DuplicateEntry {
                        side,
                        agent,
                        first: slot.1,
                        entry,
                        other,
                    }
                    .into());
                }
                *slot = (agent + 1, entry);
                lists.list.push(other as u32);
            }
            lists.start.push(lists.list.len());
        }
        Ok(lists)
    }
}

/// A validated two-sided preference instance: proposers and receivers, each with a capacity
/// and a strict ranking of the other side.
///
/// # Example
/// ```
/// use wushe::solve::stable::{AgentPrefs, StableInstance};
/// # fn main() -> Result<(), wushe::Error> {
/// // Two volunteers rank two agencies; agency 0 takes two volunteers.
/// let volunteers = [AgentPrefs::new(1, vec![0, 1]), AgentPrefs::new(1, vec![0])];
/// let agencies = [AgentPrefs::new(2, vec![1, 0]), AgentPrefs::new(1, vec![0])];
/// let instance = StableInstance::new(&volunteers, &agencies)?;
/// assert_eq!((instance.proposers(), instance.receivers()), (2, 2));
/// assert!(StableInstance::new(&volunteers, &[AgentPrefs::new(1, vec![7])]).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StableInstance {
    pub(super) proposers: SideLists,
    pub(super) receivers: SideLists,
}

impl StableInstance {
    /// Validates and packs both sides.
    ///
    /// # Errors
    /// [`StableError::UnknownAgent`] for an index not on the other side,
    /// [`StableError::DuplicateEntry`] for a repeated index in one list,
    /// [`StableError::TooManyAgents`] above [`MAX_AGENTS`] per side. The first problem found
    /// (proposers first, in index order) is reported.
    ///
    /// # Complexity
    /// O(proposers + receivers + total list length).
    pub fn new(proposers: &[AgentPrefs], receivers: &[AgentPrefs]) -> Result<Self> {
        let n_p = proposers.len().min(MAX_AGENTS + 1);
        let n_r = receivers.len().min(MAX_AGENTS + 1);
        Ok(StableInstance {
            proposers: SideLists::build("proposer", proposers, n_r)?,
            receivers: SideLists::build("receiver", receivers, n_p)?,
        })
    }

    /// A one-to-one instance (every capacity 1) from rankings.
    ///
    /// # Errors
    /// As [`StableInstance::new`].
    pub fn one_to_one(proposers: &[Vec<usize>], receivers: &[Vec<usize>]) -> Result<Self> {
        let side = |lists: &[Vec<usize>]| -> Vec<AgentPrefs> {
            lists
                .iter()
                .map(|l| AgentPrefs::new(1, l.clone()))
                .collect()
        };
        Self::new(&side(proposers), &side(receivers))
    }

    /// Number of proposers.
    pub fn proposers(&self) -> usize {
        self.proposers.len()
    }

    /// Number of receivers.
    pub fn receivers(&self) -> usize {
        self.receivers.len()
    }

    /// Ranking of proposer `p`, best first (empty when out of range).
    pub fn proposer_ranking(&self, p: usize) -> &[u32] {
        self.proposers.ranking(p)
    }

    /// Ranking of receiver `r`, best first (empty when out of range).
    pub fn receiver_ranking(&self, r: usize) -> &[u32] {
        self.receivers.ranking(r)
    }

    /// Capacity of proposer `p` as given (0 when out of range).
    pub fn proposer_capacity(&self, p: usize) -> usize {
        self.proposers.capacity.get(p).copied().unwrap_or(0)
    }

    /// Capacity of receiver `r` as given (0 when out of range).
    pub fn receiver_capacity(&self, r: usize) -> usize {
        self.receivers.capacity.get(r).copied().unwrap_or(0)
    }

    /// Total length of all preference lists of both sides.
    pub fn total_list_length(&self) -> usize {
        self.proposers.list.len() + self.receivers.list.len()
    }
}
