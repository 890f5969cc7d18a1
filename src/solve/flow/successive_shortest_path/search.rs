//! One bounded Dijkstra on reduced costs to the nearest deficit node, the potential update
//! and the augmentation along the path found, with the reusable search scratch.

use super::engine::Engine;
use super::radix_heap::RadixHeap;
use super::{Step, Stop};

/// A node's Dijkstra label; valid in the search whose round its stamp carries.
#[derive(Debug, Clone, Copy, Default)]
struct Label {
    dist: i64,
    /// Entry by which the node was reached.
    pred: usize,
    stamp: u32,
    /// Node whose scan labelled this one.
    from: u32,
}

/// Reusable Dijkstra scratch; `label[v].stamp ≥ round` marks `label[v]` as valid.
#[derive(Default)]
pub(super) struct Search {
    round: u32,
    label: Vec<Label>,
    settled: Vec<u32>,
    heap: RadixHeap,
    /// Nearest deficit node labelled so far and its distance: the search's upper bound.
    target: Option<(u32, i64)>,
}

impl Engine<'_> {
    /// One Dijkstra from `s` to the nearest deficit node, then one augmentation.
    pub(super) fn augment_from(&mut self, s: u32) -> Step<()> {
        let (t, dist_t) = self.dijkstra(s)?.ok_or(Stop::Infeasible)?;
        self.update_potentials(dist_t)?;
        let mut delta = self.excess[s as usize].min(-self.excess[t as usize]);
        self.path.clear();
        let mut v = t as usize;
        while v != s as usize {
            let (a, forward, u) = self.path_step(v);
            let room = if forward {
                self.fwd_residual(a)
            } else {
                self.arcs[a].flow
            };
            delta = delta.min(room);
            self.path.push((a as u32, forward));
            v = u;
        }
        debug_assert!(delta > 0);
        for i in 0..self.path.len() {
            let (a, forward) = self.path[i];
            let x = self.arcs[a as usize].flow;
            let x = if forward {
                x.checked_add(delta).ok_or(Stop::Overflow)?
            } else {
                x - delta
            };
            self.set_flow(a as usize, x);
        }
        self.excess[s as usize] -= delta;
        self.excess[t as usize] += delta;
        Ok(())
    }

    /// The residual arc by which the last search reached `v`: `(slot, forward, previous
    /// node)`; the entry lies in the previous node's list, forward iff before its `mid`.
    fn path_step(&self, v: usize) -> (usize, bool, usize) {
        let e = self.search.pred(v);
        let u = self.search.label[v].from as usize;
        (self.arc[e] as usize, e < self.mid[u], u)
    }

    /// Lowers the potential of every settled node `v` by `dist_t − dist(v)`.
    fn update_potentials(&mut self, dist_t: i64) -> Step<()> {
        let search = &self.search;
        for &v in &search.settled {
            let v = v as usize;
            let drop = dist_t - search.dist(v);
            self.pi[v] = self.pi[v].checked_sub(drop).ok_or(Stop::Overflow)?;
        }
        Ok(())
    }

    /// Dijkstra on reduced costs from `s`; stops when a node with negative excess is settled.
    fn dijkstra(&mut self, s: u32) -> Step<Option<(u32, i64)>> {
        self.search.begin(self.pi.len());
        self.search.relax(s, 0, usize::MAX, s);
        while let Some((d, u)) = self.search.heap.pop() {
            let ui = u as usize;
            if self.search.dist(ui) != d || self.search.is_settled(ui) {
                continue;
            }
            if self.search.target.is_some_and(|(_, bound)| d >= bound) {
                break;
            }
            self.search.settle(u);
            self.scan(ui, d)?;
        }
        Ok(self.search.target)
    }

    /// Relaxes every residual arc leaving `u` (settled at distance `d`). Deficit nodes are
    /// never queued: the nearest one labelled so far bounds the search, and no label at or
    /// beyond that bound is queued either.
    fn scan(&mut self, u: usize, d: i64) -> Step<()> {
        let pu = self.pi[u];
        let (lo, mid, hi) = (self.first[u], self.mid[u], self.open_end[u]);
        self.work = self.work.saturating_add(1 + (hi - lo) as u64);
        for e in lo..hi {
            let a = self.arc[e] as usize;
            let forward = e < mid;
            // backward entries up to `open_end` all carry flow
            let arc = &self.arcs[a];
            debug_assert!(forward || arc.flow > 0);
            if forward && arc.room == 0 {
                continue;
            }
            let w = self.to[e];
            let c = if forward { arc.cost } else { -arc.cost };
            let nd = c
                .checked_add(pu)
                .and_then(|x| x.checked_sub(self.pi[w as usize]))
                .and_then(|rc| {
                    debug_assert!(rc >= 0);
                    d.checked_add(rc)
                })
                .ok_or(Stop::Overflow)?;
            if self.search.target.is_some_and(|(_, bound)| nd >= bound) {
                continue;
            }
            if self.excess[w as usize] < 0 {
                self.search.label_target(w, nd, e, u as u32);
            } else {
                self.search.relax(w, nd, e, u as u32);
            }
        }
        Ok(())
    }
}

impl Search {
    /// Starts a new search over `n` nodes (stamps are reset only when the round wraps).
    fn begin(&mut self, n: usize) {
        if self.label.len() != n {
            self.label = vec![Label::default(); n];
            self.round = 0;
        }
        self.round = self.round.wrapping_add(2);
        if self.round == 0 {
            self.label.fill(Label::default());
            self.round = 2;
        }
        self.settled.clear();
        self.heap.clear();
        self.target = None;
    }

    fn dist(&self, v: usize) -> i64 {
        self.label[v].dist
    }

    fn pred(&self, v: usize) -> usize {
        self.label[v].pred
    }

    /// Labels deficit node `v` at distance `d` (below the current bound): the new target.
    fn label_target(&mut self, v: u32, d: i64, via: usize, from: u32) {
        self.label[v as usize] = Label {
            dist: d,
            pred: via,
            stamp: self.round,
            from,
        };
        self.target = Some((v, d));
    }

    /// Labelled in this round: `stamp ≥ round`; settled: `stamp == round + 1`.
    fn is_settled(&self, v: usize) -> bool {
        self.label[v].stamp == self.round + 1
    }

    fn settle(&mut self, v: u32) {
        self.label[v as usize].stamp = self.round + 1;
        self.settled.push(v);
    }

    fn relax(&mut self, v: u32, d: i64, via: usize, from: u32) {
        let l = &mut self.label[v as usize];
        if l.stamp >= self.round && (l.stamp == self.round + 1 || l.dist <= d) {
            return;
        }
        *l = Label {
            dist: d,
            pred: via,
            stamp: self.round,
            from,
        };
        self.heap.push(d, v);
    }
}
