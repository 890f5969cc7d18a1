//! Residents and their needs, with the team each need requires.

use std::collections::BTreeSet;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::CountyConfig;
use super::geography::Geography;
use super::parties::need_slots;
use crate::model::{
    AbilityLevel, Category, ChildCause, Date, DateWindow, GoodsItem, Licence, Need, NeedId,
    Resident, ResidentId, ResourceKind, RiskTier, Role, RoleSpec, Scenario, Skill, Team, TeamRule,
    VolunteerId, Vulnerability,
};

/// Who a resident is, which decides vulnerabilities and likely needs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    Elderly,
    Child,
    Disabled,
    LowIncome,
}

pub(super) fn build(cfg: &CountyConfig, geo: &Geography, rng: &mut ChaCha8Rng, s: &mut Scenario) {
    let n_needs = cfg.needs as usize;
    // ~13% of residents have a second need.
    let n_residents = (n_needs * 87).div_ceil(100).max(usize::from(n_needs > 0));
    let mut profiles = Vec::with_capacity(n_residents);
    for r in 0..n_residents {
        let c = geo.pick_community(rng);
        let profile = profile(rng);
        profiles.push(profile);
        s.residents
            .push(resident(r as u32 + 1, geo.communities[c], profile, rng, s));
    }
    for n in 0..n_needs {
        let r = if n < n_residents {
            n
        } else {
            rng.random_range(0..n_residents)
        };
        let need = need(
            NeedId(n as u32 + 1),
            &s.residents[r],
            profiles[r],
            cfg.as_of,
            rng,
        );
        s.needs.push(need);
    }
}

/// Elderly 40%, children 25%, disabled 15%, low income 20%.
fn profile(rng: &mut ChaCha8Rng) -> Profile {
    match rng.random_range(0..100) {
        0..40 => Profile::Elderly,
        40..65 => Profile::Child,
        65..80 => Profile::Disabled,
        _ => Profile::LowIncome,
    }
}

/// A newly arriving resident with one need, drawn like the generated county's: community by
/// population, profile, vulnerabilities, risk tier (High 20%, Key 35%, General 45%), team and
/// a window starting within two weeks of `as_of`. Continuity links point at `s`'s current
/// workers and volunteers.
pub(in crate::sim) fn arrival(
    resident_id: ResidentId,
    need_id: NeedId,
    as_of: Date,
    geo: &Geography,
    rng: &mut ChaCha8Rng,
    s: &Scenario,
) -> (Resident, Need) {
    let c = geo.pick_community(rng);
    let profile = profile(rng);
    let resident = resident(resident_id.0, geo.communities[c], profile, rng, s);
    let need = need(need_id, &resident, profile, as_of, rng);
    (resident, need)
}

fn resident(
    id: u32,
    community: crate::model::RegionId,
    profile: Profile,
    rng: &mut ChaCha8Rng,
    s: &Scenario,
) -> Resident {
    let mut vulnerabilities = BTreeSet::new();
    match profile {
        Profile::Elderly => {
            let ability = match rng.random_range(0..5) {
                0 => AbilityLevel::Intact,
                1 => AbilityLevel::Mild,
                2 => AbilityLevel::Moderate,
                3 => AbilityLevel::Severe,
                _ => AbilityLevel::Total,
            };
            vulnerabilities.insert(Vulnerability::ElderlyInDifficulty { ability });
        }
        Profile::Child => {
            if rng.random_bool(0.5) {
                vulnerabilities.insert(Vulnerability::LeftBehindChild);
            }
            let cause = match rng.random_range(0..3) {
                0 => ChildCause::FamilyPoverty,
                1 => ChildCause::OwnDisability,
                _ => ChildCause::Guardianship,
            };
            vulnerabilities.insert(Vulnerability::ChildInDifficulty { cause });
        }
        Profile::Disabled => {
            vulnerabilities.insert(Vulnerability::Disabled {
                grade: rng.random_range(1..=4),
            });
        }
        Profile::LowIncome => {}
    }
    if rng.random_bool(0.35) {
        vulnerabilities.insert(Vulnerability::MinimumLivingAllowance);
    }
    if profile != Profile::Child && rng.random_bool(0.08) {
        vulnerabilities.insert(Vulnerability::ExtremePoverty);
    }
    // Continuity of care: some residents were served before by a worker of their station or a
    // volunteer of their community.
    let township = s
        .regions
        .iter()
        .find(|r| r.id == community)
        .and_then(|r| r.parent);
    let prior_workers = if rng.random_bool(0.15) {
        s.workers
            .iter()
            .filter(|w| Some(w.station) == township)
            .map(|w| w.id)
            .take(1)
            .collect()
    } else {
        BTreeSet::new()
    };
    let prior_volunteers: BTreeSet<VolunteerId> = if rng.random_bool(0.2) {
        s.volunteers
            .iter()
            .filter(|v| v.community == community)
            .map(|v| v.id)
            .take(1)
            .collect()
    } else {
        BTreeSet::new()
    };
    Resident {
        id: ResidentId(id),
        community,
        minor: profile == Profile::Child,
        vulnerabilities,
        prior_workers,
        prior_volunteers,
    }
}

