//! The basis tree: one packed record per node (potential, parent, predecessor arc, subtree
//! size, doubly linked child list) and the updates a basis change makes to it.

use super::state::{NONE, POTENTIAL_LIMIT, Simplex};

/// Potential and tree links of a node, packed in 32 bytes so that a step of a tree walk or
/// of a potential update touches one cache line.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
pub(super) struct Node {
    /// Potential `π`.
    pub(super) pi: i64,
    /// Parent in the basis tree (`NONE` at the root).
    pub(super) parent: u32,
    /// Tree arc joining the node to its parent, with [`UP`] set when it is oriented from the
    /// node to its parent.
    pub(super) pred_up: u32,
    /// Number of nodes in the subtree, the node included.
    pub(super) size: u32,
    pub(super) first_child: u32,
    pub(super) next_sib: u32,
    pub(super) prev_sib: u32,
}

/// Flag bit of [`Node::pred_up`]; arc indices stay below it.
pub(super) const UP: u32 = 1 << 31;

impl Node {
    pub(super) const LEAF: Node = Node {
        pi: 0,
        parent: NONE,
        pred_up: NONE,
        size: 1,
        first_child: NONE,
        next_sib: NONE,
        prev_sib: NONE,
    };

    pub(super) fn pred(&self) -> usize {
        (self.pred_up & !UP) as usize
    }

    pub(super) fn up(&self) -> bool {
        self.pred_up & UP != 0
    }

    pub(super) fn set_pred(&mut self, arc: u32, up: bool) {
        debug_assert!(arc < UP);
        self.pred_up = arc | if up { UP } else { 0 };
    }
}

impl Simplex<'_> {
    /// Adds `shift` to the potential of every node in the subtree of `top`.
    ///
    /// Children are shifted while their sibling list is walked and the nodes are stacked for
    /// their own children later: sibling lists of different parents are independent memory
    /// chains, so their cache misses overlap instead of forming one long dependent chain.
    pub(super) fn shift_subtree(&mut self, top: u32, shift: i64) {
        self.node[top as usize].pi += shift;
        self.path.clear();
        self.path.push(top);
        while let Some(v) = self.path.pop() {
            let mut child = self.node[v as usize].first_child;
            while child != NONE {
                let c = &mut self.node[child as usize];
                c.pi += shift;
                debug_assert!(i128::from(c.pi).abs() < POTENTIAL_LIMIT);
                if c.first_child != NONE {
                    self.path.push(child);
                }
                child = c.next_sib;
            }
        }
    }

    /// Moves the subtree size of `leaving` from its old ancestors to the new ones (`v_in` up
    /// to the apex, exclusive).
    pub(super) fn move_sizes(&mut self, leaving: u32, v_in: u32, join: u32) {
        let moved = self.node[leaving as usize].size;
        let mut u = self.node[leaving as usize].parent;
        while u != join {
            self.node[u as usize].size -= moved;
            u = self.node[u as usize].parent;
        }
        let mut u = v_in;
        while u != join {
            self.node[u as usize].size += moved;
            u = self.node[u as usize].parent;
        }
    }

    fn detach(&mut self, v: u32) {
        let (prev, next) = (
            self.node[v as usize].prev_sib,
            self.node[v as usize].next_sib,
        );
        if prev == NONE {
            let parent = self.node[v as usize].parent as usize;
            self.node[parent].first_child = next;
        } else {
            self.node[prev as usize].next_sib = next;
        }
        if next != NONE {
            self.node[next as usize].prev_sib = prev;
        }
    }

    fn attach(&mut self, v: u32, parent: u32) {
        let head = self.node[parent as usize].first_child;
        self.node[v as usize].parent = parent;
        self.node[v as usize].prev_sib = NONE;
        self.node[v as usize].next_sib = head;
        if head != NONE {
            self.node[head as usize].prev_sib = v;
        }
        self.node[parent as usize].first_child = v;
    }

    /// Re-hangs the subtree of `leaving` below `v_in` through the entering arc, reversing the
    /// tree path from `u_in` up to `leaving`.
    pub(super) fn rehang(&mut self, entering: usize, u_in: u32, v_in: u32, leaving: u32) {
        let total = self.node[leaving as usize].size;
        let mut child = u_in;
        let mut new_parent = v_in;
        let mut new_pred = entering as u32;
        let mut new_up = self.src[entering] == u_in;
        let mut below = 0;
        loop {
            let c = child as usize;
            let (old_parent, old_pred, old_up) = (
                self.node[c].parent,
                self.node[c].pred() as u32,
                self.node[c].up(),
            );
            let old_size = self.node[c].size;
            self.detach(child);
            self.attach(child, new_parent);
            self.node[c].set_pred(new_pred, new_up);
            self.node[c].size = total - below;
            if child == leaving {
                return;
            }
            below = old_size;
            new_parent = child;
            new_pred = old_pred;
            new_up = !old_up;
            child = old_parent;
        }
    }

    /// Recomputes every potential from the tree (root potential 0), in preorder.
    pub(super) fn recompute_potentials(&mut self) {
        self.path.clear();
        self.path.push(self.root);
        self.node[self.root as usize].pi = 0;
        while let Some(v) = self.path.pop() {
            let mut c = self.node[v as usize].first_child;
            while c != NONE {
                let a = self.node[c as usize].pred();
                let cost = self.cost.get(a).copied().unwrap_or(self.art_cost);
                let base = self.node[v as usize].pi;
                self.node[c as usize].pi = if self.node[c as usize].up() {
                    base - cost
                } else {
                    base + cost
                };
                self.path.push(c);
                c = self.node[c as usize].next_sib;
            }
        }
    }
}
