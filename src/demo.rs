//! Small named scenarios with documented answers, shared by docs, examples, tests and benches.
//!
//! Each function returns a valid [`Scenario`]; its doc states what every correct strategy must
//! do with it (and the tests assert exactly that).

use std::collections::BTreeSet;

use crate::model::*;

const AS_OF: (i32, u32, u32) = (2026, 11, 30);

fn day(offset: i32) -> Date {
    Date::from_ymd(AS_OF.0, AS_OF.1, AS_OF.2)
        .unwrap_or(Date::EPOCH)
        .plus_days(offset)
}

fn slot(text: &str) -> WeeklySlot {
    text.parse().unwrap_or(WeeklySlot {
        day: Weekday::Mon,
        part: DayPart::Morning,
    })
}

/// A county `R1`, township `R10` with its station, and communities `R100`, `R101` (3 km from
/// the station each, 5 km apart) and `R102` (40 km away, reachable only through `R101`).
fn township(name: &str) -> Scenario {
    let region = |id, level, parent: Option<u32>, x_m, y_m| Region {
        id: RegionId(id),
        name: format!("{name} {id}"),
        level,
        parent: parent.map(RegionId),
        location: Location { x_m, y_m },
        population: 2_000,
    };
    let road = |a, b, distance_m| Road {
        a: RegionId(a),
        b: RegionId(b),
        distance_m,
    };
    let mut s = Scenario::new(name, day(0));
    s.regions = vec![
        region(1, RegionLevel::County, None, 0, 0),
        region(10, RegionLevel::Township, Some(1), 0, 0),
        region(100, RegionLevel::Community, Some(10), 3_000, 0),
        region(101, RegionLevel::Community, Some(10), -3_000, 0),
        region(102, RegionLevel::Community, Some(10), -40_000, 0),
    ];
    s.roads = vec![
        road(10, 100, 3_000),
        road(10, 101, 3_000),
        road(100, 101, 5_000),
        road(101, 102, 40_000),
    ];
    s
}

fn worker(id: u32, licence: Licence, capacity: u32, load: u32) -> SocialWorker {
    SocialWorker {
        id: WorkerId(id),
        station: RegionId(10),
        licence,
        specialties: [Category::ChildProtection, Category::ElderlyCare].into(),
        caseload_capacity: capacity,
        current_load: load,
        travel_radius_m: 30_000,
        vetting: Vetting::Passed { expires: day(400) },
        mentor: None,
        supervision_capacity: 0,
        supervising: 0,
    }
}

fn volunteer(id: u32, community: u32, skills: &[Skill], vetting: Vetting) -> Volunteer {
    Volunteer {
        id: VolunteerId(id),
        community: RegionId(community),
        age: 30,
        skills: skills.iter().copied().collect(),
        availability: ["mon_morning", "wed_afternoon", "sat_morning"]
            .into_iter()
            .map(slot)
            .collect(),
        weekly_minutes: 240,
        committed_minutes: 0,
        vetting,
        insured_until: Some(day(365)),
        travel_radius_m: 10_000,
        organizations: BTreeSet::new(),
    }
}

fn need(id: u32, resident: u32, category: Category, risk: RiskTier, roles: Vec<Role>) -> Need {
    Need {
        id: NeedId(id),
        resident: ResidentId(resident),
        category,
        also: Default::default(),
        risk,
        window: DateWindow {
            start: day(1),
            end: day(90),
        },
        slots: ["mon_morning", "sat_morning"]
            .into_iter()
            .map(slot)
            .collect(),
        team: Team {
            rule: TeamRule::AllOrNothing,
            roles,
        },
    }
}

fn role(spec: RoleSpec) -> Role {
    Role {
        spec,
        optional: false,
    }
}

fn volunteers_role(skills: &[Skill], minutes: u32) -> Role {
    role(RoleSpec::Volunteers {
        count: 1,
        skills: skills.iter().copied().collect(),
        weekly_minutes: minutes,
        risky: false,
        min_age: None,
    })
}

