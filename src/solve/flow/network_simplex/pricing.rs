//! Pricing: block search for the entering arc and the arc order it scans.

use super::state::Simplex;
use crate::solve::flow::FlowNetwork;

impl Simplex<'_> {
    /// Block search: scans blocks of arcs from where the last search stopped and returns the
    /// most violating arc of the first block holding one (the first scanned on ties).
    pub(super) fn find_entering(&mut self) -> Option<usize> {
        let m = self.m;
        let mut start = self.next_arc.min(m);
        let mut scanned = 0;
        while scanned < m {
            let end = (start + self.block).min(m);
            self.work = self.work.saturating_add((end - start) as u64);
            if let Some(best) = self.best_in(start, end) {
                self.next_arc = if end == m { 0 } else { end };
                return Some(best);
            }
            scanned += end - start;
            start = if end == m { 0 } else { end };
        }
        None
    }

    /// The most violating arc of `start..end` (first one on ties), if any violates.
    fn best_in(&self, start: usize, end: usize) -> Option<usize> {
        let pi = &self.tree.pi[..];
        let arcs = self.src[start..end]
            .iter()
            .zip(&self.tgt[start..end])
            .zip(&self.cost[start..end])
            .zip(&self.state[start..end]);
        let mut best = 0i64;
        let mut best_at = usize::MAX;
        for (i, (((&t, &h), &c), &st)) in arcs.enumerate() {
            let rc = c.wrapping_add(pi[t as usize]).wrapping_sub(pi[h as usize]);
            let violation = i64::from(st) * rc;
            if violation < best {
                best = violation;
                best_at = i;
            }
        }
        (best_at != usize::MAX).then(|| start + best_at)
    }
}

/// Automatic block size: `⌈√m⌉`, at least 10. Measured on the generated families
/// ([`crate::solve::flow::families`], size M): shorter blocks (the former `3m/n`, about 20 arcs
/// on grids) pick poorer entering arcs and pivot up to 30× longer on NETGEN- and GRIDGEN-like
/// networks; blocks of `2√m` or more price too many arcs per pivot.
pub(super) fn default_block(network: &FlowNetwork) -> usize {
    let m = network.arc_count();
    ((m as f64).sqrt().ceil() as usize).max(10)
}

/// Pricing stride: `1` (input order) for dense networks and for locally numbered ones (see
/// [`is_locally_numbered`]); for other sparse ones (`3m/n < √m`) `4·⌈√m⌉`, so that one block
/// of `√m` arcs takes runs of about four consecutive input arcs from all over the network.
/// Measured on the generated families (size M, three seeds each, counting priced arcs plus
/// potential updates): against the former stride `m / max(m/n, 3)` (a block then takes `m/n`
/// long runs, from a few places only) it does 30% less work on the GRIDGEN-like grids and
/// 12–17% less on the escalation hierarchy, about the same on NETGEN- and road-like networks.
/// On the GOTO-like torus, whose arcs all join nodes within four rows, input order does
/// 20–30% less work than any stride tried (2 to 4√m) and takes half the time (four seeds at
/// M: 0.8–1.2 s against 1.7–2.2 s, the same machine in one run): each block then prices one
/// compact strip of the torus, which keeps the pivots' cycles and moved subtrees local;
/// against LEMON's network simplex in one run (load 6.6) goto_M took 0.90 s against 1.66 s.
/// The road-like network is numbered locally too, but with under three arcs per node: there
/// input order does 40% more work and was 1.37× LEMON in that run, so it keeps the stride
/// (the rule asks for four arcs per node or more). `locally_numbered` is
/// [`is_locally_numbered`] of the network, which the caller computes once for this and the
/// node order.
pub(super) fn pricing_stride(network: &FlowNetwork, locally_numbered: bool) -> usize {
    let (m, n) = (network.arc_count(), network.node_count());
    let degree = m / n.max(1);
    let root = (m as f64).sqrt().ceil() as usize;
    // input order on locally numbered networks of four or more arcs per node (the torus);
    // road networks (under three) keep the stride
    let local = degree >= 4 && locally_numbered;
    if 3 * degree < root && !local {
        (4 * root).clamp(1, m.max(1))
    } else {
        1
    }
}

/// Whether at least 95% of the arcs join nodes whose numbers differ by at most `8⌈√n⌉`
/// (within a few rows of a square grid numbered row by row): neighbours in the numbering are
/// then neighbours in the network. O(m).
pub(super) fn is_locally_numbered(network: &FlowNetwork) -> bool {
    let n = network.node_count();
    let reach = 8 * ((n as f64).sqrt().ceil() as u64);
    let local = network
        .tails()
        .iter()
        .zip(network.heads())
        .filter(|&(&t, &h)| u64::from(t.abs_diff(h)) <= reach)
        .count();
    local * 20 >= network.arc_count() * 19
}

/// Real arcs in strided order: `j, j + s, j + 2s, …` for `j = 0, 1, …, s − 1`.
pub(super) fn strided_order(m: usize, stride: usize) -> Vec<u32> {
    let mut order = Vec::with_capacity(m);
    for j in 0..stride.min(m) {
        order.extend((j..m).step_by(stride).map(|a| a as u32));
    }
    order
}
