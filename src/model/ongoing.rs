//! Ongoing assignments: the pairings of cases that are already running.
//!
//! The source article's point is care that lasts (由短期临时的解困变为长效稳定的帮扶): a
//! match is not made afresh every day, it continues. A scenario lists the pairings already in
//! place in [`super::Scenario::ongoing`]; the loads of the scenario's providers
//! (`current_load`, `committed_minutes`, `active_cases`) and the funds' `remaining` amounts
//! **already include** them, as a platform's counters do. The compile step therefore never
//! charges an ongoing pairing twice: the capacity it uses is handed back to that pairing (see
//! [`crate::rules::OngoingPolicy`]), and the independent checker counts a provider's free
//! capacity as `capacity − load + Σ ongoing usage`, then charges every assignment of the plan.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::ids::{NeedId, ProviderId, WorkerId};
use super::resident::RoleSpec;
use super::scenario::Scenario;

/// One pairing already in place: provider `provider` fills role `role` of need `need` since
/// `since`.
///
/// # Example
/// ```
/// use wushe::model::{Date, NeedId, OngoingAssignment, ProviderId, VolunteerId};
/// let since = Date::from_ymd(2026, 11, 1).expect("date");
/// let case = OngoingAssignment::person(NeedId(1), 1, ProviderId::Volunteer(VolunteerId(3)), since);
/// assert_eq!(case.amount, 1);
/// assert_eq!(case.to_string(), "N1 role 1 <- V3 since 2026-11-01");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OngoingAssignment {
    /// The need served.
    pub need: NeedId,
    /// Index of the role in the need's team.
    pub role: u32,
    /// The provider filling it.
    pub provider: ProviderId,
    /// Units: 1 for a person (the default), fen or goods units already given for material.
    #[serde(default = "one")]
    pub amount: i64,
    /// The first day of the pairing.
    pub since: Date,
    /// The mentor supervising a worker who leads this case above their licence (counted in
    /// the mentor's `supervising`); `None` for every other pairing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<WorkerId>,
}

fn one() -> i64 {
    1
}

impl OngoingAssignment {
    /// A person's pairing (amount 1).
    pub fn person(need: NeedId, role: u32, provider: ProviderId, since: Date) -> Self {
        OngoingAssignment {
            need,
            role,
            provider,
            amount: 1,
            since,
            supervisor: None,
        }
    }
}

impl std::fmt::Display for OngoingAssignment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} role {} <- {}", self.need, self.role, self.provider)?;
        if self.amount != 1 {
            write!(f, " x{}", self.amount)?;
        }
        write!(f, " since {}", self.since)
    }
}

impl Scenario {
    /// The capacity an ongoing pairing holds in its provider's unit: 1 case for a worker or
    /// an organization, the role's weekly minutes for a volunteer, the amount for a fund;
    /// `None` when its need or role does not exist.
    pub fn ongoing_usage(&self, ongoing: &OngoingAssignment) -> Option<i64> {
        let need = self.need(ongoing.need)?;
        let role = need.team.roles.get(ongoing.role as usize)?;
        Some(match &role.spec {
            RoleSpec::Volunteers { weekly_minutes, .. } => i64::from(*weekly_minutes),
            RoleSpec::Material { .. } => ongoing.amount,
            RoleSpec::LeadWorker { .. } | RoleSpec::Organization | RoleSpec::Service { .. } => 1,
        })
    }

    /// The capacity held by ongoing pairings, per provider (pairings whose need or role is
    /// missing are left out).
    pub fn ongoing_usage_by_provider(&self) -> BTreeMap<ProviderId, i64> {
        let mut held = BTreeMap::new();
        for o in &self.ongoing {
            if let Some(u) = self.ongoing_usage(o) {
                let entry = held.entry(o.provider).or_insert(0i64);
                *entry = entry.saturating_add(u);
            }
        }
        held
    }

    /// The ongoing pairings of one need, in scenario order.
    pub fn ongoing_of(&self, need: NeedId) -> impl Iterator<Item = &OngoingAssignment> {
        self.ongoing.iter().filter(move |o| o.need == need)
    }
}
