//! Scenario validation: one test per issue kind and per reference kind, each asserting the
//! exact entity and field; all problems in one report; limits that stop early; generated
//! scenarios that must pass.

use std::time::Instant;

use proptest::prelude::*;

use wushe::ErrorKind;
use wushe::model::{
    Category, EntityRef, FundId, IssueKind, Limits, NeedId, OrganizationId, RegionId, RegionLevel,
    ResidentId, Road, RoleSpec, Scenario, ValidationIssue, VolunteerId, Vulnerability, WorkerId,
};

use crate::support::arbitrary_scenario::{arb_scenario, day, small_valid_scenario};

mod generated;
mod references;
mod values;

fn issues_with(s: &Scenario, limits: &Limits) -> Vec<ValidationIssue> {
    match s.validate_with(limits) {
        Ok(()) => Vec::new(),
        Err(e) => match e.into_kind() {
            ErrorKind::Validation(report) => report.issues,
            other => panic!("not a validation error: {other}"),
        },
    }
}

fn issues(s: &Scenario) -> Vec<ValidationIssue> {
    issues_with(s, &Limits::default())
}

fn issue(entity: EntityRef, field: &str, kind: IssueKind) -> ValidationIssue {
    ValidationIssue {
        entity,
        field: field.to_owned(),
        kind,
    }
}

/// Asserts that `s` has exactly this one issue.
fn assert_only(s: &Scenario, entity: EntityRef, field: &str, kind: IssueKind) {
    assert_eq!(issues(s), vec![issue(entity, field, kind)]);
}

fn dangling(target: EntityRef) -> IssueKind {
    IssueKind::DanglingReference { target }
}

fn wrong_level(region: u32, expected: &str) -> IssueKind {
    IssueKind::WrongLevel {
        region: RegionId(region),
        expected: expected.to_owned(),
    }
}

fn out_of_range(value: i64, min: i64, max: i64) -> IssueKind {
    IssueKind::OutOfRange { value, min, max }
}

fn region_mut(s: &mut Scenario, id: u32) -> &mut wushe::model::Region {
    s.regions
        .iter_mut()
        .find(|r| r.id == RegionId(id))
        .expect("region in small scenario")
}

fn role_spec_mut(s: &mut Scenario, need: usize, role: usize) -> &mut RoleSpec {
    &mut s.needs[need].team.roles[role].spec
}

// ----- valid inputs -------------------------------------------------------------------------

#[test]
fn small_valid_scenario_validates() {
    assert_eq!(issues(&small_valid_scenario()), Vec::new());
}

#[test]
fn zero_travel_radius_and_exhausted_fund_are_valid() {
    let mut s = small_valid_scenario();
    s.workers[0].travel_radius_m = 0;
    s.volunteers[0].travel_radius_m = 0;
    s.funds[0].remaining = 0;
    assert_eq!(issues(&s), Vec::new());
}

#[test]
fn empty_slots_are_valid_without_a_volunteers_role() {
    let s = small_valid_scenario();
    assert!(s.needs[2].slots.is_empty());
    assert_eq!(issues(&s), Vec::new());
}

// ----- header -------------------------------------------------------------------------------

#[test]
fn wrong_format_is_reported() {
    let mut s = small_valid_scenario();
    s.format = "other".into();
    let kind = IssueKind::WrongFormat {
        found: "other".into(),
    };
    assert_only(&s, EntityRef::Scenario, "format", kind);
}

#[test]
fn unsupported_version_is_reported() {
    let mut s = small_valid_scenario();
    s.version = 4;
    let kind = IssueKind::UnsupportedVersion {
        found: 4,
        supported: 3,
    };
    assert_only(&s, EntityRef::Scenario, "version", kind);
}

// ----- duplicate ids ------------------------------------------------------------------------

#[test]
fn duplicate_ids_are_reported_for_every_kind() {
    let mut s = small_valid_scenario();
    s.regions.push(s.regions[5].clone());
    s.organizations.push(s.organizations[0].clone());
    s.workers.push(s.workers[0].clone());
    s.volunteers.push(s.volunteers[1].clone());
    s.funds.push(s.funds[1].clone());
    s.residents.push(s.residents[0].clone());
    s.needs.push(s.needs[2].clone());
    let dup = IssueKind::DuplicateId;
    assert_eq!(
        issues(&s),
        vec![
            issue(EntityRef::Region(RegionId(110)), "id", dup.clone()),
            issue(
                EntityRef::Organization(OrganizationId(1)),
                "id",
                dup.clone()
            ),
            issue(EntityRef::Worker(WorkerId(1)), "id", dup.clone()),
            issue(EntityRef::Volunteer(VolunteerId(2)), "id", dup.clone()),
            issue(EntityRef::Fund(FundId(2)), "id", dup.clone()),
            issue(EntityRef::Resident(ResidentId(1)), "id", dup.clone()),
            issue(EntityRef::Need(NeedId(3)), "id", dup),
        ]
    );
}
