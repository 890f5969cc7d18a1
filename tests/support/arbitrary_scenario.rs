//! Valid scenarios for tests: a hand-built one ([`small_valid_scenario`]) and a proptest
//! strategy of small random ones ([`arb_scenario`]).
//!
//! Every scenario produced here passes `Scenario::validate()`; the eligibility facts (licences,
//! vetting incl. expired, insurance, radii, loads, earmarks, slots) vary so that some needs are
//! servable and some are not.

#![allow(dead_code)]

use std::collections::BTreeSet;

use proptest::prelude::*;
use proptest::sample::Index;

use wushe::model::{
    AbilityLevel, BeneficiaryGroup, Category, CharityResource, ChildCause, Date, DateWindow,
    DayPart, Earmark, FundId, GoodsItem, Licence, Location, Need, NeedId, OrganizationId, Region,
    RegionId, RegionLevel, Resident, ResidentId, ResourceKind, RiskTier, Road, Role, RoleSpec,
    Scenario, Skill, SocialOrganization, SocialWorker, Team, TeamRule, Vetting, Volunteer,
    VolunteerId, Vulnerability, Weekday, WeeklySlot, WeeklySlots, WorkerId,
};

/// The snapshot date of every generated scenario: 2026-11-28.
pub fn as_of() -> Date {
    day(2026, 11, 28)
}

/// A date that exists (test helper; panics on a typo in a test).
pub fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).expect("valid test date")
}

/// A weekly slot.
pub fn slot(day: Weekday, part: DayPart) -> WeeklySlot {
    WeeklySlot { day, part }
}

/// The 21 weekly slots in order.
pub fn all_slots() -> Vec<WeeklySlot> {
    let days = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    let parts = [DayPart::Morning, DayPart::Afternoon, DayPart::Evening];
    days.iter()
        .flat_map(|&d| parts.iter().map(move |&p| slot(d, p)))
        .collect()
}

fn region(id: u32, name: &str, level: RegionLevel, parent: Option<u32>, x: i32, y: i32) -> Region {
    Region {
        id: RegionId(id),
        name: name.to_owned(),
        level,
        parent: parent.map(RegionId),
        location: Location { x_m: x, y_m: y },
        population: 1000 + id * 10,
    }
}

fn road(a: u32, b: u32, distance_m: u32) -> Road {
    Road {
        a: RegionId(a),
        b: RegionId(b),
        distance_m,
    }
}

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
        },
        SocialOrganization {
            id: OrganizationId(2),
            name: "Sunflower Children's Service".into(),
            categories: [Category::ChildProtection].into(),
            case_capacity: 2,
            active_cases: 0,
            serves: [RegionId(1)].into(),
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

// ---------------------------------------------------------------------------------------------
// Random valid scenarios.

const COUNTY: u32 = 1;
const TOWNSHIP_BASE: u32 = 10;
const COMMUNITY_BASE: u32 = 100;

fn mask_subset<T: Copy + Ord>(mask: u32, items: &[T]) -> BTreeSet<T> {
    items
        .iter()
        .take(32)
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, &t)| t)
        .collect()
}

fn pick<T: Copy>(index: &Index, items: &[T]) -> Option<T> {
    if items.is_empty() {
        None
    } else {
        Some(items[index.index(items.len())])
    }
}

fn arb_category() -> impl Strategy<Value = Category> {
    prop::sample::select(Category::ALL.to_vec())
}

fn arb_skill() -> impl Strategy<Value = Skill> {
    prop::sample::select(Skill::ALL.to_vec())
}

fn arb_licence() -> impl Strategy<Value = Licence> {
    prop::sample::select(vec![
        Licence::Unlicensed,
        Licence::Assistant,
        Licence::SocialWorker,
        Licence::Senior,
    ])
}

fn arb_slots(max: usize) -> impl Strategy<Value = WeeklySlots> {
    prop::collection::btree_set(prop::sample::select(all_slots()), 0..=max)
}

/// Vetting of every state; a passed check expires between 200 days before and 800 days after
/// the snapshot date (so some are expired, some expire inside a need window).
fn arb_vetting() -> impl Strategy<Value = Vetting> {
    prop_oneof![
        1 => Just(Vetting::Unknown),
        1 => Just(Vetting::Pending),
        1 => Just(Vetting::Failed),
        4 => (-200i32..800).prop_map(|d| Vetting::Passed { expires: as_of().plus_days(d) }),
    ]
}

