//! `Display` texts a platform prints: pinned so the wording stays stable, and checked for every
//! value so none falls back to `{:?}`-like names.

use std::collections::BTreeSet;

use wushe::model::*;
use wushe::plan::{Assignment, CapacityUnit, RejectionCount, UnmetNeed, UnmetReason, Violation};
use wushe::problem::{RoleKind, SolveStatus};
use wushe::rules::{Rejection, ScoreBreakdown, TierOrder};
use wushe::{MatchPolicy, StrategyKind, demo, match_scenario};

/// The JSON string serde writes for a unit enum value.
fn serde_name(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value).expect("serializes") {
        serde_json::Value::String(s) => s,
        other => panic!("not a string: {other}"),
    }
}

/// Every text is lower-case words (no `CamelCase` variant name leaks) and distinct.
fn assert_words<T: std::fmt::Display>(values: &[T]) {
    let texts: Vec<String> = values.iter().map(ToString::to_string).collect();
    let distinct: BTreeSet<&String> = texts.iter().collect();
    assert_eq!(distinct.len(), texts.len(), "{texts:?}");
    for t in &texts {
        assert!(!t.is_empty() && !t.contains('_'), "{t:?}");
        let camel = t
            .chars()
            .zip(t.chars().skip(1))
            .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
        assert!(!camel, "{t:?}");
    }
}

macro_rules! names_match_serde {
    ($($value:expr),* $(,)?) => {
        $(assert_eq!($value.name(), serde_name(&$value), "{:?}", $value);)*
    };
}

#[test]
fn vocabulary_names_are_the_file_names() {
    for c in Category::ALL {
        names_match_serde!(c);
    }
    for s in Skill::ALL {
        names_match_serde!(s);
    }
    for t in RiskTier::ALL {
        names_match_serde!(t);
    }
    for r in Rejection::ALL {
        names_match_serde!(r);
    }
    names_match_serde!(
        Licence::Unlicensed,
        Licence::Assistant,
        Licence::SocialWorker,
        Licence::Senior,
        AbilityLevel::Intact,
        AbilityLevel::Total,
        ChildCause::FamilyPoverty,
        ChildCause::OwnDisability,
        ChildCause::Guardianship,
        BeneficiaryGroup::Elderly,
        BeneficiaryGroup::LowIncome,
        BeneficiaryGroup::ExtremePoverty,
        DayPart::Evening,
        Weekday::Thu,
        GoodsItem::HomeSafetyKit,
        RegionLevel::Township,
        TeamRule::CoreThenOptional,
        SolveStatus::BudgetReached,
        RoleKind::LeadWorker,
        RoleKind::Material,
        CapacityUnit::WeeklyMinutes,
        TierOrder::Lexicographic,
        TierOrder::Weighted,
    );
}

#[test]
fn every_value_has_its_own_words() {
    assert_words(&Category::ALL);
    assert_words(&Skill::ALL);
    assert_words(&RiskTier::ALL);
    assert_words(&Rejection::ALL);
    assert_words(&[
        Licence::Unlicensed,
        Licence::Assistant,
        Licence::SocialWorker,
        Licence::Senior,
    ]);
    assert_words(&[
        RoleKind::LeadWorker,
        RoleKind::Volunteers,
        RoleKind::Organization,
        RoleKind::Material,
    ]);
    assert_words(&[
        SolveStatus::Optimal,
        SolveStatus::Feasible,
        SolveStatus::Stable,
        SolveStatus::BudgetReached,
    ]);
}

#[test]
fn pinned_vocabulary_texts() {
    assert_eq!(Category::ChildProtection.to_string(), "child protection");
    assert_eq!(Category::MarriageFamily.to_string(), "marriage and family");
    assert_eq!(Skill::SignLanguage.to_string(), "sign language");
    assert_eq!(RiskTier::High.to_string(), "high risk");
    assert_eq!(RiskTier::Key.to_string(), "key group");
    assert_eq!(Licence::Senior.to_string(), "senior social worker");
    assert_eq!(
        Vulnerability::ElderlyInDifficulty {
            ability: AbilityLevel::Severe
        }
        .to_string(),
        "elderly in difficulty (severe loss of ability)"
    );
    assert_eq!(
        Vulnerability::LeftBehindChild.to_string(),
        "left-behind child"
    );
    assert_eq!(
        ResourceKind::Goods {
            item: GoodsItem::AssistiveDevice
        }
        .to_string(),
        "goods: assistive devices"
    );
    let expires = Date::from_ymd(2027, 6, 30).expect("date");
    assert_eq!(
        Vetting::passed(expires).to_string(),
        "passed, valid through 2027-06-30"
    );
    assert_eq!(Vetting::Pending.to_string(), "pending");
    assert_eq!(SolveStatus::BudgetReached.to_string(), "budget reached");
    assert_eq!(RoleKind::LeadWorker.to_string(), "lead worker");
    // ids keep their prefixes
    assert_eq!(ProviderId::Fund(FundId(2)).to_string(), "F2");
    assert_eq!(NeedId(5).to_string(), "N5");
}

#[test]
fn words_honour_width_and_alignment() {
    assert_eq!(format!("[{:>12}]", Skill::Driving), "[     driving]");
    assert_eq!(format!("[{:<9}]", RiskTier::General), "[general  ]");
}

