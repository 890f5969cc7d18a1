//! Capacitated deferred acceptance (Gale–Shapley) with either side proposing.

use super::instance::SideLists;
use super::{StableInstance, StableMatching};

/// Which side makes the offers. The proposing side gets its best stable matching.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum ProposingSide {
    /// The proposers propose (e.g. volunteers apply): proposer-optimal.
    #[default]
    Proposers,
    /// The receivers propose (e.g. agencies invite): receiver-optimal.
    Receivers,
}

/// Deferred acceptance (Gale–Shapley) with capacities on both sides.
///
/// Each agent of the proposing side offers its seats to the agents it ranks, best first, one
/// offer per agent at a time; a receiving agent tentatively holds the best offers up to its
/// capacity among those it finds acceptable and rejects the rest, possibly releasing an
/// earlier holder, who then continues down its list. When no agent with a free seat has
/// anyone left to ask, the held offers are the matching.
///
/// # Guarantee
/// The result is pairwise stable ([`super::blocking_pairs`] is empty), every pair is mutually
/// acceptable, no agent exceeds its capacity, and each pair matches at most once. With
/// responsive preferences the result is the proposing side's optimal stable matching: every
/// proposing agent weakly prefers it to any other stable matching (its `k`-th best partner is
/// at least as good as its `k`-th best partner there, for every `k`), and it is the receiving
/// side's worst. Deterministic: offers are processed in agent index order.
///
/// # Complexity
/// Every offer is made at most once, so O(L log c) time for total list length `L` and largest
/// capacity `c` (O(L) when receiving capacities are 1), and O(P + R + L) extra space.
///
/// # References
/// - D. Gale, L. S. Shapley, *College admissions and the stability of marriage*, American
///   Mathematical Monthly 69 (1962).
/// - A. E. Roth, *Stability and polarization of interests in job matching*, Econometrica 52
///   (1984) — many-to-many deferred acceptance and the optimality of the proposing side.
/// - D. Gusfield, R. W. Irving, *The Stable Marriage Problem: Structure and Algorithms*, MIT
///   Press (1989).
///
/// # Example
/// ```
/// use wushe::solve::stable::{
///     blocking_pairs, AgentPrefs, DeferredAcceptance, ProposingSide, StableInstance,
/// };
/// # fn main() -> Result<(), wushe::Error> {
/// // Volunteers 0..3 apply to agencies 0 (two seats) and 1 (one seat).
/// let volunteers = [
///     AgentPrefs::new(1, vec![0, 1]),
///     AgentPrefs::new(1, vec![0, 1]),
///     AgentPrefs::new(1, vec![0]),
/// ];
/// let agencies = [AgentPrefs::new(2, vec![2, 1, 0]), AgentPrefs::new(1, vec![0, 1])];
/// let instance = StableInstance::new(&volunteers, &agencies)?;
/// let matching = DeferredAcceptance::default().solve(&instance);
/// assert_eq!(matching.pairs(), &[(0, 1), (1, 0), (2, 0)]);
/// assert!(blocking_pairs(&instance, &matching).is_empty());
/// let agencies_first = DeferredAcceptance { proposing: ProposingSide::Receivers };
/// assert_eq!(agencies_first.solve(&instance).pairs(), &[(0, 1), (1, 0), (2, 0)]);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct DeferredAcceptance {
    /// The side that makes the offers.
    pub proposing: ProposingSide,
}

impl DeferredAcceptance {
    /// Short stable name.
    pub fn name(&self) -> &'static str {
        "deferred_acceptance"
    }

    /// Runs deferred acceptance on `instance` (validated on construction, so this cannot fail).
    pub fn solve(&self, instance: &StableInstance) -> StableMatching {
        let (offering, receiving) = match self.proposing {
            ProposingSide::Proposers => (&instance.proposers, &instance.receivers),
            ProposingSide::Receivers => (&instance.receivers, &instance.proposers),
        };
        let mut run = Run::new(offering, receiving);
        run.propose_all();
        let mut pairs = run.held_pairs();
        if self.proposing == ProposingSide::Receivers {
            pairs.iter_mut().for_each(|(a, b)| std::mem::swap(a, b));
        }
        pairs.sort_unstable();
        StableMatching::from_sorted(instance.proposers(), instance.receivers(), pairs)
    }
}

/// Rank meaning "does not list this agent".
const UNRANKED: u32 = u32::MAX;

/// State of one run: the offering side's lists and the receiving side's held offers.
struct Run<'a> {
    offering: &'a SideLists,
    /// Per entry of the offering lists: the receiver's rank of the offerer, or `UNRANKED`.
    their_rank: Vec<u32>,
    /// Per offerer: position in `offering.list` of its next offer.
    next: Vec<usize>,
    /// Per offerer: offers currently held.
    held: Vec<usize>,
    /// Per receiver: start of its heap in `heap`; its size is `seats(r)`.
    heap_start: Vec<usize>,
    heap_len: Vec<usize>,
    /// Max-heaps of `(rank, offerer)` per receiver: the worst held offer on top.
    heap: Vec<(u32, u32)>,
    /// Offerers that may have a free seat and offers left.
    stack: Vec<u32>,
}

