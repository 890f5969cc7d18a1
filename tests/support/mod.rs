//! Shared test helpers: brute-force references and fixtures.

pub mod adversarial_scale;
pub mod arbitrary_scenario;
pub mod brute_assignment;
pub mod brute_flow;
pub mod brute_stable;
pub mod brute_team;
pub mod fuzz_targets;
pub mod rules_fixture;
