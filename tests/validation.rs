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
    s.version = 2;
    let kind = IssueKind::UnsupportedVersion {
        found: 2,
        supported: 1,
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

// ----- dangling references ------------------------------------------------------------------

#[test]
fn dangling_region_parent() {
    let mut s = small_valid_scenario();
    region_mut(&mut s, 101).parent = Some(RegionId(999));
    let e = EntityRef::Region(RegionId(101));
    assert_only(&s, e, "parent", dangling(EntityRef::Region(RegionId(999))));
}

#[test]
fn dangling_road_ends() {
    let mut s = small_valid_scenario();
    s.roads[1].a = RegionId(998);
    s.roads[3].b = RegionId(999);
    assert_eq!(
        issues(&s),
        vec![
            issue(
                EntityRef::Road(1),
                "a",
                dangling(EntityRef::Region(RegionId(998)))
            ),
            issue(
                EntityRef::Road(3),
                "b",
                dangling(EntityRef::Region(RegionId(999)))
            ),
        ]
    );
}

#[test]
fn dangling_worker_station() {
    let mut s = small_valid_scenario();
    s.workers[1].station = RegionId(999);
    let e = EntityRef::Worker(WorkerId(2));
    assert_only(&s, e, "station", dangling(EntityRef::Region(RegionId(999))));
}

#[test]
fn dangling_volunteer_community_and_organization() {
    let mut s = small_valid_scenario();
    s.volunteers[0].community = RegionId(999);
    s.volunteers[0].organizations.insert(OrganizationId(77));
    let e = EntityRef::Volunteer(VolunteerId(1));
    assert_eq!(
        issues(&s),
        vec![
            issue(e, "community", dangling(EntityRef::Region(RegionId(999)))),
            issue(
                e,
                "organizations",
                dangling(EntityRef::Organization(OrganizationId(77)))
            ),
        ]
    );
}

#[test]
fn dangling_organization_serves() {
    let mut s = small_valid_scenario();
    s.organizations[1].serves.insert(RegionId(5));
    let e = EntityRef::Organization(OrganizationId(2));
    assert_only(&s, e, "serves", dangling(EntityRef::Region(RegionId(5))));
}

#[test]
fn dangling_fund_references() {
    let mut s = small_valid_scenario();
    s.funds[0].administered_by = OrganizationId(9);
    s.funds[0].earmark.regions.insert(RegionId(999));
    s.funds[0].related_parties.insert(ResidentId(42));
    let e = EntityRef::Fund(FundId(1));
    assert_eq!(
        issues(&s),
        vec![
            issue(
                e,
                "earmark.regions",
                dangling(EntityRef::Region(RegionId(999)))
            ),
            issue(
                e,
                "administered_by",
                dangling(EntityRef::Organization(OrganizationId(9)))
            ),
            issue(
                e,
                "related_parties",
                dangling(EntityRef::Resident(ResidentId(42)))
            ),
        ]
    );
}

#[test]
fn dangling_resident_references() {
    let mut s = small_valid_scenario();
    s.residents[0].community = RegionId(999);
    s.residents[0].prior_workers.insert(WorkerId(9));
    s.residents[0].prior_volunteers.insert(VolunteerId(9));
    let e = EntityRef::Resident(ResidentId(1));
    assert_eq!(
        issues(&s),
        vec![
            issue(e, "community", dangling(EntityRef::Region(RegionId(999)))),
            issue(e, "prior_workers", dangling(EntityRef::Worker(WorkerId(9)))),
            issue(
                e,
                "prior_volunteers",
                dangling(EntityRef::Volunteer(VolunteerId(9)))
            ),
        ]
    );
}

#[test]
fn dangling_need_resident() {
    let mut s = small_valid_scenario();
    s.needs[1].resident = ResidentId(99);
    let e = EntityRef::Need(NeedId(2));
    assert_only(
        &s,
        e,
        "resident",
        dangling(EntityRef::Resident(ResidentId(99))),
    );
}

// ----- levels and hierarchy -----------------------------------------------------------------

#[test]
fn county_with_parent_is_inconsistent() {
    let mut s = small_valid_scenario();
    region_mut(&mut s, 1).parent = Some(RegionId(10));
    let kind = IssueKind::Inconsistent {
        with: "level".into(),
    };
    // R1 → R10 → R1 is also a cycle
    assert_eq!(
        issues(&s),
        vec![
            issue(EntityRef::Region(RegionId(1)), "parent", kind),
            issue(
                EntityRef::Region(RegionId(1)),
                "parent",
                IssueKind::HierarchyCycle
            ),
            issue(
                EntityRef::Region(RegionId(10)),
                "parent",
                IssueKind::HierarchyCycle
            ),
        ]
    );
}

#[test]
fn township_without_parent_is_inconsistent() {
    let mut s = small_valid_scenario();
    region_mut(&mut s, 11).parent = None;
    let kind = IssueKind::Inconsistent {
        with: "level".into(),
    };
    assert_only(&s, EntityRef::Region(RegionId(11)), "parent", kind);
}

#[test]
fn township_parent_must_be_a_county() {
    let mut s = small_valid_scenario();
    region_mut(&mut s, 11).parent = Some(RegionId(100));
    let e = EntityRef::Region(RegionId(11));
    assert_only(&s, e, "parent", wrong_level(100, "county"));
}

#[test]
fn community_parent_must_be_a_township() {
    let mut s = small_valid_scenario();
    region_mut(&mut s, 110).parent = Some(RegionId(1));
    let e = EntityRef::Region(RegionId(110));
    assert_only(&s, e, "parent", wrong_level(1, "township"));
}

#[test]
fn hierarchy_cycle_is_reported_for_every_region_on_it() {
    let mut s = small_valid_scenario();
    region_mut(&mut s, 10).parent = Some(RegionId(11));
    region_mut(&mut s, 11).parent = Some(RegionId(10));
    let r10 = EntityRef::Region(RegionId(10));
    let r11 = EntityRef::Region(RegionId(11));
    assert_eq!(
        issues(&s),
        vec![
            issue(r10, "parent", wrong_level(11, "county")),
            issue(r10, "parent", IssueKind::HierarchyCycle),
            issue(r11, "parent", wrong_level(10, "county")),
            issue(r11, "parent", IssueKind::HierarchyCycle),
        ]
    );
}

#[test]
fn self_parent_is_a_cycle() {
    let mut s = small_valid_scenario();
    region_mut(&mut s, 100).parent = Some(RegionId(100));
    let e = EntityRef::Region(RegionId(100));
    assert_eq!(
        issues(&s),
        vec![
            issue(e, "parent", wrong_level(100, "township")),
            issue(e, "parent", IssueKind::HierarchyCycle),
        ]
    );
}

#[test]
fn long_parent_chain_is_checked_in_linear_time() {
    let mut s = small_valid_scenario();
    let n = 50_000u32;
    let template = s.regions[4].clone();
    for k in 0..n {
        let mut r = template.clone();
        r.id = RegionId(10_000 + k);
        r.level = RegionLevel::Township;
        r.parent = Some(RegionId(10_000 + (k + 1) % n));
        s.regions.push(r);
    }
    let start = Instant::now();
    let found = issues(&s);
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
    let cycles = found
        .iter()
        .filter(|i| i.kind == IssueKind::HierarchyCycle)
        .count();
    assert_eq!(cycles, n as usize);
}

#[test]
fn worker_station_must_be_a_township() {
    let mut s = small_valid_scenario();
    s.workers[0].station = RegionId(100);
    let e = EntityRef::Worker(WorkerId(1));
    assert_only(&s, e, "station", wrong_level(100, "township"));
}

#[test]
fn volunteer_community_must_be_a_community() {
    let mut s = small_valid_scenario();
    s.volunteers[2].community = RegionId(11);
    let e = EntityRef::Volunteer(VolunteerId(3));
    assert_only(&s, e, "community", wrong_level(11, "community"));
}

#[test]
fn resident_community_must_be_a_community() {
    let mut s = small_valid_scenario();
    s.residents[1].community = RegionId(1);
    let e = EntityRef::Resident(ResidentId(2));
    assert_only(&s, e, "community", wrong_level(1, "community"));
}

#[test]
fn road_ends_must_be_townships_or_communities() {
    let mut s = small_valid_scenario();
    s.roads.push(Road {
        a: RegionId(1),
        b: RegionId(10),
        distance_m: 100,
    });
    let e = EntityRef::Road(5);
    assert_only(&s, e, "a", wrong_level(1, "township or community"));
}

#[test]
fn road_joining_a_region_to_itself_is_inconsistent() {
    let mut s = small_valid_scenario();
    s.roads[0].b = s.roads[0].a;
    let kind = IssueKind::Inconsistent { with: "a".into() };
    assert_only(&s, EntityRef::Road(0), "b", kind);
}

// ----- numbers out of range -----------------------------------------------------------------

#[test]
fn road_distance_must_be_positive() {
    let mut s = small_valid_scenario();
    s.roads[2].distance_m = 0;
    let kind = out_of_range(0, 1, i64::from(u32::MAX));
    assert_only(&s, EntityRef::Road(2), "distance_m", kind);
}

#[test]
fn coordinates_beyond_the_limit() {
    let mut s = small_valid_scenario();
    region_mut(&mut s, 101).location.y_m = i32::MIN;
    let e = EntityRef::Region(RegionId(101));
    let kind = out_of_range(i64::from(i32::MIN), -2_000_000, 2_000_000);
    assert_only(&s, e, "location.y_m", kind);
}

#[test]
fn capacities_must_be_positive() {
    let mut s = small_valid_scenario();
    s.workers[0].caseload_capacity = 0;
    s.workers[0].current_load = 0;
    s.organizations[1].case_capacity = 0;
    let max = i64::from(u32::MAX);
    assert_eq!(
        issues(&s),
        vec![
            issue(
                EntityRef::Organization(OrganizationId(2)),
                "case_capacity",
                out_of_range(0, 1, max)
            ),
            issue(
                EntityRef::Worker(WorkerId(1)),
                "caseload_capacity",
                out_of_range(0, 1, max)
            ),
        ]
    );
}

#[test]
fn volunteer_weekly_minutes_in_one_week() {
    let mut s = small_valid_scenario();
    s.volunteers[1].weekly_minutes = 0;
    s.volunteers[0].weekly_minutes = 20_000;
    assert_eq!(
        issues(&s),
        vec![
            issue(
                EntityRef::Volunteer(VolunteerId(1)),
                "weekly_minutes",
                out_of_range(20_000, 1, 10_080)
            ),
            issue(
                EntityRef::Volunteer(VolunteerId(2)),
                "weekly_minutes",
                out_of_range(0, 1, 10_080)
            ),
        ]
    );
}

#[test]
fn fund_remaining_must_not_be_negative_nor_above_max() {
    let mut s = small_valid_scenario();
    s.funds[0].remaining = -1;
    s.funds[1].remaining = i64::MAX;
    let max = Limits::default().max_amount;
    assert_eq!(
        issues(&s),
        vec![
            issue(
                EntityRef::Fund(FundId(1)),
                "remaining",
                out_of_range(-1, 0, max)
            ),
            issue(
                EntityRef::Fund(FundId(2)),
                "remaining",
                out_of_range(i64::MAX, 0, max)
            ),
        ]
    );
}

#[test]
fn disability_grade_is_one_to_four() {
    let mut s = small_valid_scenario();
    s.residents[2].vulnerabilities = [Vulnerability::Disabled { grade: 5 }].into();
    let e = EntityRef::Resident(ResidentId(3));
    let field = "vulnerabilities[0].disabled.grade";
    assert_only(&s, e, field, out_of_range(5, 1, 4));
    s.residents[2].vulnerabilities = [
        Vulnerability::LeftBehindChild,
        Vulnerability::Disabled { grade: 0 },
    ]
    .into();
    let field = "vulnerabilities[1].disabled.grade";
    assert_only(&s, e, field, out_of_range(0, 1, 4));
}

#[test]
fn volunteer_role_count_is_one_to_the_limit() {
    let mut s = small_valid_scenario();
    if let RoleSpec::Volunteers { count, .. } = role_spec_mut(&mut s, 0, 1) {
        *count = 0;
    }
    if let RoleSpec::Volunteers { count, .. } = role_spec_mut(&mut s, 1, 2) {
        *count = 21;
    }
    assert_eq!(
        issues(&s),
        vec![
            issue(
                EntityRef::Need(NeedId(1)),
                "team.roles[1].spec.count",
                out_of_range(0, 1, 20)
            ),
            issue(
                EntityRef::Need(NeedId(2)),
                "team.roles[2].spec.count",
                out_of_range(21, 1, 20)
            ),
        ]
    );
}

#[test]
fn volunteer_role_minutes_must_be_positive() {
    let mut s = small_valid_scenario();
    if let RoleSpec::Volunteers { weekly_minutes, .. } = role_spec_mut(&mut s, 1, 2) {
        *weekly_minutes = 0;
    }
    let e = EntityRef::Need(NeedId(2));
    let field = "team.roles[2].spec.weekly_minutes";
    assert_only(&s, e, field, out_of_range(0, 1, 10_080));
}

#[test]
fn material_amount_is_one_to_max() {
    let max = Limits::default().max_amount;
    for bad in [0, -5, max + 1] {
        let mut s = small_valid_scenario();
        if let RoleSpec::Material { amount, .. } = role_spec_mut(&mut s, 2, 0) {
            *amount = bad;
        }
        let e = EntityRef::Need(NeedId(3));
        assert_only(
            &s,
            e,
            "team.roles[0].spec.amount",
            out_of_range(bad, 1, max),
        );
    }
}

// ----- empty sets ---------------------------------------------------------------------------

#[test]
fn empty_team_is_reported() {
    let mut s = small_valid_scenario();
    s.needs[2].team.roles.clear();
    assert_only(
        &s,
        EntityRef::Need(NeedId(3)),
        "team.roles",
        IssueKind::Empty,
    );
}

#[test]
fn empty_slots_with_a_volunteers_role_is_reported() {
    let mut s = small_valid_scenario();
    s.needs[1].slots.clear();
    assert_only(&s, EntityRef::Need(NeedId(2)), "slots", IssueKind::Empty);
}

#[test]
fn organization_without_categories_is_reported() {
    let mut s = small_valid_scenario();
    s.organizations[0].categories.clear();
    let e = EntityRef::Organization(OrganizationId(1));
    assert_only(&s, e, "categories", IssueKind::Empty);
}

// ----- reversed windows ---------------------------------------------------------------------

#[test]
fn reversed_need_window() {
    let mut s = small_valid_scenario();
    s.needs[0].window.end = day(2026, 11, 30);
    let kind = IssueKind::ReversedWindow {
        start: day(2026, 12, 1),
        end: day(2026, 11, 30),
    };
    assert_only(&s, EntityRef::Need(NeedId(1)), "window", kind);
}

#[test]
fn reversed_fund_validity() {
    let mut s = small_valid_scenario();
    s.funds[1].valid_until = day(2026, 5, 31);
    let kind = IssueKind::ReversedWindow {
        start: day(2026, 6, 1),
        end: day(2026, 5, 31),
    };
    assert_only(&s, EntityRef::Fund(FundId(2)), "valid_until", kind);
}

#[test]
fn one_day_windows_are_valid() {
    let mut s = small_valid_scenario();
    s.needs[0].window.end = s.needs[0].window.start;
    s.funds[0].valid_until = s.funds[0].valid_from;
    assert_eq!(issues(&s), Vec::new());
}

// ----- loads --------------------------------------------------------------------------------

#[test]
fn loads_above_capacity_are_reported() {
    let mut s = small_valid_scenario();
    s.workers[1].current_load = 9;
    s.volunteers[2].committed_minutes = 181;
    s.organizations[0].active_cases = 6;
    let load = |load, capacity| IssueKind::LoadAboveCapacity { load, capacity };
    assert_eq!(
        issues(&s),
        vec![
            issue(
                EntityRef::Organization(OrganizationId(1)),
                "active_cases",
                load(6, 5)
            ),
            issue(EntityRef::Worker(WorkerId(2)), "current_load", load(9, 8)),
            issue(
                EntityRef::Volunteer(VolunteerId(3)),
                "committed_minutes",
                load(181, 180)
            ),
        ]
    );
}

// ----- sizes --------------------------------------------------------------------------------

#[test]
fn too_long_names_are_reported() {
    let mut s = small_valid_scenario();
    let long = "x".repeat(257);
    s.name = long.clone();
    region_mut(&mut s, 10).name = long.clone();
    s.organizations[1].name = long.clone();
    s.funds[0].name = long;
    let kind = IssueKind::TooLong {
        len: 257,
        limit: 256,
    };
    assert_eq!(
        issues(&s),
        vec![
            issue(EntityRef::Scenario, "name", kind.clone()),
            issue(EntityRef::Region(RegionId(10)), "name", kind.clone()),
            issue(
                EntityRef::Organization(OrganizationId(2)),
                "name",
                kind.clone()
            ),
            issue(EntityRef::Fund(FundId(1)), "name", kind),
        ]
    );
}

#[test]
fn too_many_entities_stop_before_per_entity_checks() {
    let mut s = small_valid_scenario();
    let mut broken = s.needs[0].clone();
    broken.resident = ResidentId(999);
    broken.team.roles.clear();
    s.needs = vec![broken; 200_000];
    let limits = Limits {
        max_needs: 1_000,
        max_regions: 5,
        ..Limits::default()
    };
    let start = Instant::now();
    let found = issues_with(&s, &limits);
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
    assert_eq!(
        found,
        vec![
            issue(
                EntityRef::Scenario,
                "regions",
                IssueKind::TooMany { count: 6, limit: 5 }
            ),
            issue(
                EntityRef::Scenario,
                "needs",
                IssueKind::TooMany {
                    count: 200_000,
                    limit: 1_000
                }
            ),
        ]
    );
}

#[test]
fn every_count_limit_is_checked() {
    let s = small_valid_scenario();
    let limits = Limits {
        max_regions: 0,
        max_roads: 0,
        max_parties: 0,
        max_residents: 0,
        max_needs: 0,
        ..Limits::default()
    };
    let fields: Vec<String> = issues_with(&s, &limits)
        .into_iter()
        .map(|i| i.field)
        .collect();
    let expected = [
        "regions",
        "roads",
        "organizations",
        "workers",
        "volunteers",
        "funds",
        "residents",
        "needs",
    ];
    assert_eq!(fields, expected);
}

#[test]
fn too_large_sets_are_reported() {
    let mut s = small_valid_scenario();
    let limits = Limits {
        max_set_len: 1,
        ..Limits::default()
    };
    s.volunteers.truncate(0);
    s.residents.iter_mut().for_each(|r| {
        r.prior_volunteers.clear();
        r.prior_workers.clear();
        r.vulnerabilities.clear();
    });
    s.organizations[0].categories = [Category::ElderlyCare].into();
    s.organizations[0].serves = [RegionId(10), RegionId(11), RegionId(999)].into();
    s.needs.truncate(0);
    s.workers.iter_mut().for_each(|w| w.specialties.clear());
    let e = EntityRef::Organization(OrganizationId(1));
    // the elements of an oversized set are not examined: no dangling R999
    assert_eq!(
        issues_with(&s, &limits),
        vec![issue(
            e,
            "serves",
            IssueKind::TooMany { count: 3, limit: 1 }
        )]
    );
}

#[test]
fn too_many_roles_per_team() {
    let mut s = small_valid_scenario();
    let role = s.needs[0].team.roles[0].clone();
    s.needs[0].team.roles = vec![role; 17];
    let kind = IssueKind::TooMany {
        count: 17,
        limit: 16,
    };
    assert_only(&s, EntityRef::Need(NeedId(1)), "team.roles", kind);
}

// ----- reports ------------------------------------------------------------------------------

#[test]
fn every_problem_is_reported_in_one_report_in_order() {
    let mut s = small_valid_scenario();
    s.version = 3;
    s.needs[2].team.roles.clear();
    s.needs[0].resident = ResidentId(50);
    s.workers[1].station = RegionId(101);
    s.funds[1].remaining = -3;
    s.roads[4].distance_m = 0;
    region_mut(&mut s, 100).parent = Some(RegionId(11));
    s.volunteers[1].committed_minutes = 500;
    let got = issues(&s);
    let expected = vec![
        issue(
            EntityRef::Scenario,
            "version",
            IssueKind::UnsupportedVersion {
                found: 3,
                supported: 1,
            },
        ),
        issue(
            EntityRef::Road(4),
            "distance_m",
            out_of_range(0, 1, i64::from(u32::MAX)),
        ),
        issue(
            EntityRef::Worker(WorkerId(2)),
            "station",
            wrong_level(101, "township"),
        ),
        issue(
            EntityRef::Volunteer(VolunteerId(2)),
            "committed_minutes",
            IssueKind::LoadAboveCapacity {
                load: 500,
                capacity: 120,
            },
        ),
        issue(
            EntityRef::Fund(FundId(2)),
            "remaining",
            out_of_range(-3, 0, Limits::default().max_amount),
        ),
        issue(
            EntityRef::Need(NeedId(1)),
            "resident",
            dangling(EntityRef::Resident(ResidentId(50))),
        ),
        issue(EntityRef::Need(NeedId(3)), "team.roles", IssueKind::Empty),
    ];
    // moving a community to another township is legal
    assert_eq!(got, expected);
    assert_eq!(issues(&s), got, "deterministic");
}

#[test]
fn report_display_names_entity_and_field() {
    let mut s = small_valid_scenario();
    s.needs[1].resident = ResidentId(99);
    let err = s.validate().expect_err("invalid");
    let text = err.to_string();
    assert!(
        text.contains("need N2: field `resident`: refers to missing resident P99"),
        "{text}"
    );
}

// ----- generated scenarios ------------------------------------------------------------------

/// Position of an entity kind in the report order.
fn rank(e: &EntityRef) -> u8 {
    match e {
        EntityRef::Scenario => 0,
        EntityRef::Region(_) => 1,
        EntityRef::Road(_) => 2,
        EntityRef::Organization(_) => 3,
        EntityRef::Worker(_) => 4,
        EntityRef::Volunteer(_) => 5,
        EntityRef::Fund(_) => 6,
        EntityRef::Resident(_) => 7,
        EntityRef::Need(_) => 8,
    }
}

/// Breaks `s` in one of ten ways and returns the issue that must then be reported.
fn corrupt(s: &mut Scenario, how: u8, at: prop::sample::Index) -> Option<ValidationIssue> {
    let community = s
        .regions
        .iter()
        .position(|r| r.level == RegionLevel::Community)?;
    match how % 10 {
        0 => {
            let i = at.index(s.needs.len());
            let n = &mut s.needs[i];
            n.resident = ResidentId(u32::MAX);
            let target = EntityRef::Resident(ResidentId(u32::MAX));
            Some(issue(EntityRef::Need(n.id), "resident", dangling(target)))
        }
        1 => {
            let i = at.index(s.residents.len());
            let r = &mut s.residents[i];
            r.community = RegionId(1);
            Some(issue(
                EntityRef::Resident(r.id),
                "community",
                wrong_level(1, "community"),
            ))
        }
        2 => {
            let i = at.index(s.needs.len());
            let n = &mut s.needs[i];
            n.window.end = n.window.start.plus_days(-1);
            let kind = IssueKind::ReversedWindow {
                start: n.window.start,
                end: n.window.end,
            };
            Some(issue(EntityRef::Need(n.id), "window", kind))
        }
        3 => {
            let i = at.index(s.needs.len());
            let n = &mut s.needs[i];
            n.team.roles.clear();
            Some(issue(EntityRef::Need(n.id), "team.roles", IssueKind::Empty))
        }
        4 => {
            let r = s.regions[at.index(s.regions.len())].clone();
            let id = r.id;
            s.regions.push(r);
            Some(issue(EntityRef::Region(id), "id", IssueKind::DuplicateId))
        }
        5 => {
            s.roads.push(Road {
                a: RegionId(1),
                b: s.regions[community].id,
                distance_m: 10,
            });
            let e = EntityRef::Road(s.roads.len() - 1);
            Some(issue(e, "a", wrong_level(1, "township or community")))
        }
        6 if !s.workers.is_empty() => {
            let i = at.index(s.workers.len());
            let w = &mut s.workers[i];
            w.current_load = w.caseload_capacity + 1;
            let kind = IssueKind::LoadAboveCapacity {
                load: u64::from(w.current_load),
                capacity: u64::from(w.caseload_capacity),
            };
            Some(issue(EntityRef::Worker(w.id), "current_load", kind))
        }
        7 if !s.volunteers.is_empty() => {
            let i = at.index(s.volunteers.len());
            let v = &mut s.volunteers[i];
            v.weekly_minutes = 0;
            let kind = out_of_range(0, 1, 10_080);
            Some(issue(EntityRef::Volunteer(v.id), "weekly_minutes", kind))
        }
        8 => {
            let n = s.needs[at.index(s.needs.len())].clone();
            let id = n.id;
            s.needs.push(n);
            Some(issue(EntityRef::Need(id), "id", IssueKind::DuplicateId))
        }
        _ => {
            let r = &mut s.regions[community];
            r.parent = Some(RegionId(1));
            Some(issue(
                EntityRef::Region(r.id),
                "parent",
                wrong_level(1, "township"),
            ))
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arbitrary_scenarios_validate(s in arb_scenario()) {
        let found = issues(&s);
        prop_assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn every_corruption_is_reported_in_order(
        mut s in arb_scenario(),
        edits in prop::collection::vec((any::<u8>(), any::<prop::sample::Index>()), 1..4),
    ) {
        let mut expected = Vec::new();
        for (how, at) in edits {
            expected.extend(corrupt(&mut s, how, at));
        }
        let found = issues(&s);
        for e in &expected {
            prop_assert!(found.contains(e), "missing {e:?} in {found:?}");
        }
        prop_assert!(found.windows(2).all(|w| rank(&w[0].entity) <= rank(&w[1].entity)));
        prop_assert_eq!(issues(&s), found);
    }
}

/// Counts, over many generated scenarios, how often each eligibility-relevant fact occurs, so
/// the generator cannot silently lose variety (some needs servable, some not).
#[test]
fn generated_scenarios_cover_every_variant() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use wushe::model::{TeamRule, Vetting};

    let mut runner = TestRunner::deterministic();
    let strategy = arb_scenario();
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    let mut mark =
        |name: &'static str, yes: bool| *seen.entry(name).or_default() += usize::from(yes);
    for _ in 0..300 {
        let s = strategy.new_tree(&mut runner).expect("tree").current();
        let as_of = s.as_of;
        let townships = s
            .regions
            .iter()
            .filter(|r| r.level == RegionLevel::Township)
            .count();
        let communities = s
            .regions
            .iter()
            .filter(|r| r.level == RegionLevel::Community)
            .count();
        mark("1 township", townships == 1);
        mark("3 townships", townships == 3);
        mark("8 communities", communities == 8);
        mark(
            "community without road",
            s.regions.iter().any(|r| {
                r.level == RegionLevel::Community
                    && !s.roads.iter().any(|x| x.a == r.id || x.b == r.id)
            }),
        );
        mark("no organization", s.organizations.is_empty());
        mark("fund", !s.funds.is_empty());
        mark(
            "fund earmarked to a region",
            s.funds.iter().any(|f| !f.earmark.regions.is_empty()),
        );
        mark(
            "fund with related party",
            s.funds.iter().any(|f| !f.related_parties.is_empty()),
        );
        mark("exhausted fund", s.funds.iter().any(|f| f.remaining == 0));
        mark(
            "worker full",
            s.workers
                .iter()
                .any(|w| w.current_load == w.caseload_capacity),
        );
        mark(
            "worker radius 0",
            s.workers.iter().any(|w| w.travel_radius_m == 0),
        );
        for v in &s.volunteers {
            mark("vetting unknown", v.vetting == Vetting::Unknown);
            mark("vetting pending", v.vetting == Vetting::Pending);
            mark("vetting failed", v.vetting == Vetting::Failed);
            mark(
                "vetting expired",
                matches!(v.vetting, Vetting::Passed { expires } if expires < as_of),
            );
            mark(
                "vetting valid",
                matches!(v.vetting, Vetting::Passed { expires } if expires > as_of),
            );
            mark("uninsured", v.insured_until.is_none());
            mark("insured", v.insured_until.is_some_and(|d| d > as_of));
            mark("no availability", v.availability.is_empty());
            mark("registered", !v.organizations.is_empty());
        }
        for r in &s.residents {
            mark("minor", r.minor);
            mark("adult", !r.minor);
            mark("prior worker", !r.prior_workers.is_empty());
            mark("prior volunteer", !r.prior_volunteers.is_empty());
        }
        for n in &s.needs {
            mark("all_or_nothing", n.team.rule == TeamRule::AllOrNothing);
            mark(
                "core_then_optional",
                n.team.rule == TeamRule::CoreThenOptional,
            );
            mark("4 roles", n.team.roles.len() == 4);
            for role in &n.team.roles {
                mark("optional role", role.optional);
                match &role.spec {
                    RoleSpec::LeadWorker { .. } => mark("lead_worker", true),
                    RoleSpec::Organization => mark("organization", true),
                    RoleSpec::Material { kind, .. } => {
                        mark("money", *kind == wushe::model::ResourceKind::Money);
                        mark("goods", *kind != wushe::model::ResourceKind::Money);
                    }
                    RoleSpec::Volunteers {
                        count,
                        risky,
                        min_age,
                        ..
                    } => {
                        mark("volunteers x3", *count == 3);
                        mark("risky", *risky);
                        mark("min_age", min_age.is_some());
                    }
                }
            }
        }
    }
    let missing: Vec<_> = seen.iter().filter(|(_, n)| **n < 3).collect();
    assert!(
        missing.is_empty(),
        "rare or missing: {missing:?} (all: {seen:?})"
    );
}
