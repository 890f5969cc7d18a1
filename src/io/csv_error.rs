//! The error of the CSV scenario tables (always compiled, so [`crate::ErrorKind`] is the same
//! with or without the `csv` feature).

/// A CSV table could not be read: the file, the 1-based line and the column, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: column \"{column}\": {message}")]
pub struct CsvError {
    /// The table's file name (`needs.csv` ...).
    pub file: String,
    /// 1-based line in the file (0 for the file as a whole).
    pub line: u64,
    /// The column (empty when the problem is not in one column).
    pub column: String,
    /// What is wrong (values quoted as short escaped excerpts).
    pub message: String,
}
