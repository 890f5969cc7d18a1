//! The result type and the independent stability checker.

use super::{StableError, StableInstance};
use crate::error::Result;

/// A set of (proposer, receiver) pairs, each pair at most once, with each agent's partners.
///
/// Pairs are always `(proposer, receiver)`, whichever side proposed; they are sorted, and each
/// agent's partner list is sorted by index.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct StableMatching {
    pairs: Vec<(usize, usize)>,
    proposer_partners: Vec<Vec<usize>>,
    receiver_partners: Vec<Vec<usize>>,
}

impl StableMatching {
    /// Builds a matching between `proposers` and `receivers` agents from pairs in any order
    /// (for checking a matching from elsewhere with [`blocking_pairs`]).
    ///
    /// # Errors
    /// [`StableError::PairOutOfRange`] or [`StableError::DuplicatePair`]. Capacities and
    /// acceptability are not checked here.
    pub fn from_pairs(
        proposers: usize,
        receivers: usize,
        mut pairs: Vec<(usize, usize)>,
    ) -> Result<Self> {
        if let Some(&(proposer, receiver)) = pairs
            .iter()
            .find(|&&(p, r)| p >= proposers || r >= receivers)
        {
            return Err(StableError::PairOutOfRange {
                proposer,
                receiver,
                proposers,
                receivers,
            }
            .into());
        }
        pairs.sort_unstable();
        if let Some(w) = pairs.windows(2).find(|w| w[0] == w[1]) {
            let (proposer, receiver) = w[0];
            return Err(StableError::DuplicatePair { proposer, receiver }.into());
        }
        Ok(Self::from_sorted(proposers, receivers, pairs))
    }

    /// Builds the per-agent lists from sorted, distinct, in-range pairs.
    pub(super) fn from_sorted(
        proposers: usize,
        receivers: usize,
        pairs: Vec<(usize, usize)>,
    ) -> Self {
        debug_assert!(pairs.windows(2).all(|w| w[0] < w[1]));
        let mut proposer_partners = vec![Vec::new(); proposers];
        let mut receiver_partners = vec![Vec::new(); receivers];
        for &(p, r) in &pairs {
            if let (Some(lp), Some(lr)) =
                (proposer_partners.get_mut(p), receiver_partners.get_mut(r))
            {
                lp.push(r);
                lr.push(p);
            }
        }
        StableMatching {
            pairs,
            proposer_partners,
            receiver_partners,
        }
    }

    /// All pairs `(proposer, receiver)`, sorted.
    pub fn pairs(&self) -> &[(usize, usize)] {
        &self.pairs
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether no pair is matched.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Receivers matched to proposer `p`, by index (empty when out of range).
    pub fn proposer_partners(&self, p: usize) -> &[usize] {
        self.proposer_partners.get(p).map_or(&[], Vec::as_slice)
    }

    /// Proposers matched to receiver `r`, by index (empty when out of range).
    pub fn receiver_partners(&self, r: usize) -> &[usize] {
        self.receiver_partners.get(r).map_or(&[], Vec::as_slice)
    }
}

impl std::fmt::Display for StableMatching {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let matched = |lists: &[Vec<usize>]| lists.iter().filter(|l| !l.is_empty()).count();
        write!(
            f,
            "{} pairs; {} of {} proposers and {} of {} receivers matched",
            self.pairs.len(),
            matched(&self.proposer_partners),
            self.proposer_partners.len(),
            matched(&self.receiver_partners),
            self.receiver_partners.len()
        )
    }
}

/// Every unmatched pair `(p, r)` that blocks `matching`: both list each other, and each has a
/// free seat (fewer partners than its capacity) or prefers the other to its worst partner.
/// Returns them sorted; empty means `matching` is (pairwise) stable.
///
/// This checker shares no code with [`super::DeferredAcceptance`]: it joins the two sides'
/// lists by sorting. A matched pair that is not mutually acceptable counts, for its agents, as
/// a partner worse than any acceptable one; capacities are taken as given. Pairs naming
/// agents outside `instance` are ignored.
///
/// # Example
/// ```
/// use wushe::solve::stable::{blocking_pairs, StableInstance, StableMatching};
/// # fn main() -> Result<(), wushe::Error> {
/// let inst = StableInstance::one_to_one(&[vec![0, 1], vec![0, 1]], &[vec![0, 1], vec![0, 1]])?;
/// let bad = StableMatching::from_pairs(2, 2, vec![(0, 1), (1, 0)])?;
/// assert_eq!(blocking_pairs(&inst, &bad), vec![(0, 0)]);
/// # Ok(()) }
/// ```
///
/// # Complexity
/// O(L log L) time and O(L) space for total list length `L`.
pub fn blocking_pairs(instance: &StableInstance, matching: &StableMatching) -> Vec<(usize, usize)> {
    let mutual = mutual_pairs(instance);
    let rank_of = |p: usize, r: usize| {
        mutual
            .binary_search_by(|m| (m.0, m.1).cmp(&(p, r)))
            .ok()
            .and_then(|i| mutual.get(i))
            .map(|m| (m.2, m.3))
    };
    let (n_p, n_r) = (instance.proposers(), instance.receivers());
    // (partners, worst rank) per agent; an unacceptable partner ranks usize::MAX.
    let mut prop_state = vec![(0usize, 0usize); n_p];
    let mut recv_state = vec![(0usize, 0usize); n_r];
    for &(p, r) in matching.pairs() {
        let (rank_p, rank_r) = rank_of(p, r).unwrap_or((usize::MAX, usize::MAX));
        if let (Some(sp), Some(sr)) = (prop_state.get_mut(p), recv_state.get_mut(r)) {
            *sp = (sp.0 + 1, sp.1.max(rank_p));
            *sr = (sr.0 + 1, sr.1.max(rank_r));
        }
    }
    let wants = |state: (usize, usize), capacity: usize, rank: usize| {
        state.0 < capacity || (state.0 > 0 && rank < state.1)
    };
    let mut blocking = Vec::new();
    for &(p, r, rank_p, rank_r) in &mutual {
        let matched = matching.proposer_partners(p).binary_search(&r).is_ok();
        if !matched
            && wants(prop_state[p], instance.proposer_capacity(p), rank_p)
            && wants(recv_state[r], instance.receiver_capacity(r), rank_r)
        {
            blocking.push((p, r));
        }
    }
    blocking
}

/// Mutually acceptable pairs `(p, r, rank of r for p, rank of p for r)`, sorted by `(p, r)`.
fn mutual_pairs(instance: &StableInstance) -> Vec<(usize, usize, usize, usize)> {
    let mut from_p: Vec<(usize, usize, usize)> = Vec::new();
    for p in 0..instance.proposers() {
        let ranking = instance.proposer_ranking(p);
        from_p.extend(ranking.iter().enumerate().map(|(k, &r)| (p, r as usize, k)));
    }
    let mut from_r: Vec<(usize, usize, usize)> = Vec::new();
    for r in 0..instance.receivers() {
        let ranking = instance.receiver_ranking(r);
        from_r.extend(ranking.iter().enumerate().map(|(k, &p)| (p as usize, r, k)));
    }
    from_p.sort_unstable();
    from_r.sort_unstable();
    let mut mutual = Vec::new();
    let (mut i, mut j) = (0, 0);
    while let (Some(a), Some(b)) = (from_p.get(i), from_r.get(j)) {
        match (a.0, a.1).cmp(&(b.0, b.1)) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                mutual.push((a.0, a.1, a.2, b.2));
                i += 1;
                j += 1;
            }
        }
    }
    mutual
}
