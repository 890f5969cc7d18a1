//! The independent plan checker: a valid hand-built plan passes, and each violation kind is
//! detected on a plan (or scenario) corrupted to break exactly that rule, naming the right ids.

use proptest::prelude::*;
use wushe::model::{
    Category, DayPart, FundId, Licence, NeedId, OrganizationId, ProviderId, RegionId, ResidentId,
    ResourceKind, Role, RoleSpec, Scenario, Skill, Vetting, VolunteerId, Weekday, WorkerId,
};
use wushe::plan::{Assignment, CapacityUnit, MatchPlan, UnmetNeed, Violation, check_plan};
use wushe::problem::{SolveStats, SolveStatus};
use wushe::rules::{Rejection, ScoreBreakdown};

use crate::support::arbitrary_scenario::{arb_scenario, day, slot, small_valid_scenario};

const W1: ProviderId = ProviderId::Worker(WorkerId(1));
const V1: ProviderId = ProviderId::Volunteer(VolunteerId(1));
const V2: ProviderId = ProviderId::Volunteer(VolunteerId(2));
const O2: ProviderId = ProviderId::Organization(OrganizationId(2));
const F1: ProviderId = ProviderId::Fund(FundId(1));
const F2: ProviderId = ProviderId::Fund(FundId(2));
const N1: NeedId = NeedId(1);
const N2: NeedId = NeedId(2);
const N3: NeedId = NeedId(3);

fn assign(need: NeedId, role: u32, provider: ProviderId, amount: i64) -> Assignment {
    Assignment {
        need,
        role,
        provider,
        amount,
        score: ScoreBreakdown::default(),
        supervisor: None,
    }
}

/// The valid plan on `small_valid_scenario`: N1 gets W1, V1 and 200,000 fen from F1; N2 gets
/// W1 and O2 (its optional volunteers stay empty: V2's vetting has expired); N3 gets one
/// wheelchair from F2.
fn valid_plan() -> MatchPlan {
    MatchPlan {
        scenario: "small valid scenario".into(),
        strategy: "hand".into(),
        status: SolveStatus::Feasible,
        objective: 0,
        weighted_objective: 0,
        policy_price: None,
        bound: None,
        assignments: vec![
            assign(N1, 0, W1, 1),
            assign(N1, 1, V1, 1),
            assign(N1, 2, F1, 200_000),
            assign(N2, 0, W1, 1),
            assign(N2, 1, O2, 1),
            assign(N3, 0, F2, 1),
        ],
        served: vec![N1, N2, N3],
        unmet: vec![],
        stats: SolveStats::default(),
        churn: Default::default(),
        levels: Vec::new(),
    }
}

fn violations(s: &Scenario, p: &MatchPlan) -> Vec<Violation> {
    check_plan(s, p).err().unwrap_or_default()
}

/// The scenario after `edit`, checked against the valid plan.
fn after(edit: impl FnOnce(&mut Scenario)) -> Vec<Violation> {
    let mut s = small_valid_scenario();
    edit(&mut s);
    violations(&s, &valid_plan())
}

/// The valid plan after `edit`, on the small scenario.
fn plan_after(edit: impl FnOnce(&mut MatchPlan)) -> Vec<Violation> {
    let mut p = valid_plan();
    edit(&mut p);
    violations(&small_valid_scenario(), &p)
}

fn ineligible(need: NeedId, role: u32, provider: ProviderId, rule: Rejection) -> Violation {
    Violation::Ineligible {
        need,
        role,
        provider,
        rule,
    }
}

fn scenario_validates(s: &Scenario) {
    assert!(s.validate().is_ok(), "test scenario must stay valid");
}

#[test]
fn valid_plan_passes() {
    let s = small_valid_scenario();
    scenario_validates(&s);
    assert_eq!(check_plan(&s, &valid_plan()), Ok(()));
}

