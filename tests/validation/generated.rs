//! Generated scenarios: they validate, every corruption of them is reported, and they vary.

use super::*;

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
        EntityRef::Ongoing(_) => 9,
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
                    RoleSpec::Service { .. } => mark("service", true),
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

#[test]
fn default_generated_county_validates() {
    let s = wushe::sim::default_county();
    assert!(
        s.needs.len() >= 1_000,
        "the default county is the full-size one"
    );
    assert_eq!(issues(&s), Vec::new());
}

#[test]
fn generated_counties_of_several_shapes_and_seeds_validate() {
    let shapes = [(1, 1, 0, 1, 1), (3, 20, 100, 2, 150), (5, 40, 300, 6, 400)];
    for seed in 0..4u64 {
        for (townships, communities, volunteers, organizations, needs) in shapes {
            let s = wushe::sim::CountyConfig::default()
                .with_seed(seed)
                .with_townships(townships)
                .with_communities(communities)
                .with_volunteers(volunteers)
                .with_organizations(organizations)
                .with_needs(needs)
                .generate();
            let found = issues(&s);
            assert!(
                found.is_empty(),
                "seed {seed}, {townships} townships: {found:?}"
            );
        }
    }
}

#[test]
fn default_generated_county_round_trips_through_json() {
    let s = wushe::sim::default_county();
    let text = wushe::io::json::scenario_to_string(&s).expect("serializes");
    let loaded = wushe::io::json::load_scenario_from_slice(text.as_bytes()).expect("loads");
    assert_eq!(loaded, s);
}

#[test]
fn generated_county_without_organizations_validates() {
    let s = wushe::sim::CountyConfig::default()
        .with_organizations(0)
        .with_needs(50)
        .generate();
    assert_eq!(issues(&s), Vec::new());
}
