//! Permutation invariance: the order in which a scenario lists its entities (regions, roads,
//! organizations, workers, volunteers, funds, residents, needs, ongoing cases) does not
//! change the plan, expressed by domain ids, for any strategy.

use proptest::prelude::*;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use wushe::model::Scenario;
use wushe::plan::MatchPlan;
use wushe::sim::CountyConfig;
use wushe::{MatchPolicy, StrategyKind, match_scenario};

use crate::support::arbitrary_scenario::arb_scenario;

/// `scenario` with every entity list shuffled by `seed` (ids kept).
fn permuted(scenario: &Scenario, seed: u64) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut s = scenario.clone();
    s.regions.shuffle(&mut rng);
    s.roads.shuffle(&mut rng);
    s.organizations.shuffle(&mut rng);
    s.workers.shuffle(&mut rng);
    s.volunteers.shuffle(&mut rng);
    s.funds.shuffle(&mut rng);
    s.residents.shuffle(&mut rng);
    s.needs.shuffle(&mut rng);
    s.ongoing.shuffle(&mut rng);
    s
}

fn plan(scenario: &Scenario, kind: StrategyKind) -> MatchPlan {
    match_scenario(scenario, &MatchPolicy::default(), kind)
        .unwrap_or_else(|e| panic!("{kind}: {e}"))
}

/// Asserts that every strategy gives the same plan on `scenario` and on its permutation.
fn assert_invariant(scenario: &Scenario, seed: u64) {
    let shuffled = permuted(scenario, seed);
    for &kind in StrategyKind::ALL {
        let a = plan(scenario, kind);
        let b = plan(&shuffled, kind);
        assert!(
            a == b,
            "{kind}: the plan depends on the input order (seed {seed})\nserved {:?}\nvs     {:?}\nobjective {} vs {}",
            a.served,
            b.served,
            a.objective,
            b.objective
        );
    }
}

#[test]
fn a_county_gives_the_same_plan_in_any_order() {
    let scenario = CountyConfig::default()
        .with_communities(30)
        .with_volunteers(150)
        .with_needs(200)
        .generate();
    for seed in [1, 2] {
        assert_invariant(&scenario, seed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_scenarios_give_the_same_plan_in_any_order(
        scenario in arb_scenario(),
        seed in any::<u64>(),
    ) {
        assert_invariant(&scenario, seed);
    }
}