#[test]
fn all_unmet_plan_passes() {
    let mut p = valid_plan();
    p.assignments.clear();
    p.unmet = p
        .served
        .drain(..)
        .map(|need| UnmetNeed {
            need,
            reasons: vec![],
        })
        .collect();
    assert_eq!(check_plan(&small_valid_scenario(), &p), Ok(()));
}

#[test]
fn unknown_need_in_assignment_and_lists() {
    let v = plan_after(|p| {
        p.assignments.push(assign(NeedId(99), 0, W1, 1));
        p.served.push(NeedId(98));
        p.unmet.push(UnmetNeed {
            need: NeedId(97),
            reasons: vec![],
        });
    });
    assert_eq!(
        v,
        vec![
            Violation::UnknownNeed { need: NeedId(98) },
            Violation::UnknownNeed { need: NeedId(97) },
            Violation::UnknownNeed { need: NeedId(99) },
        ]
    );
}

#[test]
fn unknown_provider() {
    let ghost = ProviderId::Worker(WorkerId(99));
    let v = plan_after(|p| p.assignments.push(assign(N2, 0, ghost, 1)));
    // the unknown worker does not count towards the role, which W1 fills exactly
    assert_eq!(
        v,
        vec![Violation::UnknownProvider {
            need: N2,
            role: 0,
            provider: ghost
        }]
    );
}

#[test]
fn unknown_resident() {
    let v = after(|s| s.needs[2].resident = ResidentId(99));
    assert_eq!(
        v,
        vec![Violation::UnknownResident {
            need: N3,
            resident: ResidentId(99)
        }]
    );
}

#[test]
fn role_index_out_of_range() {
    let v = plan_after(|p| p.assignments.push(assign(N3, 5, F2, 1)));
    assert_eq!(v, vec![Violation::RoleOutOfRange { need: N3, role: 5 }]);
}

#[test]
fn provider_kind_must_match_role_kind() {
    let v = plan_after(|p| p.assignments.push(assign(N2, 0, V1, 1)));
    assert_eq!(
        v,
        vec![Violation::KindMismatch {
            need: N2,
            role: 0,
            provider: V1
        }]
    );
}

#[test]
fn person_amount_must_be_one_and_material_positive() {
    let v = plan_after(|p| p.assignments[0].amount = 2);
    assert_eq!(
        v,
        vec![Violation::BadAmount {
            need: N1,
            role: 0,
            provider: W1,
            amount: 2
        }]
    );
    let v = plan_after(|p| p.assignments[5].amount = 0);
    assert_eq!(
        v,
        vec![
            Violation::BadAmount {
                need: N3,
                role: 0,
                provider: F2,
                amount: 0
            },
            Violation::TeamIncomplete {
                need: N3,
                role: 0,
                filled: 0,
                demand: 1
            },
        ]
    );
}

#[test]
fn worker_rules_are_named() {
    let v = after(|s| s.workers[0].licence = Licence::Assistant);
    assert_eq!(v, vec![ineligible(N2, 0, W1, Rejection::LicenceTooLow)]);
    let v = after(|s| s.workers[0].vetting = Vetting::Pending);
    assert_eq!(v, vec![ineligible(N2, 0, W1, Rejection::VettingMissing)]);
    let v = after(|s| s.workers[0].vetting = Vetting::Failed);
    assert_eq!(v, vec![ineligible(N2, 0, W1, Rejection::VettingFailed)]);
    let v = after(|s| {
        s.workers[0].vetting = Vetting::Passed {
            expires: day(2027, 6, 29),
        }
    });
    assert_eq!(v, vec![ineligible(N2, 0, W1, Rejection::VettingExpired)]);
    let v = after(|s| s.workers[0].travel_radius_m = 2_000);
    assert_eq!(v, vec![ineligible(N2, 0, W1, Rejection::TooFar)]);
    // R101 (N2's community) loses both its roads
    let v = after(|s| {
        s.roads
            .retain(|r| r.a != RegionId(101) && r.b != RegionId(101))
    });
    assert_eq!(v, vec![ineligible(N2, 0, W1, Rejection::Unreachable)]);
}

