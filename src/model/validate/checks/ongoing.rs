//! Ongoing assignments: each names an existing need, role and provider of the role's kind,
//! no pairing repeats, no role holds more than its demand, and no provider's load is below
//! what its ongoing pairings hold (loads include them, see [`crate::model::OngoingAssignment`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::super::{EntityRef, IssueKind};
use super::Ctx;
use crate::model::ids::{NeedId, ProviderId};
use crate::model::ongoing::OngoingAssignment;
use crate::model::resident::{Need, RoleSpec};

impl Ctx<'_> {
    /// Every ongoing assignment, then the providers' loads against what they hold.
    pub(in super::super) fn check_ongoing(&mut self) {
        let s = self.scenario;
        if s.ongoing.is_empty() {
            return;
        }
        let mut needs: HashMap<NeedId, &Need> = HashMap::with_capacity(s.needs.len());
        for n in &s.needs {
            needs.entry(n.id).or_insert(n);
        }
        let mut pairs = HashSet::with_capacity(s.ongoing.len());
        let mut filled: BTreeMap<(NeedId, u32), i64> = BTreeMap::new();
        for (i, o) in s.ongoing.iter().enumerate() {
            let e = EntityRef::Ongoing(i);
            if !pairs.insert((o.need, o.role, o.provider)) {
                self.push(e, "provider", IssueKind::DuplicateId);
            }
            if o.since > s.as_of {
                let kind = IssueKind::Inconsistent {
                    with: "as_of".into(),
                };
                self.push(e, "since", kind);
            }
            self.provider_exists(e, o.provider);
            if let Some(supervisor) = o.supervisor {
                let found = self.workers.contains(&supervisor);
                self.exists(e, "supervisor", found, EntityRef::Worker(supervisor));
            }
            let Some(need) = needs.get(&o.need) else {
                let target = EntityRef::Need(o.need);
                self.push(e, "need", IssueKind::DanglingReference { target });
                continue;
            };
            let Some(role) = need.team.roles.get(o.role as usize) else {
                let max = need.team.roles.len() as i64 - 1;
                let kind = IssueKind::OutOfRange {
                    value: i64::from(o.role),
                    min: 0,
                    max,
                };
                self.push(e, "role", kind);
                continue;
            };
            let (fits, demand) = match (&role.spec, o.provider) {
                (RoleSpec::LeadWorker { .. }, ProviderId::Worker(_))
                | (RoleSpec::Organization, ProviderId::Organization(_))
                | (RoleSpec::Service { .. }, ProviderId::Organization(_)) => (true, 1),
                (RoleSpec::Volunteers { count, .. }, ProviderId::Volunteer(_)) => {
                    (true, i64::from(*count))
                }
                (RoleSpec::Material { amount, .. }, ProviderId::Fund(_)) => (true, *amount),
                _ => (false, 0),
            };
            if !fits {
                let with = format!("needs[{}].team.roles[{}]", o.need, o.role);
                self.push(e, "provider", IssueKind::Inconsistent { with });
                continue;
            }
            let units = self.ongoing_units(e, o, &role.spec);
            let entry = filled.entry((o.need, o.role)).or_insert(0);
            *entry = entry.saturating_add(units);
            if *entry > demand {
                let kind = IssueKind::OutOfRange {
                    value: *entry,
                    min: 0,
                    max: demand,
                };
                self.push(e, "role", kind);
            }
        }
        self.check_held_loads();
    }

    /// The units of one pairing: 1 for a person (anything else is an issue), `1..=amount` of
    /// the role for material.
    fn ongoing_units(&mut self, e: EntityRef, o: &OngoingAssignment, spec: &RoleSpec) -> i64 {
        let max = match spec {
            RoleSpec::Material { amount, .. } => *amount,
            _ => 1,
        };
        let min = if matches!(spec, RoleSpec::Material { .. }) {
            1
        } else {
            max
        };
        self.range(e, "amount", o.amount, min, max);
        o.amount.clamp(0, max)
    }

    fn provider_exists(&mut self, e: EntityRef, provider: ProviderId) {
        let s = self.scenario;
        let (found, target) = match provider {
            ProviderId::Worker(id) => (self.workers.contains(&id), EntityRef::Worker(id)),
            ProviderId::Volunteer(id) => (self.volunteers.contains(&id), EntityRef::Volunteer(id)),
            ProviderId::Organization(id) => (
                self.organizations.contains(&id),
                EntityRef::Organization(id),
            ),
            ProviderId::Fund(id) => (s.funds.iter().any(|f| f.id == id), EntityRef::Fund(id)),
        };
        if !found {
            self.push(e, "provider", IssueKind::DanglingReference { target });
        }
    }

    /// A person's load counts its ongoing pairings, so it is at least what they hold.
    fn check_held_loads(&mut self) {
        let s = self.scenario;
        let held = s.ongoing_usage_by_provider();
        let mut below = Vec::new();
        for (&provider, &ongoing) in &held {
            let (entity, field, load) = match provider {
                ProviderId::Worker(id) => match s.worker(id) {
                    Some(w) => (EntityRef::Worker(id), "current_load", w.current_load),
                    None => continue,
                },
                ProviderId::Volunteer(id) => match s.volunteer(id) {
                    Some(v) => (
                        EntityRef::Volunteer(id),
                        "committed_minutes",
                        v.committed_minutes,
                    ),
                    None => continue,
                },
                ProviderId::Organization(id) => match s.organization(id) {
                    Some(o) => (EntityRef::Organization(id), "active_cases", o.active_cases),
                    None => continue,
                },
                // a fund's `remaining` is what is left after every gift, ongoing ones included
                ProviderId::Fund(_) => continue,
            };
            if ongoing > i64::from(load) {
                let kind = IssueKind::OngoingAboveLoad {
                    ongoing: ongoing.max(0) as u64,
                    load: u64::from(load),
                };
                below.push((entity, field, kind));
            }
        }
        for (entity, field, kind) in below {
            self.push(entity, field, kind);
        }
    }
}
