//! Global price update: distances to the deficit nodes in units of `ε`, by Dial's buckets
//! on the reversed residual graph, then every price lowered by `ε` times its distance.

use super::graph::PRICE_FLOOR;
use super::refine::Engine;
use super::{Step, Stop};

const NONE: u32 = u32::MAX;
const INF: u64 = u64::MAX;

/// Scratch of the global price update: tentative distances and doubly linked bucket lists.
pub(super) struct PriceUpdate {
    dist: Vec<u64>,
    scanned: Vec<bool>,
    next: Vec<u32>,
    prev: Vec<u32>,
    bucket: Vec<u32>,
}

impl PriceUpdate {
    pub(super) fn new(n: usize) -> Self {
        PriceUpdate {
            dist: vec![INF; n],
            scanned: vec![false; n],
            next: vec![NONE; n],
            prev: vec![NONE; n],
            // Distances beyond `n + 1` buckets are kept only as tentative values.
            bucket: vec![NONE; n + 2],
        }
    }

    fn link(&mut self, v: usize, level: usize) {
        let old = self.bucket[level];
        self.next[v] = old;
        self.prev[v] = NONE;
        if old != NONE {
            self.prev[old as usize] = v as u32;
        }
        self.bucket[level] = v as u32;
    }

    fn unlink(&mut self, v: usize, level: usize) {
        let (p, n) = (self.prev[v], self.next[v]);
        if p == NONE {
            self.bucket[level] = n;
        } else {
            self.next[p as usize] = n;
        }
        if n != NONE {
            self.prev[n as usize] = p;
        }
    }
}

impl Engine {
    /// Lowers every price by `ε·d(v)`, `d(v)` the length of a shortest residual path from `v`
    /// to a node with a deficit when an entry of reduced cost `r ≥ −ε` has length
    /// `⌊r/ε⌋ + 1`. The search stops once every node with an excess has its distance; the
    /// nodes not reached by then get the distance of that moment. `ε`-optimality is kept
    /// (Goldberg 1997, §4), and every admissible path then leads towards a deficit.
    ///
    /// A node with an excess that reaches no deficit at all proves the problem infeasible
    /// ([`Stop::Infeasible`]): the nodes that reach none have no residual entry out, yet a
    /// positive total excess.
    pub(super) fn global_update(&mut self) -> Step<()> {
        let n = self.g.nodes();
        self.relabels = 0;
        self.charge((self.g.head.len() + n) as u64)?;
        let eps = self.eps;
        let cap = self.update.bucket.len() - 1;
        let mut waiting = 0usize;
        for v in 0..n {
            self.update.dist[v] = INF;
            self.update.scanned[v] = false;
            match self.g.excess[v].signum() {
                -1 => {
                    self.update.dist[v] = 0;
                    self.update.link(v, 0);
                }
                1 => waiting += 1,
                _ => {}
            }
        }
        let mut level = 0usize;
        let mut beyond = false;
        'levels: while level <= cap {
            while let Some(w) = Some(self.update.bucket[level]).filter(|&w| w != NONE) {
                let w = w as usize;
                self.update.unlink(w, level);
                self.update.scanned[w] = true;
                if self.g.excess[w] > 0 {
                    waiting -= 1;
                    if waiting == 0 {
                        break 'levels;
                    }
                }
                let pw = self.price[w];
                for e in self.g.first[w] as usize..self.g.first[w + 1] as usize {
                    let r = self.g.rev[e] as usize;
                    let v = self.g.head[e] as usize;
                    if self.g.res[r] == 0 || self.update.scanned[v] {
                        continue;
                    }
                    // Entry r = (v, w).
                    let reduced = self.g.cost[r] + self.price[v] - pw;
                    let length = (reduced.div_euclid(eps) + 1).max(0) as u64;
                    let cand = level as u64 + length;
                    let old = self.update.dist[v];
                    if cand < old {
                        if old <= cap as u64 {
                            self.update.unlink(v, old as usize);
                        }
                        self.update.dist[v] = cand;
                        if cand <= cap as u64 {
                            self.update.link(v, cand as usize);
                        } else {
                            beyond = true;
                        }
                    }
                }
            }
            level += 1;
        }
        let stop = level.min(cap) as u64;
        if waiting > 0 && !beyond {
            // Every node that reaches a deficit was scanned; some excess was not.
            return Err(Stop::Infeasible);
        }
        for v in 0..n {
            let d = if self.update.scanned[v] {
                self.update.dist[v]
            } else {
                let old = self.update.dist[v];
                if old <= cap as u64 && old != INF {
                    self.update.unlink(v, old as usize);
                }
                stop
            };
            if d > 0 {
                let drop = i64::try_from(d)
                    .ok()
                    .and_then(|d| d.checked_mul(eps))
                    .ok_or(Stop::Overflow)?;
                let price = self.price[v] - drop.min(i64::MAX / 2);
                if price < PRICE_FLOOR {
                    return Err(Stop::Overflow);
                }
                self.price[v] = price;
            }
            self.current[v] = self.g.first[v];
        }
        if waiting > 0 {
            // Some distances were beyond the buckets: decide reachability exactly.
            return self.check_reachable();
        }
        Ok(())
    }

    /// [`Stop::Infeasible`] when some node with an excess reaches no node with a deficit in
    /// the residual graph (breadth-first search backwards from the deficits).
    fn check_reachable(&mut self) -> Step<()> {
        let n = self.g.nodes();
        self.charge((self.g.head.len() + n) as u64)?;
        let seen = &mut self.update.scanned;
        seen.iter_mut().for_each(|s| *s = false);
        let mut stack: Vec<usize> = (0..n).filter(|&v| self.g.excess[v] < 0).collect();
        for &v in &stack {
            seen[v] = true;
        }
        while let Some(w) = stack.pop() {
            for e in self.g.first[w] as usize..self.g.first[w + 1] as usize {
                let v = self.g.head[e] as usize;
                if !seen[v] && self.g.res[self.g.rev[e] as usize] > 0 {
                    seen[v] = true;
                    stack.push(v);
                }
            }
        }
        if (0..n).any(|v| self.g.excess[v] > 0 && !seen[v]) {
            Err(Stop::Infeasible)
        } else {
            Ok(())
        }
    }
}
