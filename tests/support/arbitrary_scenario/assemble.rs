//! Turns raw draws into a valid scenario, resolving references by index.

use wushe::model::{
    CharityResource, DateWindow, Earmark, FundId, Need, NeedId, OrganizationId, Resident,
    ResidentId, Service, SocialOrganization, SocialWorker, Team, Volunteer, VolunteerId, WorkerId,
};

use super::*;

/// Scenario under construction with the id lists references are drawn from.
struct Assembly {
    scenario: Scenario,
    townships: Vec<RegionId>,
    communities: Vec<RegionId>,
    all_regions: Vec<RegionId>,
    orgs: Vec<OrganizationId>,
    workers: Vec<WorkerId>,
    volunteers: Vec<VolunteerId>,
    residents: Vec<ResidentId>,
}

pub(super) fn assemble(draw: Draw) -> Scenario {
    let mut a = Assembly {
        scenario: Scenario::new("arbitrary", as_of()),
        townships: Vec::new(),
        communities: Vec::new(),
        all_regions: Vec::new(),
        orgs: Vec::new(),
        workers: Vec::new(),
        volunteers: Vec::new(),
        residents: Vec::new(),
    };
    a.add_geo(&draw.geo);
    a.add_orgs(&draw.orgs);
    a.add_workers(&draw.workers);
    a.add_volunteers(&draw.volunteers);
    // residents before funds: funds name related parties
    a.add_residents(&draw.residents);
    a.add_funds(&draw.funds);
    a.add_needs(&draw.needs);
    a.scenario
}

impl Assembly {
    fn add_geo(&mut self, geo: &GeoDraw) {
        let s = &mut self.scenario;
        s.regions
            .push(region(COUNTY, "County", RegionLevel::County, None, 0, 0));
        self.all_regions.push(RegionId(COUNTY));
        let mut locations = Vec::new();
        for (i, &(x, y)) in geo.townships.iter().enumerate() {
            let id = TOWNSHIP_BASE + i as u32;
            s.regions.push(region(
                id,
                "Township",
                RegionLevel::Township,
                Some(COUNTY),
                x,
                y,
            ));
            self.townships.push(RegionId(id));
            self.all_regions.push(RegionId(id));
            locations.push((RegionId(id), Location { x_m: x, y_m: y }));
            if i > 0 {
                let prev = locations[i - 1].1;
                let d = prev.distance_m(Location { x_m: x, y_m: y }).max(1);
                s.roads.push(road(id - 1, id, d + 500));
            }
        }
        for (i, (parent, dx, dy, extra)) in geo.communities.iter().enumerate() {
            let id = COMMUNITY_BASE + i as u32;
            let t = parent.index(geo.townships.len());
            let (tid, tloc) = locations[t];
            let loc = Location {
                x_m: tloc.x_m + dx,
                y_m: tloc.y_m + dy,
            };
            s.regions.push(Region {
                id: RegionId(id),
                name: format!("Community {i}"),
                level: RegionLevel::Community,
                parent: Some(tid),
                location: loc,
                population: 500 + extra,
            });
            if geo.township_road.get(i).copied().unwrap_or(true) {
                s.roads
                    .push(road(tid.0, id, tloc.distance_m(loc).max(1) + extra / 4));
            }
            self.communities.push(RegionId(id));
            self.all_regions.push(RegionId(id));
        }
        for (x, y, d) in &geo.extra_roads {
            let a = pick(x, &self.communities);
            let b = pick(y, &self.communities);
            if let (Some(a), Some(b)) = (a, b) {
                if a != b {
                    s.roads.push(road(a.0, b.0, d + 1));
                }
            }
        }
    }

    fn add_orgs(&mut self, draws: &[OrgDraw]) {
        for (i, (categories, capacity, active, serves)) in draws.iter().enumerate() {
            let id = OrganizationId(i as u32 + 1);
            self.scenario.organizations.push(SocialOrganization {
                id,
                name: format!("Organization {}", i + 1),
                categories: categories.clone(),
                case_capacity: *capacity,
                active_cases: (*active).min(*capacity),
                serves: serves
                    .iter()
                    .filter_map(|ix| pick(ix, &self.all_regions))
                    .collect(),
                // two of the five services, chosen by the draws
                services: [
                    Service::ALL[(*capacity as usize + i) % Service::ALL.len()],
                    Service::ALL[(*active as usize + 2 * i) % Service::ALL.len()],
                ]
                .into(),
            });
            self.orgs.push(id);
        }
    }

