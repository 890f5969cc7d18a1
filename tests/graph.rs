//! The linkage graph: road distances (against Floyd–Warshall), hierarchy, relations, and the
//! candidate components of a problem.

use std::collections::BTreeSet;

use proptest::prelude::*;
use wushe::graph::{DistanceSearch, LinkageGraph, Reach, SearchTargets};
use wushe::model::*;
use wushe::problem::candidate_components;
use wushe::problem::{CandidateEdge, Problem, ProblemNeed, ProblemProvider, ProblemRole, RoleKind};

use crate::support::rules_fixture as fx;

#[test]
fn road_distances_follow_shortest_paths() {
    let g = LinkageGraph::new(&fx::county());
    let d = |a, b| g.travel_distance_m(RegionId(a), RegionId(b));
    assert_eq!(d(10, 11), Some(1_000));
    assert_eq!(d(10, 12), Some(3_000));
    assert_eq!(d(12, 21), Some(14_500));
    assert_eq!(d(21, 12), Some(14_500), "roads are undirected");
    assert_eq!(d(1, 11), None, "the county has no road");
    assert_eq!(d(30, 11), None, "R30 has no road");
    assert_eq!(d(30, 30), Some(0), "d(x, x) = 0 even without roads");
    assert_eq!(d(99, 11), None, "unknown region");
}

#[test]
fn a_shorter_detour_beats_a_direct_road() {
    let mut s = fx::county();
    s.roads.push(Road {
        a: RegionId(12),
        b: RegionId(21),
        distance_m: 50_000,
    });
    s.roads.push(Road {
        a: RegionId(12),
        b: RegionId(20),
        distance_m: 4_000,
    });
    let g = LinkageGraph::new(&s);
    assert_eq!(g.travel_distance_m(RegionId(12), RegionId(21)), Some(5_500));
}

#[test]
fn distances_from_agrees_with_pairwise_queries() {
    let s = fx::county();
    let g = LinkageGraph::new(&s);
    for a in &s.regions {
        let table = g.distances_from(a.id);
        for b in &s.regions {
            assert_eq!(
                table.get(b.id),
                g.travel_distance_m(a.id, b.id),
                "{} {}",
                a.id,
                b.id
            );
        }
    }
}

#[test]
fn hierarchy_queries() {
    let g = LinkageGraph::new(&fx::county());
    assert!(g.is_within(RegionId(11), RegionId(1)));
    assert!(g.is_within(RegionId(11), RegionId(10)));
    assert!(g.is_within(RegionId(11), RegionId(11)));
    assert!(!g.is_within(RegionId(11), RegionId(20)));
    assert!(!g.is_within(RegionId(10), RegionId(11)));
    assert_eq!(g.township_of(RegionId(12)), Some(RegionId(10)));
    assert_eq!(g.township_of(RegionId(20)), Some(RegionId(20)));
    assert_eq!(g.township_of(RegionId(1)), None);
    assert_eq!(g.parent(RegionId(21)), Some(RegionId(20)));
    assert_eq!(g.level(RegionId(1)), Some(RegionLevel::County));
}

#[test]
fn a_cyclic_hierarchy_does_not_hang() {
    let mut s = fx::county();
    s.regions[0].parent = Some(RegionId(11));
    let g = LinkageGraph::new(&s);
    assert!(!g.is_within(RegionId(11), RegionId(99)));
    assert!(g.is_within(RegionId(1), RegionId(10)));
}

