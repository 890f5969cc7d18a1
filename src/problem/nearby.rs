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
    /// The date-free failures (skills, age, missing or failed vetting).
    date_free: RuleCounts,
    /// Past skills and age, with vetting passed (minor's case only): expiry dates.
    vetted: Through,
    /// Past skills, age and the date-free vetting failures: the date through which both the
    /// vetting and the insurance hold, in total and per road component of the home.
    past: Through,
    past_by_component: HashMap<u32, Through>,
}

/// The rejections the rules before travel give, in rule order.
const BEFORE_TRAVEL: [Rejection; 6] = [
    Rejection::MissingSkill,
    Rejection::TooYoung,
    Rejection::VettingMissing,
    Rejection::VettingFailed,
    Rejection::VettingExpired,
    Rejection::NotInsured,
];

/// Places of the dated failures in [`BEFORE_TRAVEL`].
const EXPIRED: usize = 4;
const NOT_INSURED: usize = 5;

/// How many volunteers fail each rule before travel ([`BEFORE_TRAVEL`] order), or pass them
/// all, for one role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct RuleCounts {
    failed: [u32; BEFORE_TRAVEL.len()],
    /// Passing every rule before travel.
    qualified: u32,
}

impl RuleCounts {
    /// Counts one volunteer by its first failure (`None`, or a rule after travel's: it passed
    /// every rule before travel).
    pub(super) fn count(&mut self, first_failure: Option<Rejection>) {
        let rule = first_failure.and_then(|r| BEFORE_TRAVEL.iter().position(|&b| b == r));
        let slot = match rule {
            Some(i) => &mut self.failed[i],
            None => &mut self.qualified,
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
    pub(super) fn away(&self, near: &RuleCounts) -> [(Rejection, u32); BEFORE_TRAVEL.len() + 2] {
        let all = &self.all;
        let mut out = [(Rejection::TooFar, 0); BEFORE_TRAVEL.len() + 2];
        for (i, &reason) in BEFORE_TRAVEL.iter().enumerate() {
            out[i] = (reason, all.failed[i].saturating_sub(near.failed[i]));
        }
        let travel = BEFORE_TRAVEL.len();
        out[travel] = (
            Rejection::TooFar,
            self.qualified_in_component.saturating_sub(near.qualified),
        );
        out[travel + 1] = (
            Rejection::Unreachable,
            all.qualified.saturating_sub(self.qualified_in_component),
        );
        out
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
        let mut all = totals.date_free;
        all.failed[EXPIRED] = vetting_expired;
        all.failed[NOT_INSURED] = (past - qualified).saturating_sub(vetting_expired);
        all.qualified = qualified;
        AwayCounts {
            all,
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
            date_free: RuleCounts::default(),
            vetted: Through::default(),
            past: Through::default(),
            past_by_component: HashMap::new(),
        };
        for (j, v) in volunteers.iter().enumerate() {
            let mask = skills.get(j).copied().unwrap_or(0);
            let through = match before_travel(kind, v, mask) {
                Ok(through) => through,
                Err(reason) => {
                    t.date_free.count(Some(reason));
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
