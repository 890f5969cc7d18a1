//! Workers, volunteers, organizations and charity resources of a synthetic county.

use std::collections::BTreeSet;

use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::CountyConfig;
use super::geography::{COUNTY_ID, Geography};
use crate::model::{
    BeneficiaryGroup, Category, CharityResource, Earmark, FundId, GoodsItem, Licence,
    OrganizationId, ResourceKind, Scenario, Skill, SocialOrganization, SocialWorker, Vetting,
    Volunteer, VolunteerId, WeeklySlot, WeeklySlots, WorkerId,
};

pub(super) fn build(cfg: &CountyConfig, geo: &Geography, rng: &mut ChaCha8Rng, s: &mut Scenario) {
    build_workers(cfg, geo, rng, s);
    build_organizations(cfg, geo, rng, s);
    build_volunteers(cfg, geo, rng, s);
    build_funds(cfg, geo, rng, s);
}

/// A vetting record: ~55% passed (some expiring within weeks), 20% unknown, 10% pending,
/// 5% failed, 10% expired.
pub(super) fn vetting(cfg: &CountyConfig, rng: &mut ChaCha8Rng) -> Vetting {
    match rng.random_range(0..100) {
        0..55 => Vetting::Passed {
            expires: cfg.as_of.plus_days(rng.random_range(10..=730)),
        },
        55..75 => Vetting::Unknown,
        75..85 => Vetting::Pending,
        85..90 => Vetting::Failed,
        _ => Vetting::Passed {
            expires: cfg.as_of.plus_days(-rng.random_range(1..=365)),
        },
    }
}

fn categories(rng: &mut ChaCha8Rng, min: usize, max: usize) -> BTreeSet<Category> {
    let n = rng.random_range(min..=max);
    Category::ALL.choose_multiple(rng, n).copied().collect()
}

fn build_workers(cfg: &CountyConfig, geo: &Geography, rng: &mut ChaCha8Rng, s: &mut Scenario) {
    let mut next = 1u32;
    for &station in &geo.townships {
        // 2 or 3 resident social workers per station (national average ~2.5).
        for _ in 0..rng.random_range(2..=3) {
            let licence = match rng.random_range(0..100) {
                0..40 => Licence::Unlicensed,
                40..75 => Licence::Assistant,
                75..95 => Licence::SocialWorker,
                _ => Licence::Senior,
            };
            let capacity = rng.random_range(30..=45);
            s.workers.push(SocialWorker {
                id: WorkerId(next),
                station,
                licence,
                specialties: categories(rng, 1, 2),
                caseload_capacity: capacity,
                current_load: rng.random_range(5..=20),
                travel_radius_m: rng.random_range(15_000..=40_000),
                vetting: if rng.random_bool(0.8) {
                    Vetting::Passed {
                        expires: cfg.as_of.plus_days(rng.random_range(60..=900)),
                    }
                } else {
                    vetting(cfg, rng)
                },
            });
            next += 1;
        }
    }
}

fn build_organizations(
    cfg: &CountyConfig,
    geo: &Geography,
    rng: &mut ChaCha8Rng,
    s: &mut Scenario,
) {
    for o in 0..cfg.organizations {
        let serves: BTreeSet<_> = if o % 4 == 0 {
            // every fourth organization is county-wide
            [COUNTY_ID].into()
        } else {
            let n = rng.random_range(2..=5).min(geo.townships.len());
            geo.townships.choose_multiple(rng, n).copied().collect()
        };
        let capacity = rng.random_range(60..=160);
        s.organizations.push(SocialOrganization {
            id: OrganizationId(o + 1),
            name: format!("Social Organization {}", o + 1),
            categories: categories(rng, 2, 3),
            case_capacity: capacity,
            active_cases: rng.random_range(0..=capacity / 3),
            serves,
            services: Default::default(),
        });
    }
}

fn slots(rng: &mut ChaCha8Rng, min: usize, max: usize) -> WeeklySlots {
    let all: Vec<WeeklySlot> = WeeklySlot::all().collect();
    let n = rng.random_range(min..=max);
    all.choose_multiple(rng, n).copied().collect()
}

pub(super) fn need_slots(rng: &mut ChaCha8Rng) -> WeeklySlots {
    slots(rng, 2, 6)
}

