//! Capacity over time: a person's weekly minutes (a volunteer) or concurrent cases (a worker,
//! an organization) are shared only among needs whose date windows overlap.
//!
//! For one provider, the needs it may serve are intervals of days `[start, end]`. At any day
//! the needs active then must fit its free capacity `c`; for intervals it is enough to ask
//! this of every *maximal* set of pairwise-overlapping windows (each such set is the needs
//! active on one day, and every day's active set lies in a maximal one). A sweep over the
//! windows sorted by day finds these sets: one ends where an end follows a start.
//!
//! When all the provider's windows share a day there is one set, the provider's own capacity
//! says everything, and nothing changes. Otherwise each set `K_1..K_m` becomes a
//! [`SharedResource`] of capacity `c`, every edge draws on the sets its need's window is in,
//! and the provider's own capacity becomes `min(m·c, Σ usage of its edges)` — a bound every
//! feasible plan keeps (each edge is in at least one set), so relaxations that see only
//! provider capacities stay valid upper bounds.
//!
//! A provider's load (`current_load`, `committed_minutes`, `active_cases`) counts on every
//! day: a scenario says how much is taken, not until when. Money is spent, not shared over
//! time: funds are left alone.

use crate::error::Result;
use crate::model::ProviderId;
use crate::problem::{MAX_AMOUNT, SharedResource, SharedUse};

use super::Compiler;

/// One candidate edge of a provider, as an interval of days.
#[derive(Debug, Clone, Copy)]
struct Stay {
    start: i32,
    end: i32,
    edge: usize,
}

impl Compiler<'_> {
    /// Adds the time-window resources of every time-shared provider whose windows do not
    /// all overlap (see the module docs). Runs on the finished, indexed edges.
    pub(super) fn add_time_windows(&mut self) -> Result<()> {
        // windows that all share a day (the latest start is on or before the earliest end)
        // never make two needs miss each other: nothing to do
        let needs = &self.scenario.needs;
        let latest_start = needs.iter().map(|n| n.window.start).max();
        let earliest_end = needs.iter().map(|n| n.window.end).min();
        if latest_start <= earliest_end {
            return Ok(());
        }
        let problem = &self.problem;
        let mut by_provider: Vec<Vec<Stay>> = vec![Vec::new(); problem.providers.len()];
        for (e, edge) in problem.edges.iter().enumerate() {
            let p = edge.provider as usize;
            if matches!(
                problem.provider_ids.get(p),
                None | Some(ProviderId::Fund(_))
            ) {
                continue;
            }
            let need = problem.roles[edge.role as usize].need as usize;
            let Some(n) = self.scenario.needs.get(need) else {
                continue;
            };
            by_provider[p].push(Stay {
                start: n.window.start.days_since_epoch(),
                end: n.window.end.days_since_epoch(),
                edge: e,
            });
        }
        let mut added: Vec<(usize, SharedUse)> = Vec::new();
        let mut shared = std::mem::take(&mut self.problem.shared);
        for (p, stays) in by_provider.iter_mut().enumerate() {
            let capacity = self.problem.providers[p].capacity;
            let demand: i128 = stays
                .iter()
                .map(|s| {
                    let edge = &self.problem.edges[s.edge];
                    i128::from(edge.usage_per_unit) * i128::from(edge.max_units)
                })
                .sum();
            if demand <= i128::from(capacity) {
                continue;
            }
            self.budget.spend(stays.len() as u64)?;
            let days = busiest_days(stays);
            if days.len() < 2 {
                continue;
            }
            let first = shared.len() as u32;
            shared.extend(days.iter().map(|_| SharedResource { capacity }));
            for s in stays.iter() {
                let from = days.partition_point(|&d| d < s.start);
                let to = days.partition_point(|&d| d <= s.end);
                let per_unit = self.problem.edges[s.edge].usage_per_unit;
                self.budget.draws(to - from)?;
                added.extend((from..to).map(|k| {
                    let resource = first + k as u32;
                    (s.edge, SharedUse { resource, per_unit })
                }));
            }
            let sets = i128::from(capacity) * days.len() as i128;
            self.problem.providers[p].capacity =
                sets.min(demand).min(i128::from(MAX_AMOUNT)) as i64;
        }
        self.problem.shared = shared;
        self.problem.add_edge_shared(added);
        Ok(())
    }
}

/// One day inside each maximal set of pairwise-overlapping windows of `stays`, ascending
/// (windows are inclusive: `[1, 5]` and `[5, 9]` overlap on day 5). Sorts `stays` by start.
fn busiest_days(stays: &mut [Stay]) -> Vec<i32> {
    stays.sort_unstable_by_key(|s| (s.start, s.end, s.edge));
    let mut ends: Vec<i32> = stays.iter().map(|s| s.end).collect();
    ends.sort_unstable();
    // sweep: a start at day d opens before any end at d closes (inclusive windows)
    let mut days = Vec::new();
    let (mut i, mut j) = (0usize, 0usize);
    let mut opened_since_close = false;
    let mut last_start = i32::MIN;
    while i < stays.len() || j < ends.len() {
        if i < stays.len() && (j >= ends.len() || stays[i].start <= ends[j]) {
            last_start = stays[i].start;
            opened_since_close = true;
            i += 1;
        } else {
            if opened_since_close {
                days.push(last_start);
                opened_since_close = false;
            }
            j += 1;
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::{Stay, busiest_days};

    fn stays(windows: &[(i32, i32)]) -> Vec<Stay> {
        windows
            .iter()
            .enumerate()
            .map(|(edge, &(start, end))| Stay { start, end, edge })
            .collect()
    }

    #[test]
    fn overlapping_windows_have_one_busiest_day() {
        assert_eq!(
            busiest_days(&mut stays(&[(0, 10), (3, 20), (5, 6)])),
            vec![5]
        );
        assert_eq!(busiest_days(&mut stays(&[(1, 5), (5, 9)])), vec![5]);
    }

    #[test]
    fn disjoint_windows_have_one_day_each() {
        assert_eq!(busiest_days(&mut stays(&[(10, 12), (0, 4)])), vec![0, 10]);
        // a long window over two disjoint short ones: two maximal sets
        assert_eq!(
            busiest_days(&mut stays(&[(0, 30), (1, 2), (20, 25)])),
            vec![1, 20]
        );
    }

    #[test]
    fn every_maximal_set_is_found_against_brute_force() {
        // all windows within 0..12, checked against the day-by-day active sets
        let mut seed = 7u64;
        for _ in 0..300 {
            let n = 1 + (seed % 7) as usize;
            let mut windows = Vec::new();
            for _ in 0..n {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let a = ((seed >> 33) % 12) as i32;
                let b = a + ((seed >> 40) % 6) as i32;
                windows.push((a, b));
            }
            let active = |d: i32| -> Vec<usize> {
                (0..n)
                    .filter(|&k| windows[k].0 <= d && d <= windows[k].1)
                    .collect()
            };
            let mut maximal: Vec<Vec<usize>> = Vec::new();
            for d in 0..20 {
                let set = active(d);
                let inside = (0..20).any(|o| {
                    let other = active(o);
                    other.len() > set.len() && set.iter().all(|k| other.contains(k))
                });
                if !set.is_empty() && !inside && !maximal.contains(&set) {
                    maximal.push(set);
                }
            }
            let days = busiest_days(&mut stays(&windows));
            let found: Vec<Vec<usize>> = days.iter().map(|&d| active(d)).collect();
            assert_eq!(found, maximal, "windows {windows:?}");
        }
    }
}
