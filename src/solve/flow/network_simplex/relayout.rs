//! Periodic renumbering of the nodes in the basis tree's preorder.

use super::locality::Renumbering;
use super::state::Simplex;

impl Simplex<'_> {
    /// Renumbers the nodes in the current preorder of the basis tree, so that every subtree
    /// is again one run of consecutive numbers and the potential walks read memory in order.
    /// Changes no pivot, flow or potential, only where each node's records are kept.
    pub(super) fn relayout(&mut self) {
        let n = self.root as usize;
        let m = self.m;
        let order = self.tree.preorder();
        debug_assert_eq!(order.len(), n);
        let mut new = vec![0u32; n + 1];
        for (i, &u) in order.iter().enumerate() {
            new[u as usize] = i as u32;
        }
        new[n] = n as u32;
        self.tree.renumber(&new, m as u32);
        for v in self.src.to_mut().iter_mut() {
            *v = new[*v as usize];
        }
        for v in self.tgt.to_mut().iter_mut() {
            *v = new[*v as usize];
        }
        let bounds = self.bound[m..].to_vec();
        let states = self.state[m..].to_vec();
        for v in 0..n {
            self.bound[m + new[v] as usize] = bounds[v];
            self.state[m + new[v] as usize] = states[v];
        }
        self.nodes = Some(match self.nodes.take() {
            None => Renumbering {
                internal: new[..n].to_vec(),
                input: order,
            },
            Some(r) => Renumbering {
                internal: r.internal.iter().map(|&u| new[u as usize]).collect(),
                input: order.iter().map(|&u| r.input[u as usize]).collect(),
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::solve::flow::WarmStart;
    use crate::solve::flow::certificate::check_certificate;
    use crate::solve::flow::families::Family;
    use crate::solve::flow::network_simplex::pricing::default_block;
    use crate::solve::flow::network_simplex::state::{Layout, Simplex};

    /// Renumbering after every pivot, now and then, or never gives the same pivots (the same
    /// work count), flow and potentials, from the input numbering and from the
    /// cheapest-arc forest.
    #[test]
    fn renumbering_while_pivoting_changes_no_pivot_and_no_answer() {
        for (family, scale) in [
            (Family::Netgen, 300),
            (Family::Grid, 12),
            (Family::Goto, 12),
            (Family::Escalation, 400),
            (Family::Road, 14),
            (Family::Transport, 100),
        ] {
            for seed in [3, 7] {
                let net = family.generate_scaled(scale, seed).unwrap();
                let solve = |renumber, relayout_walk| {
                    let layout = Layout {
                        block: default_block(&net),
                        stride: 3,
                        renumber,
                        relayout_walk,
                    };
                    let mut simplex = Simplex::new(&net, &WarmStart::default(), layout)
                        .unwrap_or_else(|_| panic!("{family}: no overflow"));
                    simplex.solve(&net)
                };
                let never = solve(false, u64::MAX);
                check_certificate(&net, &never).unwrap();
                assert!(never.work > 0, "{family}");
                for (renumber, walk) in [(false, 0), (false, 1), (true, 0), (true, 2)] {
                    assert_eq!(never, solve(renumber, walk), "{family} {seed} {walk}");
                }
            }
        }
    }
}
