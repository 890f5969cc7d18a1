//! Supervision (传帮带): a junior worker leads a case above their licence only with their
//! mentor attached, never beyond the mentor's places, under every strategy; `apply` and
//! `close_need` keep the places' counts; the independent checker holds every rule.

use std::collections::BTreeMap;

use wushe::model::{Licence, NeedId, ProviderId, RoleSpec, Scenario, WorkerId};
use wushe::plan::{MatchPlan, Violation, check_plan};
use wushe::rules::{MatchPolicy, Rejection};
use wushe::sim::CountyConfig;
use wushe::{StrategyKind, match_scenario};

/// A small county whose licensed workers are all full: a case asking for a social worker's
/// licence can only be led by a mentored junior.
fn mentored_county(places: u32) -> Scenario {
    let mut s = CountyConfig::default()
        .with_seed(5)
        .with_townships(4)
        .with_communities(24)
        .with_volunteers(300)
        .with_needs(300)
        .with_mentoring(places)
        .generate();
    for w in &mut s.workers {
        if w.licence >= Licence::SocialWorker {
            w.caseload_capacity = w.caseload_capacity.max(1);
            w.current_load = w.caseload_capacity;
        }
    }
    s
}

fn matched(s: &Scenario, kind: StrategyKind) -> MatchPlan {
    let plan = match_scenario(s, &MatchPolicy::default(), kind).expect("scenario matches");
    assert_eq!(check_plan(s, &plan), Ok(()), "{kind}");
    plan
}

/// Cases each mentor supervises in `plan`.
fn supervised(plan: &MatchPlan) -> BTreeMap<WorkerId, u32> {
    let mut count = BTreeMap::new();
    for m in plan.assignments.iter().filter_map(|a| a.supervisor) {
        *count.entry(m).or_insert(0) += 1;
    }
    count
}

/// The minimum licence of the role an assignment fills.
fn min_licence(s: &Scenario, need: NeedId, role: u32) -> Option<Licence> {
    match s.need(need)?.team.roles[role as usize].spec {
        RoleSpec::LeadWorker { min_licence } => Some(min_licence),
        _ => None,
    }
}

#[test]
fn juniors_lead_above_their_licence_only_with_their_mentor_under_every_strategy() {
    let s = mentored_county(2);
    assert!(s.workers.iter().any(|w| w.mentor.is_some()));
    for &kind in StrategyKind::ALL {
        let plan = matched(&s, kind);
        let mut above = 0;
        for a in &plan.assignments {
            let ProviderId::Worker(id) = a.provider else {
                assert_eq!(a.supervisor, None, "{kind}: {a:?}");
                continue;
            };
            let w = s.workers.iter().find(|w| w.id == id).expect("worker");
            let needed = min_licence(&s, a.need, a.role).expect("lead role");
            if w.licence < needed {
                above += 1;
                assert_eq!(a.supervisor, w.mentor, "{kind}: {a:?}");
                let mentor = s
                    .workers
                    .iter()
                    .find(|m| Some(m.id) == w.mentor)
                    .expect("mentor");
                assert!(mentor.licence >= needed, "{kind}");
            } else {
                assert_eq!(a.supervisor, None, "{kind}: {a:?}");
            }
        }
        assert!(
            above > 0,
            "{kind}: no junior led a case above their licence"
        );
        for (m, n) in supervised(&plan) {
            let mentor = s.workers.iter().find(|w| w.id == m).expect("mentor");
            assert!(
                n <= mentor.supervision_capacity,
                "{kind}: {m} supervises {n}"
            );
        }
    }
}

#[test]
fn without_mentors_the_same_cases_go_unled() {
    let with = mentored_county(2);
    let mut without = with.clone();
    for w in &mut without.workers {
        w.mentor = None;
    }
    let (a, b) = (
        matched(&with, StrategyKind::Decomposition),
        matched(&without, StrategyKind::Decomposition),
    );
    assert!(
        a.served.len() > b.served.len(),
        "{} vs {}",
        a.served.len(),
        b.served.len()
    );
    assert!(supervised(&b).is_empty());
}

#[test]
fn one_place_per_mentor_is_never_exceeded() {
    let s = mentored_county(1);
    for &kind in StrategyKind::ALL {
        let plan = matched(&s, kind);
        assert!(supervised(&plan).values().all(|&n| n <= 1), "{kind}");
    }
}

