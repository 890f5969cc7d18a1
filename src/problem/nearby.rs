//! Volunteers near a need, for the compile: the bounded distance search settles the regions
//! within the largest travel radius, and only the volunteers living within the largest
//! volunteer radius can be eligible.
//!
//! Every other volunteer fails some rule, and the first one it fails depends on the pair
//! only through the role and the need's window end, never through the distance: the rules
//! before travel are the skills check, the minimum age, the vetting of a minor's case
//! (through the window's end) and the insurance of a risky task (through the window's end);
//! a volunteer passing them fails travel — [`Rejection::TooFar`] within the source's road
//! component (its distance exceeds the largest volunteer radius, hence its own),
//! [`Rejection::Unreachable`] outside it. Those rejections are counted in bulk from totals per
//! kind of role (required skills, minimum age, minor's case, risky task), built once over all
//! volunteers: counts for the date-free failures and, for the dated ones, sorted dates through
//! which each volunteer passes, so a role's counts for its window end are two binary searches.
//! A role thus costs the volunteers near it rather than all of them, with the very same edges
//! and tallies as checking every pair.

use std::collections::HashMap;

use crate::graph::{DistanceSearch, RegionSlot};
use crate::model::{Date, Vetting, Volunteer};
use crate::rules::Rejection;

/// Volunteers grouped by home region, and the bulk totals per kind of role.
pub(super) struct VolunteerHomes {
    /// Volunteer indices (ascending) per home region.
    by_home: HashMap<RegionSlot, Vec<u32>>,
    /// The largest volunteer travel radius, metres: a volunteer farther away fails travel.
    radius: u64,
    /// Totals per kind of role (filled on first use).
    totals: HashMap<VolunteerRule, RuleTotals>,
}

/// What decides the rules before travel for a volunteer role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct VolunteerRule {
    /// Bit mask of the required skills.
    pub(super) required: u32,
    /// Minimum age, if any.
    pub(super) min_age: Option<u8>,
    /// Whether the need's resident falls under the minor rules (vetting through the window).
    pub(super) minor: bool,
    /// Whether the task needs insurance through the window.
    pub(super) risky: bool,
}

/// Dates through which volunteers pass the dated rules, sorted (`None`: never), plus those
/// that pass whatever the date.
#[derive(Default)]
struct Through {
    dated: Vec<Option<Date>>,
    always: u32,
}

impl Through {
    fn push(&mut self, through: Option<Option<Date>>) {
        match through {
            Some(d) => self.dated.push(d),
            None => self.always = self.always.saturating_add(1),
        }
    }

    /// How many pass through `end` (their date is `end` or later).
    fn passing(&self, end: Date) -> u32 {
        let failing = self.dated.partition_point(|t| t.is_none_or(|d| d < end));
        let dated = (self.dated.len() - failing) as u32;
        dated.saturating_add(self.always)
    }

    fn len(&self) -> u32 {
        (self.dated.len() as u32).saturating_add(self.always)
    }
}

/// Bulk totals over all volunteers for one kind of role.
struct RuleTotals {
    missing_skill: u32,
    too_young: u32,
    vetting_missing: u32,
    vetting_failed: u32,
    /// Past skills and age, with vetting passed (minor's case only): expiry dates.
    vetted: Through,
    /// Past skills, age and the date-free vetting failures: the date through which both the
    /// vetting and the insurance hold, in total and per road component of the home.
    past: Through,
    past_by_component: HashMap<u32, Through>,
}

/// How many volunteers fail each rule before travel, or pass them all, for one role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct RuleCounts {
    pub(super) missing_skill: u32,
    pub(super) too_young: u32,
    pub(super) vetting_missing: u32,
    pub(super) vetting_failed: u32,
    pub(super) vetting_expired: u32,
    pub(super) not_insured: u32,
    /// Passing every rule before travel.
    pub(super) qualified: u32,
}

impl RuleCounts {
    /// Counts one volunteer near the need by its verdict's first failure (`None`: it passed
    /// every rule before travel, or failed a later one).
    pub(super) fn count(&mut self, first_failure: Option<Rejection>) {
        let slot = match first_failure {
            Some(Rejection::MissingSkill) => &mut self.missing_skill,
            Some(Rejection::TooYoung) => &mut self.too_young,
            Some(Rejection::VettingMissing) => &mut self.vetting_missing,
            Some(Rejection::VettingFailed) => &mut self.vetting_failed,
            Some(Rejection::VettingExpired) => &mut self.vetting_expired,
            Some(Rejection::NotInsured) => &mut self.not_insured,
            _ => &mut self.qualified,
        };
        *slot = slot.saturating_add(1);
    }
}

/// Bulk rejections of the volunteers away from a need, for one role.
pub(super) struct AwayCounts {
    /// Every volunteer, by the rules before travel.
    all: RuleCounts,
    /// Qualified volunteers in the source's road component.
    qualified_in_component: u32,
}

impl AwayCounts {
    /// The rejections of the volunteers not near the need, given the counts of those near it.
    pub(super) fn away(&self, near: &RuleCounts) -> [(Rejection, u32); 8] {
        let (all, minus) = (&self.all, |a: u32, b: u32| a.saturating_sub(b));
        [
            (
                Rejection::MissingSkill,
                minus(all.missing_skill, near.missing_skill),
            ),
            (Rejection::TooYoung, minus(all.too_young, near.too_young)),
            (
                Rejection::VettingMissing,
                minus(all.vetting_missing, near.vetting_missing),
            ),
            (
                Rejection::VettingFailed,
                minus(all.vetting_failed, near.vetting_failed),
            ),
            (
                Rejection::VettingExpired,
                minus(all.vetting_expired, near.vetting_expired),
            ),
            (
                Rejection::NotInsured,
                minus(all.not_insured, near.not_insured),
            ),
            (
                Rejection::TooFar,
                minus(self.qualified_in_component, near.qualified),
            ),
            (
                Rejection::Unreachable,
                minus(all.qualified, self.qualified_in_component),
            ),
        ]
    }
}

