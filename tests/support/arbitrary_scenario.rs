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
    AbilityLevel, BeneficiaryGroup, Category, ChildCause, Date, DayPart, GoodsItem, Licence,
    Location, Region, RegionId, RegionLevel, ResourceKind, RiskTier, Road, Role, RoleSpec,
    Scenario, Service, Skill, TeamRule, Vetting, Vulnerability, Weekday, WeeklySlot, WeeklySlots,
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

pub(super) fn region(
    id: u32,
    name: &str,
    level: RegionLevel,
    parent: Option<u32>,
    x: i32,
    y: i32,
) -> Region {
    Region {
        id: RegionId(id),
        name: name.to_owned(),
        level,
        parent: parent.map(RegionId),
        location: Location { x_m: x, y_m: y },
        population: 1000 + id * 10,
    }
}

pub(super) fn road(a: u32, b: u32, distance_m: u32) -> Road {
    Road {
        a: RegionId(a),
        b: RegionId(b),
        distance_m,
    }
}

mod assemble;
mod small;

use assemble::assemble;
pub use small::small_valid_scenario;

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
        prop::sample::select(Service::ALL.to_vec())
            .prop_map(|service| RoleSpec::Service { service }),
        arb_material().prop_map(|(kind, amount)| RoleSpec::Material { kind, amount }),
    ];
    (spec, prop::bool::weighted(0.25)).prop_map(|(spec, optional)| Role { spec, optional })
}

/// Raw draws for the regions and roads; ids and references are resolved by [`assemble`].
#[derive(Debug, Clone)]
pub(super) struct GeoDraw {
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

pub(super) type OrgDraw = (BTreeSet<Category>, u32, u32, Vec<Index>);
pub(super) type WorkerDraw = (Index, Licence, BTreeSet<Category>, (u32, u32), u32, Vetting);
pub(super) type VolunteerDraw = (
    (Index, u8, BTreeSet<Skill>, WeeklySlots),
    (u32, u32, Vetting, Option<i32>),
    (u32, u32),
);
pub(super) type FundDraw = (
    (ResourceKind, i64),
    (BTreeSet<Category>, Vec<Index>, BTreeSet<BeneficiaryGroup>),
    (i32, i32, Index, u32),
);
pub(super) type ResidentDraw = (Index, bool, BTreeSet<Vulnerability>, u32, u32);
pub(super) type NeedDraw = (
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
pub(super) struct Draw {
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
