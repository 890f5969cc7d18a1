//! The providing parties: organizations, social workers, volunteers and charity resources.

use super::super::{EntityRef, IssueKind};
use super::{Ctx, MINUTES_PER_WEEK, repeated};
use crate::model::parties::{
    CharityResource, Earmark, SocialOrganization, SocialWorker, Volunteer,
};
use crate::model::region::RegionLevel;

const MAX_U32: i64 = u32::MAX as i64;

impl Ctx<'_> {
    /// Organizations: categories not empty, capacity ≥ 1, active cases ≤ capacity, served
    /// regions exist.
    pub(in super::super) fn check_organizations(&mut self) {
        let orgs = &self.scenario.organizations;
        let dup = repeated(orgs.iter().map(|o| o.id));
        for (i, o) in orgs.iter().enumerate() {
            self.duplicate(EntityRef::Organization(o.id), dup[i]);
            self.organization(o);
        }
    }

    fn organization(&mut self, o: &SocialOrganization) {
        let e = EntityRef::Organization(o.id);
        self.name(e, &o.name);
        if o.categories.is_empty() {
            self.push(e, "categories", IssueKind::Empty);
        }
        self.set_len(e, "categories", o.categories.len());
        self.set_len(e, "services", o.services.len());
        self.range(e, "case_capacity", i64::from(o.case_capacity), 1, MAX_U32);
        self.load(e, "active_cases", o.active_cases, o.case_capacity);
        if self.set_len(e, "serves", o.serves.len()) {
            for &r in &o.serves {
                self.region_ref(e, "serves", r, &[], "");
            }
        }
    }

    /// Workers: station is a township, capacity ≥ 1, load ≤ capacity, supervising ≤
    /// supervision capacity, the mentor another existing worker.
    pub(in super::super) fn check_workers(&mut self) {
        let workers = &self.scenario.workers;
        let dup = repeated(workers.iter().map(|w| w.id));
        for (i, w) in workers.iter().enumerate() {
            self.duplicate(EntityRef::Worker(w.id), dup[i]);
            self.worker(w);
        }
    }

    fn worker(&mut self, w: &SocialWorker) {
        let e = EntityRef::Worker(w.id);
        self.region_ref(
            e,
            "station",
            w.station,
            &[RegionLevel::Township],
            "township",
        );
        self.set_len(e, "specialties", w.specialties.len());
        self.range(
            e,
            "caseload_capacity",
            i64::from(w.caseload_capacity),
            1,
            MAX_U32,
        );
        self.load(e, "current_load", w.current_load, w.caseload_capacity);
        self.load(e, "supervising", w.supervising, w.supervision_capacity);
        if let Some(mentor) = w.mentor {
            if mentor == w.id {
                let kind = IssueKind::Inconsistent { with: "id".into() };
                self.push(e, "mentor", kind);
            } else {
                let found = self.workers.contains(&mentor);
                self.exists(e, "mentor", found, EntityRef::Worker(mentor));
            }
        }
    }

    /// Volunteers: home is a community, minutes in 1..=10080, committed ≤ weekly, registered
    /// organizations exist.
    pub(in super::super) fn check_volunteers(&mut self) {
        let volunteers = &self.scenario.volunteers;
        let dup = repeated(volunteers.iter().map(|v| v.id));
        for (i, v) in volunteers.iter().enumerate() {
            self.duplicate(EntityRef::Volunteer(v.id), dup[i]);
            self.volunteer(v);
        }
    }

    fn volunteer(&mut self, v: &Volunteer) {
        let e = EntityRef::Volunteer(v.id);
        self.region_ref(
            e,
            "community",
            v.community,
            &[RegionLevel::Community],
            "community",
        );
        self.set_len(e, "skills", v.skills.len());
        self.set_len(e, "availability", v.availability.len());
        let weekly = i64::from(v.weekly_minutes);
        self.range(e, "weekly_minutes", weekly, 1, MINUTES_PER_WEEK);
        self.load(
            e,
            "committed_minutes",
            v.committed_minutes,
            v.weekly_minutes,
        );
        if self.set_len(e, "organizations", v.organizations.len()) {
            for &o in &v.organizations {
                let found = self.organizations.contains(&o);
                self.exists(e, "organizations", found, EntityRef::Organization(o));
            }
        }
    }

    /// Funds: remaining in 0..=max_amount, earmarks refer to existing regions, validity not
    /// reversed, administering organization and related parties exist.
    pub(in super::super) fn check_funds(&mut self) {
        let funds = &self.scenario.funds;
        let dup = repeated(funds.iter().map(|f| f.id));
        for (i, f) in funds.iter().enumerate() {
            self.duplicate(EntityRef::Fund(f.id), dup[i]);
            self.fund(f);
        }
    }

    fn fund(&mut self, f: &CharityResource) {
        let e = EntityRef::Fund(f.id);
        self.name(e, &f.name);
        self.range(e, "remaining", f.remaining, 0, self.limits.max_amount);
        self.earmark(e, &f.earmark);
        if f.valid_until < f.valid_from {
            let kind = IssueKind::ReversedWindow {
                start: f.valid_from,
                end: f.valid_until,
            };
            self.push(e, "valid_until", kind);
        }
        let found = self.organizations.contains(&f.administered_by);
        let target = EntityRef::Organization(f.administered_by);
        self.exists(e, "administered_by", found, target);
        if self.set_len(e, "related_parties", f.related_parties.len()) {
            for &p in &f.related_parties {
                let found = self.residents.contains(&p);
                self.exists(e, "related_parties", found, EntityRef::Resident(p));
            }
        }
    }

    fn earmark(&mut self, e: EntityRef, earmark: &Earmark) {
        self.set_len(e, "earmark.categories", earmark.categories.len());
        if self.set_len(e, "earmark.regions", earmark.regions.len()) {
            for &r in &earmark.regions {
                self.region_ref(e, "earmark.regions", r, &[], "");
            }
        }
        self.set_len(e, "earmark.groups", earmark.groups.len());
    }
}
