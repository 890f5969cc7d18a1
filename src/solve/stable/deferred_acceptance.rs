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
/// Every offer is made at most once. A receiver's ranking is indexed on its first offer: a
/// dense row when its list covers at least a quarter of the offering side, otherwise a sorted
/// copy. Time O(P + R + L log L) in the worst case for total list length `L` (O(L + offers ·
/// log c) when lists are dense, `c` the largest capacity); extra space O(P + R + L).
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
    receiving: &'a SideLists,
    /// Receivers' ranks of offerers.
    ranks: RankIndex,
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
            receiving,
            ranks: RankIndex::new(offering.len(), receiving.len()),
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
                let ranking = self.receiving.ranking(receiver);
                let rank = self.ranks.rank(receiver, ranking, o as u32);
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

/// Where a receiver's ranks of offerers are stored once built.
#[derive(Debug, Clone, Copy)]
enum RankRow {
    /// Not built yet (the receiver has had no offer).
    Unbuilt,
    /// `dense[start + o]` is the rank of offerer `o` (or `UNRANKED`).
    Dense(usize),
    /// `sparse[start..start + len]` holds `(offerer, rank)` sorted by offerer.
    Sparse(usize, usize),
}

/// Each receiver's rank of each offerer, built lazily on the receiver's first offer: a dense
/// row of `offerers` entries when its list is at least a quarter that long, otherwise its list
/// sorted by offerer (binary search). Memory stays O(L); receivers never asked cost nothing.
struct RankIndex {
    offerers: usize,
    rows: Vec<RankRow>,
    dense: Vec<u32>,
    sparse: Vec<(u32, u32)>,
}

impl RankIndex {
    fn new(offerers: usize, receivers: usize) -> Self {
        RankIndex {
            offerers,
            rows: vec![RankRow::Unbuilt; receivers],
            dense: Vec::new(),
            sparse: Vec::new(),
        }
    }

    /// Receiver `r`'s rank of offerer `o` (its list is `ranking`), `UNRANKED` if unlisted.
    fn rank(&mut self, r: usize, ranking: &[u32], o: u32) -> u32 {
        let row = match self.rows[r] {
            RankRow::Unbuilt => self.build(r, ranking),
            row => row,
        };
        match row {
            RankRow::Dense(start) => self.dense[start + o as usize],
            RankRow::Sparse(start, len) => {
                let entries = &self.sparse[start..start + len];
                match entries.binary_search_by_key(&o, |&(x, _)| x) {
                    Ok(i) => entries[i].1,
                    Err(_) => UNRANKED,
                }
            }
            RankRow::Unbuilt => UNRANKED,
        }
    }

    fn build(&mut self, r: usize, ranking: &[u32]) -> RankRow {
        let row = if ranking.len().saturating_mul(4) >= self.offerers {
            let start = self.dense.len();
            self.dense.resize(start + self.offerers, UNRANKED);
            for (k, &o) in ranking.iter().enumerate() {
                self.dense[start + o as usize] = k as u32;
            }
            RankRow::Dense(start)
        } else {
            let start = self.sparse.len();
            let ranked = ranking.iter().enumerate().map(|(k, &o)| (o, k as u32));
            self.sparse.extend(ranked);
            self.sparse[start..].sort_unstable();
            RankRow::Sparse(start, ranking.len())
        };
        self.rows[r] = row;
        row
    }
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
