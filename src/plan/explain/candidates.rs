//! Candidate relaxations of an unmet need, cheapest first (verified later by re-solving).
//!
//! A role is *short* by `demand − available` units after the plan. One *option* for a role
//! changes one provider so it can give the role one more person, or a material role its whole
//! shortfall:
//! - an eligible provider whose capacity the plan used up: more capacity (one more case, the
//!   missing weekly minutes, the missing balance);
//! - a rejected provider whose every failed rule can be fixed by a change (radius, vetting,
//!   insurance, earmark, capacity): all those fixes together, plus capacity if it has too
//!   little left.
//!
//! Every option comes with two margins: *minimal* (just what this need lacks) and *covering*
//! (also the capacity the needs tried before it could claim from that provider, which
//! otherwise take the new capacity first). A role short by `s ≥ 2` persons takes the `s`
//! cheapest options, then variants swapping the last for each next one. A need's candidates combine one option per short role (a beam of
//! the cheapest partial combinations, never the same person for two roles); a need with no
//! short role (not selected by the strategy) gets one option of any core role. The tries take
//! the cheapest minimal and the cheapest covering candidate in turn.

use crate::model::{ProviderId, RoleSpec};
use crate::rules::Rejection;

use super::change::{Change, Relaxation, is_goods};
use super::context::Context;

/// How much capacity beyond the need's own a candidate adds to a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Margin {
    /// Just what the need lacks.
    Minimal,
    /// Also what the needs tried before it could claim ([`Context::competition`]).
    Covering,
}

impl Margin {
    /// The order in which the margins take turns.
    const ALL: [Margin; 2] = [Margin::Minimal, Margin::Covering];
}

/// Changes to one provider that give a role more units, and their cost.
#[derive(Debug, Clone)]
struct RoleOption {
    providers: Vec<usize>,
    changes: Vec<Change>,
    cost: u64,
}

impl Context<'_, '_> {
    /// The candidate relaxations of unmet need `need`, at most `tries_per_need`: the
    /// cheapest minimal one, the cheapest covering one, the second cheapest of each, and so
    /// on, without repeats.
    pub(super) fn candidates(&self, need: usize) -> Vec<Relaxation> {
        let width = (self.options.budget.tries_per_need as usize).max(1);
        let roles = self.core_roles(need);
        let short: Vec<(usize, i64)> = roles
            .iter()
            .map(|&r| (r, self.shortfall(r)))
            .filter(|&(_, s)| s > 0)
            .collect();
        // With no short role (the strategy did not select the need), one more option for
        // any core role.
        let targets: Vec<(usize, i64)> = if short.is_empty() {
            roles.iter().map(|&r| (r, 1)).collect()
        } else {
            short.clone()
        };
        let options: Vec<(bool, [Vec<RoleOption>; 2])> = targets
            .iter()
            .map(|&(r, s)| (self.is_person_role(r), self.role_options(r, s, width)))
            .collect();
        let per_margin: Vec<Vec<Relaxation>> = (0..Margin::ALL.len())
            .map(|m| {
                let combos: Vec<RoleOption> = if short.is_empty() {
                    options
                        .iter()
                        .flat_map(|(_, o)| o[m].iter().cloned())
                        .collect()
                } else {
                    let roles: Vec<(bool, &[RoleOption])> = options
                        .iter()
                        .map(|(person, o)| (*person, &o[m][..]))
                        .collect();
                    self.combine(&roles, width)
                };
                let mut out: Vec<Relaxation> =
                    combos.into_iter().map(|o| self.price(o.changes)).collect();
                out.sort_by(|a, b| a.cost.cmp(&b.cost).then_with(|| a.changes.cmp(&b.changes)));
                out.dedup();
                out
            })
            .collect();
        let mut out: Vec<Relaxation> = Vec::with_capacity(width);
        for k in 0..width {
            for list in &per_margin {
                if let Some(r) = list.get(k) {
                    if out.len() < width && !out.contains(r) {
                        out.push(r.clone());
                    }
                }
            }
        }
        out
    }

    /// Units role `r` lacks after the plan.
    fn shortfall(&self, r: usize) -> i64 {
        let demand = self.problem().roles.get(r).map_or(0, |role| role.demand);
        let available = self.reasons.free_units(r);
        i64::try_from((i128::from(demand) - available).max(0)).unwrap_or(i64::MAX)
    }

