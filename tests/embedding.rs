//! What a platform embedding the crate meets: entity builders and their documented defaults,
//! validation still catching what a builder leaves out, lookups and edits by id, and every
//! error converting into `wushe::Error` with `?` (file errors naming the file).

use wushe::io::json::{load_scenario_file, save_scenario_file};
use wushe::model::*;
use wushe::plan::{Violation, check_plan};
use wushe::{ErrorKind, MatchPolicy, StrategyKind, demo, match_scenario};

fn today() -> Date {
    Date::from_ymd(2026, 11, 30).expect("date")
}

/// The source article's case, built by `examples/quickstart.rs`.
fn article_case() -> ScenarioBuilder {
    crate::quickstart::article_case(today())
}

fn issues(result: wushe::Result<Scenario>) -> Vec<(EntityRef, String, IssueKind)> {
    match result.expect_err("invalid").into_kind() {
        ErrorKind::Validation(report) => report
            .issues
            .into_iter()
            .map(|i| (i.entity, i.field, i.kind))
            .collect(),
        other => panic!("not a validation error: {other}"),
    }
}

// ----- builders -----------------------------------------------------------------------------

#[test]
fn the_article_case_is_served_by_every_strategy() {
    let scenario = article_case().build().expect("valid");
    for &kind in StrategyKind::ALL {
        let plan = match_scenario(&scenario, &MatchPolicy::default(), kind).expect("matches");
        assert_eq!(plan.served, vec![NeedId(1)], "{kind}");
        let providers: Vec<String> = plan
            .assignments
            .iter()
            .map(|a| a.provider.to_string())
            .collect();
        assert_eq!(providers, ["W1", "F1", "O1", "V1", "V2"], "{kind}");
        assert_eq!(check_plan(&scenario, &plan), Ok(()), "{kind}");
    }
}

#[test]
fn builders_set_exactly_the_fields_they_name() {
    let d = today();
    let w = SocialWorker::new(WorkerId(3), RegionId(10))
        .with_licence(Licence::Senior)
        .with_specialties([Category::ElderlyCare])
        .with_caseload_capacity(12)
        .with_current_load(4)
        .with_travel_radius_m(8_000)
        .with_vetting(Vetting::Failed);
    assert_eq!(
        w,
        SocialWorker {
            id: WorkerId(3),
            station: RegionId(10),
            licence: Licence::Senior,
            specialties: [Category::ElderlyCare].into(),
            caseload_capacity: 12,
            current_load: 4,
            travel_radius_m: 8_000,
            vetting: Vetting::Failed,
            mentor: None,
            supervision_capacity: 0,
            supervising: 0,
        }
    );
    let v = Volunteer::new(VolunteerId(2), RegionId(100))
        .with_age(40)
        .with_weekly_minutes(300)
        .with_committed_minutes(60)
        .with_insured_until(d)
        .with_travel_radius_m(2_000)
        .with_organizations([OrganizationId(1)]);
    assert_eq!(
        (
            v.age,
            v.weekly_minutes,
            v.committed_minutes,
            v.insured_until,
            v.travel_radius_m
        ),
        (40, 300, 60, Some(d), 2_000)
    );
    assert_eq!(v.organizations, [OrganizationId(1)].into());
    let f = CharityResource::goods(
        FundId(4),
        "Wheelchairs",
        GoodsItem::AssistiveDevice,
        3,
        OrganizationId(1),
    )
    .with_validity(d, d.plus_days(30))
    .with_related_parties([ResidentId(9)]);
    assert_eq!(
        f.kind,
        ResourceKind::Goods {
            item: GoodsItem::AssistiveDevice
        }
    );
    assert_eq!(
        (f.remaining, f.valid_from, f.valid_until),
        (3, d, d.plus_days(30))
    );
    let r = Resident::new(ResidentId(1), RegionId(100))
        .with_prior_workers([WorkerId(1)])
        .with_prior_volunteers([VolunteerId(2)]);
    assert_eq!(
        (r.prior_workers.len(), r.prior_volunteers.len(), r.minor),
        (1, 1, false)
    );
    let n = Need::new(
        NeedId(1),
        ResidentId(1),
        Category::ElderlyCare,
        DateWindow::new(d, d),
    )
    .with_rule(TeamRule::CoreThenOptional)
    .with_goods(GoodsItem::FoodParcel, 2)
    .with_role(Role::volunteers(1, [Skill::Driving], 60).with_optional(true));
    assert_eq!(n.team.rule, TeamRule::CoreThenOptional);
    assert_eq!(n.team.roles[0], Role::goods(GoodsItem::FoodParcel, 2));
    assert!(n.team.roles[1].optional);
    let o = SocialOrganization::new(OrganizationId(2), "Centre")
        .with_case_capacity(5)
        .with_active_cases(5);
    assert_eq!((o.case_capacity, o.active_cases), (5, 5));
    let region = Region::community(RegionId(7), "Village", RegionId(1)).with_population(900);
    assert_eq!(
        (region.level, region.parent, region.population),
        (RegionLevel::Community, Some(RegionId(1)), 900)
    );
}

