//! Workers, volunteers, organizations and charity resources of a synthetic county.

use std::collections::BTreeSet;

use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::CountyConfig;
use super::geography::{COUNTY_ID, Geography};
use crate::model::{
    BeneficiaryGroup, Category, CharityResource, Date, Earmark, FundId, GoodsItem, Licence,
    OrganizationId, ResourceKind, Scenario, Skill, SocialOrganization, SocialWorker, Vetting,
    Volunteer, VolunteerId, WeeklySlot, WeeklySlots, WorkerId,
};

pub(super) fn build(cfg: &CountyConfig, geo: &Geography, rng: &mut ChaCha8Rng, s: &mut Scenario) {
    build_workers(cfg, geo, rng, s);
    build_organizations(cfg, geo, rng, s);
    build_volunteers(cfg, geo, rng, s);
    build_funds(cfg, geo, rng, s);
}

/// A vetting record: `vetted_percent` (default 55%) passed, some expiring within weeks; the
/// rest unknown 20 : pending 10 : failed 5 : expired 10 (the default's 20%, 10%, 5%, 10%).
pub(super) fn vetting(vetted_percent: u32, as_of: Date, rng: &mut ChaCha8Rng) -> Vetting {
    let vetted = vetted_percent.min(100);
    let draw = rng.random_range(0..100u32);
    if draw < vetted {
        return Vetting::Passed {
            expires: as_of.plus_days(rng.random_range(10..=730)),
        };
    }
    // The rest of the range, scaled onto the 45 points of the default's other outcomes (an
    // identity at the default 55%, so the default county is unchanged).
    match (draw - vetted) * 45 / (100 - vetted) {
        0..20 => Vetting::Unknown,
        20..30 => Vetting::Pending,
        30..35 => Vetting::Failed,
        _ => Vetting::Passed {
            expires: as_of.plus_days(-rng.random_range(1..=365)),
        },
    }
}

/// A worker's licence: `licensed_percent` (default 60%) licensed, in the default mix
/// assistant 35 : social worker 20 : senior 5.
fn licence(licensed_percent: u32, rng: &mut ChaCha8Rng) -> Licence {
    let licensed = licensed_percent.min(100);
    let draw = rng.random_range(0..100u32);
    let unlicensed = 100 - licensed;
    if draw < unlicensed {
        return Licence::Unlicensed;
    }
    // An identity at the default 60% (draws 40..100 map to 0..60).
    match (draw - unlicensed) * 60 / licensed {
        0..35 => Licence::Assistant,
        35..55 => Licence::SocialWorker,
        _ => Licence::Senior,
    }
}

fn categories(rng: &mut ChaCha8Rng, min: usize, max: usize) -> BTreeSet<Category> {
    let n = rng.random_range(min..=max);
    Category::ALL.choose_multiple(rng, n).copied().collect()
}

fn build_workers(cfg: &CountyConfig, geo: &Geography, rng: &mut ChaCha8Rng, s: &mut Scenario) {
    let mut next = 1u32;
    for &station in &geo.townships {
        // 2 or 3 resident social workers per station (national average ~2.5), unless set
        let count = match cfg.workers_per_station {
            Some(n) => n,
            None => rng.random_range(2..=3),
        };
        for _ in 0..count {
            let licence = licence(cfg.licensed_percent, rng);
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
                    vetting(cfg.vetted_percent, cfg.as_of, rng)
                },
                mentor: None,
                supervision_capacity: 0,
                supervising: 0,
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
    let count = match cfg.volunteers_per_10k {
        Some(density) => {
            let residents: u64 = geo.population.iter().map(|&p| u64::from(p)).sum();
            u32::try_from(residents * u64::from(density) / 10_000).unwrap_or(u32::MAX)
        }
        None => cfg.volunteers,
    };
    for v in 0..count {
        let volunteer = new_volunteer(
            VolunteerId(v + 1),
            cfg.organizations,
            cfg.vetted_percent,
            cfg.as_of,
            geo,
            rng,
        );
        s.volunteers.push(volunteer);
    }
}

/// One volunteer: home community weighted by population, 1–3 skills, 1–8 hours a week, 60%
/// registered with one of `organizations`, vetting as [`vetting`], insured half the time.
pub(in crate::sim) fn new_volunteer(
    id: VolunteerId,
    organizations: u32,
    vetted_percent: u32,
    as_of: Date,
    geo: &Geography,
    rng: &mut ChaCha8Rng,
) -> Volunteer {
    let c = geo.pick_community(rng);
    let n_skills = rng.random_range(1..=3);
    let skills = Skill::ALL.choose_multiple(rng, n_skills).copied().collect();
    let weekly = rng.random_range(2..=16) * 30;
    let orgs = if organizations > 0 && rng.random_bool(0.6) {
        [OrganizationId(rng.random_range(1..=organizations))].into()
    } else {
        BTreeSet::new()
    };
    Volunteer {
        id,
        community: geo.communities[c],
        age: rng.random_range(16..=75),
        skills,
        availability: slots(rng, 3, 10),
        weekly_minutes: weekly,
        committed_minutes: rng.random_range(0..=weekly / 60) * 30,
        vetting: vetting(vetted_percent, as_of, rng),
        insured_until: rng
            .random_bool(0.5)
            .then(|| as_of.plus_days(rng.random_range(-30..=365))),
        travel_radius_m: rng.random_range(2..=12) * 1_000,
        organizations: orgs,
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
    let percent = i64::from(cfg.fund_percent);
    let yuan = |y: i64| y * 100 * percent / 100;
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
            900 * percent / 100,
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
            60 * percent / 100,
            Earmark::default(),
        ),
        (
            "Home-safety kits",
            ResourceKind::Goods {
                item: GoodsItem::HomeSafetyKit,
            },
            150 * percent / 100,
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
    let first = s.funds.len() as u32;
    for k in 0..cfg.township_funds {
        let Some(&township) = geo.townships.get((k as usize) % geo.townships.len().max(1)) else {
            break;
        };
        s.funds.push(CharityResource {
            id: FundId(first + k + 1),
            name: format!("Township micro-fund {}", k + 1),
            kind: ResourceKind::Money,
            remaining: yuan(20_000),
            earmark: Earmark {
                regions: [township].into(),
                ..Earmark::default()
            },
            valid_from: cfg.as_of.plus_days(-((k % 200) as i32)),
            valid_until: cfg.as_of.plus_days(365),
            administered_by: admin(first + k),
            related_parties: BTreeSet::new(),
        });
    }
}

/// Pairs every worker below the social-worker licence with the first worker of its station
/// who holds it, giving each such mentor `places` supervision places (nothing when 0).
pub(super) fn pair_mentors(places: u32, s: &mut Scenario) {
    if places == 0 {
        return;
    }
    let mut mentor_of: std::collections::BTreeMap<crate::model::RegionId, WorkerId> =
        Default::default();
    for w in &s.workers {
        if w.licence >= Licence::SocialWorker {
            mentor_of.entry(w.station).or_insert(w.id);
        }
    }
    for w in &mut s.workers {
        if w.licence < Licence::SocialWorker {
            w.mentor = mentor_of.get(&w.station).copied();
        } else if mentor_of.get(&w.station) == Some(&w.id) {
            w.supervision_capacity = places;
        }
    }
}
