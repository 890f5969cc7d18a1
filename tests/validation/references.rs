//! Dangling references, region levels and hierarchy cycles.

use super::*;

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

/// Regions on a cycle by brute force: walk up to `n` parents from each region and see whether
/// the walk comes back (ids resolve to the first region with that id).
fn brute_cycle_members(regions: &[wushe::model::Region]) -> Vec<RegionId> {
    let first = |id: RegionId| regions.iter().position(|r| r.id == id);
    let next = |i: usize| regions[i].parent.and_then(first);
    let mut members = Vec::new();
    for i in 0..regions.len() {
        let mut current = next(i);
        for _ in 0..regions.len() {
            match current {
                Some(c) if c == i => {
                    members.push(regions[i].id);
                    break;
                }
                Some(c) => current = next(c),
                None => break,
            }
        }
    }
    members
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Random levels and parents over few ids (so duplicates, dangling parents, self-loops and
    /// cycles of every length occur): the regions reported on a cycle are exactly those found
    /// by brute force, in input order, and validation never panics.
    #[test]
    fn cycle_search_matches_brute_force(
        draws in prop::collection::vec((0u32..8, 0u8..3, prop::option::of(0u32..9)), 1..10),
    ) {
        let mut s = small_valid_scenario();
        s.regions = draws
            .iter()
            .map(|&(id, level, parent)| wushe::model::Region {
                id: RegionId(id),
                name: String::new(),
                level: [RegionLevel::County, RegionLevel::Township, RegionLevel::Community]
                    [usize::from(level)],
                parent: parent.map(RegionId),
                location: wushe::model::Location::default(),
                population: 0,
            })
            .collect();
        let reported: Vec<RegionId> = issues(&s)
            .into_iter()
            .filter(|i| i.kind == IssueKind::HierarchyCycle)
            .map(|i| match i.entity {
                EntityRef::Region(id) => id,
                other => panic!("cycle on {other}"),
            })
            .collect();
        prop_assert_eq!(reported, brute_cycle_members(&s.regions));
    }
}
