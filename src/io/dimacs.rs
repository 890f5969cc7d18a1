//! DIMACS `p min` / `p asn` files and solution files (FORMATS.md).

/// Why a DIMACS file was rejected; `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DimacsError {
    /// The file has no problem line.
    #[error("line {line}: missing 'p' line")]
    MissingProblemLine {
        /// Line number where the problem line was expected.
        line: usize,
    },
}
