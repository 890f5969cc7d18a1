//! Numbers out of range, empty sets, reversed windows, loads, sizes and whole reports.

use super::*;

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
    s.version = 4;
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
                found: 4,
                supported: 3,
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