fn build_volunteers(cfg: &CountyConfig, geo: &Geography, rng: &mut ChaCha8Rng, s: &mut Scenario) {
    let weights: Vec<u32> = geo.population.clone();
    let total: u64 = weights.iter().map(|&w| u64::from(w)).sum::<u64>().max(1);
    for v in 0..cfg.volunteers {
        // home community weighted by population
        let mut pick = rng.random_range(0..total);
        let mut c = 0;
        for (i, &w) in weights.iter().enumerate() {
            if pick < u64::from(w) {
                c = i;
                break;
            }
            pick -= u64::from(w);
        }
        let n_skills = rng.random_range(1..=3);
        let skills = Skill::ALL.choose_multiple(rng, n_skills).copied().collect();
        let weekly = rng.random_range(2..=16) * 30;
        let orgs = if cfg.organizations > 0 && rng.random_bool(0.6) {
            [OrganizationId(rng.random_range(1..=cfg.organizations))].into()
        } else {
            BTreeSet::new()
        };
        s.volunteers.push(Volunteer {
            id: VolunteerId(v + 1),
            community: geo.communities[c],
            age: rng.random_range(16..=75),
            skills,
            availability: slots(rng, 3, 10),
            weekly_minutes: weekly,
            committed_minutes: rng.random_range(0..=weekly / 60) * 30,
            vetting: vetting(cfg, rng),
            insured_until: rng
                .random_bool(0.5)
                .then(|| cfg.as_of.plus_days(rng.random_range(-30..=365))),
            travel_radius_m: rng.random_range(2..=12) * 1_000,
            organizations: orgs,
        });
    }
}

/// The eight charity resources. A county without organizations has none: every resource
/// needs an administering organization.
fn build_funds(cfg: &CountyConfig, geo: &Geography, rng: &mut ChaCha8Rng, s: &mut Scenario) {
    if cfg.organizations == 0 {
        return;
    }
    let admin = |k: u32| OrganizationId(k % cfg.organizations.max(1) + 1);
    let some_townships = |rng: &mut ChaCha8Rng, n: usize| -> BTreeSet<_> {
        geo.townships
            .choose_multiple(rng, n.min(geo.townships.len()))
            .copied()
            .collect()
    };
    let yuan = |y: i64| y * 100;
    let funds = [
        (
            "Community charity fund (county)",
            ResourceKind::Money,
            yuan(400_000),
            Earmark::default(),
        ),
        (
            "Elderly care fund",
            ResourceKind::Money,
            yuan(250_000),
            Earmark {
                categories: [Category::ElderlyCare].into(),
                groups: [BeneficiaryGroup::Elderly].into(),
                ..Earmark::default()
            },
        ),
        (
            "Children's protection fund",
            ResourceKind::Money,
            yuan(150_000),
            Earmark {
                groups: [BeneficiaryGroup::Children].into(),
                ..Earmark::default()
            },
        ),
        (
            "Township micro-wish fund",
            ResourceKind::Money,
            yuan(80_000),
            Earmark {
                regions: some_townships(rng, 4),
                ..Earmark::default()
            },
        ),
        (
            "Welfare-lottery disability fund",
            ResourceKind::Money,
            yuan(120_000),
            Earmark {
                categories: [Category::DisabilitySupport].into(),
                groups: [BeneficiaryGroup::Disabled].into(),
                ..Earmark::default()
            },
        ),
        (
            "Food bank",
            ResourceKind::Goods {
                item: GoodsItem::FoodParcel,
            },
            900,
            Earmark {
                categories: [Category::SocialAssistance, Category::DisasterResponse].into(),
                ..Earmark::default()
            },
        ),
        (
            "Assistive device stock",
            ResourceKind::Goods {
                item: GoodsItem::AssistiveDevice,
            },
            60,
            Earmark::default(),
        ),
        (
            "Home-safety kits",
            ResourceKind::Goods {
                item: GoodsItem::HomeSafetyKit,
            },
            150,
            Earmark::default(),
        ),
    ];
    for (k, (name, kind, remaining, earmark)) in funds.into_iter().enumerate() {
        let k = k as u32;
        s.funds.push(CharityResource {
            id: FundId(k + 1),
            name: name.into(),
            kind,
            remaining,
            earmark,
            valid_from: cfg.as_of.plus_days(-rng.random_range(0..=200)),
            // the micro-wish fund runs out soon, so late-starting needs cannot use it
            valid_until: cfg.as_of.plus_days(if k == 3 { 10 } else { 365 }),
            administered_by: admin(k),
            related_parties: BTreeSet::new(),
        });
    }
}
