//! Plan metrics: figures computed by hand on the small scenario.

use std::collections::BTreeMap;

use wushe::model::{
    BeneficiaryGroup, Category, FundId, NeedId, ProviderId, RegionId, RiskTier, VolunteerId,
    WorkerId,
};
use wushe::plan::{
    Assignment, Coverage, MatchPlan, PlanMetrics, UnmetKind, UnmetNeed, UnmetReason, tier_weight,
};
use wushe::problem::{SolveStats, SolveStatus};
use wushe::rules::ScoreBreakdown;

use crate::support::arbitrary_scenario::small_valid_scenario;

fn assign(need: u32, role: u32, provider: ProviderId, amount: i64) -> Assignment {
    Assignment {
        need: NeedId(need),
        role,
        provider,
        amount,
        score: ScoreBreakdown::default(),
        supervisor: None,
    }
}

/// N1 (High, R100) and N3 (General, R110) served; N2 (Key, R101) lost to capacity.
fn partial_plan() -> MatchPlan {
    MatchPlan {
        scenario: "small valid scenario".into(),
        strategy: "hand".into(),
        status: SolveStatus::Feasible,
        objective: 0,
        weighted_objective: 0,
        policy_price: None,
        bound: None,
        assignments: vec![
            assign(1, 0, ProviderId::Worker(WorkerId(1)), 1),
            assign(1, 1, ProviderId::Volunteer(VolunteerId(1)), 1),
            assign(1, 2, ProviderId::Fund(FundId(1)), 200_000),
            assign(3, 0, ProviderId::Fund(FundId(2)), 1),
        ],
        served: vec![NeedId(1), NeedId(3)],
        unmet: vec![UnmetNeed {
            need: NeedId(2),
            reasons: vec![UnmetReason::CapacityTaken {
                role: 0,
                eligible: 1,
                demand: 1,
                free: 0,
            }],
        }],
        stats: SolveStats::default(),
        churn: Default::default(),
        levels: Vec::new(),
    }
}

fn cov(served: u64, needs: u64) -> Coverage {
    Coverage {
        needs,
        served,
        ratio: served as f64 / needs as f64,
    }
}

#[test]
fn partial_plan_figures() {
    let s = small_valid_scenario();
    assert_eq!(wushe::plan::check_plan(&s, &partial_plan()), Ok(()));
    let m = PlanMetrics::compute(&s, &partial_plan());
    assert_eq!(m.coverage, cov(2, 3));
    // weights High 4 + General 1 served of 4 + 2 + 1
    assert_eq!(m.priority_weighted, cov(5, 7));
    let tiers: BTreeMap<_, _> = [
        (RiskTier::High, cov(1, 1)),
        (RiskTier::Key, cov(0, 1)),
        (RiskTier::General, cov(1, 1)),
    ]
    .into();
    assert_eq!(m.by_risk, tiers);
    let categories: BTreeMap<_, _> = [
        (Category::ElderlyCare, cov(1, 1)),
        (Category::ChildProtection, cov(0, 1)),
        (Category::DisabilitySupport, cov(1, 1)),
    ]
    .into();
    assert_eq!(m.by_category, categories);
    let communities: BTreeMap<_, _> = [
        (RegionId(100), cov(1, 1)),
        (RegionId(101), cov(0, 1)),
        (RegionId(110), cov(1, 1)),
    ]
    .into();
    assert_eq!(m.by_community, communities);
    let groups: BTreeMap<_, _> = [
        (BeneficiaryGroup::Elderly, cov(1, 1)),
        (BeneficiaryGroup::Children, cov(0, 1)),
        (BeneficiaryGroup::Disabled, cov(1, 1)),
        (BeneficiaryGroup::LowIncome, cov(1, 1)),
    ]
    .into();
    assert_eq!(m.by_group, groups);
    assert_eq!(m.min_community, Some(RegionId(101)));
    assert_eq!(m.min_community_coverage, 0.0);
    // sorted coverages (0, 1, 1): (−2·0 + 0·1 + 2·1) / (3 · 2) = 1/3
    assert!((m.gini - 1.0 / 3.0).abs() < 1e-12, "{}", m.gini);
    // W1 from station R10 to R100: 1500 m; V1 lives in R100: 0 m
    assert_eq!(m.travel.assignments, 2);
    assert_eq!(m.travel.unreachable, 0);
    assert_eq!(m.travel.total_m, 1500);
    assert_eq!(m.travel.mean_m, 750.0);
    // W1: (3 + 1) / 10, W2: 8 / 8
    assert_eq!(m.load.workers, 2);
    assert_eq!(m.load.new_cases, 1);
    assert!((m.load.mean_utilisation - 0.7).abs() < 1e-9);
    assert_eq!(m.load.max_utilisation, 1.0);
    assert_eq!(m.load.max_worker, Some(WorkerId(2)));
    assert_eq!(m.load.overall_utilisation, 12.0 / 18.0);
    assert_eq!(m.unmet, [(UnmetKind::CapacityTaken, 1)].into());
}