#[test]
fn party_relations() {
    let mut s = fx::county();
    let mut v = fx::volunteer(1, 12);
    v.organizations = BTreeSet::from([OrganizationId(2), OrganizationId(1)]);
    s.volunteers.push(v);
    s.workers.push(fx::worker(1, 10));
    s.organizations.push(fx::organization(1));
    let mut o2 = fx::organization(2);
    o2.serves = BTreeSet::from([RegionId(21)]);
    o2.categories = BTreeSet::from([Category::DisasterResponse]);
    s.organizations.push(o2);
    let mut f = fx::fund(1);
    f.earmark.regions = BTreeSet::from([RegionId(20)]);
    s.funds.push(f);
    let mut p = fx::resident(1, 11);
    p.prior_workers.insert(WorkerId(1));
    p.prior_volunteers.insert(VolunteerId(1));
    s.residents.push(p);
    let g = LinkageGraph::new(&s);

    assert_eq!(g.station_of(WorkerId(1)), Some(RegionId(10)));
    assert_eq!(g.home_of(VolunteerId(1)), Some(RegionId(12)));
    assert_eq!(g.residence_of(ResidentId(1)), Some(RegionId(11)));
    assert!(g.is_registered(VolunteerId(1), OrganizationId(2)));
    assert!(!g.is_registered(VolunteerId(1), OrganizationId(3)));
    assert_eq!(
        g.registrations(VolunteerId(1)),
        vec![OrganizationId(1), OrganizationId(2)]
    );
    assert!(
        g.serves(OrganizationId(1), RegionId(12)),
        "township covers its communities"
    );
    assert!(!g.serves(OrganizationId(1), RegionId(21)));
    assert!(g.serves(OrganizationId(2), RegionId(21)));
    assert!(g.delivers(OrganizationId(2), Category::DisasterResponse));
    assert!(!g.delivers(OrganizationId(2), Category::ElderlyCare));
    assert_eq!(g.administrator_of(FundId(1)), Some(OrganizationId(1)));
    assert!(g.earmarked_for(FundId(1), RegionId(21)));
    assert!(!g.earmarked_for(FundId(1), RegionId(11)));
    assert!(g.has_prior_worker(ResidentId(1), WorkerId(1)));
    assert!(!g.has_prior_worker(ResidentId(1), WorkerId(2)));
    assert!(g.has_prior_volunteer(ResidentId(1), VolunteerId(1)));
    assert_eq!(g.node_count(), 7 + 1 + 1 + 2 + 1 + 1);
}

/// Floyd–Warshall over `n` regions with undirected roads.
fn brute_distances(n: usize, roads: &[(usize, usize, u32)]) -> Vec<Vec<Option<u64>>> {
    let mut d = vec![vec![None; n]; n];
    for (i, row) in d.iter_mut().enumerate() {
        row[i] = Some(0u64);
    }
    for &(a, b, w) in roads {
        let w = u64::from(w);
        for (x, y) in [(a, b), (b, a)] {
            if d[x][y].is_none_or(|old| w < old) {
                d[x][y] = Some(w);
            }
        }
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if let (Some(a), Some(b)) = (d[i][k], d[k][j]) {
                    if d[i][j].is_none_or(|old| a + b < old) {
                        d[i][j] = Some(a + b);
                    }
                }
            }
        }
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn distances_match_floyd_warshall(
        n in 1usize..7,
        raw in proptest::collection::vec((0usize..7, 0usize..7, 0u32..5_000), 0..12),
    ) {
        let roads: Vec<(usize, usize, u32)> =
            raw.into_iter().map(|(a, b, w)| (a % n, b % n, w)).collect();
        let mut s = Scenario::new("random", fx::as_of());
        for i in 0..n {
            s.regions.push(Region {
                id: RegionId(100 + i as u32),
                name: format!("r{i}"),
                level: RegionLevel::Community,
                parent: None,
                location: Location::default(),
                population: 1,
            });
        }
        for &(a, b, w) in &roads {
            s.roads.push(Road { a: RegionId(100 + a as u32), b: RegionId(100 + b as u32), distance_m: w });
        }
        let g = LinkageGraph::new(&s);
        let expected = brute_distances(n, &roads);
        for (i, row) in expected.iter().enumerate() {
            for (j, &want) in row.iter().enumerate() {
                let got = g.travel_distance_m(RegionId(100 + i as u32), RegionId(100 + j as u32));
                prop_assert_eq!(got, want, "{} -> {}", i, j);
            }
        }
    }

    #[test]
    fn bounded_searches_agree_with_floyd_warshall(
        n in 1usize..7,
        raw in proptest::collection::vec((0usize..7, 0usize..7, 1u32..5_000), 0..12),
        bound in 0u64..12_000,
        target_mask in 0u8..128,
    ) {
        let roads: Vec<(usize, usize, u32)> =
            raw.into_iter().map(|(a, b, w)| (a % n, b % n, w)).collect();
        let mut s = Scenario::new("random", fx::as_of());
        for i in 0..n {
            s.regions.push(Region {
                id: RegionId(100 + i as u32),
                name: format!("r{i}"),
                level: RegionLevel::Community,
                parent: None,
                location: Location::default(),
                population: 1,
            });
        }
        for &(a, b, w) in &roads {
            s.roads.push(Road { a: RegionId(100 + a as u32), b: RegionId(100 + b as u32), distance_m: w });
        }
        let g = LinkageGraph::new(&s);
        let slot = |i: usize| g.region_slot(RegionId(100 + i as u32));
        let targets: Vec<usize> = (0..n).filter(|i| target_mask >> i & 1 == 1).collect();
        let search_targets = SearchTargets::new(g.region_slot_count(), targets.iter().map(|&t| slot(t)));
        let expected = brute_distances(n, &roads);
        let mut search = DistanceSearch::new();
        for (i, row) in expected.iter().enumerate() {
            g.search_within(RegionId(100 + i as u32), bound, &search_targets, &mut search);
            // every target is classified exactly: within the bound, beyond it, or unreachable
            for &t in &targets {
                let want = match row[t] {
                    Some(d) if d <= bound => Reach::Within(d),
                    Some(_) => Reach::Beyond,
                    None => Reach::Unreachable,
                };
                prop_assert_eq!(search.reach(slot(t)), want, "{} -> {} within {}", i, t, bound);
            }
        }
        prop_assert_eq!(search.reach(None), Reach::Unreachable);
    }
}