    fn add_workers(&mut self, draws: &[WorkerDraw]) {
        for (i, (station, licence, specialties, (cap, load), radius, vetting)) in
            draws.iter().enumerate()
        {
            let id = WorkerId(i as u32 + 1);
            let Some(station) = pick(station, &self.townships) else {
                continue;
            };
            self.scenario.workers.push(SocialWorker {
                id,
                station,
                licence: *licence,
                specialties: specialties.clone(),
                caseload_capacity: *cap,
                current_load: (*load).min(*cap),
                travel_radius_m: *radius,
                vetting: *vetting,
                // every second worker is mentored by the one before it (supervision)
                mentor: self.workers.last().copied().filter(|_| i % 2 == 1),
                supervision_capacity: if i % 2 == 0 { (*cap).min(2) } else { 0 },
                supervising: 0,
            });
            self.workers.push(id);
        }
    }

    fn add_volunteers(&mut self, draws: &[VolunteerDraw]) {
        for (i, draw) in draws.iter().enumerate() {
            let ((home, age, skills, availability), (weekly, pct, vetting, insured), (r, mask)) =
                draw;
            let id = VolunteerId(i as u32 + 1);
            let Some(community) = pick(home, &self.communities) else {
                continue;
            };
            self.scenario.volunteers.push(Volunteer {
                id,
                community,
                age: *age,
                skills: skills.clone(),
                availability: availability.clone(),
                weekly_minutes: *weekly,
                committed_minutes: weekly * pct / 100,
                vetting: *vetting,
                insured_until: insured.map(|d| as_of().plus_days(d)),
                travel_radius_m: *r,
                organizations: mask_subset(*mask, &self.orgs),
            });
            self.volunteers.push(id);
        }
    }

    fn add_residents(&mut self, draws: &[ResidentDraw]) {
        for (i, (home, minor, vulnerabilities, wmask, vmask)) in draws.iter().enumerate() {
            let id = ResidentId(i as u32 + 1);
            let Some(community) = pick(home, &self.communities) else {
                continue;
            };
            self.scenario.residents.push(Resident {
                id,
                community,
                minor: *minor,
                vulnerabilities: vulnerabilities.clone(),
                // sparse: a bit survives in both masks about one time in four
                prior_workers: mask_subset(wmask & (wmask >> 8), &self.workers),
                prior_volunteers: mask_subset(vmask & (vmask >> 8), &self.volunteers),
            });
            self.residents.push(id);
        }
    }

    fn add_funds(&mut self, draws: &[FundDraw]) {
        for (i, draw) in draws.iter().enumerate() {
            let ((kind, remaining), (categories, regions, groups), (from, len, admin, related)) =
                draw;
            let Some(administered_by) = pick(admin, &self.orgs) else {
                continue;
            };
            let valid_from = as_of().plus_days(*from);
            self.scenario.funds.push(CharityResource {
                id: FundId(i as u32 + 1),
                name: format!("Fund {}", i + 1),
                kind: *kind,
                remaining: *remaining,
                earmark: Earmark {
                    categories: categories.clone(),
                    regions: regions
                        .iter()
                        .filter_map(|ix| pick(ix, &self.all_regions))
                        .collect(),
                    groups: groups.clone(),
                },
                valid_from,
                valid_until: valid_from.plus_days(*len),
                administered_by,
                related_parties: mask_subset(related & (related >> 8), &self.residents),
            });
        }
    }

    fn add_needs(&mut self, draws: &[NeedDraw]) {
        for (i, draw) in draws.iter().enumerate() {
            let ((who, category, risk), (start, len, slots), (rule, roles)) = draw;
            let Some(resident) = pick(who, &self.residents) else {
                continue;
            };
            let mut slots = slots.clone();
            let has_volunteers = roles
                .iter()
                .any(|r| matches!(r.spec, RoleSpec::Volunteers { .. }));
            if has_volunteers && slots.is_empty() {
                slots.insert(slot(Weekday::Sat, DayPart::Morning));
            }
            let start = as_of().plus_days(*start);
            // A team needs a core role (validation refuses an all-optional one).
            let mut roles = roles.clone();
            if let Some(first) = roles.first_mut() {
                first.optional = false;
            }
            self.scenario.needs.push(Need {
                id: NeedId(i as u32 + 1),
                resident,
                category: *category,
                also: Default::default(),
                risk: *risk,
                window: DateWindow {
                    start,
                    end: start.plus_days(*len),
                },
                slots,
                team: Team { rule: *rule, roles },
            });
        }
    }
}
