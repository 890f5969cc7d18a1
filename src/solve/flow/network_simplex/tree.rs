//! The basis tree in preorder-thread form and the exchange of one tree arc for another.
//!
//! Every node (the artificial root included) has its parent, the tree arc joining it to the
//! parent, its potential and its subtree size, plus its place in a cyclic list of all nodes in
//! preorder (`thread`, with `rev_thread` the reverse links) and the last node of its subtree
//! in that list (`last`). A subtree is then one contiguous stretch `u ..= last[u]` of the
//! list, so a potential update walks exactly the moved subtree through two dense arrays
//! (`thread`, `pi`), and moving a subtree relinks only the ends of `O(stem length)` stretches.
//! All arrays are separate so that pricing reads a dense potential array.
//!
//! A basis change shifts the potentials of one side of the leaving arc against the other: the
//! smaller side is walked (the re-hung subtree, or all the other nodes when it holds more than
//! half of them). Shifting the other side moves the root's potential too, so the stored
//! potentials are exact only up to a common offset that may drift over many pivots; they are
//! added and subtracted modulo `2^64` (wrapping), which keeps every reduced cost, a
//! difference that fits `i64`, exact, and the answer is normalised to a root potential of 0.

use super::state::NONE;

/// Flag bit of [`Tree::pred_up`]; arc indices stay below it.
pub(super) const UP: u32 = 1 << 31;

/// The basis tree (see the module documentation).
pub(super) struct Tree {
    /// Potential `π` of each node.
    pub(super) pi: Vec<i64>,
    /// Parent (`NONE` at the root).
    pub(super) parent: Vec<u32>,
    /// Tree arc joining the node to its parent, with [`UP`] set when it is oriented from the
    /// node to its parent.
    pub(super) pred_up: Vec<u32>,
    /// Number of nodes in the subtree, the node included.
    pub(super) size: Vec<u32>,
    /// Next node in preorder (cyclic: the last node points back to the root).
    thread: Vec<u32>,
    /// Previous node in preorder.
    rev_thread: Vec<u32>,
    /// Last node of the subtree in preorder.
    last: Vec<u32>,
    /// Scratch: the stem (path from the entering arc's end up to the leaving node).
    stem: Vec<u32>,
    /// Scratch: stretches `(first, last)` of the re-rooted subtree's preorder.
    pieces: Vec<(u32, u32)>,
}

impl Tree {
    /// The star: nodes `0..n` hang from the root `n` by arcs whose flags `pred_up` the caller
    /// sets; preorder `n, 0, 1, …, n − 1`.
    pub(super) fn star(n: usize) -> Tree {
        let root = n as u32;
        let mut thread = vec![root; n + 1];
        let mut rev_thread = vec![root; n + 1];
        for v in 0..n {
            thread[v] = if v + 1 < n { v as u32 + 1 } else { root };
            rev_thread[v] = if v > 0 { v as u32 - 1 } else { root };
        }
        if n > 0 {
            thread[n] = 0;
            rev_thread[n] = root - 1;
        }
        let mut last: Vec<u32> = (0..n as u32).collect();
        last.push(if n == 0 { root } else { n as u32 - 1 });
        let mut parent = vec![root; n];
        parent.push(NONE);
        let mut size = vec![1; n];
        size.push(root + 1);
        Tree {
            pi: vec![0; n + 1],
            parent,
            pred_up: vec![NONE; n + 1],
            size,
            thread,
            rev_thread,
            last,
            stem: Vec::new(),
            pieces: Vec::new(),
        }
    }

    /// Tree arc of `u`.
    pub(super) fn pred(&self, u: usize) -> usize {
        (self.pred_up[u] & !UP) as usize
    }

    /// Whether the tree arc of `u` points from `u` to its parent.
    pub(super) fn up(&self, u: usize) -> bool {
        self.pred_up[u] & UP != 0
    }

    /// Sets the tree arc of `u`.
    pub(super) fn set_pred(&mut self, u: usize, arc: u32, up: bool) {
        debug_assert!(arc < UP);
        self.pred_up[u] = arc | if up { UP } else { 0 };
    }