    fn price(&self, changes: Vec<Change>) -> Relaxation {
        let funds = &self.compiled.scenario.funds;
        Relaxation::priced(changes, &self.options.costs, |id| {
            funds.iter().any(|f| f.id == id && is_goods(f))
        })
    }

    /// Beam search over one option per short role (`(person role, its options)`), keeping
    /// the `width` cheapest partial combinations.
    fn combine(&self, roles: &[(bool, &[RoleOption])], width: usize) -> Vec<RoleOption> {
        let mut beam = vec![RoleOption {
            providers: Vec::new(),
            changes: Vec::new(),
            cost: 0,
        }];
        for &(person, options) in roles {
            let mut next: Vec<RoleOption> = Vec::new();
            for partial in &beam {
                for option in options {
                    if person
                        && option
                            .providers
                            .iter()
                            .any(|p| partial.providers.contains(p))
                    {
                        continue;
                    }
                    let mut changes = partial.changes.clone();
                    changes.extend(option.changes.iter().cloned());
                    let mut providers = partial.providers.clone();
                    if person {
                        providers.extend(&option.providers);
                    }
                    next.push(RoleOption {
                        providers,
                        cost: self.price(changes.clone()).cost,
                        changes,
                    });
                }
            }
            next.sort_by_key(|o| o.cost);
            next.truncate(width);
            beam = next;
        }
        beam
    }

    fn is_person_role(&self, r: usize) -> bool {
        self.problem()
            .roles
            .get(r)
            .is_some_and(|role| role.kind != crate::problem::RoleKind::Material)
    }

    /// Options giving role `r` its shortfall `s`, cheapest first, at most `width`, for each
    /// margin of [`Margin::ALL`].
    fn role_options(&self, r: usize, s: i64, width: usize) -> [Vec<RoleOption>; 2] {
        let mut units: [Vec<RoleOption>; 2] = [Vec::new(), Vec::new()];
        for p in self.kind_range(r) {
            let [minimal, covering] = self.unit_options(r, p, s);
            units[0].extend(minimal);
            units[1].extend(covering);
        }
        units.map(|list| self.role_combinations(r, s, width, list))
    }

    /// The options of role `r` short by `s` from its one-provider options `units`: each
    /// alone when `s ≤ 1` or the role is material; else the `s` cheapest, then the `s − 1`
    /// cheapest with each next one.
    fn role_combinations(
        &self,
        r: usize,
        s: i64,
        width: usize,
        mut units: Vec<RoleOption>,
    ) -> Vec<RoleOption> {
        units.sort_by_key(|o| (o.cost, o.providers.first().copied()));
        if !self.is_person_role(r) || s <= 1 {
            units.truncate(width);
            return units;
        }
        let s = s as usize;
        if units.len() < s {
            return Vec::new();
        }
        let mut options = Vec::new();
        for k in (s - 1)..units.len().min(s - 1 + width) {
            let chosen = units[..s - 1].iter().chain(std::iter::once(&units[k]));
            let mut option = RoleOption {
                providers: Vec::new(),
                changes: Vec::new(),
                cost: 0,
            };
            for unit in chosen {
                option.providers.extend(&unit.providers);
                option.changes.extend(unit.changes.iter().cloned());
                option.cost = option.cost.saturating_add(unit.cost);
            }
            options.push(option);
        }
        options
    }

    /// Changes to provider `p` that give role `r` one more person (person roles) or the
    /// shortfall `s` (material roles): the fixes of every rule it fails, plus the capacity it
    /// lacks with each margin on top. `None` when no change of the catalogue does it.
    fn unit_options(&self, r: usize, p: usize, s: i64) -> [Option<RoleOption>; 2] {
        let Some(fixes) = self.fixes(r, p) else {
            return [None, None];
        };
        let Some(need) = self.problem().roles.get(r).map(|role| role.need as usize) else {
            return [None, None];
        };
        Margin::ALL.map(|margin| {
            let extra = match margin {
                Margin::Minimal => 0,
                Margin::Covering => self.competition(p, need),
            };
            let mut changes = fixes.clone();
            changes.extend(self.capacity_changes(r, p, s, extra)?);
            (!changes.is_empty()).then(|| RoleOption {
                providers: vec![p],
                cost: self.price(changes.clone()).cost,
                changes,
            })
        })
    }