fn arb_goods() -> impl Strategy<Value = GoodsItem> {
    prop::sample::select(vec![
        GoodsItem::FoodParcel,
        GoodsItem::AssistiveDevice,
        GoodsItem::SchoolSupplies,
        GoodsItem::HomeSafetyKit,
        GoodsItem::WinterClothing,
    ])
}

/// Money (amounts in fen up to 5,000 yuan) or goods (a few units).
fn arb_material() -> impl Strategy<Value = (ResourceKind, i64)> {
    prop_oneof![
        (1i64..=500_000).prop_map(|a| (ResourceKind::Money, a)),
        (arb_goods(), 1i64..=5).prop_map(|(item, a)| (ResourceKind::Goods { item }, a)),
    ]
}

fn arb_vulnerability() -> impl Strategy<Value = Vulnerability> {
    prop_oneof![
        prop::sample::select(vec![
            AbilityLevel::Intact,
            AbilityLevel::Mild,
            AbilityLevel::Moderate,
            AbilityLevel::Severe,
            AbilityLevel::Total,
        ])
        .prop_map(|ability| Vulnerability::ElderlyInDifficulty { ability }),
        prop::sample::select(vec![
            ChildCause::FamilyPoverty,
            ChildCause::OwnDisability,
            ChildCause::Guardianship,
        ])
        .prop_map(|cause| Vulnerability::ChildInDifficulty { cause }),
        Just(Vulnerability::LeftBehindChild),
        (1u8..=4).prop_map(|grade| Vulnerability::Disabled { grade }),
        Just(Vulnerability::MinimumLivingAllowance),
        Just(Vulnerability::ExtremePoverty),
    ]
}

fn arb_group() -> impl Strategy<Value = BeneficiaryGroup> {
    prop::sample::select(vec![
        BeneficiaryGroup::Elderly,
        BeneficiaryGroup::Children,
        BeneficiaryGroup::Disabled,
        BeneficiaryGroup::LowIncome,
        BeneficiaryGroup::ExtremePoverty,
    ])
}

fn arb_role() -> impl Strategy<Value = Role> {
    let spec = prop_oneof![
        arb_licence().prop_map(|min_licence| RoleSpec::LeadWorker { min_licence }),
        (
            1u32..=3,
            prop::collection::btree_set(arb_skill(), 0..=2),
            prop::sample::select(vec![30u32, 60, 90, 120]),
            any::<bool>(),
            prop::option::of(16u8..=30),
        )
            .prop_map(|(count, skills, weekly_minutes, risky, min_age)| {
                RoleSpec::Volunteers {
                    count,
                    skills,
                    weekly_minutes,
                    risky,
                    min_age,
                }
            }),
        Just(RoleSpec::Organization),
        arb_material().prop_map(|(kind, amount)| RoleSpec::Material { kind, amount }),
    ];
    (spec, prop::bool::weighted(0.25)).prop_map(|(spec, optional)| Role { spec, optional })
}

/// Raw draws for the regions and roads; ids and references are resolved by [`assemble`].
#[derive(Debug, Clone)]
struct GeoDraw {
    townships: Vec<(i32, i32)>,
    communities: Vec<(Index, i32, i32, u32)>,
    township_road: Vec<bool>,
    extra_roads: Vec<(Index, Index, u32)>,
}

fn arb_geo() -> impl Strategy<Value = GeoDraw> {
    (
        prop::collection::vec((-20_000i32..20_000, -20_000i32..20_000), 1..=3),
        prop::collection::vec(
            (
                any::<Index>(),
                -6_000i32..6_000,
                -6_000i32..6_000,
                0u32..5_000,
            ),
            2..=8,
        ),
        prop::collection::vec(prop::bool::weighted(0.9), 8),
        prop::collection::vec((any::<Index>(), any::<Index>(), 0u32..4_000), 0..=4),
    )
        .prop_map(
            |(townships, communities, township_road, extra_roads)| GeoDraw {
                townships,
                communities,
                township_road,
                extra_roads,
            },
        )
}

type OrgDraw = (BTreeSet<Category>, u32, u32, Vec<Index>);
type WorkerDraw = (Index, Licence, BTreeSet<Category>, (u32, u32), u32, Vetting);
type VolunteerDraw = (
    (Index, u8, BTreeSet<Skill>, WeeklySlots),
    (u32, u32, Vetting, Option<i32>),
    (u32, u32),
);
type FundDraw = (
    (ResourceKind, i64),
    (BTreeSet<Category>, Vec<Index>, BTreeSet<BeneficiaryGroup>),
    (i32, i32, Index, u32),
);
type ResidentDraw = (Index, bool, BTreeSet<Vulnerability>, u32, u32);
type NeedDraw = (
    (Index, Category, RiskTier),
    (i32, i32, WeeklySlots),
    (TeamRule, Vec<Role>),
);

