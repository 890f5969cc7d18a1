//! Why a need was not served, role by role: computed from the problem, the rejection tallies
//! of the compile step and the capacities the plan left free.

use crate::model::TeamRule;
use crate::problem::{CandidateEdge, Compiled, Ledger, Problem, RoleKind, Solution};
use crate::rules::RejectionTally;

use super::super::match_plan::{RejectionCount, UnmetNeed, UnmetReason};

/// The unmet needs of `solution`, sorted by need id, each with its reasons.
///
/// For every core role of an unserved need (every role under [`TeamRule::AllOrNothing`], the
/// non-optional ones under [`TeamRule::CoreThenOptional`]), in team order:
/// - no candidate edge: [`UnmetReason::NoEligibleProvider`] with the role's rejection counts;
/// - a person role with fewer eligible providers than its demand:
///   [`UnmetReason::TooFewEligible`];
/// - a material role whose eligible resources hold less than the amount even untouched:
///   [`UnmetReason::InsufficientMaterial`];
/// - too little free capacity among the eligible providers after the plan (persons: providers
///   with at least one more use free; material: `Σ min(free, max_units)`):
///   [`UnmetReason::CapacityTaken`].
///
/// A need with none of these gets [`UnmetReason::NotSelected`]: each role on its own could still
/// be filled from what the plan left free (roles are judged one by one, so a person eligible
/// for two roles of the need counts for both).
pub(crate) fn unmet_needs(compiled: &Compiled<'_>, solution: &Solution) -> Vec<UnmetNeed> {
    let reasons = Reasons::new(compiled, solution);
    let problem = &compiled.problem;
    let mut unmet: Vec<UnmetNeed> = (0..problem.needs.len())
        .filter(|&i| !solution.served.get(i).copied().unwrap_or(false))
        .map(|i| UnmetNeed {
            need: problem.need_ids[i],
            reasons: reasons.reasons(i),
        })
        .collect();
    unmet.sort_by_key(|u| u.need);
    unmet
}

/// Free capacities after the plan, and the tallies.
pub(super) struct Reasons<'a> {
    problem: &'a Problem,
    tallies: &'a [RejectionTally],
    /// Per provider: what is left on its busiest stretch of time (see
    /// [`tighten_to_own_windows`]).
    free: Vec<i128>,
    /// Everything left after the plan, shared resources included.
    ledger: Ledger,
}

impl<'a> Reasons<'a> {
    pub(super) fn new(compiled: &'a Compiled<'_>, solution: &Solution) -> Self {
        let problem = &compiled.problem;
        let mut free: Vec<i128> = problem
            .providers
            .iter()
            .map(|p| i128::from(p.capacity))
            .collect();
        let mut ledger = Ledger::new(problem);
        for u in &solution.uses {
            let Some(e) = problem.edges.get(u.edge as usize) else {
                continue;
            };
            if let Some(f) = free.get_mut(e.provider as usize) {
                *f -= i128::from(u.units) * i128::from(e.usage_per_unit);
            }
            ledger.take(problem, u.edge as usize, u.units);
        }
        if problem.has_shared() {
            tighten_to_own_windows(problem, &ledger, &mut free);
        }
        Reasons {
            problem,
            tallies: &compiled.tallies,
            free,
            ledger,
        }
    }

    /// The reasons need `need` was not served, by role order.
    pub(super) fn reasons(&self, need: usize) -> Vec<UnmetReason> {
        let Some(n) = self.problem.needs.get(need) else {
            return Vec::new();
        };
        let mut reasons: Vec<UnmetReason> = n
            .roles()
            .filter(|&r| {
                let optional = self.problem.roles.get(r).is_some_and(|role| role.optional);
                !(optional && n.rule == TeamRule::CoreThenOptional)
            })
            .filter_map(|r| self.role_reason(r))
            .collect();
        if reasons.is_empty() {
            reasons.push(UnmetReason::NotSelected);
        }
        reasons
    }

    fn rejection_counts(&self, role: usize) -> Vec<RejectionCount> {
        let tally = self.tallies.get(role).copied().unwrap_or_default();
        tally
            .most_frequent_first()
            .into_iter()
            .map(|(reason, count)| RejectionCount { reason, count })
            .collect()
    }