fn volunteers(count: u32, skills: &[Skill], minutes: u32) -> Role {
    Role {
        spec: RoleSpec::Volunteers {
            count,
            skills: skills.iter().copied().collect(),
            weekly_minutes: minutes,
            risky: false,
            min_age: None,
        },
        optional: false,
    }
}

fn core(spec: RoleSpec) -> Role {
    Role {
        spec,
        optional: false,
    }
}

fn optional(mut role: Role) -> Role {
    role.optional = true;
    role
}

fn money(yuan: i64) -> RoleSpec {
    RoleSpec::Material {
        kind: ResourceKind::Money,
        amount: yuan * 100,
    }
}

fn goods(item: GoodsItem, amount: i64) -> RoleSpec {
    RoleSpec::Material {
        kind: ResourceKind::Goods { item },
        amount,
    }
}

fn lead(min_licence: Licence) -> RoleSpec {
    RoleSpec::LeadWorker { min_licence }
}

fn need(
    id: NeedId,
    resident: &Resident,
    profile: Profile,
    as_of: Date,
    rng: &mut ChaCha8Rng,
) -> Need {
    let risk = match rng.random_range(0..100) {
        0..20 => RiskTier::High,
        20..55 => RiskTier::Key,
        _ => RiskTier::General,
    };
    let (category, roles) = team(profile, risk, rng);
    let start = as_of.plus_days(rng.random_range(0..=14));
    let days = match risk {
        RiskTier::High => rng.random_range(28..=90),
        RiskTier::Key => rng.random_range(30..=180),
        RiskTier::General => rng.random_range(30..=365),
    };
    let rule = if risk == RiskTier::High {
        TeamRule::AllOrNothing
    } else {
        TeamRule::CoreThenOptional
    };
    Need {
        id,
        resident: resident.id,
        category,
        also: Default::default(),
        risk,
        window: DateWindow {
            start,
            end: start.plus_days(days),
        },
        slots: need_slots(rng),
        team: Team { rule, roles },
    }
}

/// The team templates: "material + service", after the article's examples.
fn team(profile: Profile, risk: RiskTier, rng: &mut ChaCha8Rng) -> (Category, Vec<Role>) {
    let high = risk == RiskTier::High;
    match profile {
        Profile::Elderly => {
            let mut roles = vec![volunteers(
                if high { 2 } else { 1 },
                &[Skill::Companionship],
                if high { 120 } else { 60 },
            )];
            if high {
                roles.insert(0, core(lead(Licence::Assistant)));
                roles.push(core(money(rng.random_range(3..=10) * 100)));
            } else if rng.random_bool(0.3) {
                roles.push(optional(core(goods(GoodsItem::HomeSafetyKit, 1))));
            }
            (Category::ElderlyCare, roles)
        }
        Profile::Child => {
            let mut roles = vec![volunteers(1, &[Skill::Tutoring], 90)];
            if high || rng.random_bool(0.3) {
                roles.insert(0, core(lead(Licence::SocialWorker)));
            }
            if rng.random_bool(0.4) {
                roles.push(core(money(rng.random_range(2..=8) * 100)));
            }
            (Category::ChildProtection, roles)
        }
        Profile::Disabled => {
            let mut roles = vec![
                volunteers(1, &[Skill::Rehabilitation], 120),
                core(goods(GoodsItem::AssistiveDevice, 1)),
            ];
            if high {
                roles.insert(0, core(lead(Licence::Assistant)));
                let mut repair = volunteers(1, &[Skill::HomeRepair], 120);
                if let RoleSpec::Volunteers { risky, .. } = &mut repair.spec {
                    *risky = true;
                }
                roles.push(repair);
            } else {
                roles.push(optional(core(money(rng.random_range(2..=5) * 100))));
            }
            (Category::DisabilitySupport, roles)
        }
        Profile::LowIncome => {
            if rng.random_bool(0.2) {
                (
                    Category::MarriageFamily,
                    vec![core(lead(Licence::Assistant)), core(RoleSpec::Organization)],
                )
            } else {
                let mut roles = vec![
                    core(RoleSpec::Organization),
                    core(goods(GoodsItem::FoodParcel, rng.random_range(1..=3))),
                ];
                if high {
                    roles.push(core(money(rng.random_range(5..=20) * 100)));
                } else {
                    roles.push(optional(volunteers(1, &[Skill::Companionship], 60)));
                }
                (Category::SocialAssistance, roles)
            }
        }
    }
}