#[test]
fn defaults_are_the_documented_values() {
    let w = SocialWorker::default();
    assert_eq!(
        (
            w.licence,
            w.caseload_capacity,
            w.current_load,
            w.travel_radius_m,
            w.vetting
        ),
        (Licence::Unlicensed, 30, 0, 30_000, Vetting::Unknown)
    );
    let v = Volunteer::default();
    assert_eq!(
        (
            v.age,
            v.weekly_minutes,
            v.committed_minutes,
            v.travel_radius_m,
            v.vetting
        ),
        (18, 240, 0, 5_000, Vetting::Unknown)
    );
    assert!(v.availability.is_empty() && v.insured_until.is_none());
    let f = CharityResource::default();
    assert_eq!(
        (f.kind, f.remaining, f.valid_from, f.valid_until),
        (ResourceKind::Money, 0, Date::MIN, Date::MAX)
    );
    assert_eq!(SocialOrganization::default().case_capacity, 60);
    let n = Need::default();
    assert_eq!(n.window, DateWindow::new(Date::MAX, Date::MAX));
    assert_eq!(
        (n.risk, n.team.rule),
        (RiskTier::General, TeamRule::AllOrNothing)
    );
    assert!(n.team.roles.is_empty());
    assert!(!Resident::default().minor);
}