#[test]
fn worker_without_free_case_is_ineligible_and_over_capacity() {
    let v = after(|s| s.workers[0].current_load = 10);
    assert_eq!(
        v,
        vec![
            ineligible(N1, 0, W1, Rejection::NoCapacity),
            ineligible(N2, 0, W1, Rejection::NoCapacity),
            Violation::CapacityExceeded {
                provider: W1,
                unit: CapacityUnit::Cases,
                used: 2,
                free: 0
            },
        ]
    );
}

/// A change to the small scenario.
type Edit = Box<dyn FnOnce(&mut Scenario)>;

fn n1_volunteer_role(s: &mut Scenario) -> &mut RoleSpec {
    &mut s.needs[0].team.roles[1].spec
}

#[test]
fn volunteer_rules_are_named() {
    let cases: Vec<(Edit, Rejection)> = vec![
        (
            Box::new(|s| s.volunteers[0].skills = [Skill::FirstAid].into()),
            Rejection::MissingSkill,
        ),
        (
            Box::new(|s| {
                if let RoleSpec::Volunteers { min_age, .. } = n1_volunteer_role(s) {
                    *min_age = Some(40);
                }
            }),
            Rejection::TooYoung,
        ),
        (
            Box::new(|s| {
                s.residents[0].minor = true;
                s.volunteers[0].vetting = Vetting::Failed;
            }),
            Rejection::VettingFailed,
        ),
        (
            Box::new(|s| {
                if let RoleSpec::Volunteers { risky, .. } = n1_volunteer_role(s) {
                    *risky = true;
                }
                s.volunteers[0].insured_until = Some(day(2027, 2, 27));
            }),
            Rejection::NotInsured,
        ),
        (
            Box::new(|s| s.volunteers[0].community = RegionId(110)),
            Rejection::TooFar,
        ),
        (
            Box::new(|s| s.needs[0].slots = [slot(Weekday::Tue, DayPart::Afternoon)].into()),
            Rejection::NoCommonSlot,
        ),
    ];
    for (edit, rule) in cases {
        let mut s = small_valid_scenario();
        edit(&mut s);
        scenario_validates(&s);
        assert_eq!(
            violations(&s, &valid_plan()),
            vec![ineligible(N1, 1, V1, rule)]
        );
    }
    let v = after(|s| s.volunteers[0].committed_minutes = 200);
    assert_eq!(
        v,
        vec![
            ineligible(N1, 1, V1, Rejection::NoCapacity),
            Violation::CapacityExceeded {
                provider: V1,
                unit: CapacityUnit::WeeklyMinutes,
                used: 60,
                free: 40
            },
        ]
    );
}

#[test]
fn organization_rules_are_named() {
    let v = after(|s| s.organizations[1].categories = [Category::ElderlyCare].into());
    assert_eq!(v, vec![ineligible(N2, 1, O2, Rejection::CategoryNotServed)]);
    let v = after(|s| s.organizations[1].serves = [RegionId(11)].into());
    assert_eq!(
        v,
        vec![ineligible(N2, 1, O2, Rejection::OutsideServiceArea)]
    );
    // serving the township covers its communities
    let v = after(|s| s.organizations[1].serves = [RegionId(10)].into());
    assert_eq!(v, vec![]);
    let v = after(|s| s.organizations[1].active_cases = 2);
    assert_eq!(
        v,
        vec![
            ineligible(N2, 1, O2, Rejection::NoCapacity),
            Violation::CapacityExceeded {
                provider: O2,
                unit: CapacityUnit::Cases,
                used: 1,
                free: 0
            },
        ]
    );
}

