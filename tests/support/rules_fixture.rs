//! A small hand-drawn county for the graph, rules, compile and explain tests.
//!
//! ```text
//!                         county R1
//!               ┌─────────────┴──────────────┐
//!         township R10 ──── 10 km ──── township R20
//!           │ 1 km                         │ 1.5 km           (R30: community of R20,
//!      community R11 ── 2 km ── R12    community R21            no road at all)
//! ```
//! Every entity below is eligible for a default need of a default resident in R11; tests
//! change one field at a time.

#![allow(dead_code)]

use std::collections::BTreeSet;

use wushe::model::*;

/// A date.
pub fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).expect("valid date")
}

/// The snapshot date of the fixture.
pub fn as_of() -> Date {
    day(2026, 11, 28)
}

fn region(id: u32, level: RegionLevel, parent: Option<u32>) -> Region {
    Region {
        id: RegionId(id),
        name: format!("R{id}"),
        level,
        parent: parent.map(RegionId),
        location: Location::default(),
        population: 1000,
    }
}

fn road(a: u32, b: u32, distance_m: u32) -> Road {
    Road {
        a: RegionId(a),
        b: RegionId(b),
        distance_m,
    }
}

/// The county without parties: regions and roads only.
pub fn county() -> Scenario {
    let mut s = Scenario::new("fixture", as_of());
    s.regions = vec![
        region(1, RegionLevel::County, None),
        region(10, RegionLevel::Township, Some(1)),
        region(11, RegionLevel::Community, Some(10)),
        region(12, RegionLevel::Community, Some(10)),
        region(20, RegionLevel::Township, Some(1)),
        region(21, RegionLevel::Community, Some(20)),
        region(30, RegionLevel::Community, Some(20)),
    ];
    s.roads = vec![
        road(10, 11, 1_000),
        road(11, 12, 2_000),
        road(10, 20, 10_000),
        road(20, 21, 1_500),
    ];
    s
}

/// The monday-morning slot.
pub fn monday_morning() -> WeeklySlot {
    WeeklySlot {
        day: Weekday::Mon,
        part: DayPart::Morning,
    }
}

/// Vetting valid through 2030.
pub fn vetted() -> Vetting {
    Vetting::Passed {
        expires: day(2030, 1, 1),
    }
}

/// A licensed elderly-care worker at `station`, 1 of 5 cases used, 20 km radius.
pub fn worker(id: u32, station: u32) -> SocialWorker {
    SocialWorker {
        id: WorkerId(id),
        station: RegionId(station),
        licence: Licence::SocialWorker,
        specialties: BTreeSet::from([Category::ElderlyCare]),
        caseload_capacity: 5,
        current_load: 1,
        travel_radius_m: 20_000,
        vetting: vetted(),
        mentor: None,
        supervision_capacity: 0,
        supervising: 0,
    }
}

/// An adult volunteer of `community` with companionship and first aid, 240 free minutes,
/// vetted and insured, 10 km radius, free on monday mornings.
pub fn volunteer(id: u32, community: u32) -> Volunteer {
    Volunteer {
        id: VolunteerId(id),
        community: RegionId(community),
        age: 30,
        skills: BTreeSet::from([Skill::Companionship, Skill::FirstAid]),
        availability: BTreeSet::from([monday_morning()]),
        weekly_minutes: 240,
        committed_minutes: 0,
        vetting: vetted(),
        insured_until: Some(day(2030, 1, 1)),
        travel_radius_m: 10_000,
        organizations: BTreeSet::new(),
    }
}

/// An elderly-care and child-protection organization serving township R10, 2 of 10 cases used.
pub fn organization(id: u32) -> SocialOrganization {
    SocialOrganization {
        id: OrganizationId(id),
        name: format!("O{id}"),
        categories: BTreeSet::from([Category::ElderlyCare, Category::ChildProtection]),
        case_capacity: 10,
        active_cases: 2,
        serves: BTreeSet::from([RegionId(10)]),
        services: Default::default(),
    }
}

/// An unrestricted money fund of 100,000 fen valid through 2027, administered by O1.
pub fn fund(id: u32) -> CharityResource {
    CharityResource {
        id: FundId(id),
        name: format!("F{id}"),
        kind: ResourceKind::Money,
        remaining: 100_000,
        earmark: Earmark::default(),
        valid_from: day(2026, 1, 1),
        valid_until: day(2027, 12, 31),
        administered_by: OrganizationId(1),
        related_parties: BTreeSet::new(),
    }
}

/// An adult resident of `community` without vulnerabilities.
pub fn resident(id: u32, community: u32) -> Resident {
    Resident {
        id: ResidentId(id),
        community: RegionId(community),
        minor: false,
        vulnerabilities: BTreeSet::new(),
        prior_workers: BTreeSet::new(),
        prior_volunteers: BTreeSet::new(),
    }
}

/// A core role.
pub fn core(spec: RoleSpec) -> Role {
    Role {
        spec,
        optional: false,
    }
}

/// A lead-worker role needing a social-worker licence.
pub fn lead() -> RoleSpec {
    RoleSpec::LeadWorker {
        min_licence: Licence::SocialWorker,
    }
}

/// A volunteer role: `count` volunteers with companionship, 60 minutes a week.
pub fn helpers(count: u32) -> RoleSpec {
    RoleSpec::Volunteers {
        count,
        skills: BTreeSet::from([Skill::Companionship]),
        weekly_minutes: 60,
        risky: false,
        min_age: None,
    }
}

/// A money role of `amount` fen.
pub fn money(amount: i64) -> RoleSpec {
    RoleSpec::Material {
        kind: ResourceKind::Money,
        amount,
    }
}

/// A key-tier elderly-care need of `resident`, December 2026 to February 2027, visits on
/// monday mornings, all-or-nothing team of `roles`.
pub fn need(id: u32, resident: u32, roles: Vec<RoleSpec>) -> Need {
    Need {
        id: NeedId(id),
        resident: ResidentId(resident),
        category: Category::ElderlyCare,
        also: Default::default(),
        risk: RiskTier::Key,
        window: DateWindow {
            start: day(2026, 12, 1),
            end: day(2027, 2, 28),
        },
        slots: BTreeSet::from([monday_morning()]),
        team: Team {
            rule: TeamRule::AllOrNothing,
            roles: roles.into_iter().map(core).collect(),
        },
    }
}
