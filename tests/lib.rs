//! The one integration-test binary: every test module is declared here.

mod support;

mod adversarial;
mod assignment;
mod budget;
mod checker;
mod compile;
mod conformance;
mod determinism;
mod dimacs;
mod display;
mod doc_hygiene;
mod embedding;
mod escalation;
mod explain;
mod explanations;
mod flow;
mod flow_contracted;
mod flow_families;
mod flow_transport;
mod flow_work_limit;
mod fuzz;
mod graph;
mod greedy;
mod json;
mod metrics;
mod ongoing;
mod permutation;
mod plan_file;
/// The quickstart example, compiled here so tests can reuse its scenario.
#[path = "../examples/quickstart.rs"]
#[allow(dead_code)]
mod quickstart;
mod rematch;
mod rules;
mod services;
mod shared_resources;
mod sim;
mod sim_csv;
mod stable;
mod strategies;
mod supervision;
mod team_optimum;
mod validation;
mod windows;
