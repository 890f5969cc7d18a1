//! Defaults and by-value setters for building entities in code.
//!
//! Every entity has a constructor taking what identifies it (ids, the region it belongs to) and
//! `with_*` setters that cannot fail; set-valued setters replace the set. Nothing here checks
//! anything: a scenario built this way is validated, with every problem reported, by
//! [`super::ScenarioBuilder::build`], [`super::Scenario::validate`] and every compile, so a
//! forgotten field is an error naming the entity and field, never a silently wrong match.
//!
//! The defaults are documented on each `Default` impl. Where a fact matters for safety they
//! fail closed: vetting is [`Vetting::Unknown`], insurance absent, a need's window is the last
//! representable day (so vetting, insurance and fund validity fail until a real window is set).
//! Capacities and travel radii default to typical values of a county (the same ranges the
//! synthetic county of [`crate::sim`] draws from).
//!
//! # Example
//! ```
//! use wushe::model::*;
//! # fn main() -> Result<(), wushe::Error> {
//! let today: Date = "2026-11-30".parse()?;
//! let worker = SocialWorker::new(WorkerId(1), RegionId(10))
//!     .with_licence(Licence::SocialWorker)
//!     .with_specialties([Category::DisabilitySupport])
//!     .with_vetting(Vetting::passed(today.plus_days(365)));
//! assert_eq!(worker.caseload_capacity, 30);
//! let need = Need::new(NeedId(1), ResidentId(1), Category::DisabilitySupport,
//!                      DateWindow::new(today, today.plus_days(90)))
//!     .with_risk(RiskTier::High)
//!     .with_lead_worker(Licence::SocialWorker)
//!     .with_money(300_000);
//! assert_eq!(need.team.roles.len(), 2);
//! # Ok(()) }
//! ```

use std::collections::BTreeSet;

use super::date::Date;
use super::ids::{FundId, NeedId, OrganizationId, RegionId, ResidentId, VolunteerId, WorkerId};
use super::parties::{
    CharityResource, Earmark, SocialOrganization, SocialWorker, Vetting, Volunteer,
};
use super::region::{Location, Region, RegionLevel, Road};
use super::resident::{DateWindow, Need, Resident, Role, RoleSpec, Team, TeamRule};
use super::vocabulary::{
    BeneficiaryGroup, Category, GoodsItem, Licence, ResourceKind, RiskTier, Skill, Vulnerability,
    WeeklySlot,
};

impl Region {
    fn at_level(id: RegionId, name: impl Into<String>, level: RegionLevel) -> Region {
        Region {
            id,
            name: name.into(),
            level,
            parent: None,
            location: Location::default(),
            population: 0,
        }
    }

    /// A county (the top of the hierarchy) at the origin, population 0.
    pub fn county(id: RegionId, name: impl Into<String>) -> Region {
        Region::at_level(id, name, RegionLevel::County)
    }

    /// A township (seat of a social-work station) in `county`, at the origin, population 0.
    pub fn township(id: RegionId, name: impl Into<String>, county: RegionId) -> Region {
        Region {
            parent: Some(county),
            ..Region::at_level(id, name, RegionLevel::Township)
        }
    }

    /// A village or residential community in `township`, at the origin, population 0.
    pub fn community(id: RegionId, name: impl Into<String>, township: RegionId) -> Region {
        Region {
            parent: Some(township),
            ..Region::at_level(id, name, RegionLevel::Community)
        }
    }

    /// Sets the location, metres east and north of the origin.
    pub fn with_location(mut self, x_m: i32, y_m: i32) -> Region {
        self.location = Location { x_m, y_m };
        self
    }

    /// Sets the registered population.
    pub fn with_population(mut self, population: u32) -> Region {
        self.population = population;
        self
    }
}

impl Road {
    /// A road of `distance_m` metres between regions `a` and `b`.
    pub fn new(a: RegionId, b: RegionId, distance_m: u32) -> Road {
        Road { a, b, distance_m }
    }
}

impl Default for SocialOrganization {
    /// Id `O0`, no name, **no categories** (invalid until set), capacity 60 cases, none active,
    /// serving no region.
    fn default() -> Self {
        SocialOrganization {
            id: OrganizationId(0),
            name: String::new(),
            categories: BTreeSet::new(),
            case_capacity: 60,
            active_cases: 0,
            serves: BTreeSet::new(),
            services: BTreeSet::new(),
        }
    }
}

impl SocialOrganization {
    /// Organization `id` named `name`, otherwise [`Default`].
    pub fn new(id: OrganizationId, name: impl Into<String>) -> Self {
        SocialOrganization {
            id,
            name: name.into(),
            ..SocialOrganization::default()
        }
    }

    /// Sets the categories it delivers.
    pub fn with_categories(mut self, categories: impl IntoIterator<Item = Category>) -> Self {
        self.categories = categories.into_iter().collect();
        self
    }

