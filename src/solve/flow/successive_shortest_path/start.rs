//! The starting point of the searches: potentials for pure supply nodes and for negative
//! uncapacitated arcs, then the initial flow (lower bounds, negative reduced costs, the warm
//! flow) and the excesses it leaves.

use super::engine::Engine;
use super::{Step, Stop};
use crate::solve::flow::UNCAPACITATED;

impl Engine<'_> {
    /// Raises the potential of every node without in-arcs to the least value that makes all
    /// its out-arcs' reduced costs non-negative (tight on its cheapest option): such a node
    /// constrains nobody, and without this its out-arcs would be saturated wholesale.
    pub(super) fn tighten_pure_sources(&mut self) -> Step<()> {
        for v in 0..self.pi.len() {
            if self.mid[v] != self.first[v + 1] || self.mid[v] == self.first[v] {
                continue;
            }
            let mut best: Option<i64> = None;
            for e in self.first[v]..self.mid[v] {
                let a = self.arc[e] as usize;
                let cand = self.pi[self.to[e] as usize]
                    .checked_sub(self.arcs[a].cost)
                    .ok_or(Stop::Overflow)?;
                best = Some(best.map_or(cand, |b: i64| b.max(cand)));
            }
            if let Some(b) = best {
                self.pi[v] = b;
            }
        }
        Ok(())
    }

    /// Reduced cost of forward entry `e` of node `u`.
    fn reduced(&self, u: usize, e: usize) -> Step<i64> {
        self.arcs[self.arc[e] as usize]
            .cost
            .checked_add(self.pi[u])
            .and_then(|x| x.checked_sub(self.pi[self.to[e] as usize]))
            .ok_or(Stop::Overflow)
    }

    /// Calls `f(u, e)` for every forward entry `e` of every node `u`, in order.
    fn forward_entries(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.pi.len()).flat_map(move |u| (self.first[u]..self.mid[u]).map(move |e| (u, e)))
    }

    /// `room + flow` is the span, `i64::MAX` exactly for uncapacitated arcs (finite spans
    /// are at most `2^53`).
    fn is_uncapacitated(&self, slot: usize) -> bool {
        let st = &self.arcs[slot];
        st.room + st.flow == i64::MAX
    }

    pub(super) fn uncapacitated_reduced_costs_ok(&self) -> Step<bool> {
        if !self.net.capacities().contains(&UNCAPACITATED) {
            return Ok(true);
        }
        for (u, e) in self.forward_entries() {
            if self.is_uncapacitated(self.arc[e] as usize) && self.reduced(u, e)? < 0 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Makes every uncapacitated arc's reduced cost non-negative (shortest distances from a
    /// virtual root over those arcs), or reports a negative cycle among them (uncapacitated
    /// negative self-loops are caught by [`Engine::initial_flow`]).
    pub(super) fn bellman_ford_uncapacitated(&mut self) -> Step<()> {
        let n = self.pi.len();
        let mut dist = vec![0i64; n];
        for _pass in 0..=n {
            self.charge(self.to.len() as u64)?;
            let mut changed = false;
            for (u, e) in self.forward_entries() {
                let a = self.arc[e] as usize;
                if !self.is_uncapacitated(a) {
                    continue;
                }
                let h = self.to[e] as usize;
                let cand = dist[u]
                    .checked_add(self.arcs[a].cost)
                    .ok_or(Stop::Overflow)?;
                if cand < dist[h] {
                    dist[h] = cand;
                    changed = true;
                }
            }
            if !changed {
                self.pi.copy_from_slice(&dist);
                return Ok(());
            }
        }
        Err(Stop::NegativeCycle)
    }

    /// Sets each arc's flow: the warm flow (clamped to its bounds) where it agrees with the
    /// reduced cost, else the bound the reduced cost asks for; then the node excesses.
    pub(super) fn initial_flow(&mut self, warm: Option<&[i64]>) -> Step<()> {
        for u in 0..self.pi.len() {
            for e in self.first[u]..self.mid[u] {
                let rc = self.reduced(u, e)?;
                let (slot, h) = (self.arc[e] as usize, self.to[e] as usize);
                self.initial_arc_flow(slot, rc, warm, (u, h))?;
            }
        }
        // self-loop slots follow the forward entries, one slot per two entries
        let first_loop_slot = self.first[self.pi.len()] / 2;
        for slot in first_loop_slot..self.arcs.len() {
            let t = self.net.tails()[self.arcid[slot] as usize] as usize;
            let t = self.rank[t] as usize;
            self.initial_arc_flow(slot, self.arcs[slot].cost, warm, (t, t))?;
        }
        Ok(())
    }

    /// Flow of one slot at the start (see [`Engine::initial_flow`]) and its excess update.
    fn initial_arc_flow(
        &mut self,
        slot: usize,
        rc: i64,
        warm: Option<&[i64]>,
        (t, h): (usize, usize),
    ) -> Step<()> {
        if rc > 0 && warm.is_none() && self.net.lowers()[self.arcid[slot] as usize] == 0 {
            return Ok(()); // stays empty; nothing moves
        }
        let a = self.arcid[slot] as usize;
        let lower = self.net.lowers()[a];
        let span = self.arcs[slot].room;
        let hint = warm.map_or(0, |w| w[a].saturating_sub(lower).clamp(0, span));
        let x = match rc.cmp(&0) {
            std::cmp::Ordering::Less if span == i64::MAX => return Err(Stop::NegativeCycle),
            std::cmp::Ordering::Less => span,
            std::cmp::Ordering::Equal => hint,
            std::cmp::Ordering::Greater => 0,
        };
        self.set_flow(slot, x);
        let x = lower.checked_add(x).ok_or(Stop::Overflow)?;
        self.excess[t] = self.excess[t].checked_sub(x).ok_or(Stop::Overflow)?;
        self.excess[h] = self.excess[h].checked_add(x).ok_or(Stop::Overflow)?;
        Ok(())
    }
}