/// A problem with one role per need and the given (need, provider) edges.
fn single_role_problem(needs: usize, providers: usize, pairs: &[(usize, usize)]) -> Problem {
    let mut p = Problem::default();
    for i in 0..needs {
        p.needs.push(ProblemNeed {
            value: 10,
            rule: TeamRule::AllOrNothing,
            first_role: i as u32,
            role_count: 1,
        });
        p.roles.push(ProblemRole {
            need: i as u32,
            team_index: 0,
            kind: RoleKind::LeadWorker,
            demand: 1,
            optional: false,
        });
        p.need_ids.push(NeedId(i as u32));
    }
    for j in 0..providers {
        p.providers.push(ProblemProvider {
            capacity: 1,
            one_role_per_need: true,
        });
        p.provider_ids.push(ProviderId::Worker(WorkerId(j as u32)));
    }
    for &(i, j) in pairs {
        p.edges.push(CandidateEdge {
            role: i as u32,
            provider: j as u32,
            max_units: 1,
            usage_per_unit: 1,
            score_per_unit: 0,
        });
    }
    p.index_edges();
    p
}

#[test]
fn components_link_needs_through_shared_providers() {
    // needs 0 and 2 share provider 1; need 1 alone with provider 0; need 3 has no edge;
    // provider 2 has no edge.
    let p = single_role_problem(4, 3, &[(0, 1), (2, 1), (1, 0)]);
    p.validate().expect("valid");
    let c = candidate_components(&p);
    let parts: Vec<(Vec<u32>, Vec<u32>)> = c.into_iter().map(|c| (c.needs, c.providers)).collect();
    assert_eq!(
        parts,
        vec![(vec![0, 2], vec![1]), (vec![1], vec![0]), (vec![3], vec![]),]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn components_partition_needs_and_no_edge_crosses(
        needs in 1usize..7,
        providers in 1usize..7,
        raw in proptest::collection::vec((0usize..7, 0usize..7), 0..10),
    ) {
        let pairs: Vec<(usize, usize)> =
            raw.into_iter().map(|(i, j)| (i % needs, j % providers)).collect();
        let p = single_role_problem(needs, providers, &pairs);
        let comps = candidate_components(&p);
        let mut need_comp = vec![usize::MAX; needs];
        let mut provider_comp = vec![usize::MAX; providers];
        for (k, c) in comps.iter().enumerate() {
            prop_assert!(c.needs.windows(2).all(|w| w[0] < w[1]));
            for &i in &c.needs {
                prop_assert_eq!(need_comp[i as usize], usize::MAX);
                need_comp[i as usize] = k;
            }
            for &j in &c.providers {
                provider_comp[j as usize] = k;
            }
        }
        prop_assert!(need_comp.iter().all(|&k| k != usize::MAX));
        prop_assert!(comps.windows(2).all(|w| w[0].needs[0] < w[1].needs[0]));
        for &(i, j) in &pairs {
            prop_assert_eq!(need_comp[i], provider_comp[j]);
        }
        // connectivity: the number of components equals what a brute-force flood fill finds
        let mut label: Vec<usize> = (0..needs + providers).collect();
        for _ in 0..needs + providers {
            for &(i, j) in &pairs {
                let m = label[i].min(label[needs + j]);
                label[i] = m;
                label[needs + j] = m;
            }
        }
        let distinct: BTreeSet<usize> = (0..needs).map(|i| label[i]).collect();
        prop_assert_eq!(distinct.len(), comps.len());
    }
}