    /// Replaces the tree arc of `u_out` by the entering arc `entering` (oriented from `u_in`
    /// to `v_in` when `in_up`), where `u_in` lies in the subtree of `u_out` and `join` is the
    /// apex of the cycle: the subtree is cut out, re-rooted at `u_in`, hung below `v_in`, and
    /// its potentials shifted by `shift`.
    ///
    /// # Complexity
    /// `O(stem + min(subtree, n − subtree) + depth changes)`: the potentials of the smaller
    /// side, the stem's
    /// records, the sizes on the two paths below `join`, and the `last` links of the
    /// ancestors whose subtree ends where the moved one started or is inserted.
    ///
    /// Returns the work done: the stem's length plus the potentials shifted.
    pub(super) fn exchange(
        &mut self,
        [u_in, v_in, u_out, join]: [u32; 4],
        entering: u32,
        in_up: bool,
        shift: i64,
    ) -> u64 {
        let count = self.size[u_out as usize];
        let old_last = self.last[u_out as usize];
        // 1. Cut the stretch u_out ..= old_last out of the preorder.
        let before = self.rev_thread[u_out as usize];
        let after = self.thread[old_last as usize];
        self.thread[before as usize] = after;
        self.rev_thread[after as usize] = before;
        let mut a = self.parent[u_out as usize];
        while a != NONE && self.last[a as usize] == old_last {
            self.last[a as usize] = before;
            a = self.parent[a as usize];
        }
        let mut a = self.parent[u_out as usize];
        while a != join {
            self.size[a as usize] -= count;
            a = self.parent[a as usize];
        }
        // 2. Preorder of the subtree re-rooted at u_in: the old subtree of u_in, then for each
        //    stem node its own old stretch without the stem child's stretch.
        self.stem.clear();
        let mut u = u_in;
        self.stem.push(u);
        while u != u_out {
            u = self.parent[u as usize];
            self.stem.push(u);
        }
        self.pieces.clear();
        self.pieces.push((u_in, self.last[u_in as usize]));
        for w in self.stem.windows(2) {
            let (child, s) = (w[0] as usize, w[1] as usize);
            self.pieces.push((w[1], self.rev_thread[child]));
            if self.last[child] != self.last[s] {
                let resume = self.thread[self.last[child] as usize];
                self.pieces.push((resume, self.last[s]));
            }
        }
        for j in 1..self.pieces.len() {
            let (end, start) = (self.pieces[j - 1].1, self.pieces[j].0);
            self.thread[end as usize] = start;
            self.rev_thread[start as usize] = end;
        }
        let new_last = self.pieces[self.pieces.len() - 1].1;
        // 3. Reverse the stem: each stem node hangs from the one below it, by that node's old
        //    tree arc (walked top-down so the old records are read before being overwritten).
        for i in (1..self.stem.len()).rev() {
            let (s, child) = (self.stem[i] as usize, self.stem[i - 1] as usize);
            self.parent[s] = child as u32;
            self.pred_up[s] = self.pred_up[child] ^ UP;
            self.size[s] = count - self.size[child];
            self.last[s] = new_last;
        }
        let u = u_in as usize;
        self.parent[u] = v_in;
        self.set_pred(u, entering, in_up);
        self.size[u] = count;
        self.last[u] = new_last;
        // 4. Insert the stretch right after v_in.
        let next = self.thread[v_in as usize];
        self.thread[v_in as usize] = u_in;
        self.rev_thread[u] = v_in;
        self.thread[new_last as usize] = next;
        self.rev_thread[next as usize] = new_last;
        let mut a = v_in;
        while a != NONE && self.last[a as usize] == v_in {
            self.last[a as usize] = new_last;
            a = self.parent[a as usize];
        }
        let mut a = v_in;
        while a != join {
            self.size[a as usize] += count;
            a = self.parent[a as usize];
        }
        // 5. Shift the potentials of the moved subtree relative to the rest: the subtree up
        //    by `shift` or, when it holds more than half of the nodes, the rest down by it.
        let stem = self.stem.len() as u64;
        if 2 * count as usize > self.pi.len() {
            let mut u = self.thread[new_last as usize];
            while u != u_in {
                self.pi[u as usize] = self.pi[u as usize].wrapping_sub(shift);
                u = self.thread[u as usize];
            }
        } else {
            let mut u = u_in;
            loop {
                self.pi[u as usize] = self.pi[u as usize].wrapping_add(shift);
                if u == new_last {
                    break;
                }
                u = self.thread[u as usize];
            }
        }
        let count = u64::from(count);
        stem + count.min(self.pi.len() as u64 - count)
    }