#[test]
fn the_checker_refuses_broken_supervision() {
    let s = mentored_county(2);
    let plan = matched(&s, StrategyKind::Decomposition);
    let i = plan
        .assignments
        .iter()
        .position(|a| a.supervisor.is_some())
        .expect("a supervised case");
    let a = plan.assignments[i].clone();
    // no supervisor: the junior's licence is too low
    let mut bad = plan.clone();
    bad.assignments[i].supervisor = None;
    let v = check_plan(&s, &bad).expect_err("unsupervised");
    assert!(v.iter().any(|v| matches!(
        v,
        Violation::Ineligible {
            rule: Rejection::LicenceTooLow,
            ..
        }
    )));
    // a supervisor other than the mentor
    let other = s
        .workers
        .iter()
        .find(|w| Some(w.id) != a.supervisor)
        .expect("another worker");
    bad.assignments[i].supervisor = Some(other.id);
    let v = check_plan(&s, &bad).expect_err("wrong supervisor");
    assert!(v.iter().any(|v| matches!(
        v,
        Violation::Ineligible {
            rule: Rejection::LicenceTooLow,
            ..
        }
    )));
    // the mentor has no place left
    let mut full = s.clone();
    let mentor = a.supervisor.expect("mentor");
    for w in &mut full.workers {
        if w.id == mentor {
            w.supervising = w.supervision_capacity;
        }
    }
    let v = check_plan(&full, &plan).expect_err("mentor full");
    assert!(
        v.iter()
            .any(|v| matches!(v, Violation::SupervisionExceeded { mentor: m, .. } if *m == mentor))
    );
    // a supervisor where none is needed
    let j = plan
        .assignments
        .iter()
        .position(|a| a.supervisor.is_none())
        .expect("an unsupervised assignment");
    let mut needless = plan.clone();
    needless.assignments[j].supervisor = Some(mentor);
    let v = check_plan(&s, &needless).expect_err("needless supervisor");
    assert!(
        v.iter()
            .any(|v| matches!(v, Violation::NeedlessSupervisor { .. }))
    );
}

#[test]
fn apply_and_close_keep_supervision_places() {
    let today = mentored_county(2);
    let plan = matched(&today, StrategyKind::Greedy);
    let next = today.apply(&plan).expect("plan applies");
    let by_mentor = supervised(&plan);
    for w in &next.workers {
        let before = today
            .workers
            .iter()
            .find(|t| t.id == w.id)
            .expect("worker")
            .supervising;
        let added = by_mentor.get(&w.id).copied().unwrap_or(0);
        assert_eq!(w.supervising, before + added, "{}", w.id);
    }
    let recorded = next
        .ongoing
        .iter()
        .filter(|o| o.supervisor.is_some())
        .count();
    assert_eq!(recorded, by_mentor.values().sum::<u32>() as usize);
    // the next day: pinned supervised cases continue, and no place is counted twice
    let again = matched(&next, StrategyKind::Decomposition);
    for o in next.ongoing.iter().filter(|o| o.supervisor.is_some()) {
        assert!(
            again
                .assignments
                .iter()
                .any(
                    |a| (a.need, a.role, a.provider) == (o.need, o.role, o.provider)
                        && a.supervisor == o.supervisor
                ),
            "{o} did not continue"
        );
    }
    let after = next.apply(&again).expect("second plan applies");
    for w in &after.workers {
        let held = after
            .ongoing
            .iter()
            .filter(|o| o.supervisor == Some(w.id))
            .count() as u32;
        assert_eq!(w.supervising, held, "{}", w.id);
    }
    // a supervised case closes: its mentor's place comes back
    let mut closing = after.clone();
    let o = *closing
        .ongoing
        .iter()
        .find(|o| o.supervisor.is_some())
        .expect("supervised case");
    let mentor = o.supervisor.expect("mentor");
    let before = closing
        .workers
        .iter()
        .find(|w| w.id == mentor)
        .expect("mentor")
        .supervising;
    closing.close_need(o.need).expect("need exists");
    let now = closing
        .workers
        .iter()
        .find(|w| w.id == mentor)
        .expect("mentor")
        .supervising;
    assert_eq!(now + 1, before);
}

#[test]
fn a_mentor_vetting_gap_keeps_a_childs_case_from_a_junior() {
    let minors_supervised = |s: &Scenario, plan: &MatchPlan| {
        plan.assignments
            .iter()
            .filter(|a| a.supervisor.is_some())
            .filter(|a| {
                let need = s.need(a.need).expect("need");
                let resident = s.residents.iter().find(|r| r.id == need.resident);
                resident.expect("resident").minor_rules_apply()
            })
            .count()
    };
    let vetted = mentored_county(2);
    let plan = matched(&vetted, StrategyKind::Decomposition);
    assert!(
        minors_supervised(&vetted, &plan) > 0,
        "no child's case is supervised at all"
    );
    let mut s = vetted.clone();
    for w in &mut s.workers {
        if w.supervision_capacity > 0 {
            w.vetting = wushe::model::Vetting::Failed;
        }
    }
    let plan = matched(&s, StrategyKind::Decomposition);
    assert_eq!(
        minors_supervised(&s, &plan),
        0,
        "a minor's case supervised unvetted"
    );
}
