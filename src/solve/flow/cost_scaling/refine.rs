//! One refinement phase: from an `αε`-optimal flow to an `ε`-optimal one by push–relabel,
//! with FIFO active nodes and current arcs, discharging a node either by partial
//! augment–relabel (walks of a few admissible arcs) or by single pushes with look-ahead.

use std::collections::VecDeque;

use super::graph::{PRICE_FLOOR, Residual};
use super::price_update::PriceUpdate;
use super::{Step, Stop};

/// The state of a solve: residual graph, prices and the active-node queue.
///
/// Prices `p` only decrease, start at 0 and stay at or above [`PRICE_FLOOR`]. The reduced
/// cost of an entry `e = (u, v)` is `cost[e] + p(u) − p(v)`; the flow is `ε`-optimal when
/// every entry with residual capacity has a reduced cost of at least `−ε`, and an entry is
/// admissible when it has residual capacity and a negative reduced cost.
pub(super) struct Engine {
    pub(super) g: Residual,
    pub(super) price: Vec<i64>,
    /// Current arc of each node: entries before it are not admissible.
    pub(super) current: Vec<u32>,
    pub(super) queue: VecDeque<u32>,
    pub(super) eps: i64,
    pub(super) update: PriceUpdate,
    /// Relabels since the last global price update.
    pub(super) relabels: u64,
    /// A global price update runs after this many relabels.
    pub(super) update_every: u64,
    pub(super) work: u64,
    /// Longest walk of a partial augment–relabel; 0 discharges by single pushes instead.
    pub(super) augment_steps: usize,
    path: Vec<u32>,
    pub(super) work_limit: u64,
}

impl Engine {
    pub(super) fn new(g: Residual, work_limit: u64) -> Self {
        let n = g.nodes();
        Engine {
            current: g.first[..n].to_vec(),
            price: vec![0; n],
            queue: VecDeque::new(),
            eps: 1,
            update: PriceUpdate::new(n),
            relabels: 0,
            update_every: n as u64 + 1,
            work: 0,
            augment_steps: 0,
            path: Vec::new(),
            work_limit,
            g,
        }
    }

    /// Adds `units` of work; [`Stop::WorkLimit`] once the total exceeds the limit.
    pub(super) fn charge(&mut self, units: u64) -> Step<()> {
        self.work = self.work.saturating_add(units);
        if self.work > self.work_limit {
            Err(Stop::WorkLimit)
        } else {
            Ok(())
        }
    }

    /// Reduced cost of entry `e` leaving `u`.
    #[inline]
    fn reduced(&self, u: usize, e: usize) -> i64 {
        self.g.cost[e] + self.price[u] - self.price[self.g.head[e] as usize]
    }

    /// Refines the flow to `ε`-optimality for `eps` (the flow is `αε`-optimal on entry):
    /// saturates every admissible entry, then discharges active nodes in FIFO order.
    pub(super) fn refine(&mut self, eps: i64) -> Step<()> {
        self.eps = eps;
        let n = self.g.nodes();
        self.charge(self.g.head.len() as u64 + n as u64)?;
        for u in 0..n {
            for e in self.g.first[u] as usize..self.g.first[u + 1] as usize {
                let r = self.g.res[e];
                if r > 0 && self.reduced(u, e) < 0 {
                    let w = self.g.head[e] as usize;
                    self.g.res[e] = 0;
                    self.g.res[self.g.rev[e] as usize] += r;
                    self.g.excess[u] -= r;
                    self.g.excess[w] += r;
                }
            }
        }
        self.queue.clear();
        for v in 0..n {
            self.current[v] = self.g.first[v];
            if self.g.excess[v] > 0 {
                self.queue.push_back(v as u32);
            }
        }
        if self.queue.is_empty() {
            return Ok(());
        }
        self.global_update()?;
        while let Some(v) = self.queue.pop_front() {
            if self.augment_steps > 0 {
                self.augment(v as usize)?;
            } else {
                self.discharge(v as usize)?;
            }
            if self.relabels >= self.update_every && !self.queue.is_empty() {
                self.global_update()?;
            }
        }
        Ok(())
    }

    /// Pushes the whole excess of `v` along admissible entries, relabelling it whenever it
    /// has none left.
    fn discharge(&mut self, v: usize) -> Step<()> {
        let end = self.g.first[v + 1] as usize;
        loop {
            let start = self.current[v] as usize;
            let mut e = start;
            while e < end {
                if self.g.res[e] > 0 && self.reduced(v, e) < 0 {
                    let w = self.g.head[e] as usize;
                    // Look-ahead: a node that could not pass the flow on is relabelled
                    // first, which may make this entry inadmissible.
                    if self.g.excess[w] >= 0
                        && !self.has_admissible(w)
                        && self.relabel(w)?
                        && self.reduced(v, e) >= 0
                    {
                        e += 1;
                        continue;
                    }
                    let delta = self.g.excess[v].min(self.g.res[e]);
                    self.g.res[e] -= delta;
                    self.g.res[self.g.rev[e] as usize] += delta;
                    self.g.excess[v] -= delta;
                    let before = self.g.excess[w];
                    self.g.excess[w] = before + delta;
                    if before <= 0 && before + delta > 0 {
                        self.queue.push_back(w as u32);
                    }
                    if self.g.excess[v] == 0 {
                        self.current[v] = e as u32;
                        self.work += (e - start) as u64 + 1;
                        return Ok(());
                    }
                }
                e += 1;
            }
            self.work += (end - start) as u64;
            if !self.relabel(v)? {
                // Excess with no residual entry out: {v} is a cut no flow can cross.
                return Err(Stop::Infeasible);
            }
            if self.relabels >= self.update_every {
                // A global price update is due: `v` waits for it in the queue.
                self.queue.push_back(v as u32);
                return Ok(());
            }
        }
    }

