//! Hopcroft–Karp maximum-cardinality bipartite matching (feasibility test of the auction).

use super::sparse::SparseCosts;

/// A maximum-cardinality matching of the allowed pairs, costs ignored: `result[r]` is the
/// column of row `r`.
///
/// Used to decide before an auction whether a matching of size `min(rows, cols)` exists, so
/// the auction never runs on an infeasible instance (where its prices would climb forever).
///
/// # Complexity
/// O(nnz · √(rows + cols)) time, O(rows + cols) extra space; no recursion.
///
/// # References
/// J. E. Hopcroft, R. M. Karp, "An n^{5/2} algorithm for maximum matchings in bipartite
/// graphs", SIAM J. Comput. 2(4) (1973) 225–231.
///
/// # Example
/// ```
/// use wushe::solve::assignment::{maximum_matching, SparseCosts};
/// // both rows only like column 0
/// let s = SparseCosts::new(2, 2, vec![0, 1, 2], vec![0, 0], vec![1, 1])?;
/// assert_eq!(maximum_matching(&s).iter().flatten().count(), 1);
/// # Ok::<(), wushe::Error>(())
/// ```
pub fn maximum_matching(costs: &SparseCosts) -> Vec<Option<u32>> {
    let mut hk = HopcroftKarp::new(costs);
    while hk.bfs() {
        for r in 0..costs.rows() {
            if hk.row_match[r].is_none() {
                hk.dfs(r);
            }
        }
    }
    hk.row_match
}

/// State of one Hopcroft–Karp run.
struct HopcroftKarp<'a> {
    g: &'a SparseCosts,
    row_match: Vec<Option<u32>>,
    col_match: Vec<Option<u32>>,
    /// BFS layer of each row (`u32::MAX`: not reached).
    layer: Vec<u32>,
    /// Next entry to try in the DFS, per row.
    next: Vec<usize>,
    queue: Vec<usize>,
    stack: Vec<usize>,
}

const UNREACHED: u32 = u32::MAX;

impl<'a> HopcroftKarp<'a> {
    fn new(g: &'a SparseCosts) -> Self {
        HopcroftKarp {
            g,
            row_match: vec![None; g.rows()],
            col_match: vec![None; g.cols()],
            layer: vec![UNREACHED; g.rows()],
            next: vec![0; g.rows()],
            queue: Vec::with_capacity(g.rows()),
            stack: Vec::new(),
        }
    }

    /// Layers rows by alternating distance from the free rows; true when a free column is
    /// reachable (an augmenting path exists).
    fn bfs(&mut self) -> bool {
        self.queue.clear();
        for r in 0..self.g.rows() {
            self.layer[r] = if self.row_match[r].is_none() {
                self.queue.push(r);
                0
            } else {
                UNREACHED
            };
            self.next[r] = self.g.row_start()[r];
        }
        let mut found = false;
        let mut head = 0;
        while head < self.queue.len() {
            let r = self.queue[head];
            head += 1;
            for &c in self.g.row(r).0 {
                match self.col_match[c as usize] {
                    None => found = true,
                    Some(r2) if self.layer[r2 as usize] == UNREACHED => {
                        self.layer[r2 as usize] = self.layer[r] + 1;
                        self.queue.push(r2 as usize);
                    }
                    Some(_) => {}
                }
            }
        }
        found
    }

    /// Iterative DFS along the layers from free row `root`; augments when it reaches a free
    /// column. Rows that fail are cut from the layer graph.
    fn dfs(&mut self, root: usize) {
        self.stack.clear();
        self.stack.push(root);
        while let Some(&r) = self.stack.last() {
            let end = self.g.row_start()[r + 1];
            if self.next[r] >= end {
                self.layer[r] = UNREACHED;
                self.stack.pop();
                continue;
            }
            let c = self.g.col()[self.next[r]];
            self.next[r] += 1;
            match self.col_match[c as usize] {
                None => {
                    self.augment(c);
                    return;
                }
                Some(r2) if self.layer[r2 as usize] == self.layer[r] + 1 => {
                    self.stack.push(r2 as usize);
                }
                Some(_) => {}
            }
        }
    }

    /// Flips the path on the stack, whose last row takes free column `c`.
    fn augment(&mut self, mut c: u32) {
        while let Some(r) = self.stack.pop() {
            let previous = self.row_match[r];
            self.row_match[r] = Some(c);
            self.col_match[c as usize] = Some(r as u32);
            match previous {
                Some(p) => c = p,
                None => break,
            }
        }
    }
}