#[test]
fn what_a_builder_leaves_out_is_a_validation_error_naming_the_field() {
    // an organization without categories, a need without roles, a worker at a station that
    // does not exist: each is reported, with the others, at build time
    let found = issues(
        article_case()
            .organization(SocialOrganization::new(OrganizationId(2), "No categories"))
            .worker(SocialWorker::new(WorkerId(2), RegionId(99)))
            .need(Need::new(
                NeedId(2),
                ResidentId(1),
                Category::ElderlyCare,
                DateWindow::new(today(), today()),
            ))
            .build(),
    );
    let has =
        |entity: EntityRef, field: &str| found.iter().any(|(e, f, _)| *e == entity && f == field);
    assert!(
        has(EntityRef::Organization(OrganizationId(2)), "categories"),
        "{found:?}"
    );
    assert!(has(EntityRef::Worker(WorkerId(2)), "station"), "{found:?}");
    assert!(has(EntityRef::Need(NeedId(2)), "team.roles"), "{found:?}");
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn the_compile_step_validates_too() {
    // a scenario assembled without `build()` is still validated before matching
    let mut scenario = article_case().peek().clone();
    scenario.needs.push(Need::default());
    let err = match_scenario(&scenario, &MatchPolicy::default(), StrategyKind::Greedy)
        .expect_err("invalid");
    assert!(matches!(err.kind(), ErrorKind::Validation(_)), "{err}");
}

#[test]
fn the_default_need_window_fails_closed() {
    // forgetting the window: vetting and fund validity are judged on 2200-12-31 and fail
    let mut scenario = article_case().build().expect("valid");
    if let Some(need) = scenario.need_mut(NeedId(1)) {
        need.window = Need::default().window;
    }
    let plan =
        match_scenario(&scenario, &MatchPolicy::default(), StrategyKind::Greedy).expect("matches");
    assert!(plan.served.is_empty());
    let text = plan.unmet[0].to_string();
    assert!(text.contains("vetting expires too soon"), "{text}");
}

// ----- lookups ------------------------------------------------------------------------------

#[test]
fn every_entity_kind_is_found_by_id_and_edited_in_place() {
    let mut s = demo::left_behind_child();
    assert_eq!(
        s.region(RegionId(100)).map(|r| r.level),
        Some(RegionLevel::Community)
    );
    assert_eq!(
        s.organization(OrganizationId(1)).map(|o| o.case_capacity),
        Some(10)
    );
    assert_eq!(
        s.worker(WorkerId(1)).map(|w| w.licence),
        Some(Licence::SocialWorker)
    );
    assert_eq!(
        s.volunteer(VolunteerId(4)).map(|v| v.id),
        Some(VolunteerId(4))
    );
    assert_eq!(s.fund(FundId(2)).map(|f| f.remaining), Some(500_000));
    assert_eq!(s.resident(ResidentId(1)).map(|r| r.minor), Some(true));
    assert_eq!(s.need(NeedId(1)).map(|n| n.risk), Some(RiskTier::High));
    assert!(s.need(NeedId(2)).is_none() && s.worker(WorkerId(9)).is_none());

    s.region_mut(RegionId(100)).expect("region").population = 7;
    s.organization_mut(OrganizationId(1))
        .expect("org")
        .active_cases = 3;
    s.worker_mut(WorkerId(1)).expect("worker").current_load = 5;
    s.volunteer_mut(VolunteerId(4)).expect("volunteer").age = 61;
    s.fund_mut(FundId(2)).expect("fund").remaining = 1;
    s.resident_mut(ResidentId(1)).expect("resident").minor = false;
    s.need_mut(NeedId(1)).expect("need").risk = RiskTier::Key;
    assert!(s.need_mut(NeedId(2)).is_none());
    assert_eq!(s.regions[2].population, 7);
    assert_eq!(s.organizations[0].active_cases, 3);
    assert_eq!(s.workers[0].current_load, 5);
    assert_eq!(s.volunteers[3].age, 61);
    assert_eq!(s.funds[1].remaining, 1);
    assert!(!s.residents[0].minor);
    assert_eq!(s.needs[0].risk, RiskTier::Key);
}

#[test]
fn an_edit_by_id_changes_the_match() {
    // the demo child is served by V3, the only vetted rehabilitation volunteer
    let mut s = demo::left_behind_child();
    s.volunteer_mut(VolunteerId(3)).expect("V3").vetting = Vetting::Pending;
    let plan = match_scenario(&s, &MatchPolicy::default(), StrategyKind::Greedy).expect("matches");
    assert!(plan.served.is_empty());
    assert_eq!(
        plan.unmet[0].to_string(),
        "N1 unmet: role 1: no eligible provider (not vetted: 2, missing a required skill: 1, vetting expires too soon: 1)"
    );
}

#[test]
fn a_repeated_id_finds_the_first_entry() {
    let mut s = demo::scarce_worker();
    let mut twin = s.needs[0].clone();
    twin.risk = RiskTier::Key;
    s.needs.push(twin);
    assert_eq!(s.need(NeedId(1)).map(|n| n.risk), Some(RiskTier::High));
    s.need_mut(NeedId(1)).expect("need").risk = RiskTier::General;
    assert_eq!(s.needs[0].risk, RiskTier::General);
    assert_eq!(s.needs[2].risk, RiskTier::Key);
}

// ----- errors -------------------------------------------------------------------------------

fn check(scenario: &Scenario, plan: &wushe::MatchPlan) -> wushe::Result<()> {
    check_plan(scenario, plan)?;
    Ok(())
}

#[test]
fn check_plan_failures_convert_with_question_mark() {
    let scenario = demo::scarce_worker();
    let mut plan =
        match_scenario(&scenario, &MatchPolicy::default(), StrategyKind::Greedy).expect("matches");
    assert!(check(&scenario, &plan).is_ok());
    plan.served.push(NeedId(2));
    plan.unmet.clear();
    plan.assignments.push(plan.assignments[0].clone());
    plan.assignments[1].need = NeedId(2);
    let err = check(&scenario, &plan).expect_err("breaks rules");
    let ErrorKind::Violations(violations) = err.kind() else {
        panic!("{err}");
    };
    assert!(
        violations
            .iter()
            .any(|v| matches!(v, Violation::CapacityExceeded { .. })),
        "{violations:?}"
    );
    let text = err.to_string();
    assert!(
        text.starts_with(&format!(
            "plan breaks {} hard constraint(s)\n",
            violations.len()
        )),
        "{text}"
    );
    assert!(text.contains("W1: uses 2 cases, only 1 free"), "{text}");
}

fn parse_all() -> wushe::Result<(Date, WeeklySlot, StrategyKind)> {
    Ok((
        "2026-11-30".parse()?,
        "sat_morning".parse()?,
        "stable".parse()?,
    ))
}

fn parse_date(text: &str) -> wushe::Result<Date> {
    Ok(text.parse()?)
}

fn parse_slot(text: &str) -> wushe::Result<WeeklySlot> {
    Ok(text.parse()?)
}

fn parse_strategy(text: &str) -> wushe::Result<StrategyKind> {
    Ok(text.parse()?)
}

#[test]
fn parse_errors_convert_with_question_mark() {
    assert!(parse_all().is_ok());
    let e = parse_date("2026-02-30").expect_err("no such day");
    assert!(matches!(e.kind(), ErrorKind::Date(_)), "{e}");
    let e = parse_slot("someday").expect_err("no such slot");
    assert!(matches!(e.kind(), ErrorKind::Slot(_)), "{e}");
    let e = parse_strategy("simplex").expect_err("no such strategy");
    assert!(matches!(e.kind(), ErrorKind::Strategy(_)), "{e}");
    assert!(e.to_string().contains("simplex"), "{e}");
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("wushe-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn file_errors_name_the_file() {
    let dir = temp_dir("file-errors");
    let missing = dir.join("no-such-scenario.json");
    let err = load_scenario_file(&missing).expect_err("missing");
    match err.kind() {
        ErrorKind::File { path, source } => {
            assert_eq!(path, &missing);
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("{other}"),
    }
    assert!(
        err.to_string().starts_with(&missing.display().to_string()),
        "{err}"
    );
    assert!(std::error::Error::source(&err).is_some());

    let unwritable = dir.join("no-such-dir").join("scenario.json");
    let err = save_scenario_file(&demo::scarce_worker(), &unwritable).expect_err("no dir");
    assert!(
        matches!(err.kind(), ErrorKind::File { path, .. } if *path == unwritable),
        "{err}"
    );

    let dimacs = dir.join("missing.min");
    let err = wushe::io::dimacs::read_path(&dimacs).expect_err("missing");
    assert!(err.to_string().contains("missing.min"), "{err}");

    // a directory opens but cannot be read as a file: the read error names it too
    let err = load_scenario_file(&dir).expect_err("a directory");
    assert!(
        matches!(err.kind(), ErrorKind::File { path, .. } if *path == dir),
        "{err}"
    );

    // content errors are not file errors
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{").expect("write");
    let err = load_scenario_file(&bad).expect_err("bad json");
    assert!(matches!(err.kind(), ErrorKind::Json(_)), "{err}");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn stream_errors_stay_plain_io() {
    struct Broken;
    impl std::io::Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("cable cut"))
        }
    }
    let err = wushe::io::json::load_scenario(Broken).expect_err("broken");
    assert!(matches!(err.kind(), ErrorKind::Io(_)), "{err}");
}