fn arb_org() -> impl Strategy<Value = OrgDraw> {
    (
        prop::collection::btree_set(arb_category(), 1..=3),
        1u32..=3,
        0u32..=3,
        prop::collection::vec(any::<Index>(), 1..=2),
    )
}

fn arb_worker() -> impl Strategy<Value = WorkerDraw> {
    (
        any::<Index>(),
        arb_licence(),
        prop::collection::btree_set(arb_category(), 0..=3),
        (1u32..=4, 0u32..=4),
        prop::sample::select(vec![0u32, 2_000, 5_000, 15_000, 40_000]),
        arb_vetting(),
    )
}

fn arb_volunteer() -> impl Strategy<Value = VolunteerDraw> {
    (
        (
            any::<Index>(),
            16u8..=75,
            prop::collection::btree_set(arb_skill(), 0..=3),
            arb_slots(4),
        ),
        (
            30u32..=600,
            0u32..=100,
            arb_vetting(),
            prop::option::of(-100i32..600),
        ),
        (
            prop::sample::select(vec![0u32, 1_000, 3_000, 8_000, 30_000]),
            any::<u32>(),
        ),
    )
}

fn arb_fund() -> impl Strategy<Value = FundDraw> {
    (
        prop_oneof![
            (0i64..=1_000_000).prop_map(|r| (ResourceKind::Money, r)),
            (arb_goods(), 0i64..=10).prop_map(|(item, r)| (ResourceKind::Goods { item }, r)),
        ],
        (
            prop::collection::btree_set(arb_category(), 0..=2),
            prop::collection::vec(any::<Index>(), 0..=2),
            prop::collection::btree_set(arb_group(), 0..=2),
        ),
        (-200i32..30, 0i32..500, any::<Index>(), any::<u32>()),
    )
}

fn arb_resident() -> impl Strategy<Value = ResidentDraw> {
    (
        any::<Index>(),
        prop::bool::weighted(0.3),
        prop::collection::btree_set(arb_vulnerability(), 0..=2),
        any::<u32>(),
        any::<u32>(),
    )
}

fn arb_need() -> impl Strategy<Value = NeedDraw> {
    (
        (
            any::<Index>(),
            arb_category(),
            prop::sample::select(RiskTier::ALL.to_vec()),
        ),
        (-30i32..60, 0i32..180, arb_slots(3)),
        (
            prop_oneof![
                Just(TeamRule::AllOrNothing),
                Just(TeamRule::CoreThenOptional)
            ],
            prop::collection::vec(arb_role(), 1..=4),
        ),
    )
}

/// All raw draws of one scenario.
#[derive(Debug, Clone)]
struct Draw {
    geo: GeoDraw,
    orgs: Vec<OrgDraw>,
    workers: Vec<WorkerDraw>,
    volunteers: Vec<VolunteerDraw>,
    funds: Vec<FundDraw>,
    residents: Vec<ResidentDraw>,
    needs: Vec<NeedDraw>,
}

/// Small valid scenarios: 1 county, 1–3 townships, 2–8 communities with roads (a few
/// communities left without one, so some are unreachable), 0–4 organizations, 0–5 workers,
/// 0–12 volunteers, 0–4 funds with earmarks (only when an organization exists to administer
/// them), 1–8 residents (about 30% minors), 1–10 needs with teams of 1–4 roles of every kind
/// under both team rules.
pub fn arb_scenario() -> impl Strategy<Value = Scenario> {
    (
        arb_geo(),
        prop::collection::vec(arb_org(), 0..=4),
        prop::collection::vec(arb_worker(), 0..=5),
        prop::collection::vec(arb_volunteer(), 0..=12),
        prop::collection::vec(arb_fund(), 0..=4),
        prop::collection::vec(arb_resident(), 1..=8),
        prop::collection::vec(arb_need(), 1..=10),
    )
        .prop_map(
            |(geo, orgs, workers, volunteers, funds, residents, needs)| {
                assemble(Draw {
                    geo,
                    orgs,
                    workers,
                    volunteers,
                    funds,
                    residents,
                    needs,
                })
            },
        )
}

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

fn assemble(draw: Draw) -> Scenario {
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
            self.scenario.needs.push(Need {
                id: NeedId(i as u32 + 1),
                resident,
                category: *category,
                risk: *risk,
                window: DateWindow {
                    start,
                    end: start.plus_days(*len),
                },
                slots,
                team: Team {
                    rule: *rule,
                    roles: roles.clone(),
                },
            });
        }
    }
}