#[test]
fn equal_coverage_has_zero_gini() {
    let s = small_valid_scenario();
    let mut all = partial_plan();
    all.unmet.clear();
    all.served.push(NeedId(2));
    all.assignments
        .push(assign(2, 0, ProviderId::Worker(WorkerId(1)), 1));
    all.assignments.push(assign(
        2,
        1,
        ProviderId::Organization(wushe::model::OrganizationId(2)),
        1,
    ));
    let m = PlanMetrics::compute(&s, &all);
    assert_eq!(m.coverage, cov(3, 3));
    assert_eq!(m.gini, 0.0);
    assert_eq!(m.min_community_coverage, 1.0);
    assert_eq!(
        m.min_community,
        Some(RegionId(100)),
        "ties go to the smallest id"
    );

    let mut none = partial_plan();
    none.assignments.clear();
    none.served.clear();
    for n in [1, 3] {
        none.unmet.push(UnmetNeed {
            need: NeedId(n),
            reasons: vec![],
        });
    }
    let m = PlanMetrics::compute(&s, &none);
    assert_eq!(m.coverage, cov(0, 3));
    assert_eq!(m.gini, 0.0);
    assert_eq!(m.travel.assignments, 0);
    assert_eq!(m.travel.mean_m, 0.0);
    assert_eq!(
        m.unmet,
        [(UnmetKind::CapacityTaken, 1), (UnmetKind::Unexplained, 2)].into()
    );
}

#[test]
fn unreachable_assignments_are_counted_apart() {
    let mut s = small_valid_scenario();
    s.roads
        .retain(|r| r.a != RegionId(100) && r.b != RegionId(100));
    let m = PlanMetrics::compute(&s, &partial_plan());
    assert_eq!(m.travel.assignments, 1);
    assert_eq!(m.travel.unreachable, 1);
    assert_eq!(m.travel.total_m, 0);
}

#[test]
fn shortest_road_path_is_used() {
    // V1 moved to R110: to R100 the path is R110-R11-R10-R100 = 1200 + 8000 + 1500
    let mut s = small_valid_scenario();
    s.volunteers[0].community = RegionId(110);
    let m = PlanMetrics::compute(&s, &partial_plan());
    assert_eq!(m.travel.total_m, 1500 + 10_700);
}

#[test]
fn tier_weights_are_documented_values() {
    assert_eq!(
        RiskTier::ALL.map(tier_weight),
        [4, 2, 1],
        "High 4, Key 2, General 1"
    );
}

#[test]
fn summary_and_json() {
    let s = small_valid_scenario();
    let m = PlanMetrics::compute(&s, &partial_plan());
    let text = m.to_string();
    assert!(
        text.starts_with("coverage 2/3 (66.7%), priority-weighted 71.4%"),
        "{text}"
    );
    assert!(text.contains("Gini 0.333"), "{text}");
    assert!(text.contains("unmet: 1, capacity_taken 1"), "{text}");
    let json = serde_json::to_string(&m).expect("serializable");
    assert!(json.contains("\"by_community\":{\"100\":"), "{json}");
}

/// Shortest road distance by the `pathfinding` crate's Dijkstra (reference).
fn reference_distance(s: &wushe::model::Scenario, from: RegionId, to: RegionId) -> Option<u64> {
    let known: std::collections::BTreeSet<RegionId> = s.regions.iter().map(|r| r.id).collect();
    if !known.contains(&from) || !known.contains(&to) {
        return (from == to).then_some(0);
    }
    let successors = |r: &RegionId| -> Vec<(RegionId, u64)> {
        s.roads
            .iter()
            .filter(|road| known.contains(&road.a) && known.contains(&road.b))
            .filter_map(|road| {
                let m = u64::from(road.distance_m);
                if road.a == *r {
                    Some((road.b, m))
                } else if road.b == *r {
                    Some((road.a, m))
                } else {
                    None
                }
            })
            .collect()
    };
    pathfinding::prelude::dijkstra(&from, successors, |r| *r == to).map(|(_, d)| d)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Travel totals over every (worker, need) and (volunteer, need) pair agree with an
    /// independent Dijkstra.
    #[test]
    fn travel_matches_reference_dijkstra(s in crate::support::arbitrary_scenario::arb_scenario()) {
        let mut plan = partial_plan();
        plan.assignments.clear();
        let (mut total, mut reachable, mut unreachable) = (0u64, 0u64, 0u64);
        let community = |n: &wushe::model::Need| {
            s.residents.iter().find(|r| r.id == n.resident).map(|r| r.community)
        };
        for n in &s.needs {
            let Some(to) = community(n) else { continue };
            let froms = s
                .workers
                .iter()
                .map(|w| (ProviderId::Worker(w.id), w.station))
                .chain(s.volunteers.iter().map(|v| (ProviderId::Volunteer(v.id), v.community)));
            for (provider, from) in froms {
                plan.assignments.push(assign(n.id.0, 0, provider, 1));
                match reference_distance(&s, from, to) {
                    Some(d) => {
                        total += d;
                        reachable += 1;
                    }
                    None => unreachable += 1,
                }
            }
        }
        let m = PlanMetrics::compute(&s, &plan);
        proptest::prop_assert_eq!(m.travel.total_m, total);
        proptest::prop_assert_eq!(m.travel.assignments, reachable);
        proptest::prop_assert_eq!(m.travel.unreachable, unreachable);
    }
}