#[test]
fn pinned_rejection_texts() {
    assert_eq!(Rejection::TooFar.to_string(), "beyond travel radius");
    assert_eq!(Rejection::VettingMissing.to_string(), "not vetted");
    assert_eq!(
        Rejection::VettingExpired.to_string(),
        "vetting expires too soon"
    );
    assert_eq!(
        Rejection::EarmarkGroup.to_string(),
        "earmarked for other groups"
    );
    assert_eq!(
        Rejection::RelatedParty.to_string(),
        "related-party conflict"
    );
    let count = RejectionCount {
        reason: Rejection::MissingSkill,
        count: 3,
    };
    assert_eq!(count.to_string(), "missing a required skill: 3");
}

#[test]
fn pinned_unmet_reason_texts() {
    let counts = vec![
        RejectionCount {
            reason: Rejection::VettingMissing,
            count: 2,
        },
        RejectionCount {
            reason: Rejection::MissingSkill,
            count: 1,
        },
    ];
    let cases = [
        (
            UnmetReason::NoEligibleProvider {
                role: 1,
                rejections: counts.clone(),
            },
            "role 1: no eligible provider (not vetted: 2, missing a required skill: 1)",
        ),
        (
            UnmetReason::NoEligibleProvider {
                role: 0,
                rejections: vec![],
            },
            "role 0: no eligible provider",
        ),
        (
            UnmetReason::TooFewEligible {
                role: 1,
                eligible: 1,
                demand: 2,
                rejections: counts,
            },
            "role 1: 1 eligible, 2 needed (not vetted: 2, missing a required skill: 1)",
        ),
        (
            UnmetReason::CapacityTaken {
                role: 0,
                eligible: 1,
                demand: 1,
                free: 0,
            },
            "role 0: capacity taken (1 eligible, 0 of 1 free)",
        ),
        (
            UnmetReason::InsufficientMaterial {
                role: 2,
                required: 300_000,
                available: 200_000,
            },
            "role 2: not enough material (200000 available of 300000)",
        ),
        (
            UnmetReason::NotSelected,
            "not selected (every role could still be filled)",
        ),
    ];
    for (reason, text) in cases {
        assert_eq!(reason.to_string(), text);
    }
}

#[test]
fn demo_plans_print_without_debug() {
    let plan = match_scenario(
        &demo::scarce_worker(),
        &MatchPolicy::default(),
        StrategyKind::Greedy,
    )
    .expect("matches");
    assert_eq!(
        plan.to_string(),
        format!(
            "greedy plan for \"scarce worker\": feasible, objective {}; 1 served, 1 unmet, 1 assignments",
            plan.objective
        )
    );
    let mut bounded = plan.clone();
    bounded.bound = Some(bounded.objective + 7);
    assert!(bounded.to_string().contains(&format!(
        "objective {} (bound {}); ",
        plan.objective,
        plan.objective + 7
    )));
    assert_eq!(
        plan.unmet[0].to_string(),
        "N2 unmet: role 0: capacity taken (1 eligible, 0 of 1 free)"
    );
    assert_eq!(
        plan.assignments[0].to_string(),
        "N1 role 0 (lead worker): W1, score 8"
    );
    assert_eq!(
        format!("{:#}", plan.assignments[0]),
        "N1 role 0 (lead worker): W1, score 8 (travel -6, skill fit 20, continuity 0, affinity 10, load -16, coordination 0)"
    );
    let mut supervised = plan.assignments[0].clone();
    supervised.supervisor = Some(wushe::model::WorkerId(4));
    assert_eq!(
        supervised.to_string(),
        "N1 role 0 (lead worker): W1 supervised by W4, score 8"
    );
    let reach = match_scenario(
        &demo::out_of_reach(),
        &MatchPolicy::default(),
        StrategyKind::MinCostFlow,
    )
    .expect("matches");
    assert_eq!(
        reach.unmet[0].to_string(),
        "N1 unmet: role 0: no eligible provider (beyond travel radius: 1)"
    );
}

#[test]
fn material_and_multi_unit_assignments() {
    let material = Assignment {
        need: NeedId(1),
        role: 2,
        provider: ProviderId::Fund(FundId(3)),
        amount: 100_000,
        score: ScoreBreakdown::default(),
        supervisor: None,
    };
    assert_eq!(
        material.to_string(),
        "N1 role 2 (material): F3 amount 100000, score 0 per unit"
    );
    let odd = Assignment {
        amount: 2,
        provider: ProviderId::Volunteer(VolunteerId(4)),
        ..material.clone()
    };
    assert_eq!(odd.to_string(), "N1 role 2 (volunteers): V4 x2, score 0");
    let several = UnmetNeed {
        need: NeedId(7),
        reasons: vec![UnmetReason::NotSelected, UnmetReason::NotSelected],
    };
    assert_eq!(
        several.to_string(),
        "N7 unmet: not selected (every role could still be filled); not selected (every role could still be filled)"
    );
    let none = UnmetNeed {
        need: NeedId(8),
        reasons: vec![],
    };
    assert_eq!(none.to_string(), "N8 unmet");
}

#[test]
fn violations_use_the_words() {
    let v = Violation::CapacityExceeded {
        provider: ProviderId::Worker(WorkerId(1)),
        unit: CapacityUnit::Cases,
        used: 3,
        free: 2,
    };
    assert_eq!(v.to_string(), "W1: uses 3 cases, only 2 free");
    let v = Violation::Ineligible {
        need: NeedId(1),
        role: 1,
        provider: ProviderId::Volunteer(VolunteerId(2)),
        rule: Rejection::VettingExpired,
    };
    assert_eq!(
        v.to_string(),
        "N1 role 1: V2 ineligible (vetting expires too soon)"
    );
}
