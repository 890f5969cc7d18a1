//! Blocking reasons by provider: for each core role of an unmet need, the nearest eligible
//! providers (with the needs that used up their capacity) and the nearest rejected ones (with
//! every rule each fails).

use crate::model::ProviderId;

use super::context::Context;
use super::types::{EligibleProvider, RejectedProvider, RoleBlock, Taker};

impl Context<'_, '_> {
    /// The blocks of every core role of need `need`, in team order.
    pub(super) fn role_blocks(&self, need: usize) -> Vec<RoleBlock> {
        self.core_roles(need)
            .into_iter()
            .filter_map(|r| self.role_block(r))
            .collect()
    }

    fn role_block(&self, r: usize) -> Option<RoleBlock> {
        let role = self.problem().roles.get(r)?;
        let edges = self.problem().role_edges(r);
        let nearest = self.options.nearest as usize;
        let mut eligible: Vec<(u64, usize)> = edges
            .iter()
            .map(|e| {
                (
                    self.sort_distance(r, e.provider as usize),
                    e.provider as usize,
                )
            })
            .collect();
        eligible.sort_unstable();
        let eligible_list = eligible
            .iter()
            .take(nearest)
            .map(|&(_, p)| self.eligible_provider(r, p))
            .collect::<Option<Vec<_>>>()?;
        Some(RoleBlock {
            role: role.team_index,
            kind: role.kind,
            demand: role.demand,
            eligible: edges.len() as u32,
            available: i64::try_from(self.reasons.free_units(r)).unwrap_or(i64::MAX),
            nearest_eligible: eligible_list,
            nearest_rejected: self.nearest_rejected(r),
        })
    }

    /// Sort key of provider `p` for role `r`: its travel distance (unreachable last); 0 for
    /// organizations and funds, which then sort by index.
    fn sort_distance(&self, r: usize, p: usize) -> u64 {
        match self.home(p) {
            Some(_) => self.distance(r, p).unwrap_or(u64::MAX),
            None => 0,
        }
    }

    fn provider_id(&self, p: usize) -> Option<ProviderId> {
        self.problem().provider_ids.get(p).copied()
    }

    fn eligible_provider(&self, r: usize, p: usize) -> Option<EligibleProvider> {
        let usage = self.usage(r);
        let free = self.free(p);
        let (taken_by, takers) = if free < usage {
            self.takers(p)
        } else {
            (Vec::new(), 0)
        };
        Some(EligibleProvider {
            provider: self.provider_id(p)?,
            distance_m: self.distance(r, p),
            free,
            usage,
            taken_by,
            takers,
        })
    }

    /// The needs whose assignments used provider `p` in the plan, high tiers first then by id,
    /// at most `max_takers` of them, and how many there are.
    fn takers(&self, p: usize) -> (Vec<Taker>, u32) {
        let problem = self.problem();
        let mut all: Vec<Taker> = Vec::new();
        for &(need, used) in self.uses_of.get(p).map_or(&[][..], Vec::as_slice) {
            let Some(&id) = problem.need_ids.get(need as usize) else {
                continue;
            };
            match all.last_mut() {
                Some(last) if last.need == id => last.used += used,
                _ => all.push(Taker {
                    need: id,
                    risk: self.risk(need as usize),
                    used,
                }),
            }
        }
        let total = all.len() as u32;
        all.sort_by_key(|t| (t.risk, t.need));
        all.truncate(self.options.max_takers as usize);
        (all, total)
    }

    /// The `nearest` providers of the role's kind without a candidate edge, with every rule
    /// each fails. Workers and volunteers by travel distance (unreachable last), organizations
    /// and funds by the number of rules failed; ties by provider index.
    fn nearest_rejected(&self, r: usize) -> Vec<RejectedProvider> {
        let nearest = self.options.nearest as usize;
        let rejected = self.kind_range(r).filter(|&p| self.edge(r, p).is_none());
        let located = self
            .kind_range(r)
            .next()
            .is_some_and(|p| self.home(p).is_some());
        let chosen: Vec<(usize, Vec<crate::rules::Rejection>)> = if located {
            let mut by_distance: Vec<(u64, usize)> =
                rejected.map(|p| (self.sort_distance(r, p), p)).collect();
            by_distance.sort_unstable();
            by_distance
                .into_iter()
                .take(nearest)
                .filter_map(|(_, p)| Some((p, self.failures(r, p)?)))
                .collect()
        } else {
            let mut by_count: Vec<(usize, usize, Vec<crate::rules::Rejection>)> = rejected
                .filter_map(|p| {
                    let fails = self.failures(r, p)?;
                    Some((fails.len(), p, fails))
                })
                .collect();
            by_count.sort_unstable();
            by_count
                .into_iter()
                .take(nearest)
                .map(|(_, p, fails)| (p, fails))
                .collect()
        };
        chosen
            .into_iter()
            .filter_map(|(p, fails)| {
                Some(RejectedProvider {
                    provider: self.provider_id(p)?,
                    distance_m: self.distance(r, p),
                    fails,
                })
            })
            .collect()
    }
}
