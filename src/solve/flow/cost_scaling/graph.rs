//! The residual graph of one solve: lower bounds shifted out, uncapacitated arcs bounded,
//! costs scaled, arcs in compressed rows by tail, and the answer in network numbering.

use super::{Step, Stop};
use crate::solve::flow::{FlowNetwork, UNCAPACITATED};

/// Largest scaled cost `(n + 1)·|c|` accepted; prices are kept in `[−PRICE_FLOOR, 0]`, so a
/// reduced cost `c + p(u) − p(v)` never leaves `i64`.
const MAX_SCALED_COST: i64 = 1 << 61;
/// Lowest price allowed (see [`MAX_SCALED_COST`]); going below it is [`Stop::Overflow`].
pub(super) const PRICE_FLOOR: i64 = -(1 << 61);
/// Largest total of supplies and residual capacities accepted, so that no excess or residual
/// capacity can leave `i64`.
const MAX_TOTAL_AMOUNT: i128 = 1 << 62;

/// Residual graph in compressed rows: node `v` owns entries `first[v]..first[v + 1]`, one
/// per arc leaving or entering it (in arc order), each paired with the entry of the opposite
/// direction at `rev[e]`. Arcs that can carry no flow above their lower bound and self-loops
/// get no entry.
pub(super) struct Residual {
    pub(super) first: Vec<u32>,
    pub(super) head: Vec<u32>,
    pub(super) rev: Vec<u32>,
    /// Scaled cost `(n + 1)·c` of a forward entry, its negation on a backward one.
    pub(super) cost: Vec<i64>,
    /// Residual capacity.
    pub(super) res: Vec<i64>,
    /// Excess `b(v) + inflow − outflow` of each node (after the lower bounds).
    pub(super) excess: Vec<i64>,
    /// Backward entry of each network arc (`u32::MAX`: no entry), whose residual capacity is
    /// the flow above the lower bound.
    pub(super) back_of_arc: Vec<u32>,
    /// The cost scale `n + 1`.
    pub(super) scale: i64,
    /// Largest absolute scaled cost.
    pub(super) max_cost: i64,
}

impl Residual {
    /// Builds the residual graph of `net` with zero flow above the lower bounds; with
    /// `with_costs` false every cost is 0 (a pure feasibility problem).
    ///
    /// Uncapacitated arcs get the capacity `S + 1`, `S` being the total positive excess
    /// after the lower bounds plus every finite capacity: no basic solution carries more on
    /// one arc, so a problem without a negative cycle of uncapacitated arcs keeps its optimum.
    pub(super) fn new(net: &FlowNetwork, with_costs: bool) -> Step<Self> {
        let n = net.node_count();
        let m = net.arc_count();
        let (tails, heads) = (net.tails(), net.heads());
        let (lowers, uppers, costs) = (net.lowers(), net.capacities(), net.costs());
        let scale = i64::try_from(n).map_err(|_| Stop::Overflow)? + 1;

        let mut excess: Vec<i128> = net.supplies().iter().map(|&b| i128::from(b)).collect();
        let mut finite: i128 = 0;
        let mut uncapacitated: i128 = 0;
        let mut degree = vec![0u32; n + 1];
        let mut max_cost = 0i64;
        for a in 0..m {
            let (t, h) = (tails[a] as usize, heads[a] as usize);
            let lower = i128::from(lowers[a]);
            excess[t] -= lower;
            excess[h] += lower;
            if t == h {
                continue;
            }
            if uppers[a] == UNCAPACITATED {
                uncapacitated += 1;
            } else if uppers[a] > lowers[a] {
                finite += i128::from(uppers[a]) - lower;
            } else {
                continue;
            }
            degree[t] += 1;
            degree[h] += 1;
            if with_costs {
                let scaled = costs[a]
                    .checked_mul(scale)
                    .filter(|c| c.unsigned_abs() <= MAX_SCALED_COST as u64)
                    .ok_or(Stop::Overflow)?;
                max_cost = max_cost.max(scaled.abs());
            }
        }
        let positive: i128 = excess.iter().filter(|&&x| x > 0).sum();
        let bound = positive + finite + 1;
        let total = positive + finite + uncapacitated * bound;
        if total > MAX_TOTAL_AMOUNT || excess.iter().any(|&x| x.abs() > MAX_TOTAL_AMOUNT) {
            return Err(Stop::Overflow);
        }
        // Within MAX_TOTAL_AMOUNT, so these fit in i64.
        let bound = i64::try_from(bound).map_err(|_| Stop::Overflow)?;
        let excess = excess
            .into_iter()
            .map(i64::try_from)
            .collect::<Result<Vec<i64>, _>>()
            .map_err(|_| Stop::Overflow)?;

        let mut first = vec![0u32; n + 1];
        let mut running = 0u32;
        for v in 0..n {
            first[v] = running;
            running = running.checked_add(degree[v]).ok_or(Stop::Overflow)?;
        }
        first[n] = running;
        let entries = running as usize;
        let mut fill: Vec<u32> = first[..n].to_vec();
        let mut head = vec![0u32; entries];
        let mut rev = vec![0u32; entries];
        let mut cost = vec![0i64; entries];
        let mut res = vec![0i64; entries];
        let mut back_of_arc = vec![u32::MAX; m];
        for a in 0..m {
            let (t, h) = (tails[a] as usize, heads[a] as usize);
            let span = if uppers[a] == UNCAPACITATED {
                bound
            } else {
                uppers[a] - lowers[a]
            };
            if t == h || span <= 0 {
                continue;
            }
            let (f, b) = (fill[t], fill[h]);
            fill[t] += 1;
            fill[h] += 1;
            let c = if with_costs { costs[a] * scale } else { 0 };
            let (fi, bi) = (f as usize, b as usize);
            head[fi] = h as u32;
            head[bi] = t as u32;
            rev[fi] = b;
            rev[bi] = f;
            cost[fi] = c;
            cost[bi] = -c;
            res[fi] = span;
            back_of_arc[a] = b;
        }
        Ok(Residual {
            first,
            head,
            rev,
            cost,
            res,
            excess,
            back_of_arc,
            scale,
            max_cost,
        })
    }

    /// Number of nodes.
    pub(super) fn nodes(&self) -> usize {
        self.excess.len()
    }

    /// The flow of every network arc: its lower bound plus the residual capacity of its
    /// backward entry; a self-loop carries its capacity when its cost is negative.
    pub(super) fn arc_flows(&self, net: &FlowNetwork) -> Vec<i64> {
        (0..net.arc_count())
            .map(|a| {
                let lower = net.lowers()[a];
                match self.back_of_arc[a] {
                    u32::MAX if net.tails()[a] == net.heads()[a] && net.costs()[a] < 0 => {
                        net.capacities()[a]
                    }
                    u32::MAX => lower,
                    b => lower + self.res[b as usize],
                }
            })
            .collect()
    }
}
