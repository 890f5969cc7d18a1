//! Scenario validation: every problem found, each naming the entity and the field.

mod checks;

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ids::{FundId, NeedId, OrganizationId, RegionId, ResidentId, VolunteerId, WorkerId};
use super::limits::Limits;
use super::scenario::Scenario;

/// The entity a validation issue is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityRef {
    /// The scenario as a whole (format, version, sizes).
    Scenario,
    /// A region.
    Region(RegionId),
    /// A road, by its position in `roads` (roads have no id).
    Road(usize),
    /// An organization.
    Organization(OrganizationId),
    /// A social worker.
    Worker(WorkerId),
    /// A volunteer.
    Volunteer(VolunteerId),
    /// A charity resource.
    Fund(FundId),
    /// A resident.
    Resident(ResidentId),
    /// A need.
    Need(NeedId),
    /// An ongoing assignment, by its position in `ongoing`.
    Ongoing(usize),
}

impl fmt::Display for EntityRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntityRef::Scenario => write!(f, "scenario"),
            EntityRef::Region(id) => write!(f, "region {id}"),
            EntityRef::Road(i) => write!(f, "road #{i}"),
            EntityRef::Organization(id) => write!(f, "organization {id}"),
            EntityRef::Worker(id) => write!(f, "worker {id}"),
            EntityRef::Volunteer(id) => write!(f, "volunteer {id}"),
            EntityRef::Fund(id) => write!(f, "fund {id}"),
            EntityRef::Resident(id) => write!(f, "resident {id}"),
            EntityRef::Need(id) => write!(f, "need {id}"),
            EntityRef::Ongoing(i) => write!(f, "ongoing #{i}"),
        }
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IssueKind {
    /// The `format` field is not `"wushe-scenario"`.
    WrongFormat {
        /// The value found (an escaped excerpt, see [`crate::excerpt`]).
        found: String,
    },
    /// The file version is not supported.
    UnsupportedVersion {
        /// The version found.
        found: u32,
        /// The version supported.
        supported: u32,
    },
    /// Another entity of the same kind has this id.
    DuplicateId,
    /// The field refers to an entity that does not exist.
    DanglingReference {
        /// The referenced entity.
        target: EntityRef,
    },
    /// The field refers to a region of the wrong level (e.g. a worker's station must be a
    /// township).
    WrongLevel {
        /// The referenced region.
        region: RegionId,
        /// Levels accepted here.
        expected: String,
    },
    /// Following parents from this region returns to it.
    HierarchyCycle,
    /// A number is outside its allowed range.
    OutOfRange {
        /// The value found.
        value: i64,
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// A set or list that must not be empty is empty.
    Empty,
    /// Under `core_then_optional` every role of the team is optional: the need would count
    /// as served with nobody assigned.
    NoCoreRole,
    /// A window ends before it starts.
    ReversedWindow {
        /// Start day.
        start: super::date::Date,
        /// End day.
        end: super::date::Date,
    },
    /// Current load exceeds capacity.
    LoadAboveCapacity {
        /// Load.
        load: u64,
        /// Capacity.
        capacity: u64,
    },
    /// Too many entities or elements.
    TooMany {
        /// Count found.
        count: usize,
        /// Limit.
        limit: usize,
    },
    /// A string is too long.
    TooLong {
        /// Length in bytes.
        len: usize,
        /// Limit.
        limit: usize,
    },
    /// A provider's load is below the capacity its ongoing assignments hold (loads include
    /// them).
    OngoingAboveLoad {
        /// Capacity held by the provider's ongoing assignments.
        ongoing: u64,
        /// The load recorded.
        load: u64,
    },
    /// Two fields contradict each other (described by the field path).
    Inconsistent {
        /// The other field involved.
        with: String,
    },
}

impl fmt::Display for IssueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IssueKind::WrongFormat { found } => {
                write!(f, "format is \"{found}\", expected \"wushe-scenario\"")
            }
            IssueKind::UnsupportedVersion { found, supported } => {
                write!(f, "unsupported version {found} (supported: {supported})")
            }
            IssueKind::DuplicateId => write!(f, "duplicate id"),
            IssueKind::DanglingReference { target } => write!(f, "refers to missing {target}"),
            IssueKind::WrongLevel { region, expected } => {
                write!(f, "region {region} is not a {expected}")
            }
            IssueKind::HierarchyCycle => write!(f, "region hierarchy has a cycle"),
            IssueKind::OutOfRange { value, min, max } => {
                write!(f, "value {value} out of range {min}..={max}")
            }
            IssueKind::Empty => write!(f, "must not be empty"),
            IssueKind::NoCoreRole => write!(f, "every role is optional: at least one must be core"),
            IssueKind::ReversedWindow { start, end } => {
                write!(f, "window ends ({end}) before it starts ({start})")
            }
            IssueKind::LoadAboveCapacity { load, capacity } => {
                write!(f, "load {load} exceeds capacity {capacity}")
            }
            IssueKind::TooMany { count, limit } => write!(f, "{count} entries (limit {limit})"),
            IssueKind::TooLong { len, limit } => write!(f, "{len} bytes long (limit {limit})"),
            IssueKind::OngoingAboveLoad { ongoing, load } => {
                write!(
                    f,
                    "load {load} is below the {ongoing} held by ongoing assignments"
                )
            }
            IssueKind::Inconsistent { with } => write!(f, "inconsistent with `{with}`"),
        }
    }
}

/// One validation problem: which entity, which field (a path such as `team.roles[1].amount`),
/// and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationIssue {
    /// The entity.
    pub entity: EntityRef,
    /// Field path within the entity.
    pub field: String,
    /// The problem.
    pub kind: IssueKind,
}

impl fmt::Display for ValidationIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: field `{}`: {}", self.entity, self.field, self.kind)
    }
}

/// Every problem found while validating a scenario, in a deterministic order (entity kind,
/// then input order, then field).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationReport {
    /// The problems.
    pub issues: Vec<ValidationIssue>,
}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} validation problem(s)", self.issues.len())?;
        for issue in &self.issues {
            write!(f, "\n{issue}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationReport {}

impl Scenario {
    /// Validates against the default [`Limits`].
    ///
    /// # Errors
    /// [`crate::ErrorKind::Validation`] with every problem found.
    pub fn validate(&self) -> crate::Result<()> {
        self.validate_with(&Limits::default())
    }

    /// Validates against `limits`.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Validation`] with every problem found.
    pub fn validate_with(&self, limits: &Limits) -> crate::Result<()> {
        let issues = checks::collect_issues(self, limits);
        if issues.is_empty() {
            Ok(())
        } else {
            Err(crate::ErrorKind::Validation(ValidationReport { issues }).into())
        }
    }
}
