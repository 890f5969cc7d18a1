//! The hand-built scenario.

use std::collections::BTreeSet;

use wushe::model::{
    AbilityLevel, BeneficiaryGroup, Category, CharityResource, ChildCause, DateWindow, DayPart,
    Earmark, FundId, GoodsItem, Licence, Need, NeedId, OrganizationId, RegionId, RegionLevel,
    Resident, ResidentId, ResourceKind, RiskTier, Role, RoleSpec, Scenario, Skill,
    SocialOrganization, SocialWorker, Team, TeamRule, Vetting, Volunteer, VolunteerId,
    Vulnerability, Weekday, WorkerId,
};

use super::{as_of, day, region, road, slot};

/// A hand-built, deterministic, valid scenario: one county (R1), two townships (R10, R11),
/// three communities (R100, R101 under R10; R110 under R11), two organizations, two workers,
/// three volunteers, two funds, three residents (one a minor) and three needs.
///
/// ```text
///  R100 --1800-- R101          R110
///     \1500     /2500           |1200
///       R10 ------- 8000 ------ R11
/// ```
pub fn small_valid_scenario() -> Scenario {
    let mut s = Scenario::new("small valid scenario", as_of());
    s.regions = vec![
        region(1, "Anning County", RegionLevel::County, None, 0, 0),
        region(
            10,
            "Qinglong Township",
            RegionLevel::Township,
            Some(1),
            -4000,
            0,
        ),
        region(
            11,
            "Baiyun Township",
            RegionLevel::Township,
            Some(1),
            4000,
            0,
        ),
        region(
            100,
            "Xishan Village",
            RegionLevel::Community,
            Some(10),
            -5000,
            1000,
        ),
        region(
            101,
            "Dongpo Community",
            RegionLevel::Community,
            Some(10),
            -3000,
            2000,
        ),
        region(
            110,
            "Nanhu Village",
            RegionLevel::Community,
            Some(11),
            4500,
            -1000,
        ),
    ];
    s.roads = vec![
        road(10, 100, 1500),
        road(10, 101, 2500),
        road(100, 101, 1800),
        road(10, 11, 8000),
        road(11, 110, 1200),
    ];
    s.organizations = small_organizations();
    s.workers = small_workers();
    s.volunteers = small_volunteers();
    s.funds = small_funds();
    s.residents = small_residents();
    s.needs = small_needs();
    s
}

fn small_organizations() -> Vec<SocialOrganization> {
    vec![
        SocialOrganization {
            id: OrganizationId(1),
            name: "Qinglong Elderly Care Centre".into(),
            categories: [Category::ElderlyCare, Category::DisabilitySupport].into(),
            case_capacity: 5,
            active_cases: 1,
            serves: [RegionId(10)].into(),
            services: Default::default(),
        },
        SocialOrganization {
            id: OrganizationId(2),
            name: "Sunflower Children's Service".into(),
            categories: [Category::ChildProtection].into(),
            case_capacity: 2,
            active_cases: 0,
            serves: [RegionId(1)].into(),
            services: Default::default(),
        },
    ]
}

fn small_workers() -> Vec<SocialWorker> {
    vec![
        SocialWorker {
            id: WorkerId(1),
            station: RegionId(10),
            licence: Licence::SocialWorker,
            specialties: [Category::ElderlyCare, Category::ChildProtection].into(),
            caseload_capacity: 10,
            current_load: 3,
            travel_radius_m: 10_000,
            vetting: Vetting::Passed {
                expires: day(2027, 12, 31),
            },
            mentor: None,
            supervision_capacity: 1,
            supervising: 0,
        },
        SocialWorker {
            id: WorkerId(2),
            station: RegionId(11),
            licence: Licence::Assistant,
            specialties: [Category::DisabilitySupport].into(),
            caseload_capacity: 8,
            current_load: 8,
            travel_radius_m: 5_000,
            vetting: Vetting::Unknown,
            mentor: Some(WorkerId(1)),
            supervision_capacity: 0,
            supervising: 0,
        },
    ]
}

fn small_volunteers() -> Vec<Volunteer> {
    vec![
        Volunteer {
            id: VolunteerId(1),
            community: RegionId(100),
            age: 35,
            skills: [Skill::Companionship, Skill::FirstAid].into(),
            availability: [
                slot(Weekday::Sat, DayPart::Morning),
                slot(Weekday::Sun, DayPart::Afternoon),
            ]
            .into(),
            weekly_minutes: 240,
            committed_minutes: 60,
            vetting: Vetting::Passed {
                expires: day(2027, 6, 30),
            },
            insured_until: Some(day(2027, 6, 30)),
            travel_radius_m: 3_000,
            organizations: [OrganizationId(1)].into(),
        },
        Volunteer {
            id: VolunteerId(2),
            community: RegionId(101),
            age: 19,
            skills: [Skill::Tutoring, Skill::Companionship].into(),
            availability: [
                slot(Weekday::Wed, DayPart::Evening),
                slot(Weekday::Sat, DayPart::Morning),
            ]
            .into(),
            weekly_minutes: 120,
            committed_minutes: 0,
            vetting: Vetting::Passed {
                expires: day(2026, 1, 31),
            },
            insured_until: None,
            travel_radius_m: 5_000,
            organizations: [OrganizationId(2)].into(),
        },
        Volunteer {
            id: VolunteerId(3),
            community: RegionId(110),
            age: 58,
            skills: [Skill::HomeRepair, Skill::Driving].into(),
            availability: [slot(Weekday::Tue, DayPart::Afternoon)].into(),
            weekly_minutes: 180,
            committed_minutes: 180,
            vetting: Vetting::Pending,
            insured_until: Some(day(2027, 3, 31)),
            travel_radius_m: 10_000,
            organizations: BTreeSet::new(),
        },
    ]
}