    /// Sets the concurrent cases it can run.
    pub fn with_case_capacity(mut self, cases: u32) -> Self {
        self.case_capacity = cases;
        self
    }

    /// Sets the cases it runs now.
    pub fn with_active_cases(mut self, cases: u32) -> Self {
        self.active_cases = cases;
        self
    }

    /// Sets the regions it serves (a township or county covers every community below it).
    pub fn with_serves(mut self, regions: impl IntoIterator<Item = RegionId>) -> Self {
        self.serves = regions.into_iter().collect();
        self
    }
}

impl Default for SocialWorker {
    /// Id `W0` at station `R0`, unlicensed, no specialties, 30 cases of capacity with none
    /// carried, a 30 km travel radius, vetting unknown.
    fn default() -> Self {
        SocialWorker {
            id: WorkerId(0),
            station: RegionId(0),
            licence: Licence::Unlicensed,
            specialties: BTreeSet::new(),
            caseload_capacity: 30,
            current_load: 0,
            travel_radius_m: 30_000,
            vetting: Vetting::Unknown,
            mentor: None,
            supervision_capacity: 0,
            supervising: 0,
        }
    }
}

impl SocialWorker {
    /// Worker `id` of the station in township `station`, otherwise [`Default`].
    pub fn new(id: WorkerId, station: RegionId) -> Self {
        SocialWorker {
            id,
            station,
            ..SocialWorker::default()
        }
    }

    /// Sets the licence level.
    pub fn with_licence(mut self, licence: Licence) -> Self {
        self.licence = licence;
        self
    }

    /// Sets the mentor who supervises this worker's cases above their licence.
    pub fn with_mentor(mut self, mentor: WorkerId) -> Self {
        self.mentor = Some(mentor);
        self
    }

    /// Sets how many cases this worker can supervise as a mentor, and how many it does now.
    pub fn with_supervision(mut self, capacity: u32, supervising: u32) -> Self {
        self.supervision_capacity = capacity;
        self.supervising = supervising;
        self
    }

    /// Sets the categories of specialisation.
    pub fn with_specialties(mut self, categories: impl IntoIterator<Item = Category>) -> Self {
        self.specialties = categories.into_iter().collect();
        self
    }

    /// Sets the maximum concurrent cases.
    pub fn with_caseload_capacity(mut self, cases: u32) -> Self {
        self.caseload_capacity = cases;
        self
    }

    /// Sets the cases carried now.
    pub fn with_current_load(mut self, cases: u32) -> Self {
        self.current_load = cases;
        self
    }

    /// Sets the farthest travel distance from the station, metres.
    pub fn with_travel_radius_m(mut self, metres: u32) -> Self {
        self.travel_radius_m = metres;
        self
    }

    /// Sets the safeguarding vetting.
    pub fn with_vetting(mut self, vetting: Vetting) -> Self {
        self.vetting = vetting;
        self
    }
}

impl Default for Volunteer {
    /// Id `V0` in community `R0`, aged 18, no skills, **no weekly slots** (shares none with any
    /// need until set), 240 minutes a week with none committed, vetting unknown, not insured,
    /// a 5 km travel radius, registered with no organization.
    fn default() -> Self {
        Volunteer {
            id: VolunteerId(0),
            community: RegionId(0),
            age: 18,
            skills: BTreeSet::new(),
            availability: BTreeSet::new(),
            weekly_minutes: 240,
            committed_minutes: 0,
            vetting: Vetting::Unknown,
            insured_until: None,
            travel_radius_m: 5_000,
            organizations: BTreeSet::new(),
        }
    }
}

impl Volunteer {
    /// Volunteer `id` living in community `community`, otherwise [`Default`].
    pub fn new(id: VolunteerId, community: RegionId) -> Self {
        Volunteer {
            id,
            community,
            ..Volunteer::default()
        }
    }

    /// Sets the age in years.
    pub fn with_age(mut self, years: u8) -> Self {
        self.age = years;
        self
    }

    /// Sets the skills.
    pub fn with_skills(mut self, skills: impl IntoIterator<Item = Skill>) -> Self {
        self.skills = skills.into_iter().collect();
        self
    }

    /// Sets the weekly slots the volunteer can serve in.
    pub fn with_availability(mut self, slots: impl IntoIterator<Item = WeeklySlot>) -> Self {
        self.availability = slots.into_iter().collect();
        self
    }

    /// Sets the minutes per week the volunteer can give in total.
    pub fn with_weekly_minutes(mut self, minutes: u32) -> Self {
        self.weekly_minutes = minutes;
        self
    }

    /// Sets the minutes per week already committed.
    pub fn with_committed_minutes(mut self, minutes: u32) -> Self {
        self.committed_minutes = minutes;
        self
    }

