//! The level that met each served need ([`ServiceLevel`]): the highest level among the persons
//! and organization of its team.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::graph::LinkageGraph;
use crate::model::{NeedId, ProviderId, RegionId, Scenario};
use crate::rules::ServiceLevel;

use super::match_plan::Assignment;

/// The level that met one served need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeedLevel {
    /// The need.
    pub need: NeedId,
    /// The highest level among its team's persons and organization (`Community` when only
    /// material serves it).
    pub level: ServiceLevel,
}

/// The level of every served need of `assignments`, sorted by need; providers or needs the
/// scenario does not know are skipped.
pub(crate) fn need_levels(
    scenario: &Scenario,
    graph: &LinkageGraph,
    assignments: &[Assignment],
    served: &[NeedId],
) -> Vec<NeedLevel> {
    let community: HashMap<NeedId, RegionId> = {
        let residents: HashMap<_, _> = scenario
            .residents
            .iter()
            .map(|r| (r.id, r.community))
            .collect();
        scenario
            .needs
            .iter()
            .filter_map(|n| Some((n.id, *residents.get(&n.resident)?)))
            .collect()
    };
    let workers: HashMap<_, _> = scenario.workers.iter().map(|w| (w.id, w)).collect();
    let volunteers: HashMap<_, _> = scenario.volunteers.iter().map(|v| (v.id, v)).collect();
    let organizations: HashMap<_, _> = scenario.organizations.iter().map(|o| (o.id, o)).collect();
    let mut level: BTreeMap<NeedId, ServiceLevel> = served
        .iter()
        .map(|&n| (n, ServiceLevel::Community))
        .collect();
    for a in assignments {
        let (Some(&c), Some(current)) = (community.get(&a.need), level.get_mut(&a.need)) else {
            continue;
        };
        let of = match a.provider {
            ProviderId::Worker(id) => workers
                .get(&id)
                .map(|w| ServiceLevel::of_worker(w, c, graph)),
            ProviderId::Volunteer(id) => volunteers
                .get(&id)
                .map(|v| ServiceLevel::of_volunteer(v, c, graph)),
            ProviderId::Organization(id) => organizations
                .get(&id)
                .map(|o| ServiceLevel::of_organization(o, c, graph)),
            ProviderId::Fund(_) => None,
        };
        if let Some(l) = of {
            *current = (*current).max(l);
        }
    }
    level
        .into_iter()
        .map(|(need, level)| NeedLevel { need, level })
        .collect()
}
