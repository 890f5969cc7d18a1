//! The one integration-test binary (STYLE §19): every test module is declared here.

mod support;

mod assignment;
mod checker;
mod compile;
mod conformance;
mod determinism;
mod dimacs;
mod explain;
mod flow;
mod flow_transport;
mod graph;
mod greedy;
mod json;
mod metrics;
mod rules;
mod stable;
mod strategies;
mod team_optimum;
mod validation;