/// Where volunteer `v` (skill mask `mask`) stops among the rules before travel for `kind`:
/// `Err` with a date-free failure, or `Ok(through)` with the date through which the dated
/// rules hold (`None` inside: they never do; outer `None`: no dated rule applies, or every
/// applicable one holds forever).
fn before_travel(
    kind: &VolunteerRule,
    v: &Volunteer,
    mask: u32,
) -> Result<Option<Option<Date>>, Rejection> {
    if kind.required & !mask != 0 {
        return Err(Rejection::MissingSkill);
    }
    if kind.min_age.is_some_and(|min| v.age < min) {
        return Err(Rejection::TooYoung);
    }
    let mut through: Option<Option<Date>> = None;
    if kind.minor {
        match v.vetting {
            Vetting::Unknown | Vetting::Pending => return Err(Rejection::VettingMissing),
            Vetting::Failed => return Err(Rejection::VettingFailed),
            Vetting::Passed { expires } => through = Some(Some(expires)),
        }
    }
    if kind.risky {
        let insured = v.insured_until;
        through = Some(match through {
            Some(Some(e)) => insured.map(|i| i.min(e)),
            _ => insured,
        });
    }
    Ok(through)
}

impl VolunteerHomes {
    /// Groups the volunteers by `homes` (one entry per volunteer); `radius` is the largest
    /// of their travel radii.
    pub(super) fn new(homes: &[Option<RegionSlot>], radius: u64) -> Self {
        let mut by_home: HashMap<RegionSlot, Vec<u32>> = HashMap::new();
        for (j, home) in homes.iter().enumerate() {
            if let Some(slot) = home {
                by_home.entry(*slot).or_default().push(j as u32);
            }
        }
        VolunteerHomes {
            by_home,
            radius,
            totals: HashMap::new(),
        }
    }

    /// The volunteers whose home the last search settled within the largest volunteer
    /// radius, ascending.
    pub(super) fn near(&self, search: &DistanceSearch) -> Vec<usize> {
        let mut near: Vec<usize> = search
            .settled_slots()
            .filter(|&(_, d)| d <= self.radius)
            .filter_map(|(slot, _)| self.by_home.get(&slot))
            .flatten()
            .map(|&j| j as usize)
            .collect();
        near.sort_unstable();
        near
    }

    /// Bulk counts of all volunteers (`volunteers`, with skill masks `skills` and homes
    /// `homes`) for a role of kind `kind` whose need's window ends on `end`, against the road
    /// component of the last search's source.
    pub(super) fn away_counts(
        &mut self,
        kind: VolunteerRule,
        end: Date,
        (volunteers, skills, homes): (&[Volunteer], &[u32], &[Option<RegionSlot>]),
        search: &DistanceSearch,
    ) -> AwayCounts {
        let totals = self
            .totals
            .entry(kind)
            .or_insert_with(|| RuleTotals::new(&kind, (volunteers, skills, homes), search));
        let in_component = search
            .source_component()
            .and_then(|c| totals.past_by_component.get(&c))
            .map_or(0, |t| t.passing(end));
        let vetted = totals.vetted.len();
        let vetting_expired = vetted - totals.vetted.passing(end).min(vetted);
        let past = totals.past.len();
        let qualified = totals.past.passing(end);
        AwayCounts {
            all: RuleCounts {
                missing_skill: totals.missing_skill,
                too_young: totals.too_young,
                vetting_missing: totals.vetting_missing,
                vetting_failed: totals.vetting_failed,
                vetting_expired,
                not_insured: (past - qualified).saturating_sub(vetting_expired),
                qualified,
            },
            qualified_in_component: in_component,
        }
    }
}

impl RuleTotals {
    fn new(
        kind: &VolunteerRule,
        (volunteers, skills, homes): (&[Volunteer], &[u32], &[Option<RegionSlot>]),
        search: &DistanceSearch,
    ) -> Self {
        let mut t = RuleTotals {
            missing_skill: 0,
            too_young: 0,
            vetting_missing: 0,
            vetting_failed: 0,
            vetted: Through::default(),
            past: Through::default(),
            past_by_component: HashMap::new(),
        };
        for (j, v) in volunteers.iter().enumerate() {
            let mask = skills.get(j).copied().unwrap_or(0);
            let through = match before_travel(kind, v, mask) {
                Ok(through) => through,
                Err(reason) => {
                    let slot = match reason {
                        Rejection::MissingSkill => &mut t.missing_skill,
                        Rejection::TooYoung => &mut t.too_young,
                        Rejection::VettingMissing => &mut t.vetting_missing,
                        _ => &mut t.vetting_failed,
                    };
                    *slot = slot.saturating_add(1);
                    continue;
                }
            };
            if kind.minor
                && let Vetting::Passed { expires } = v.vetting
            {
                t.vetted.dated.push(Some(expires));
            }
            t.past.push(through);
            let home = homes.get(j).copied().flatten();
            if let Some(c) = search.component_of(home) {
                t.past_by_component.entry(c).or_default().push(through);
            }
        }
        t.vetted.dated.sort_unstable();
        t.past.dated.sort_unstable();
        for by in t.past_by_component.values_mut() {
            by.dated.sort_unstable();
        }
        t
    }
}