    /// The changes fixing every rule provider `p` fails for role `r` (none when eligible);
    /// `None` when some rule cannot be fixed by a change of the catalogue.
    fn fixes(&self, r: usize, p: usize) -> Option<Vec<Change>> {
        let mut changes = Vec::new();
        if self.edge(r, p).is_none() {
            // Cheap first test: a first failure no change can fix rules the provider out.
            if let Some(Err(first)) = self.first_failure(r, p) {
                self.fix(r, p, first)?;
            }
            for rejection in self.failures(r, p)? {
                changes.extend(self.fix(r, p, rejection)?);
            }
        }
        Some(changes)
    }

    /// The change fixing `rejection` of provider `p` for role `r` (`Some(None)` for
    /// [`Rejection::NoCapacity`], handled by [`Self::capacity_changes`]); `None` when no change
    /// of the catalogue fixes it.
    fn fix(&self, r: usize, p: usize, rejection: Rejection) -> Option<Option<Change>> {
        let (facts, _) = self.role_facts(r)?;
        let provider = *self.problem().provider_ids.get(p)?;
        let through = facts.window_end();
        let fund = match provider {
            ProviderId::Fund(id) => Some(id),
            _ => None,
        };
        Some(Some(match rejection {
            Rejection::NoCapacity => return Some(None),
            Rejection::TooFar => {
                let gap = self
                    .distance(r, p)?
                    .saturating_sub(u64::from(self.radius(p)?));
                let km = u32::try_from(gap.div_ceil(1_000)).ok()?;
                Change::Radius { provider, km }
            }
            Rejection::VettingMissing | Rejection::VettingExpired => {
                Change::RenewVetting { provider, through }
            }
            Rejection::NotInsured => match provider {
                ProviderId::Volunteer(volunteer) => Change::Insure { volunteer, through },
                _ => return None,
            },
            Rejection::EarmarkCategory => Change::EarmarkCategory {
                fund: fund?,
                category: facts.need.category,
            },
            Rejection::EarmarkRegion => Change::EarmarkRegion {
                fund: fund?,
                region: facts.community(),
            },
            Rejection::EarmarkGroup => Change::EarmarkGroup {
                fund: fund?,
                group: facts.resident.groups().into_iter().next()?,
            },
            _ => return None,
        }))
    }

    fn radius(&self, p: usize) -> Option<u32> {
        let s = self.compiled.scenario;
        match s.workers.get(p) {
            Some(w) => Some(w.travel_radius_m),
            None => s
                .volunteers
                .get(p - s.workers.len())
                .map(|v| v.travel_radius_m),
        }
    }

    /// The capacity provider `p` lacks to give role `r` one more person, or the material
    /// shortfall `s`, with `extra` more on top (no change when it has enough; `None` when it
    /// cannot be given within the scenario's limits).
    fn capacity_changes(&self, r: usize, p: usize, s: i64, extra: i64) -> Option<Vec<Change>> {
        let (_, spec) = self.role_facts(r)?;
        let provider = *self.problem().provider_ids.get(p)?;
        let free = self.free(p);
        if let RoleSpec::Material { amount, .. } = spec {
            // One fund gives the role at most `amount`: `min(free, amount)` now. An eligible
            // fund already counts in the role's available units, a rejected one adds them.
            let now = free.min(*amount);
            let add = if self.edge(r, p).is_some() {
                s
            } else {
                s - now
            };
            if add <= 0 && extra == 0 {
                return Some(Vec::new());
            }
            let ProviderId::Fund(fund) = provider else {
                return None;
            };
            let add = add.max(0).saturating_add(extra);
            return (s <= amount - now)
                .then_some(())
                .and_then(|()| self.valid(Change::FundBalance { fund, add }));
        }
        let missing = self.usage(r).saturating_add(extra) - free;
        if missing <= 0 {
            return Some(Vec::new());
        }
        let change = match provider {
            ProviderId::Worker(_) | ProviderId::Organization(_) => Change::ExtraCases {
                provider,
                cases: u32::try_from(missing).ok()?,
            },
            ProviderId::Volunteer(volunteer) => Change::ExtraMinutes {
                volunteer,
                minutes: u32::try_from(missing).ok()?,
            },
            ProviderId::Fund(_) => return None,
        };
        self.valid(change)
    }

    /// `[change]` when it keeps its provider within the scenario's limits.
    fn valid(&self, change: Change) -> Option<Vec<Change>> {
        let p = *self.provider_index.get(&change.provider())?;
        let mut entity = self.entity(p)?;
        change.apply_to(&mut entity).ok()?;
        Some(vec![change])
    }
}
