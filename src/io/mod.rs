//! Interchange: scenario JSON files, scenario CSV folders (feature `csv`) and DIMACS
//! flow/assignment files.

#[cfg(feature = "csv")]
pub mod csv;
mod csv_error;
pub mod dimacs;
pub mod json;

pub use csv_error::CsvError;
