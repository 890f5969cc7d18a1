//! Ongoing assignments over time: pins survive full caseloads and every strategy, `apply`
//! conserves capacity and money step after step, switching follows its cost, and the
//! independent checker accepts every plan.

use std::collections::BTreeMap;

use wushe::model::{
    Date, NeedId, OngoingAssignment, ProviderId, RoleSpec, Scenario, Vetting, VolunteerId,
};
use wushe::plan::{ChangeOutcome, MatchPlan, check_plan};
use wushe::rules::{MatchPolicy, OngoingPolicy, Rejection};
use wushe::sim::CountyConfig;
use wushe::{StrategyKind, match_scenario};

fn small_county(seed: u64) -> Scenario {
    CountyConfig::default()
        .with_seed(seed)
        .with_townships(3)
        .with_communities(20)
        .with_volunteers(150)
        .with_needs(200)
        .generate()
}

fn matched(scenario: &Scenario, policy: &MatchPolicy, kind: StrategyKind) -> MatchPlan {
    let plan = match_scenario(scenario, policy, kind).expect("scenario matches");
    assert_eq!(check_plan(scenario, &plan), Ok(()), "{kind:?}");
    plan
}

/// Capacity each provider holds through ongoing pairings, by the test's own reckoning.
fn held(s: &Scenario) -> BTreeMap<ProviderId, i64> {
    let mut held = BTreeMap::new();
    for o in &s.ongoing {
        let need = s.need(o.need).expect("ongoing need exists");
        let usage = match &need.team.roles[o.role as usize].spec {
            RoleSpec::Volunteers { weekly_minutes, .. } => i64::from(*weekly_minutes),
            RoleSpec::Material { .. } => o.amount,
            _ => 1,
        };
        *held.entry(o.provider).or_insert(0) += usage;
    }
    held
}

/// Per person: load minus what its ongoing pairings hold (the load from outside the plans).
fn outside_loads(s: &Scenario) -> BTreeMap<ProviderId, i64> {
    let held = held(s);
    let h = |p: ProviderId| held.get(&p).copied().unwrap_or(0);
    let workers = s.workers.iter().map(|w| {
        let p = ProviderId::Worker(w.id);
        (p, i64::from(w.current_load) - h(p))
    });
    let volunteers = s.volunteers.iter().map(|v| {
        let p = ProviderId::Volunteer(v.id);
        (p, i64::from(v.committed_minutes) - h(p))
    });
    let organizations = s.organizations.iter().map(|o| {
        let p = ProviderId::Organization(o.id);
        (p, i64::from(o.active_cases) - h(p))
    });
    workers.chain(volunteers).chain(organizations).collect()
}

#[test]
fn pinned_pairings_survive_full_caseloads_under_every_strategy() {
    let today = small_county(3);
    let policy = MatchPolicy::default();
    let first = matched(&today, &policy, StrategyKind::Greedy);
    let mut next = today.apply(&first).expect("plan applies");
    assert!(!next.ongoing.is_empty());
    // every worker and organization full: their ongoing cases must still continue
    for w in &mut next.workers {
        w.caseload_capacity = w.current_load;
    }
    for o in &mut next.organizations {
        o.case_capacity = o.active_cases;
    }
    for v in &mut next.volunteers {
        v.weekly_minutes = v.committed_minutes.max(1);
    }
    for &kind in StrategyKind::ALL {
        let plan = matched(&next, &policy, kind);
        assert_eq!(
            plan.churn.kept as usize,
            next.ongoing.len(),
            "{kind:?}: {:?}",
            plan.churn.changes
        );
        assert_eq!(plan.churn.switched + plan.churn.released, 0, "{kind:?}");
        for o in &next.ongoing {
            assert!(
                plan.assignments
                    .iter()
                    .any(|a| (a.need, a.role, a.provider) == (o.need, o.role, o.provider)),
                "{kind:?} dropped {o}"
            );
        }
    }
}

