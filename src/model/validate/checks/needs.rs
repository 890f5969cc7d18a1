//! The demand side: residents and needs with their teams.

use super::super::{EntityRef, IssueKind};
use super::{Ctx, MINUTES_PER_WEEK, repeated};
use crate::model::region::RegionLevel;
use crate::model::resident::{Need, Resident, Role, RoleSpec, TeamRule};
use crate::model::vocabulary::Vulnerability;

impl Ctx<'_> {
    /// Residents: home is a community, disability grades 1..=4, prior workers and volunteers
    /// exist.
    pub(in super::super) fn check_residents(&mut self) {
        let residents = &self.scenario.residents;
        let dup = repeated(residents.iter().map(|r| r.id));
        for (i, r) in residents.iter().enumerate() {
            self.duplicate(EntityRef::Resident(r.id), dup[i]);
            self.resident(r);
        }
    }

    fn resident(&mut self, r: &Resident) {
        let e = EntityRef::Resident(r.id);
        self.region_ref(
            e,
            "community",
            r.community,
            &[RegionLevel::Community],
            "community",
        );
        if self.set_len(e, "vulnerabilities", r.vulnerabilities.len()) {
            for (i, v) in r.vulnerabilities.iter().enumerate() {
                if let Vulnerability::Disabled { grade } = *v {
                    let field = format!("vulnerabilities[{i}].disabled.grade");
                    self.range(e, &field, i64::from(grade), 1, 4);
                }
            }
        }
        if self.set_len(e, "prior_workers", r.prior_workers.len()) {
            for &w in &r.prior_workers {
                let found = self.workers.contains(&w);
                self.exists(e, "prior_workers", found, EntityRef::Worker(w));
            }
        }
        if self.set_len(e, "prior_volunteers", r.prior_volunteers.len()) {
            for &v in &r.prior_volunteers {
                let found = self.volunteers.contains(&v);
                self.exists(e, "prior_volunteers", found, EntityRef::Volunteer(v));
            }
        }
    }

    /// Needs: resident exists, window not reversed, slots present when volunteers are asked
    /// for, team not empty and within the role limit, every role in range.
    pub(in super::super) fn check_needs(&mut self) {
        let needs = &self.scenario.needs;
        let dup = repeated(needs.iter().map(|n| n.id));
        for (i, n) in needs.iter().enumerate() {
            self.duplicate(EntityRef::Need(n.id), dup[i]);
            self.need(n);
        }
    }

    fn need(&mut self, n: &Need) {
        let e = EntityRef::Need(n.id);
        let found = self.residents.contains(&n.resident);
        self.exists(e, "resident", found, EntityRef::Resident(n.resident));
        self.set_len(e, "also", n.also.len());
        if n.window.end < n.window.start {
            let kind = IssueKind::ReversedWindow {
                start: n.window.start,
                end: n.window.end,
            };
            self.push(e, "window", kind);
        }
        self.set_len(e, "slots", n.slots.len());
        let roles = &n.team.roles;
        let asks_volunteers = roles
            .iter()
            .any(|r| matches!(r.spec, RoleSpec::Volunteers { .. }));
        if asks_volunteers && n.slots.is_empty() {
            self.push(e, "slots", IssueKind::Empty);
        }
        let limit = self.limits.max_roles_per_team;
        if roles.is_empty() {
            self.push(e, "team.roles", IssueKind::Empty);
        } else if roles.len() > limit {
            let kind = IssueKind::TooMany {
                count: roles.len(),
                limit,
            };
            self.push(e, "team.roles", kind);
        } else {
            if n.team.rule == TeamRule::CoreThenOptional && roles.iter().all(|r| r.optional) {
                self.push(e, "team.roles", IssueKind::NoCoreRole);
            }
            for (i, role) in roles.iter().enumerate() {
                self.role(e, i, role);
            }
        }
    }

    fn role(&mut self, e: EntityRef, i: usize, role: &Role) {
        let path = |field: &str| format!("team.roles[{i}].spec.{field}");
        match &role.spec {
            RoleSpec::LeadWorker { .. } | RoleSpec::Organization | RoleSpec::Service { .. } => {}
            RoleSpec::Volunteers {
                count,
                skills,
                weekly_minutes,
                ..
            } => {
                let max = i64::from(self.limits.max_volunteers_per_role);
                self.range(e, &path("count"), i64::from(*count), 1, max);
                self.set_len(e, &path("skills"), skills.len());
                let minutes = i64::from(*weekly_minutes);
                self.range(e, &path("weekly_minutes"), minutes, 1, MINUTES_PER_WEEK);
            }
            RoleSpec::Material { amount, .. } => {
                self.range(e, &path("amount"), *amount, 1, self.limits.max_amount);
            }
        }
    }
}
