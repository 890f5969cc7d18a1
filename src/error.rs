//! The crate's one error type.
//!
//! [`Error`] is a small boxed wrapper around [`ErrorKind`], a `#[non_exhaustive]` enum whose
//! variants carry ids, field paths and values rather than prose, so callers can match on them and
//! researchers loading data get every problem at once (see
//! [`crate::model::ValidationReport`]).

use std::fmt;
use std::path::{Path, PathBuf};

use crate::io::dimacs::DimacsError;
use crate::io::json::JsonError;
use crate::model::{DateParseError, SlotParseError, ValidationReport};
use crate::plan::Violation;
use crate::problem::{LimitError, ProblemError};
use crate::solve::UnknownStrategy;
use crate::solve::assignment::MatrixError;
use crate::solve::flow::NetworkError;
use crate::solve::stable::StableError;

/// Any failure of the library: bad input data, a malformed file or an invalid configuration.
///
/// The kind is boxed so that `Result<T, Error>` stays one pointer wide on the happy path.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong, with the offending entity, field and value where there is one.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A scenario failed validation; the report lists every problem found, not only the first.
    #[error("{0}")]
    Validation(ValidationReport),
    /// A scenario file could not be read as JSON of the documented format.
    #[error(transparent)]
    Json(#[from] JsonError),
    /// A DIMACS file is malformed; the error carries the 1-based line number.
    #[error(transparent)]
    Dimacs(#[from] DimacsError),
    /// A flow network handed to a solver core is inconsistent.
    #[error(transparent)]
    Network(#[from] NetworkError),
    /// An assignment cost matrix handed to a solver core is inconsistent.
    #[error(transparent)]
    Matrix(#[from] MatrixError),
    /// A numeric problem handed to a strategy is inconsistent.
    #[error(transparent)]
    Problem(#[from] ProblemError),
    /// The input needs more than a configured resource bound allows
    /// ([`crate::model::Limits`]: candidate edges, edges per provider, compile work).
    #[error(transparent)]
    Limit(#[from] LimitError),
    /// A scoring policy cannot be used (a zero weight, or need values out of range).
    #[error(transparent)]
    Policy(#[from] crate::rules::PolicyError),
    /// A two-sided preference instance is inconsistent.
    #[error(transparent)]
    Stable(#[from] StableError),
    /// An explanation or a relaxation cannot be made (an unknown need or provider).
    #[error(transparent)]
    Explain(#[from] crate::plan::explain::ExplainError),
    /// Reading or writing a stream failed (a file's failures are [`ErrorKind::File`]).
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// Opening, reading or writing the file at `path` failed (the path is shown escaped, see
    /// [`crate::excerpt::escape`]).
    #[error("{}: {source}", crate::excerpt::escape(&path.display().to_string()))]
    File {
        /// The file.
        path: PathBuf,
        /// What the operating system reported.
        source: std::io::Error,
    },
    /// A plan breaks hard constraints: every violation [`crate::plan::check_plan`] found, in
    /// its order (`check_plan(&scenario, &plan)?` converts the list).
    #[error("{}", violations_text(.0))]
    Violations(Vec<Violation>),
    /// A date string is not `YYYY-MM-DD` (see [`crate::model::Date`]).
    #[error(transparent)]
    Date(#[from] DateParseError),
    /// A weekly slot string is not `<day>_<part>` (see [`crate::model::WeeklySlot`]).
    #[error(transparent)]
    Slot(#[from] SlotParseError),
    /// A strategy name is not one of [`crate::StrategyKind::ALL`].
    #[error(transparent)]
    Strategy(#[from] UnknownStrategy),
    /// A CSV scenario table is malformed; the error names the file, line and column.
    #[error(transparent)]
    Csv(#[from] crate::io::CsvError),
    /// A simulation study cannot be sharded or merged as asked.
    #[error(transparent)]
    Sim(#[from] crate::sim::SimError),
}

/// `plan breaks N hard constraint(s)` and one line per violation, like a validation report.
fn violations_text(violations: &[Violation]) -> String {
    let mut text = format!("plan breaks {} hard constraint(s)", violations.len());
    for v in violations {
        text.push('\n');
        text.push_str(&v.to_string());
    }
    text
}

impl From<Vec<Violation>> for ErrorKind {
    fn from(violations: Vec<Violation>) -> Self {
        ErrorKind::Violations(violations)
    }
}

impl Error {
    /// The kind of failure, to match on.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Consumes the error and returns its kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// The error as lines for a terminal or a log, each prefixed by `context` (a file name,
    /// a stage): one line per issue of a validation report, else the message on one line.
    /// Messages quote input only as short escaped excerpts, so no line carries a control
    /// character.
    ///
    /// # Example
    /// ```
    /// use wushe::io::json::load_scenario_from_slice;
    /// let err = load_scenario_from_slice(br#"{"format":"wushe-scenario","version":9}"#).unwrap_err();
    /// let lines = err.lines("in.json");
    /// assert_eq!(lines.len(), 1);
    /// assert!(lines[0].starts_with("in.json: "));
    /// ```
    pub fn lines(&self, context: &str) -> Vec<String> {
        match self.kind() {
            ErrorKind::Validation(report) => report
                .issues
                .iter()
                .map(|issue| format!("{context}: {issue}"))
                .collect(),
            _ => vec![format!(
                "{context}: {}",
                self.to_string().replace('\n', " ")
            )],
        }
    }

    /// This error as a failure of the file at `path`: an [`ErrorKind::Io`] becomes an
    /// [`ErrorKind::File`] naming the path; other kinds are returned unchanged.
    pub(crate) fn in_file(self, path: &Path) -> Error {
        match *self.0 {
            ErrorKind::Io(source) => ErrorKind::File {
                path: path.to_owned(),
                source,
            }
            .into(),
            kind => Error(Box::new(kind)),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&*self.0)
    }
}

impl<E: Into<ErrorKind>> From<E> for Error {
    fn from(kind: E) -> Self {
        Error(Box::new(kind.into()))
    }
}

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