#[test]
fn material_rules_are_named() {
    let v = after(|s| s.funds[1].kind = ResourceKind::Money);
    assert_eq!(v, vec![ineligible(N3, 0, F2, Rejection::WrongResourceKind)]);
    let v = after(|s| s.funds[0].earmark.categories = [Category::SocialAssistance].into());
    assert_eq!(v, vec![ineligible(N1, 2, F1, Rejection::EarmarkCategory)]);
    let v = after(|s| s.funds[0].earmark.regions = [RegionId(11)].into());
    assert_eq!(v, vec![ineligible(N1, 2, F1, Rejection::EarmarkRegion)]);
    let v =
        after(|s| s.funds[0].earmark.groups = [wushe::model::BeneficiaryGroup::Children].into());
    assert_eq!(v, vec![ineligible(N1, 2, F1, Rejection::EarmarkGroup)]);
    let v = after(|s| s.funds[0].valid_until = day(2026, 11, 30));
    assert_eq!(v, vec![ineligible(N1, 2, F1, Rejection::FundNotValid)]);
    let v = after(|s| s.funds[0].valid_from = day(2026, 12, 2));
    assert_eq!(v, vec![ineligible(N1, 2, F1, Rejection::FundNotValid)]);
    let v = after(|s| {
        s.funds[0].related_parties.insert(ResidentId(1));
    });
    assert_eq!(v, vec![ineligible(N1, 2, F1, Rejection::RelatedParty)]);
    let v = after(|s| s.funds[1].remaining = 0);
    assert_eq!(
        v,
        vec![
            ineligible(N3, 0, F2, Rejection::NoCapacity),
            Violation::CapacityExceeded {
                provider: F2,
                unit: CapacityUnit::Amount,
                used: 1,
                free: 0
            },
        ]
    );
}

#[test]
fn first_failing_rule_is_the_one_named() {
    // both the kind and the earmark are wrong: the kind comes first
    let v = after(|s| {
        s.funds[1].kind = ResourceKind::Money;
        s.funds[1].earmark.categories = [Category::ElderlyCare].into();
    });
    assert_eq!(v, vec![ineligible(N3, 0, F2, Rejection::WrongResourceKind)]);
}

#[test]
fn served_need_with_incomplete_team() {
    let v = plan_after(|p| {
        p.assignments.remove(1);
    });
    assert_eq!(
        v,
        vec![Violation::TeamIncomplete {
            need: N1,
            role: 1,
            filled: 0,
            demand: 1
        }]
    );
    let v = plan_after(|p| p.assignments[2].amount = 150_000);
    assert_eq!(
        v,
        vec![Violation::TeamIncomplete {
            need: N1,
            role: 2,
            filled: 150_000,
            demand: 200_000
        }]
    );
}

#[test]
fn material_may_come_from_several_funds_but_not_beyond_demand() {
    let mut s = small_valid_scenario();
    s.funds[1].kind = ResourceKind::Money;
    s.funds[1].remaining = 100_000;
    s.funds[1].valid_from = day(2026, 1, 1);
    let mut p = valid_plan();
    p.assignments.retain(|a| a.need != N3);
    p.served.retain(|&n| n != N3);
    p.unmet.push(UnmetNeed {
        need: N3,
        reasons: vec![],
    });
    p.assignments[2].amount = 150_000;
    p.assignments.insert(3, assign(N1, 2, F2, 50_000));
    assert_eq!(check_plan(&s, &p), Ok(()));
    p.assignments[3].amount = 50_001;
    assert_eq!(
        violations(&s, &p),
        vec![Violation::RoleOverfilled {
            need: N1,
            role: 2,
            filled: 200_001,
            demand: 200_000
        }]
    );
}

#[test]
fn core_role_overfilled() {
    // V2 is eligible for N1's volunteer role, but the role asks for one person
    let v = plan_after(|p| p.assignments.insert(2, assign(N1, 1, V2, 1)));
    assert_eq!(
        v,
        vec![Violation::RoleOverfilled {
            need: N1,
            role: 1,
            filled: 2,
            demand: 1
        }]
    );
}