fn small_funds() -> Vec<CharityResource> {
    vec![
        CharityResource {
            id: FundId(1),
            name: "Qinglong Community Charity Fund".into(),
            kind: ResourceKind::Money,
            remaining: 500_000,
            earmark: Earmark {
                categories: [Category::ElderlyCare].into(),
                regions: [RegionId(10)].into(),
                groups: [BeneficiaryGroup::Elderly].into(),
            },
            valid_from: day(2026, 1, 1),
            valid_until: day(2026, 12, 31),
            administered_by: OrganizationId(1),
            related_parties: [ResidentId(3)].into(),
        },
        CharityResource {
            id: FundId(2),
            name: "Wheelchair donation".into(),
            kind: ResourceKind::Goods {
                item: GoodsItem::AssistiveDevice,
            },
            remaining: 4,
            earmark: Earmark::default(),
            valid_from: day(2026, 6, 1),
            valid_until: day(2027, 5, 31),
            administered_by: OrganizationId(2),
            related_parties: BTreeSet::new(),
        },
    ]
}

fn small_residents() -> Vec<Resident> {
    vec![
        Resident {
            id: ResidentId(1),
            community: RegionId(100),
            minor: false,
            vulnerabilities: [
                Vulnerability::ElderlyInDifficulty {
                    ability: AbilityLevel::Moderate,
                },
                Vulnerability::MinimumLivingAllowance,
            ]
            .into(),
            prior_workers: [WorkerId(1)].into(),
            prior_volunteers: [VolunteerId(1)].into(),
        },
        Resident {
            id: ResidentId(2),
            community: RegionId(101),
            minor: true,
            vulnerabilities: [
                Vulnerability::LeftBehindChild,
                Vulnerability::ChildInDifficulty {
                    cause: ChildCause::Guardianship,
                },
            ]
            .into(),
            prior_workers: BTreeSet::new(),
            prior_volunteers: BTreeSet::new(),
        },
        Resident {
            id: ResidentId(3),
            community: RegionId(110),
            minor: false,
            vulnerabilities: [Vulnerability::Disabled { grade: 2 }].into(),
            prior_workers: [WorkerId(2)].into(),
            prior_volunteers: BTreeSet::new(),
        },
    ]
}

fn core(spec: RoleSpec) -> Role {
    Role {
        spec,
        optional: false,
    }
}

fn small_needs() -> Vec<Need> {
    vec![
        Need {
            id: NeedId(1),
            resident: ResidentId(1),
            category: Category::ElderlyCare,
            also: Default::default(),
            risk: RiskTier::High,
            window: DateWindow {
                start: day(2026, 12, 1),
                end: day(2027, 2, 28),
            },
            slots: [slot(Weekday::Sat, DayPart::Morning)].into(),
            team: Team {
                rule: TeamRule::AllOrNothing,
                roles: vec![
                    core(RoleSpec::LeadWorker {
                        min_licence: Licence::Assistant,
                    }),
                    core(RoleSpec::Volunteers {
                        count: 1,
                        skills: [Skill::Companionship].into(),
                        weekly_minutes: 60,
                        risky: false,
                        min_age: None,
                    }),
                    core(RoleSpec::Material {
                        kind: ResourceKind::Money,
                        amount: 200_000,
                    }),
                ],
            },
        },
        Need {
            id: NeedId(2),
            resident: ResidentId(2),
            category: Category::ChildProtection,
            also: Default::default(),
            risk: RiskTier::Key,
            window: DateWindow {
                start: day(2026, 12, 1),
                end: day(2027, 6, 30),
            },
            slots: [
                slot(Weekday::Wed, DayPart::Evening),
                slot(Weekday::Sat, DayPart::Morning),
            ]
            .into(),
            team: Team {
                rule: TeamRule::CoreThenOptional,
                roles: vec![
                    core(RoleSpec::LeadWorker {
                        min_licence: Licence::SocialWorker,
                    }),
                    core(RoleSpec::Organization),
                    Role {
                        spec: RoleSpec::Volunteers {
                            count: 2,
                            skills: [Skill::Tutoring].into(),
                            weekly_minutes: 60,
                            risky: false,
                            min_age: Some(18),
                        },
                        optional: true,
                    },
                ],
            },
        },
        Need {
            id: NeedId(3),
            resident: ResidentId(3),
            category: Category::DisabilitySupport,
            also: Default::default(),
            risk: RiskTier::General,
            window: DateWindow {
                start: day(2026, 12, 15),
                end: day(2026, 12, 31),
            },
            slots: BTreeSet::new(),
            team: Team {
                rule: TeamRule::AllOrNothing,
                roles: vec![core(RoleSpec::Material {
                    kind: ResourceKind::Goods {
                        item: GoodsItem::AssistiveDevice,
                    },
                    amount: 1,
                })],
            },
        },
    ]
}
