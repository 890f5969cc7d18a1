//! Fuzz smoke run: a few hundred executions of each fuzz target (`tests/support/fuzz_targets.rs`)
//! with fixed seeds, so CI catches a regression the campaigns (`scripts/fuzz.sh`) found before.

use proptest::prelude::*;

use crate::support::arbitrary_scenario::arb_scenario;
use crate::support::fuzz_targets::{self as fuzz, Mutator, Target};

/// Runs `target` on `runs` mutated inputs from its seeds; on a failing input, panics with it.
fn smoke(target: Target, runs: usize, run: fn(&[u8])) {
    let seeds = fuzz::seeds(target);
    assert!(!seeds.is_empty(), "{target:?} has seeds");
    let mut mutator = Mutator::new(seeds.clone(), 0x5eed);
    // every seed as it is, then mutants
    let inputs = seeds
        .into_iter()
        .chain(std::iter::repeat_with(|| mutator.next_input()));
    for input in inputs.take(runs) {
        let outcome = std::panic::catch_unwind(|| run(&input));
        assert!(
            outcome.is_ok(),
            "{target:?} failed on input {:?}",
            String::from_utf8_lossy(&input)
        );
    }
}

#[test]
fn scenario_json_smoke() {
    smoke(Target::ScenarioJson, 400, fuzz::scenario_json);
}

#[test]
fn dimacs_smoke() {
    smoke(Target::Dimacs, 2_000, fuzz::dimacs);
}

#[cfg(feature = "csv")]
#[test]
fn csv_smoke() {
    smoke(Target::Csv, 300, fuzz::csv);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn strategies_smoke(s in arb_scenario()) {
        fuzz::strategies(&s);
    }
}
