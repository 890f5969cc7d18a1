//! The coarse start: starting potentials from the same network with only every fourth pure
//! source (then every sixteenth, …), the capacities and supplies of the upper nodes scaled
//! to match. Prices of a network with a quarter of the needs and a quarter of the room are
//! close to the full network's, and a solve started from close prices has little to move;
//! solving the levels coarsest first costs less than starting the full network from zero
//! (measured on the escalation hierarchy, see [`PrimalDual`](super::PrimalDual)). Exactness
//! does not depend on it: any starting potentials end at the optimum.

use super::start::Shifted;
use super::{Stop, solve_from};
use crate::solve::flow::network::{FlowNetwork, FlowStatus, UNCAPACITATED};

/// Each coarse level keeps one pure source in this many of the next finer level.
pub const COARSE_FACTOR: usize = 4;

/// Potentials for `network` from its coarse levels, coarsest first, each keeping at least
/// `coarsest` pure sources; `None` when there is no such level or none solved. Also the work
/// spent. Levels that do not solve (an infeasible sample, say) are skipped.
///
/// # Errors
/// The work spent, when it passed `work_limit`.
pub(super) fn coarse_potentials(
    network: &FlowNetwork,
    coarsest: usize,
    work_limit: u64,
) -> Result<(Option<Vec<i64>>, u64), u64> {
    let Ok(shifted) = Shifted::new(network) else {
        return Ok((None, 0));
    };
    let sources = shifted.is_source.iter().filter(|&&s| s).count();
    let mut factors = Vec::new();
    let mut factor = COARSE_FACTOR;
    while coarsest > 0 && sources / factor >= coarsest {
        factors.push(factor);
        factor = match factor.checked_mul(COARSE_FACTOR) {
            Some(f) => f,
            None => break,
        };
    }
    let mut potential: Option<Vec<i64>> = None;
    let mut spent = 0u64;
    for &every in factors.iter().rev() {
        let Ok(Some(sample)) = sampled(network, &shifted, every) else {
            continue;
        };
        let start = potential
            .clone()
            .unwrap_or_else(|| vec![0; network.node_count()]);
        let (run, work) = solve_from(&sample, start, work_limit - spent);
        spent = spent.saturating_add(work);
        match run {
            Ok(solution) if solution.status == FlowStatus::Optimal => {
                potential = Some(solution.potential);
            }
            Err(Stop::WorkLimit) => return Err(spent),
            _ => {}
        }
        if spent > work_limit {
            return Err(spent);
        }
    }
    Ok((potential, spent))
}

/// `network` with one pure source in `every` (by node number) and the others' supplies and
/// arcs left out; every other supply, lower bound and capacity divided by `every` (supplies
/// rounded to nearest, lower bounds down, capacities up), the largest supply in absolute
/// value adjusted so they sum to zero. `None` when no supply can take the adjustment.
///
/// # Errors
/// When a value fails the network's checks (it cannot: every value is at most the
/// original's).
fn sampled(
    network: &FlowNetwork,
    shifted: &Shifted,
    every: usize,
) -> crate::error::Result<Option<FlowNetwork>> {
    let n = network.node_count();
    let k = every as i64;
    let mut keep = vec![false; n];
    let mut seen = 0usize;
    for (v, &source) in shifted.is_source.iter().enumerate() {
        if source {
            keep[v] = seen % every == 0;
            seen += 1;
        }
    }
    let tails = network.tails();
    let arcs = tails
        .iter()
        .filter(|&&t| !shifted.is_source[t as usize] || keep[t as usize])
        .count();
    let mut sample = FlowNetwork::with_capacity(n, arcs);
    let mut total = 0i128;
    let mut largest: Option<(i64, usize)> = None;
    for (v, &b) in network.supplies().iter().enumerate() {
        let supply = if shifted.is_source[v] {
            if keep[v] { b } else { 0 }
        } else {
            if b != 0 && largest.is_none_or(|(l, _)| b.abs() > l) {
                largest = Some((b.abs(), v));
            }
            (2 * b + k).div_euclid(2 * k)
        };
        total += i128::from(supply);
        sample.set_supply(v, supply)?;
    }
    if total != 0 {
        let balanced = largest.and_then(|(_, v)| {
            i64::try_from(i128::from(sample.supplies()[v]) - total)
                .ok()
                .map(|b| (v, b))
        });
        let Some((v, supply)) = balanced else {
            return Ok(None);
        };
        if sample.set_supply(v, supply).is_err() {
            return Ok(None);
        }
    }
    let arcs = tails
        .iter()
        .zip(network.heads())
        .zip(network.lowers().iter().zip(network.capacities()))
        .zip(network.costs());
    for (((&t, &h), (&lower, &upper)), &cost) in arcs {
        let (t, h) = (t as usize, h as usize);
        if shifted.is_source[t] {
            if keep[t] {
                sample.add_arc(t, h, lower, upper, cost)?;
            }
        } else {
            let upper = if upper == UNCAPACITATED {
                upper
            } else {
                upper.div_euclid(k) + i64::from(upper.rem_euclid(k) != 0)
            };
            sample.add_arc(t, h, lower.div_euclid(k), upper, cost)?;
        }
    }
    Ok(Some(sample))
}
