//! Node numbering for memory locality: nodes likely to share a subtree of the basis get
//! neighbouring numbers, so the potential walks of the basis changes (a walk along one
//! subtree in preorder) touch neighbouring memory instead of the whole node arrays.
//!
//! The order is the preorder of the *cheapest-arc forest*: each node points to the other end
//! of its cheapest incident arc that can carry flow (the first such arc in input order on
//! ties), and the forest of these pointers is walked depth first, children in input order,
//! from the node of largest absolute supply first (the sink of a many-sources network), then
//! from the top of every part not yet numbered. A node and the neighbours that hang from it
//! by their cheapest arcs, the arcs an optimal basis is most likely to hold, are then one
//! contiguous run: on the escalation hierarchy each community is followed by the needs whose
//! cheapest community it is. The order changes only where the solver keeps its arrays, never
//! the pivots it makes: pricing scans the arcs in the same order and breaks ties by arc,
//! the ratio test by tree structure.

use super::grouping::Grouped;
use crate::solve::flow::FlowNetwork;

/// A renumbering of the nodes: `internal[v]` is the solver's number of input node `v`,
/// `input[u]` the input number of solver node `u`.
pub(super) struct Renumbering {
    pub(super) internal: Vec<u32>,
    pub(super) input: Vec<u32>,
}

const UNSET: u32 = u32::MAX;

impl Renumbering {
    /// The cheapest-arc-forest preorder of `network` (see the module documentation).
    ///
    /// # Complexity
    /// O(n + m) time; about 32 bytes per node of scratch while it runs, 8 kept.
    pub(super) fn cheapest_arc_preorder(network: &FlowNetwork) -> Renumbering {
        let n = network.node_count();
        let anchor = cheapest_neighbours(network);
        // Children of each anchor in input order.
        let children = Grouped::new(n, || {
            anchor
                .iter()
                .enumerate()
                .filter(|&(_, &a)| a != UNSET)
                .map(|(v, &a)| (a, v as u32))
        });
        let mut internal = vec![UNSET; n];
        let mut input = Vec::with_capacity(n);
        let mut stack = Vec::new();
        // Climb marks: the start node of the climb that last passed a node.
        let mut climbed = vec![UNSET; n];
        let first = network
            .supplies()
            .iter()
            .enumerate()
            .max_by_key(|&(v, &b)| (b.unsigned_abs(), std::cmp::Reverse(v)))
            .map(|(v, _)| v);
        for v in first.into_iter().chain(0..n) {
            if internal[v] != UNSET {
                continue;
            }
            // Climb to the top of v's part (not from the first node, which is its own top): a
            // numbered anchor or a node met twice (the part's cycle) stops it.
            let mut top = v;
            climbed[top] = v as u32;
            while Some(v) != first {
                let a = anchor[top];
                if a == UNSET || internal[a as usize] != UNSET || climbed[a as usize] == v as u32 {
                    break;
                }
                top = a as usize;
                climbed[top] = v as u32;
            }
            stack.push(top as u32);
            while let Some(u) = stack.pop() {
                let u = u as usize;
                if internal[u] != UNSET {
                    continue;
                }
                internal[u] = input.len() as u32;
                input.push(u as u32);
                let kids = children.of(u);
                stack.extend(
                    kids.iter()
                        .rev()
                        .filter(|&&c| internal[c as usize] == UNSET),
                );
            }
        }
        Renumbering { internal, input }
    }
}

/// For each node, the other end of its cheapest incident arc with positive capacity (first in
/// input order on ties), `UNSET` for a node without one.
fn cheapest_neighbours(network: &FlowNetwork) -> Vec<u32> {
    let n = network.node_count();
    let mut best = vec![(i64::MAX, UNSET); n];
    let arcs = network
        .tails()
        .iter()
        .zip(network.heads())
        .zip(network.costs())
        .zip(network.capacities());
    for (((&t, &h), &c), &cap) in arcs {
        if t == h || cap == 0 {
            continue;
        }
        for (u, v) in [(t, h), (h, t)] {
            let slot = &mut best[u as usize];
            if c < slot.0 {
                *slot = (c, v);
            }
        }
    }
    best.into_iter().map(|(_, v)| v).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::flow::WarmStart;
    use crate::solve::flow::families::Family;
    use crate::solve::flow::network_simplex::pricing::{
        default_block, is_locally_numbered, pricing_stride,
    };
    use crate::solve::flow::network_simplex::state::{Layout, Simplex};

    #[test]
    fn renumbering_changes_no_pivot_and_no_answer() {
        for (family, scale) in [
            (Family::Netgen, 300),
            (Family::Escalation, 400),
            (Family::Road, 14),
        ] {
            let net = family.generate_scaled(scale, 7).unwrap();
            let stride = pricing_stride(&net, is_locally_numbered(&net)).max(2);
            let solve = |renumber| {
                let layout = Layout {
                    block: default_block(&net),
                    stride,
                    renumber,
                    relayout_walk: u64::MAX,
                };
                let mut simplex = Simplex::new(&net, &WarmStart::default(), layout)
                    .unwrap_or_else(|_| panic!("{family}: no overflow"));
                simplex.solve(&net)
            };
            let (plain, renumbered) = (solve(false), solve(true));
            assert_eq!(plain, renumbered, "{family}");
            assert!(plain.work > 0, "{family}");
        }
    }

    #[test]
    fn needs_follow_their_cheapest_place() {
        // 0, 1, 2 supply; 3, 4 places; 5 the sink. Need 0 and 2 are cheapest at place 4,
        // need 1 at place 3.
        let mut net = FlowNetwork::new(6);
        for v in 0..3 {
            net.set_supply(v, 1).unwrap();
        }
        net.set_supply(5, -3).unwrap();
        net.add_arc(0, 3, 0, 1, 9).unwrap();
        net.add_arc(0, 4, 0, 1, 2).unwrap();
        net.add_arc(1, 3, 0, 1, 1).unwrap();
        net.add_arc(1, 4, 0, 1, 5).unwrap();
        net.add_arc(2, 4, 0, 1, 3).unwrap();
        net.add_arc(3, 5, 0, 3, 0).unwrap();
        net.add_arc(4, 5, 0, 3, 0).unwrap();
        let r = Renumbering::cheapest_arc_preorder(&net);
        assert_eq!(r.input, vec![5, 3, 1, 4, 0, 2]);
        for (u, &v) in r.input.iter().enumerate() {
            assert_eq!(r.internal[v as usize], u as u32);
        }
    }

    #[test]
    fn every_node_is_numbered_once_without_arcs_or_with_cycles() {
        let mut net = FlowNetwork::new(5);
        net.add_arc(0, 1, 0, 1, 1).unwrap();
        net.add_arc(1, 2, 0, 1, 1).unwrap();
        net.add_arc(2, 0, 0, 1, 1).unwrap();
        net.add_arc(3, 3, 0, 1, -4).unwrap();
        let r = Renumbering::cheapest_arc_preorder(&net);
        let mut seen = r.input.clone();
        seen.sort_unstable();
        assert_eq!(seen, vec![0, 1, 2, 3, 4]);
    }
}