    fn role_reason(&self, r: usize) -> Option<UnmetReason> {
        let role = self.problem.roles.get(r)?;
        let edges = self.problem.role_edges(r);
        let team_role = role.team_index;
        if edges.is_empty() {
            return Some(UnmetReason::NoEligibleProvider {
                role: team_role,
                rejections: self.rejection_counts(r),
            });
        }
        let eligible = edges.len() as u32;
        let demand = role.demand;
        let free_units = if role.kind == RoleKind::Material {
            match self.material_free(edges, demand) {
                Ok(free) => free,
                Err(available) => {
                    return Some(UnmetReason::InsufficientMaterial {
                        role: team_role,
                        required: demand,
                        available: clamp_i64(available),
                    });
                }
            }
        } else {
            if i64::from(eligible) < demand {
                return Some(UnmetReason::TooFewEligible {
                    role: team_role,
                    eligible,
                    demand,
                    rejections: self.rejection_counts(r),
                });
            }
            self.persons_free(edges)
        };
        (free_units < i128::from(demand)).then(|| UnmetReason::CapacityTaken {
            role: team_role,
            eligible,
            demand,
            free: clamp_i64(free_units),
        })
    }

    /// Capacity provider `provider` had left after the plan (cases, minutes, fen or units).
    pub(super) fn free(&self, provider: u32) -> i128 {
        self.free
            .get(provider as usize)
            .copied()
            .unwrap_or(0)
            .max(0)
    }

    /// Units the eligible resources can still give after the plan, or `Err(available)` when
    /// even untouched they hold less than `demand`.
    fn material_free(&self, edges: &[CandidateEdge], demand: i64) -> Result<i128, i128> {
        let capacity = |p: u32| {
            self.problem
                .providers
                .get(p as usize)
                .map_or(0, |p| p.capacity)
        };
        let available: i128 = edges
            .iter()
            .map(|e| i128::from(capacity(e.provider).min(e.max_units)))
            .sum();
        if available < i128::from(demand) {
            return Err(available);
        }
        Ok(edges
            .iter()
            .map(|e| self.free(e.provider).min(i128::from(e.max_units)))
            .sum())
    }

    /// Units role `r` could still get from its eligible providers after the plan: persons
    /// with at least one more use free, or `Σ min(free, max_units)` for material.
    pub(super) fn free_units(&self, r: usize) -> i128 {
        let edges = self.problem.role_edges(r);
        match self.problem.roles.get(r) {
            Some(role) if role.kind == RoleKind::Material => {
                self.material_free(edges, 0).unwrap_or(0)
            }
            Some(_) => self.persons_free(edges),
            None => 0,
        }
    }

    /// Eligible persons with at least one more use free after the plan.
    /// Persons with room for one more unit of this role (their own capacity, their time
    /// window and a mentor's place, where the edge draws on them).
    fn persons_free(&self, edges: &[CandidateEdge]) -> i128 {
        let Some(first) = edges.first() else {
            return 0;
        };
        let start = self.problem.role_edge_range(first.role as usize).start;
        (0..edges.len())
            .filter(|&k| self.ledger.fits(self.problem, start + k, 1))
            .count() as i128
    }
}

/// Lowers each provider's free capacity to what is left in the tightest of its own time
/// windows (the resources only its edges draw on), so a person whose busiest stretch is full
/// is not reported as free.
fn tighten_to_own_windows(problem: &Problem, ledger: &Ledger, free: &mut [i128]) {
    const SHARED_BY_SEVERAL: u32 = u32::MAX;
    let mut owner: Vec<Option<u32>> = vec![None; problem.shared.len()];
    for (e, edge) in problem.edges.iter().enumerate() {
        for d in problem.edge_shared(e) {
            let slot = &mut owner[d.resource as usize];
            *slot = match *slot {
                None => Some(edge.provider),
                Some(p) if p == edge.provider => Some(p),
                Some(_) => Some(SHARED_BY_SEVERAL),
            };
        }
    }
    for (r, o) in owner.iter().enumerate() {
        if let Some(p) = o.filter(|&p| p != SHARED_BY_SEVERAL) {
            if let Some(f) = free.get_mut(p as usize) {
                *f = (*f).min(i128::from(ledger.shared_free(r)));
            }
        }
    }
}

fn clamp_i64(x: i128) -> i64 {
    i64::try_from(x.clamp(0, i128::from(i64::MAX))).unwrap_or(i64::MAX)
}