    /// Partial augment–relabel from `v`: walks admissible entries from `v` until a node with
    /// a deficit or `augment_steps` entries, relabelling (and retreating from) a tip without
    /// an admissible entry, then pushes along the walk as much of `v`'s excess as each entry
    /// takes; repeats while `v` has an excess (or until a global update is due).
    fn augment(&mut self, v: usize) -> Step<()> {
        let mut path = std::mem::take(&mut self.path);
        path.clear();
        let result = self.augment_from(v, &mut path);
        self.path = path;
        result
    }

    fn augment_from(&mut self, v: usize, path: &mut Vec<u32>) -> Step<()> {
        let mut tip = v;
        while self.g.excess[v] > 0 {
            let end = self.g.first[tip + 1] as usize;
            let start = self.current[tip] as usize;
            let mut e = start;
            while e < end && (self.g.res[e] == 0 || self.reduced(tip, e) >= 0) {
                e += 1;
            }
            self.work += (e - start) as u64 + 1;
            if e < end {
                self.current[tip] = e as u32;
                path.push(e as u32);
                tip = self.g.head[e] as usize;
                if self.g.excess[tip] < 0 || path.len() >= self.augment_steps {
                    self.push_along(v, path);
                    path.clear();
                    tip = v;
                }
                continue;
            }
            self.current[tip] = end as u32;
            if !self.relabel(tip)? {
                if tip == v {
                    // Excess with no residual entry out: {v} is a cut no flow can cross.
                    return Err(Stop::Infeasible);
                }
                // A dead end without residual entries: the walk ends here, and the flow
                // trapped there is reported when that node is discharged.
                self.push_along(v, path);
                path.clear();
                tip = v;
                continue;
            }
            if tip != v {
                // The entry into the relabelled tip is no longer admissible: retreat.
                path.pop();
                tip = match path.last() {
                    Some(&e) => self.g.head[e as usize] as usize,
                    None => v,
                };
            }
            if self.relabels >= self.update_every {
                if self.g.excess[v] > 0 {
                    self.queue.push_back(v as u32);
                }
                return Ok(());
            }
        }
        Ok(())
    }

    /// Pushes from `v` along the entries of `path`: each takes what it can of the amount
    /// still carried, the rest staying at its tail (which becomes active).
    fn push_along(&mut self, v: usize, path: &[u32]) {
        let mut carried = self.g.excess[v];
        let mut tail = v;
        for &e in path {
            let e = e as usize;
            let delta = carried.min(self.g.res[e]);
            self.g.res[e] -= delta;
            self.g.res[self.g.rev[e] as usize] += delta;
            if tail == v {
                self.g.excess[v] -= delta;
            } else {
                self.gain(tail, carried - delta);
            }
            carried = delta;
            tail = self.g.head[e] as usize;
        }
        if tail != v {
            self.gain(tail, carried);
        }
    }

    /// Adds `amount` to the excess of `w`, queueing it when it becomes active.
    #[inline]
    fn gain(&mut self, w: usize, amount: i64) {
        let before = self.g.excess[w];
        self.g.excess[w] = before + amount;
        if before <= 0 && before + amount > 0 {
            self.queue.push_back(w as u32);
        }
    }

    /// Whether `w` has an admissible entry at or after its current arc (which moves to the
    /// first one found, or to the end).
    fn has_admissible(&mut self, w: usize) -> bool {
        let end = self.g.first[w + 1] as usize;
        let mut e = self.current[w] as usize;
        while e < end {
            if self.g.res[e] > 0 && self.reduced(w, e) < 0 {
                self.current[w] = e as u32;
                return true;
            }
            e += 1;
        }
        self.current[w] = end as u32;
        false
    }

    /// Lowers the price of `v` (which has no admissible entry) to the highest value that
    /// leaves every residual entry out of it a reduced cost of at least `−ε`, making the
    /// tightest ones admissible. Returns `false`, changing nothing, when `v` has no residual
    /// entry out.
    fn relabel(&mut self, v: usize) -> Step<bool> {
        let (start, end) = (self.g.first[v] as usize, self.g.first[v + 1] as usize);
        let mut best = i64::MIN;
        for e in start..end {
            if self.g.res[e] > 0 {
                best = best.max(self.price[self.g.head[e] as usize] - self.g.cost[e]);
            }
        }
        self.relabels += 1;
        self.charge((end - start) as u64 + 1)?;
        if best == i64::MIN {
            return Ok(false);
        }
        let price = best - self.eps;
        if price < PRICE_FLOOR {
            return Err(Stop::Overflow);
        }
        self.price[v] = price;
        self.current[v] = start as u32;
        Ok(true)
    }
}