#[test]
fn child_group_flag_without_minor_still_needs_vetting() {
    // fail closed: `minor: false` next to a child-group flag is read as a minor, so the
    // checker refuses the unvetted volunteer V2 (vetting expired before the window ends)
    let mut s = small_valid_scenario();
    s.residents[1].minor = false;
    if let RoleSpec::Volunteers { count, skills, .. } = &mut s.needs[1].team.roles[2].spec {
        *count = 1;
        skills.clear();
    }
    scenario_validates(&s);
    let mut p = valid_plan();
    p.assignments.insert(5, assign(N2, 2, V2, 1));
    let violations = check_plan(&s, &p).expect_err("unvetted volunteer for a child");
    assert!(
        violations
            .iter()
            .any(|v| matches!(v, Violation::Ineligible { provider, .. } if *provider == V2)),
        "{violations:?}"
    );
}

#[test]
fn optional_role_overfilled() {
    // N2's optional role asks for one volunteer, any skill; the resident is not a child here
    // (a child-group flag alone would bring the minor rules back: see the next test)
    let mut s = small_valid_scenario();
    s.residents[1].minor = false;
    s.residents[1].vulnerabilities.clear();
    if let RoleSpec::Volunteers { count, skills, .. } = &mut s.needs[1].team.roles[2].spec {
        *count = 1;
        skills.clear();
    }
    scenario_validates(&s);
    let mut p = valid_plan();
    p.assignments.insert(5, assign(N2, 2, V2, 1));
    assert_eq!(
        check_plan(&s, &p),
        Ok(()),
        "partly filled optional role is fine"
    );
    p.assignments.insert(5, assign(N2, 2, V1, 1));
    assert_eq!(
        violations(&s, &p),
        vec![Violation::RoleOverfilled {
            need: N2,
            role: 2,
            filled: 2,
            demand: 1
        }]
    );
}

#[test]
fn assignment_on_unserved_need() {
    let v = plan_after(|p| {
        p.served.retain(|&n| n != N3);
        p.unmet.push(UnmetNeed {
            need: N3,
            reasons: vec![],
        });
    });
    assert_eq!(
        v,
        vec![Violation::AssignedToUnserved {
            need: N3,
            role: 0,
            provider: F2
        }]
    );
}

#[test]
fn person_in_two_roles_of_one_need() {
    let mut s = small_valid_scenario();
    let extra = s.needs[0].team.roles[1].clone();
    s.needs[0].team.roles.push(Role { ..extra });
    scenario_validates(&s);
    let mut p = valid_plan();
    p.assignments.insert(3, assign(N1, 3, V1, 1));
    assert_eq!(
        violations(&s, &p),
        vec![Violation::PersonInTwoRoles {
            need: N1,
            provider: V1,
            first_role: 1,
            second_role: 3
        }]
    );
}

#[test]
fn same_pair_twice() {
    let v = plan_after(|p| p.assignments.insert(1, assign(N1, 0, W1, 1)));
    assert_eq!(
        v,
        vec![
            Violation::DuplicatePair {
                need: N1,
                role: 0,
                provider: W1
            },
            Violation::RoleOverfilled {
                need: N1,
                role: 0,
                filled: 2,
                demand: 1
            },
        ]
    );
}