    /// The nodes other than the root in preorder (the thread from the root).
    pub(super) fn preorder(&self) -> Vec<u32> {
        let root = (self.pi.len() - 1) as u32;
        let mut order = Vec::with_capacity(self.pi.len() - 1);
        let mut u = self.thread[root as usize];
        while u != root {
            order.push(u);
            u = self.thread[u as usize];
        }
        order
    }

    /// Renumbers every node `u` as `new[u]` (the root keeps its number); a tree arc at or
    /// above `artificial` is the artificial arc `artificial + v` of node `v`, and becomes
    /// that of `new[v]`.
    pub(super) fn renumber(&mut self, new: &[u32], artificial: u32) {
        let node = |u: u32| if u == NONE { NONE } else { new[u as usize] };
        let arc = |a: u32| {
            let index = a & !UP;
            if index >= artificial {
                (artificial + new[(index - artificial) as usize]) | (a & UP)
            } else {
                a
            }
        };
        let moved = |values: &[u32], map: &dyn Fn(u32) -> u32| {
            let mut out = vec![0u32; values.len()];
            for (u, &x) in values.iter().enumerate() {
                out[new[u] as usize] = map(x);
            }
            out
        };
        self.parent = moved(&self.parent, &node);
        self.thread = moved(&self.thread, &node);
        self.rev_thread = moved(&self.rev_thread, &node);
        self.last = moved(&self.last, &node);
        self.pred_up = moved(&self.pred_up, &|a| if a == NONE { NONE } else { arc(a) });
        self.size = moved(&self.size, &|x| x);
        let mut pi = vec![0i64; self.pi.len()];
        for (u, &p) in self.pi.iter().enumerate() {
            pi[new[u] as usize] = p;
        }
        self.pi = pi;
    }

    /// Reduced cost `c + π(tail) − π(head)` of an arc of unit cost `c`.
    ///
    /// The stored potentials are exact up to one common offset, which wraps around the `i64`
    /// range (see the module documentation); the difference is computed modulo `2^64`, which
    /// gives the exact reduced cost because that fits `i64` by the artificial-cost bound.
    #[inline]
    pub(super) fn reduced_cost(&self, c: i64, tail: usize, head: usize) -> i64 {
        c.wrapping_add(self.pi[tail]).wrapping_sub(self.pi[head])
    }

    /// The potentials of nodes `0..n` with the root's potential taken as 0.
    pub(super) fn normalised_potentials(&self) -> Vec<i64> {
        let root = self.pi.len() - 1;
        let base = self.pi[root];
        self.pi[..root]
            .iter()
            .map(|&p| p.wrapping_sub(base))
            .collect()
    }

    /// Recomputes every potential from the tree (root potential 0), in preorder; `cost` gives
    /// the unit cost of a tree arc from its index and whether it points to the parent.
    pub(super) fn recompute_potentials(&mut self, cost: impl Fn(usize, bool) -> i64) {
        let root = self.pi.len() - 1;
        self.pi[root] = 0;
        let mut u = self.thread[root] as usize;
        while u != root {
            let base = self.pi[self.parent[u] as usize];
            let c = cost(self.pred(u), self.up(u));
            self.pi[u] = if self.up(u) { base - c } else { base + c };
            u = self.thread[u] as usize;
        }
    }
}