#[test]
fn apply_match_apply_never_counts_capacity_or_money_twice() {
    let mut scenario = small_county(5);
    let first_balance: BTreeMap<_, _> =
        scenario.funds.iter().map(|f| (f.id, f.remaining)).collect();
    let mut given: BTreeMap<_, i64> = BTreeMap::new();
    let outside = outside_loads(&scenario);
    let policy = MatchPolicy::default();
    let kinds = [
        StrategyKind::Decomposition,
        StrategyKind::Greedy,
        StrategyKind::MinCostFlow,
    ];
    for (step, kind) in kinds.iter().cycle().take(6).enumerate() {
        let plan = matched(&scenario, &policy, *kind);
        let previous: std::collections::BTreeSet<_> = scenario
            .ongoing
            .iter()
            .map(|o| (o.need, o.role, o.provider))
            .collect();
        for a in &plan.assignments {
            if let ProviderId::Fund(f) = a.provider {
                if !previous.contains(&(a.need, a.role, a.provider)) {
                    *given.entry(f).or_insert(0) += a.amount;
                }
            }
        }
        let mut next = scenario.apply(&plan).expect("plan applies");
        // the plan's pairings are exactly the ongoing ones now
        assert_eq!(next.ongoing.len(), plan.assignments.len(), "step {step}");
        // no double count: the load from outside the plans never moves
        for (p, load) in outside_loads(&next) {
            assert_eq!(Some(&load), outside.get(&p), "step {step}: {p}");
        }
        for f in &next.funds {
            let spent = given.get(&f.id).copied().unwrap_or(0);
            assert_eq!(
                f.remaining + spent,
                first_balance[&f.id],
                "step {step}: fund {}",
                f.id
            );
            assert!(f.remaining >= 0);
        }
        // a change between rounds: one case closes, one volunteer with a pairing leaves
        if let Some(&need) = plan.served.get(step) {
            next.close_need(need).expect("need exists");
        }
        if let Some(v) = next.ongoing.iter().find_map(|o| match o.provider {
            ProviderId::Volunteer(v) => Some(v),
            _ => None,
        }) {
            next.remove_provider(ProviderId::Volunteer(v))
                .expect("volunteer exists");
        }
        assert_eq!(outside_loads(&next).values().filter(|&&l| l < 0).count(), 0);
        scenario = next;
    }
}

#[test]
fn a_pairing_that_breaks_a_rule_is_released_with_the_rule() {
    let today = wushe::demo::left_behind_child();
    let policy = MatchPolicy::default();
    let plan = matched(&today, &policy, StrategyKind::Greedy);
    let mut next = today.apply(&plan).expect("plan applies");
    let volunteer = next
        .ongoing
        .iter()
        .find_map(|o| match o.provider {
            ProviderId::Volunteer(v) => Some(v),
            _ => None,
        })
        .expect("the child's team has a volunteer");
    // the volunteer's vetting lapses: a child's volunteer must be vetted, pin or no pin
    if let Some(v) = next.volunteer_mut(volunteer) {
        v.vetting = Vetting::Unknown;
    }
    let again = matched(&next, &policy, StrategyKind::Decomposition);
    let change = again
        .churn
        .changes
        .iter()
        .find(|c| c.ongoing.provider == ProviderId::Volunteer(volunteer))
        .expect("the pairing is reported");
    assert_eq!(
        change.outcome,
        ChangeOutcome::Ineligible {
            rule: Rejection::VettingMissing
        }
    );
    assert!(
        !again
            .assignments
            .iter()
            .any(|a| a.provider == ProviderId::Volunteer(volunteer))
    );
}

#[test]
fn switching_follows_its_cost() {
    let today = small_county(7);
    let first = matched(&today, &MatchPolicy::default(), StrategyKind::Greedy);
    let next = today.apply(&first).expect("plan applies");
    let optimise = |cost| {
        let policy = MatchPolicy::default().with_ongoing(OngoingPolicy::Switchable {
            switching_cost: cost,
        });
        matched(&next, &policy, StrategyKind::Decomposition)
    };
    let sticky = optimise(1_000_000);
    let free = optimise(0);
    let pinned = matched(&next, &MatchPolicy::default(), StrategyKind::Decomposition);
    assert_eq!(sticky.churn.switched, 0);
    assert!(
        free.churn.switched + free.churn.released > 0,
        "greedy's plan is not optimal"
    );
    assert_eq!(pinned.churn.switched, 0);
    assert!(sticky.churn.kept >= free.churn.kept);
}

#[test]
fn invalid_ongoing_assignments_are_refused_by_name() {
    let mut s = wushe::demo::left_behind_child();
    let since = Date::from_ymd(2026, 11, 1).expect("date");
    s.ongoing.push(OngoingAssignment::person(
        NeedId(1),
        1,
        ProviderId::Volunteer(VolunteerId(999)),
        since,
    ));
    s.ongoing.push(OngoingAssignment::person(
        NeedId(77),
        0,
        ProviderId::Volunteer(VolunteerId(3)),
        since,
    ));
    let report = s.validate().expect_err("dangling references").to_string();
    assert!(
        report.contains("ongoing #0: field `provider`: refers to missing volunteer V999"),
        "{report}"
    );
    assert!(
        report.contains("ongoing #1: field `need`: refers to missing need N77"),
        "{report}"
    );
    // a pairing the load does not count
    let mut s = wushe::demo::left_behind_child();
    s.ongoing.push(OngoingAssignment::person(
        NeedId(1),
        1,
        ProviderId::Volunteer(VolunteerId(3)),
        since,
    ));
    if let Some(v) = s.volunteer_mut(VolunteerId(3)) {
        v.committed_minutes = 0;
    }
    let report = s.validate().expect_err("load below ongoing").to_string();
    assert!(
        report.contains("volunteer V3: field `committed_minutes`: load 0 is below"),
        "{report}"
    );
}
