//! Volunteers near a need, for the compile: the bounded distance search settles the regions
//! within the largest travel radius, and only the volunteers living within the largest
//! volunteer radius can be eligible.
//!
//! Every other volunteer fails on a rule that needs no per-pair work when the role has no
//! minimum age, no minor and no risk (rules 1–3 of the volunteer checks hold for everyone):
//! its first failed rule is the skills check when a required skill is missing, else travel —
//! [`Rejection::TooFar`] within the source's road component (its distance exceeds the largest
//! volunteer radius, hence its own), [`Rejection::Unreachable`] outside it. Those rejections are
//! counted in bulk from per-skill-mask totals, so a role costs the volunteers near it rather
//! than all of them, with the very same edges and tallies as checking every pair.

use std::collections::HashMap;

use crate::graph::{DistanceSearch, RegionSlot};
use crate::rules::Rejection;

/// Volunteers grouped by home region, and totals per required skill mask.
pub(super) struct VolunteerHomes {
    /// Volunteer indices (ascending) per home region.
    by_home: HashMap<RegionSlot, Vec<u32>>,
    /// The largest volunteer travel radius, metres: a volunteer farther away fails travel.
    radius: u64,
    /// Totals per required skill mask (filled on first use).
    totals: HashMap<u32, SkillTotals>,
}

/// How many volunteers lack a skill of a mask, and how many have them all (in total and per
/// road component of their home).
struct SkillTotals {
    missing: u32,
    qualified: u32,
    qualified_by_component: HashMap<u32, u32>,
}

/// Bulk rejections of the volunteers away from a need, for one role.
pub(super) struct AwayCounts {
    /// Volunteers lacking a required skill.
    pub(super) missing_skill: u32,
    /// Qualified volunteers in the source's road component.
    pub(super) qualified_in_component: u32,
    /// Qualified volunteers elsewhere (or without a home in the road network).
    pub(super) qualified_elsewhere: u32,
}

impl AwayCounts {
    /// The rejections of the volunteers not near the need, given how many of those near it
    /// lack a skill (`near_missing`) and how many have them all (`near_qualified`).
    pub(super) fn away(&self, near_missing: u32, near_qualified: u32) -> [(Rejection, u32); 3] {
        [
            (
                Rejection::MissingSkill,
                self.missing_skill.saturating_sub(near_missing),
            ),
            (
                Rejection::TooFar,
                self.qualified_in_component.saturating_sub(near_qualified),
            ),
            (Rejection::Unreachable, self.qualified_elsewhere),
        ]
    }
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

    /// Totals of the volunteers (skill masks `skills`, homes `homes`) for a role requiring
    /// the skills of `required`, against the road component of the last search's source.
    pub(super) fn away_counts(
        &mut self,
        required: u32,
        skills: &[u32],
        homes: &[Option<RegionSlot>],
        search: &DistanceSearch,
    ) -> AwayCounts {
        let totals = self.totals.entry(required).or_insert_with(|| {
            let mut t = SkillTotals {
                missing: 0,
                qualified: 0,
                qualified_by_component: HashMap::new(),
            };
            for (mask, home) in skills.iter().zip(homes) {
                if required & !mask != 0 {
                    t.missing = t.missing.saturating_add(1);
                    continue;
                }
                t.qualified = t.qualified.saturating_add(1);
                if let Some(c) = search.component_of(*home) {
                    let n = t.qualified_by_component.entry(c).or_insert(0);
                    *n = n.saturating_add(1);
                }
            }
            t
        });
        let in_component = search
            .source_component()
            .and_then(|c| totals.qualified_by_component.get(&c).copied())
            .unwrap_or(0);
        AwayCounts {
            missing_skill: totals.missing,
            qualified_in_component: in_component,
            qualified_elsewhere: totals.qualified.saturating_sub(in_component),
        }
    }
}