    /// Sets the safeguarding vetting.
    pub fn with_vetting(mut self, vetting: Vetting) -> Self {
        self.vetting = vetting;
        self
    }

    /// Sets accident insurance valid through `last_day`.
    pub fn with_insured_until(mut self, last_day: Date) -> Self {
        self.insured_until = Some(last_day);
        self
    }

    /// Sets the farthest travel distance from home, metres.
    pub fn with_travel_radius_m(mut self, metres: u32) -> Self {
        self.travel_radius_m = metres;
        self
    }

    /// Sets the organizations the volunteer is registered with.
    pub fn with_organizations(
        mut self,
        organizations: impl IntoIterator<Item = OrganizationId>,
    ) -> Self {
        self.organizations = organizations.into_iter().collect();
        self
    }
}

impl Earmark {
    /// Restricts the money or goods to these categories.
    pub fn with_categories(mut self, categories: impl IntoIterator<Item = Category>) -> Self {
        self.categories = categories.into_iter().collect();
        self
    }

    /// Restricts the money or goods to these regions (and the communities below them).
    pub fn with_regions(mut self, regions: impl IntoIterator<Item = RegionId>) -> Self {
        self.regions = regions.into_iter().collect();
        self
    }

    /// Restricts the money or goods to residents of at least one of these groups.
    pub fn with_groups(mut self, groups: impl IntoIterator<Item = BeneficiaryGroup>) -> Self {
        self.groups = groups.into_iter().collect();
        self
    }
}

impl Default for CharityResource {
    /// Id `F0`, no name, money with **nothing remaining**, no earmark, valid on every day
    /// from [`Date::MIN`] to [`Date::MAX`], administered by organization `O0`, no related
    /// parties.
    fn default() -> Self {
        CharityResource {
            id: FundId(0),
            name: String::new(),
            kind: ResourceKind::Money,
            remaining: 0,
            earmark: Earmark::default(),
            valid_from: Date::MIN,
            valid_until: Date::MAX,
            administered_by: OrganizationId(0),
            related_parties: BTreeSet::new(),
        }
    }
}

impl CharityResource {
    /// A fund `id` of `fen` fen of money administered by `administered_by`, otherwise
    /// [`Default`].
    pub fn money(
        id: FundId,
        name: impl Into<String>,
        fen: i64,
        administered_by: OrganizationId,
    ) -> Self {
        CharityResource {
            id,
            name: name.into(),
            remaining: fen,
            administered_by,
            ..CharityResource::default()
        }
    }

    /// A stock `id` of `units` units of `item` administered by `administered_by`, otherwise
    /// [`Default`].
    pub fn goods(
        id: FundId,
        name: impl Into<String>,
        item: GoodsItem,
        units: i64,
        administered_by: OrganizationId,
    ) -> Self {
        CharityResource {
            kind: ResourceKind::Goods { item },
            ..CharityResource::money(id, name, units, administered_by)
        }
    }

    /// Sets the donor restrictions.
    pub fn with_earmark(mut self, earmark: Earmark) -> Self {
        self.earmark = earmark;
        self
    }

    /// Sets the first and last day the resource may be spent.
    pub fn with_validity(mut self, from: Date, until: Date) -> Self {
        self.valid_from = from;
        self.valid_until = until;
        self
    }

    /// Sets the residents related to the managers, who may not benefit.
    pub fn with_related_parties(mut self, residents: impl IntoIterator<Item = ResidentId>) -> Self {
        self.related_parties = residents.into_iter().collect();
        self
    }
}

impl Default for Resident {
    /// Id `P0` in community `R0`, an adult, no vulnerabilities, nobody served them before.
    fn default() -> Self {
        Resident {
            id: ResidentId(0),
            community: RegionId(0),
            minor: false,
            vulnerabilities: BTreeSet::new(),
            prior_workers: BTreeSet::new(),
            prior_volunteers: BTreeSet::new(),
        }
    }
}

impl Resident {
    /// Resident `id` living in community `community`, otherwise [`Default`].
    pub fn new(id: ResidentId, community: RegionId) -> Self {
        Resident {
            id,
            community,
            ..Resident::default()
        }
    }

    /// Sets whether the resident is under 18 (every service then requires vetted people).
    pub fn with_minor(mut self, minor: bool) -> Self {
        self.minor = minor;
        self
    }

    /// Sets the vulnerability groups.
    pub fn with_vulnerabilities(
        mut self,
        vulnerabilities: impl IntoIterator<Item = Vulnerability>,
    ) -> Self {
        self.vulnerabilities = vulnerabilities.into_iter().collect();
        self
    }

    /// Sets the workers who served the resident before.
    pub fn with_prior_workers(mut self, workers: impl IntoIterator<Item = WorkerId>) -> Self {
        self.prior_workers = workers.into_iter().collect();
        self
    }

