//! The one integration-test binary (STYLE §19): every test module is declared here.

mod support;

mod assignment;
mod dimacs;
mod flow;
mod flow_transport;
mod stable;
