//! Interchange: scenario JSON files and DIMACS flow/assignment files.

pub mod dimacs;
pub mod json;