    /// Sets the volunteers who served the resident before.
    pub fn with_prior_volunteers(
        mut self,
        volunteers: impl IntoIterator<Item = VolunteerId>,
    ) -> Self {
        self.prior_volunteers = volunteers.into_iter().collect();
        self
    }
}

impl DateWindow {
    /// The days `start..=end`.
    pub const fn new(start: Date, end: Date) -> DateWindow {
        DateWindow { start, end }
    }
}

impl Role {
    /// A core (not optional) role asking for `spec`.
    pub fn new(spec: RoleSpec) -> Role {
        Role {
            spec,
            optional: false,
        }
    }

    /// A lead social worker licensed at least `min_licence`.
    pub fn lead_worker(min_licence: Licence) -> Role {
        Role::new(RoleSpec::LeadWorker { min_licence })
    }

    /// `count` volunteers, each with every skill of `skills`, giving `weekly_minutes` each; not
    /// a risky task, no minimum age (set those on [`RoleSpec::Volunteers`] directly).
    pub fn volunteers(
        count: u32,
        skills: impl IntoIterator<Item = Skill>,
        weekly_minutes: u32,
    ) -> Role {
        Role::new(RoleSpec::Volunteers {
            count,
            skills: skills.into_iter().collect(),
            weekly_minutes,
            risky: false,
            min_age: None,
        })
    }

    /// A social organization delivering the service.
    pub fn organization() -> Role {
        Role::new(RoleSpec::Organization)
    }

    /// `fen` fen of money.
    pub fn money(fen: i64) -> Role {
        Role::new(RoleSpec::Material {
            kind: ResourceKind::Money,
            amount: fen,
        })
    }

    /// `units` units of `item`.
    pub fn goods(item: GoodsItem, units: i64) -> Role {
        Role::new(RoleSpec::Material {
            kind: ResourceKind::Goods { item },
            amount: units,
        })
    }

    /// Sets whether the role is optional (it matters only under
    /// [`TeamRule::CoreThenOptional`]).
    pub fn with_optional(mut self, optional: bool) -> Role {
        self.optional = optional;
        self
    }
}

impl Default for Need {
    /// Id `N0` of resident `P0`, social assistance, general risk, **a window on the last
    /// representable day** ([`Date::MAX`], so vetting, insurance and fund validity fail closed
    /// until a real window is set), no weekly slots, and **an empty all-or-nothing team**
    /// (invalid until a role is added).
    fn default() -> Self {
        Need {
            id: NeedId(0),
            resident: ResidentId(0),
            category: Category::SocialAssistance,
            also: BTreeSet::new(),
            risk: RiskTier::General,
            window: DateWindow::new(Date::MAX, Date::MAX),
            slots: BTreeSet::new(),
            team: Team::default(),
        }
    }
}

impl Need {
    /// Need `id` of `resident` in `category` over `window`, general risk, no slots and no
    /// roles yet (add them with the `with_*` role setters).
    pub fn new(id: NeedId, resident: ResidentId, category: Category, window: DateWindow) -> Self {
        Need {
            id,
            resident,
            category,
            window,
            ..Need::default()
        }
    }

    /// Sets the risk tier.
    pub fn with_risk(mut self, risk: RiskTier) -> Self {
        self.risk = risk;
        self
    }

    /// Sets the weekly slots in which visits can happen (required when volunteers are asked
    /// for).
    pub fn with_slots(mut self, slots: impl IntoIterator<Item = WeeklySlot>) -> Self {
        self.slots = slots.into_iter().collect();
        self
    }

    /// Sets how the roles decide service.
    pub fn with_rule(mut self, rule: TeamRule) -> Self {
        self.team.rule = rule;
        self
    }

    /// Appends a role to the team (role indices in plans follow this order).
    pub fn with_role(mut self, role: Role) -> Self {
        self.team.roles.push(role);
        self
    }

    /// Appends [`Role::lead_worker`].
    pub fn with_lead_worker(self, min_licence: Licence) -> Self {
        self.with_role(Role::lead_worker(min_licence))
    }

    /// Appends [`Role::volunteers`].
    pub fn with_volunteers(
        self,
        count: u32,
        skills: impl IntoIterator<Item = Skill>,
        weekly_minutes: u32,
    ) -> Self {
        self.with_role(Role::volunteers(count, skills, weekly_minutes))
    }

    /// Appends [`Role::organization`].
    pub fn with_organization(self) -> Self {
        self.with_role(Role::organization())
    }

    /// Appends [`Role::money`].
    pub fn with_money(self, fen: i64) -> Self {
        self.with_role(Role::money(fen))
    }

    /// Appends [`Role::goods`].
    pub fn with_goods(self, item: GoodsItem, units: i64) -> Self {
        self.with_role(Role::goods(item, units))
    }
}
