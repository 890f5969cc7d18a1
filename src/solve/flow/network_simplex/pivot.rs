//! One pivot: the cycle closed by the entering arc, the ratio test, the flow change and the
//! basis exchange.

use super::state::{INF, LOWER, NONE, Simplex, Stop, TREE, UPPER};

/// Which side of the cycle the leaving arc is on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// The entering arc itself leaves (it moves to its other bound).
    Entering,
    /// The path from `first` (tail of the cycle orientation) to the apex.
    First,
    /// The path from `second` to the apex.
    Second,
}

/// Apex, step and leaving arc of a pivot cycle.
struct Cycle {
    /// Nearest common ancestor of the entering arc's ends.
    join: u32,
    /// Flow sent around the cycle ([`INF`]: no arc blocks).
    delta: i64,
    /// Node whose tree arc leaves (unless the entering arc itself leaves).
    leaving: u32,
    /// Where the leaving arc is.
    side: Side,
}

impl Simplex<'_> {
    /// Residual capacity of tree arc `pred[u]` in the direction `u → parent` (`toward_root`)
    /// or `parent → u`.
    fn tree_residual(&self, u: usize, toward_root: bool) -> i64 {
        let a = self.tree.pred(u);
        if self.tree.up(u) == toward_root {
            if self.bound[a].cap == INF {
                INF
            } else {
                self.bound[a].cap - self.bound[a].flow
            }
        } else {
            self.bound[a].flow
        }
    }

    /// Finds the apex of the cycle (nearest common ancestor of `first` and `second`, climbing
    /// the side with the smaller subtree) and, in the same walk, the ratio test with the
    /// strongly-feasible rule: among blocking arcs, the last one met when walking the cycle
    /// from the apex in its orientation. On the `first` side that is the lowest blocking arc
    /// (strict `<` while climbing), on the `second` side the highest (`<=`), and the `second`
    /// side wins ties against the entering arc, which wins ties against the `first` side.
    fn find_cycle(&self, entering: usize, first: u32, second: u32) -> Cycle {
        let (mut u, mut v) = (first, second);
        let (mut min_u, mut leave_u) = (INF, NONE);
        let (mut min_v, mut leave_v) = (INF, NONE);
        while u != v {
            if self.tree.size[u as usize] < self.tree.size[v as usize] {
                let r = self.tree_residual(u as usize, false);
                if r < min_u {
                    (min_u, leave_u) = (r, u);
                }
                u = self.tree.parent[u as usize];
            } else {
                let r = self.tree_residual(v as usize, true);
                if r <= min_v {
                    (min_v, leave_v) = (r, v);
                }
                v = self.tree.parent[v as usize];
            }
        }
        let mut cycle = Cycle {
            join: u,
            delta: self.bound[entering].cap,
            leaving: NONE,
            side: Side::Entering,
        };
        if leave_u != NONE && min_u < cycle.delta {
            (cycle.delta, cycle.leaving, cycle.side) = (min_u, leave_u, Side::First);
        }
        if leave_v != NONE && min_v <= cycle.delta {
            (cycle.delta, cycle.leaving, cycle.side) = (min_v, leave_v, Side::Second);
        }
        cycle
    }

    /// Adds `delta` to arc `a` (negative to remove), failing on overflow.
    fn push(&mut self, a: usize, delta: i64) -> Result<(), Stop> {
        let f = &mut self.bound[a].flow;
        *f = f.checked_add(delta).ok_or(Stop::Overflow)?;
        Ok(())
    }

    /// Sends `delta` around the cycle oriented `first → second` through the entering arc.
    fn augment(&mut self, entering: usize, delta: i64, ends: [u32; 3]) -> Result<(), Stop> {
        let [first, second, join] = ends;
        let sign = i64::from(self.state[entering]);
        self.push(entering, sign * delta)?;
        let mut u = first;
        while u != join {
            let d = if self.tree.up(u as usize) {
                -delta
            } else {
                delta
            };
            self.push(self.tree.pred(u as usize), d)?;
            u = self.tree.parent[u as usize];
        }
        let mut u = second;
        while u != join {
            let d = if self.tree.up(u as usize) {
                delta
            } else {
                -delta
            };
            self.push(self.tree.pred(u as usize), d)?;
            u = self.tree.parent[u as usize];
        }
        Ok(())
    }

    /// One pivot on `entering`.
    pub(super) fn pivot(&mut self, entering: usize) -> Result<(), Stop> {
        let (s, t) = (self.src[entering], self.tgt[entering]);
        let (first, second) = if self.state[entering] == LOWER {
            (s, t)
        } else {
            (t, s)
        };
        let Cycle {
            join,
            delta,
            leaving,
            side,
        } = self.find_cycle(entering, first, second);
        if delta == INF {
            return Err(Stop::Ray);
        }
        if delta > 0 {
            self.augment(entering, delta, [first, second, join])?;
        }
        let (u_in, v_in) = match side {
            Side::Entering => {
                self.state[entering] = -self.state[entering];
                return Ok(());
            }
            Side::First => (first, second),
            Side::Second => (second, first),
        };
        let out_arc = self.tree.pred(leaving as usize);
        self.state[out_arc] = if self.bound[out_arc].flow == 0 {
            LOWER
        } else {
            UPPER
        };
        self.state[entering] = TREE;
        let rc = self
            .tree
            .reduced_cost(self.cost[entering], s as usize, t as usize);
        let shift = if u_in == t { rc } else { -rc };
        let in_up = s == u_in;
        let touched =
            self.tree
                .exchange([u_in, v_in, leaving, join], entering as u32, in_up, shift);
        self.work = self.work.saturating_add(touched);
        self.walked = self.walked.saturating_add(touched);
        // Whichever side the exchange shifted, the entering arc is now tight.
        debug_assert_eq!(
            self.tree
                .reduced_cost(self.cost[entering], s as usize, t as usize),
            0
        );
        Ok(())
    }
}
