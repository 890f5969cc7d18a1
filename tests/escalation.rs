//! Escalation: a role is met from the township's or the county's pool only when no provider
//! of a lower level was free to fill it, and the plan records the level of every served need.

use std::collections::{BTreeSet, HashMap};

use wushe::model::{ProviderId, Scenario};
use wushe::plan::check_plan;
use wushe::problem::compile;
use wushe::rules::{MatchPolicy, ServiceLevel};
use wushe::sim::CountyConfig;
use wushe::solve::StrategyKind;

fn county(seed: u64) -> Scenario {
    CountyConfig::default()
        .with_seed(seed)
        .with_townships(4)
        .with_communities(24)
        .with_volunteers(160)
        .with_needs(240)
        .generate()
}

/// The level of a provider for a need in `community` (`None` for funds).
fn level_of(
    s: &Scenario,
    graph: &wushe::graph::LinkageGraph,
    p: ProviderId,
    community: wushe::model::RegionId,
) -> Option<ServiceLevel> {
    match p {
        ProviderId::Worker(id) => s
            .worker(id)
            .map(|w| ServiceLevel::of_worker(w, community, graph)),
        ProviderId::Volunteer(id) => s
            .volunteer(id)
            .map(|v| ServiceLevel::of_volunteer(v, community, graph)),
        ProviderId::Organization(id) => s
            .organization(id)
            .map(|o| ServiceLevel::of_organization(o, community, graph)),
        ProviderId::Fund(_) => None,
    }
}

#[test]
fn higher_levels_are_used_only_when_lower_levels_are_full() {
    let policy = MatchPolicy::default();
    let mut escalated = 0;
    for seed in [1, 2, 3] {
        let s = county(seed);
        let compiled = compile(&s, &policy).expect("compiles");
        let p = compiled.problem();
        for kind in [
            StrategyKind::Decomposition,
            StrategyKind::BranchAndBound,
            StrategyKind::Greedy,
        ] {
            let solution = kind.build().solve(p).expect("solves");
            let plan = compiled.plan(&solution, kind.name());
            assert_eq!(check_plan(&s, &plan), Ok(()));
            let mut used = vec![0i64; p.providers.len()];
            let mut in_need: BTreeSet<(u32, u32)> = BTreeSet::new();
            for u in &solution.uses {
                let e = &p.edges[u.edge as usize];
                used[e.provider as usize] += u.units * e.usage_per_unit;
                in_need.insert((p.roles[e.role as usize].need, e.provider));
            }
            for u in &solution.uses {
                let e = &p.edges[u.edge as usize];
                let need = p.roles[e.role as usize].need;
                let community = compiled
                    .need_facts(need as usize)
                    .expect("need")
                    .community();
                let graph = compiled.graph();
                let Some(level) =
                    level_of(&s, graph, p.provider_ids[e.provider as usize], community)
                else {
                    continue;
                };
                if level == ServiceLevel::Community {
                    continue;
                }
                escalated += 1;
                for other in p.role_edges(e.role as usize) {
                    let q = other.provider as usize;
                    let free = p.providers[q].capacity - used[q];
                    let lower = level_of(&s, graph, p.provider_ids[q], community)
                        .is_some_and(|l| l < level);
                    assert!(
                        !(lower
                            && free >= other.usage_per_unit
                            && !in_need.contains(&(need, other.provider))),
                        "{kind:?} seed {seed}: need {} met at {level} while {} of a lower level had {free} free",
                        p.need_ids[need as usize],
                        p.provider_ids[q]
                    );
                }
            }
            // the plan's levels: one per served need, the highest of its team
            assert_eq!(plan.levels.len(), plan.served.len());
            let mut highest: HashMap<_, ServiceLevel> = HashMap::new();
            for a in &plan.assignments {
                let community = s
                    .resident(s.need(a.need).expect("need").resident)
                    .expect("resident")
                    .community;
                if let Some(l) = level_of(&s, compiled.graph(), a.provider, community) {
                    let h = highest.entry(a.need).or_insert(ServiceLevel::Community);
                    *h = (*h).max(l);
                }
            }
            for l in &plan.levels {
                let expected = highest
                    .get(&l.need)
                    .copied()
                    .unwrap_or(ServiceLevel::Community);
                assert_eq!(l.level, expected, "{kind:?}: need {}", l.need);
            }
        }
    }
    assert!(
        escalated > 0,
        "the counties escalate some roles, else the test shows nothing"
    );
}
