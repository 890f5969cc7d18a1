//! The domain model.

mod validate;
pub use validate::ValidationReport;
