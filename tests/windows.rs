//! Capacity over time: needs whose date windows never overlap do not compete for a person's
//! minutes or cases, needs that overlap do, and the independent checker holds both.

use std::collections::BTreeMap;

use wushe::model::{DateWindow, ProviderId, RoleSpec, Scenario};
use wushe::plan::{MatchPlan, Violation, check_plan};
use wushe::rules::MatchPolicy;
use wushe::sim::CountyConfig;
use wushe::{StrategyKind, match_scenario};

/// A small county whose volunteers can each give only one visit a week.
fn scarce_county() -> Scenario {
    let mut s = CountyConfig::default()
        .with_seed(11)
        .with_townships(2)
        .with_communities(12)
        .with_volunteers(40)
        .with_needs(160)
        .generate();
    for v in &mut s.volunteers {
        v.committed_minutes = 0;
        v.weekly_minutes = 120;
    }
    s
}

/// The county with its needs spread over four disjoint quarters (need `i` in quarter `i % 4`).
fn in_quarters(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    for (i, n) in s.needs.iter_mut().enumerate() {
        let start = s.as_of.plus_days(91 * (i % 4) as i32);
        n.window = DateWindow::new(start, start.plus_days(80));
    }
    s
}

/// The county with every need in one window.
fn all_at_once(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    for n in &mut s.needs {
        n.window = DateWindow::new(s.as_of, s.as_of.plus_days(80));
    }
    s
}

fn matched(s: &Scenario, kind: StrategyKind) -> MatchPlan {
    let plan = match_scenario(s, &MatchPolicy::default(), kind).expect("scenario matches");
    assert_eq!(check_plan(s, &plan), Ok(()), "{kind}");
    plan
}

/// Volunteer minutes each plan books, summed over all its needs regardless of window.
fn booked_minutes(s: &Scenario, plan: &MatchPlan) -> BTreeMap<ProviderId, i64> {
    let mut booked = BTreeMap::new();
    for a in &plan.assignments {
        let need = s.need(a.need).expect("need");
        if let RoleSpec::Volunteers { weekly_minutes, .. } = need.team.roles[a.role as usize].spec {
            *booked.entry(a.provider).or_insert(0) += i64::from(weekly_minutes);
        }
    }
    booked
}

#[test]
fn disjoint_windows_do_not_compete_under_any_strategy() {
    let base = scarce_county();
    let (spread, together) = (in_quarters(&base), all_at_once(&base));
    for &kind in StrategyKind::ALL {
        let spread_plan = matched(&spread, kind);
        let together_plan = matched(&together, kind);
        // all at once, no volunteer gives more than its weekly minutes in total
        let together_booked = booked_minutes(&together, &together_plan);
        assert!(
            together_booked.values().all(|&m| m <= 120),
            "{kind}: {together_booked:?}"
        );
        // in quarters, volunteers serve needs of several quarters with the same minutes
        let spread_booked = booked_minutes(&spread, &spread_plan);
        let reused = spread_booked.values().filter(|&&m| m > 120).count();
        assert!(reused > 0, "{kind}: no volunteer serves two quarters");
        assert!(
            spread_plan.served.len() > together_plan.served.len(),
            "{kind}: {} served in quarters, {} all at once",
            spread_plan.served.len(),
            together_plan.served.len()
        );
    }
}

#[test]
fn the_checker_counts_overlapping_windows_against_each_other() {
    let spread = in_quarters(&scarce_county());
    let plan = matched(&spread, StrategyKind::Greedy);
    // the same plan, its needs now all at once: some volunteer is booked beyond 120 minutes
    let together = all_at_once(&spread);
    let violations = check_plan(&together, &plan).expect_err("overbooked when windows overlap");
    assert!(violations.iter().any(|v| matches!(
        v,
        Violation::CapacityExceeded { provider: ProviderId::Volunteer(_), used, free: 120, .. } if *used > 120
    )));
}

#[test]
fn windows_that_share_a_day_compete() {
    // two halves that overlap on one day are one window for capacity
    let base = scarce_county();
    let mut touching = base.clone();
    for (i, n) in touching.needs.iter_mut().enumerate() {
        let start = base.as_of.plus_days(if i % 2 == 0 { 0 } else { 40 });
        n.window = DateWindow::new(start, start.plus_days(40));
    }
    let plan = matched(&touching, StrategyKind::Decomposition);
    let booked = booked_minutes(&touching, &plan);
    assert!(booked.values().all(|&m| m <= 120), "{booked:?}");
}