#[test]
fn capacity_summed_over_the_plan() {
    // each assignment alone fits, together they do not
    let v = after(|s| s.workers[0].current_load = 9);
    assert_eq!(
        v,
        vec![Violation::CapacityExceeded {
            provider: W1,
            unit: CapacityUnit::Cases,
            used: 2,
            free: 1
        }]
    );
    let v = after(|s| s.funds[0].remaining = 150_000);
    assert_eq!(
        v,
        vec![Violation::CapacityExceeded {
            provider: F1,
            unit: CapacityUnit::Amount,
            used: 200_000,
            free: 150_000
        }]
    );
    // volunteer minutes: V1 serves N1 and a copy of it
    let mut s = small_valid_scenario();
    let mut copy = s.needs[0].clone();
    copy.id = NeedId(4);
    copy.team.roles.truncate(2);
    s.needs.push(copy);
    s.volunteers[0].committed_minutes = 160;
    scenario_validates(&s);
    let mut p = valid_plan();
    p.assignments.push(assign(NeedId(4), 0, W1, 1));
    p.assignments.push(assign(NeedId(4), 1, V1, 1));
    p.served.push(NeedId(4));
    assert_eq!(
        violations(&s, &p),
        vec![Violation::CapacityExceeded {
            provider: V1,
            unit: CapacityUnit::WeeklyMinutes,
            used: 120,
            free: 80
        }]
    );
}

#[test]
fn need_missing_from_both_lists() {
    let v = plan_after(|p| {
        p.served.retain(|&n| n != N3);
        p.assignments.retain(|a| a.need != N3);
    });
    assert_eq!(v, vec![Violation::NeedMissing { need: N3 }]);
}

#[test]
fn need_listed_twice() {
    let v = plan_after(|p| {
        p.unmet.push(UnmetNeed {
            need: N3,
            reasons: vec![],
        })
    });
    assert_eq!(v, vec![Violation::NeedListedTwice { need: N3 }]);
    let v = plan_after(|p| p.served.push(N2));
    assert_eq!(v, vec![Violation::NeedListedTwice { need: N2 }]);
}

#[test]
fn every_violation_is_reported_not_only_the_first() {
    let v = plan_after(|p| {
        p.assignments[0].amount = 3;
        p.assignments.push(assign(N3, 7, F2, 1));
        p.served.push(N1);
    });
    assert_eq!(v.len(), 3, "{v:?}");
}

#[test]
fn violations_display_their_ids() {
    let v = ineligible(N1, 2, F1, Rejection::RelatedParty);
    assert_eq!(
        v.to_string(),
        "N1 role 2: F1 ineligible (related-party conflict)"
    );
}

/// An arbitrary plan over a scenario: assignments to any (possibly unknown) ids.
fn arb_junk_plan() -> impl Strategy<Value = MatchPlan> {
    let provider = prop_oneof![
        (0u32..6).prop_map(|i| ProviderId::Worker(WorkerId(i))),
        (0u32..6).prop_map(|i| ProviderId::Volunteer(VolunteerId(i))),
        (0u32..6).prop_map(|i| ProviderId::Organization(OrganizationId(i))),
        (0u32..6).prop_map(|i| ProviderId::Fund(FundId(i))),
    ];
    let a = (0u32..8, 0u32..5, provider, -2i64..3)
        .prop_map(|(n, r, p, amount)| assign(NeedId(n), r, p, amount));
    (
        prop::collection::vec(a, 0..12),
        prop::collection::vec(0u32..8, 0..8),
        prop::collection::vec(0u32..8, 0..8),
    )
        .prop_map(|(assignments, served, unmet)| MatchPlan {
            assignments,
            served: served.into_iter().map(NeedId).collect(),
            unmet: unmet
                .into_iter()
                .map(|n| UnmetNeed {
                    need: NeedId(n),
                    reasons: vec![],
                })
                .collect(),
            ..valid_plan()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn all_unmet_plan_is_valid_for_any_scenario(s in arb_scenario()) {
        let mut p = valid_plan();
        p.assignments.clear();
        p.served.clear();
        p.unmet = s.needs.iter().map(|n| UnmetNeed { need: n.id, reasons: vec![] }).collect();
        prop_assert_eq!(check_plan(&s, &p), Ok(()));
    }

    #[test]
    fn junk_plans_never_panic_and_are_deterministic(s in arb_scenario(), p in arb_junk_plan()) {
        let first = check_plan(&s, &p);
        prop_assert_eq!(check_plan(&s, &p), first);
    }
}
