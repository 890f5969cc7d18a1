//! Scenario validation: one test per issue kind, all-problems reports, limits, and generated
//! scenarios that must pass.

use proptest::prelude::*;

use crate::support::arbitrary_scenario::{arb_scenario, small_valid_scenario};

#[test]
fn small_valid_scenario_validates() {
    small_valid_scenario().validate().expect("valid");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arbitrary_scenarios_validate(s in arb_scenario()) {
        if let Err(e) = s.validate() {
            prop_assert!(false, "{e}");
        }
    }
}