impl<'a> Run<'a> {
    fn new(offering: &'a SideLists, receiving: &'a SideLists) -> Self {
        let mut heap_start = Vec::with_capacity(receiving.len() + 1);
        let mut total = 0;
        for r in 0..receiving.len() {
            heap_start.push(total);
            total += receiving.seats(r);
        }
        heap_start.push(total);
        Run {
            offering,
            their_rank: mutual_ranks(offering, receiving),
            next: offering
                .start
                .iter()
                .take(offering.len())
                .copied()
                .collect(),
            held: vec![0; offering.len()],
            heap_start,
            heap_len: vec![0; receiving.len()],
            heap: vec![(0, 0); total],
            stack: (0..offering.len() as u32).rev().collect(),
        }
    }

    /// Processes offerers until none has both a free seat and someone left to ask. Each loop
    /// iteration either makes a new offer (at most L in total) or pops the stack (at most one
    /// pop per push; pushes happen initially and once per rejection of a held offer).
    fn propose_all(&mut self) {
        while let Some(o) = self.stack.pop() {
            let o = o as usize;
            let end = self.offering.start.get(o + 1).copied().unwrap_or(0);
            while self.held[o] < self.offering.seats(o) && self.next[o] < end {
                let k = self.next[o];
                self.next[o] += 1;
                let receiver = self.offering.list[k] as usize;
                let rank = self.their_rank[k];
                if rank != UNRANKED {
                    self.offer(o as u32, receiver, rank);
                }
            }
        }
    }

    /// Offerer `o` asks `receiver`, who ranks it `rank`.
    fn offer(&mut self, o: u32, receiver: usize, rank: u32) {
        let start = self.heap_start[receiver];
        let seats = self.heap_start[receiver + 1] - start;
        let len = self.heap_len[receiver];
        let heap = &mut self.heap[start..start + seats];
        if len < seats {
            heap[len] = (rank, o);
            sift_up(&mut heap[..=len], len);
            self.heap_len[receiver] = len + 1;
            self.held[o as usize] += 1;
        } else if seats > 0 && rank < heap[0].0 {
            let released = heap[0].1 as usize;
            heap[0] = (rank, o);
            sift_down(heap, 0);
            self.held[o as usize] += 1;
            self.held[released] -= 1;
            self.stack.push(released as u32);
        }
    }

    /// Held offers as `(offerer, receiver)`.
    fn held_pairs(&self) -> Vec<(usize, usize)> {
        let mut pairs = Vec::with_capacity(self.heap_len.iter().sum());
        for (r, &len) in self.heap_len.iter().enumerate() {
            let start = self.heap_start[r];
            pairs.extend(
                self.heap[start..start + len]
                    .iter()
                    .map(|&(_, o)| (o as usize, r)),
            );
        }
        pairs
    }
}

/// For every entry `(o → r)` of the offering lists, `r`'s rank of `o` (or `UNRANKED`), in
/// O(L + P + R): the receiving lists are transposed by offerer, then looked up through a
/// stamped scratch array per offerer.
fn mutual_ranks(offering: &SideLists, receiving: &SideLists) -> Vec<u32> {
    // Transpose: for each offerer, the (receiver, rank) pairs of receivers listing it.
    let mut count = vec![0usize; offering.len() + 1];
    for &o in &receiving.list {
        count[o as usize + 1] += 1;
    }
    for i in 1..count.len() {
        count[i] += count[i - 1];
    }
    let mut by_offerer = vec![(0u32, 0u32); receiving.list.len()];
    let mut fill = count.clone();
    for r in 0..receiving.len() {
        for (rank, &o) in receiving.ranking(r).iter().enumerate() {
            by_offerer[fill[o as usize]] = (r as u32, rank as u32);
            fill[o as usize] += 1;
        }
    }
    let mut stamp = vec![u32::MAX; receiving.len()];
    let mut rank_of = vec![0u32; receiving.len()];
    let mut their_rank = vec![UNRANKED; offering.list.len()];
    for o in 0..offering.len() {
        for &(r, rank) in &by_offerer[count[o]..count[o + 1]] {
            stamp[r as usize] = o as u32;
            rank_of[r as usize] = rank;
        }
        let entries = offering.start[o]..offering.start[o + 1];
        for (slot, &r) in their_rank[entries.clone()]
            .iter_mut()
            .zip(&offering.list[entries])
        {
            if stamp[r as usize] == o as u32 {
                *slot = rank_of[r as usize];
            }
        }
    }
    their_rank
}

/// Restores the max-heap property upwards from `i`.
fn sift_up(heap: &mut [(u32, u32)], mut i: usize) {
    while i > 0 {
        let parent = (i - 1) / 2;
        if heap[parent].0 >= heap[i].0 {
            break;
        }
        heap.swap(parent, i);
        i = parent;
    }
}

/// Restores the max-heap property downwards from `i`.
fn sift_down(heap: &mut [(u32, u32)], mut i: usize) {
    loop {
        let (left, right) = (2 * i + 1, 2 * i + 2);
        let mut largest = i;
        if left < heap.len() && heap[left].0 > heap[largest].0 {
            largest = left;
        }
        if right < heap.len() && heap[right].0 > heap[largest].0 {
            largest = right;
        }
        if largest == i {
            break;
        }
        heap.swap(i, largest);
        i = largest;
    }
}