/// The article's case: a left-behind child with cerebral palsy in community `R100` (need `N1`
/// of resident `P1`, a minor) needs a help group: a lead social worker licensed at least
/// "social worker", one rehabilitation volunteer, and 3,000 yuan for a home-safety
/// modification from a fund earmarked for children.
///
/// Providers: worker `W1` (social worker licence, vetted); volunteers `V1` (rehabilitation,
/// **vetting unknown**), `V2` (rehabilitation, vetting **expired**), `V3` (rehabilitation,
/// vetted) and `V4` (vetted, but only companionship); funds `F1` (2,000 yuan, children) and
/// `F2` (5,000 yuan, earmarked for the elderly).
///
/// Providers: also `F3` (10,000 yuan, unrestricted) and organization `O1`.
///
/// **Answer**: `N1` is served by `W1`, `V3`, and 3,000 yuan drawn from `F1` and/or `F3` (any
/// split). `F2` is earmarked for the elderly and is never used; vetting fails closed, so `V1`
/// (unknown) and `V2` (expired) are never assigned; `V4` lacks the skill.
pub fn left_behind_child() -> Scenario {
    let mut s = township("left-behind child");
    s.workers = vec![worker(1, Licence::SocialWorker, 10, 2)];
    s.volunteers = vec![
        volunteer(1, 100, &[Skill::Rehabilitation], Vetting::Unknown),
        volunteer(
            2,
            100,
            &[Skill::Rehabilitation],
            Vetting::Passed { expires: day(-1) },
        ),
        volunteer(
            3,
            101,
            &[Skill::Rehabilitation],
            Vetting::Passed { expires: day(500) },
        ),
        volunteer(
            4,
            100,
            &[Skill::Companionship],
            Vetting::Passed { expires: day(500) },
        ),
    ];
    let fund = |id, yuan: i64, earmark| CharityResource {
        id: FundId(id),
        name: format!("Fund {id}"),
        kind: ResourceKind::Money,
        remaining: yuan * 100,
        earmark,
        valid_from: day(-30),
        valid_until: day(300),
        administered_by: OrganizationId(1),
        related_parties: BTreeSet::new(),
    };
    s.organizations = vec![SocialOrganization {
        id: OrganizationId(1),
        name: "Charity federation".into(),
        categories: [Category::ChildProtection].into(),
        case_capacity: 10,
        active_cases: 0,
        serves: [RegionId(1)].into(),
        services: Default::default(),
    }];
    s.funds = vec![
        fund(
            1,
            2_000,
            Earmark {
                groups: [BeneficiaryGroup::Children].into(),
                ..Earmark::default()
            },
        ),
        fund(
            2,
            5_000,
            Earmark {
                groups: [BeneficiaryGroup::Elderly].into(),
                ..Earmark::default()
            },
        ),
        fund(3, 10_000, Earmark::default()),
    ];
    s.residents = vec![Resident {
        id: ResidentId(1),
        community: RegionId(100),
        minor: true,
        vulnerabilities: [
            Vulnerability::LeftBehindChild,
            Vulnerability::ChildInDifficulty {
                cause: ChildCause::OwnDisability,
            },
        ]
        .into(),
        prior_workers: BTreeSet::new(),
        prior_volunteers: BTreeSet::new(),
    }];
    s.needs = vec![need(
        1,
        1,
        Category::ChildProtection,
        RiskTier::High,
        vec![
            role(RoleSpec::LeadWorker {
                min_licence: Licence::SocialWorker,
            }),
            volunteers_role(&[Skill::Rehabilitation], 120),
            role(RoleSpec::Material {
                kind: ResourceKind::Money,
                amount: 300_000,
            }),
        ],
    )];
    s
}

/// One worker `W1` with a single free case; two needs want a lead worker: `N1` (High risk,
/// elderly person living alone, `P1`) and `N2` (General risk, `P2`), both in `R100`.
///
/// **Answer**: `N1` is served by `W1`; `N2` is unmet because the only eligible worker's
/// capacity was taken (`capacity_taken`).
pub fn scarce_worker() -> Scenario {
    let mut s = township("scarce worker");
    s.workers = vec![worker(1, Licence::Assistant, 5, 4)];
    let elderly = |id| Resident {
        id: ResidentId(id),
        community: RegionId(100),
        minor: false,
        vulnerabilities: [Vulnerability::ElderlyInDifficulty {
            ability: AbilityLevel::Moderate,
        }]
        .into(),
        prior_workers: BTreeSet::new(),
        prior_volunteers: BTreeSet::new(),
    };
    s.residents = vec![elderly(1), elderly(2)];
    let lead = || {
        vec![role(RoleSpec::LeadWorker {
            min_licence: Licence::Assistant,
        })]
    };
    s.needs = vec![
        need(1, 1, Category::ElderlyCare, RiskTier::High, lead()),
        need(2, 2, Category::ElderlyCare, RiskTier::General, lead()),
    ];
    s
}

/// A volunteer who lives too far away: need `N1` of `P1` in the remote community `R102` asks
/// for one companionship volunteer; the only volunteer `V1` lives in `R100` with a 10 km
/// radius (the road distance is 45 km).
///
/// **Answer**: `N1` is unmet, no eligible provider, the reason being `too_far`.
pub fn out_of_reach() -> Scenario {
    let mut s = township("out of reach");
    s.volunteers = vec![volunteer(
        1,
        100,
        &[Skill::Companionship],
        Vetting::Passed { expires: day(500) },
    )];
    s.residents = vec![Resident {
        id: ResidentId(1),
        community: RegionId(102),
        minor: false,
        vulnerabilities: [Vulnerability::ElderlyInDifficulty {
            ability: AbilityLevel::Severe,
        }]
        .into(),
        prior_workers: BTreeSet::new(),
        prior_volunteers: BTreeSet::new(),
    }];
    s.needs = vec![need(
        1,
        1,
        Category::ElderlyCare,
        RiskTier::Key,
        vec![volunteers_role(&[Skill::Companionship], 60)],
    )];
    s
}

/// Every named demo scenario with its name, for conformance tests and benches.
pub fn all() -> Vec<(&'static str, Scenario)> {
    vec![
        ("left_behind_child", left_behind_child()),
        ("scarce_worker", scarce_worker()),
        ("out_of_reach", out_of_reach()),
    ]
}
