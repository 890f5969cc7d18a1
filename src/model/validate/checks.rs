//! The individual validation checks.

use super::{EntityRef, IssueKind, ValidationIssue};
use crate::model::limits::Limits;
use crate::model::scenario::{SCENARIO_FORMAT, SCENARIO_VERSION, Scenario};

/// Runs every check and returns the problems found.
pub(super) fn collect_issues(scenario: &Scenario, _limits: &Limits) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    if scenario.format != SCENARIO_FORMAT {
        issues.push(ValidationIssue {
            entity: EntityRef::Scenario,
            field: "format".into(),
            kind: IssueKind::WrongFormat {
                found: scenario.format.chars().take(64).collect(),
            },
        });
    }
    if scenario.version != SCENARIO_VERSION {
        issues.push(ValidationIssue {
            entity: EntityRef::Scenario,
            field: "version".into(),
            kind: IssueKind::UnsupportedVersion {
                found: scenario.version,
                supported: SCENARIO_VERSION,
            },
        });
    }
    issues
}
