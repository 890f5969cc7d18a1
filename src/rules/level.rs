//! Service levels: the community's own pool, its township's, then the county's.
//!
//! The source article describes a service system of three to four levels reaching the "last
//! metre": the county, the township social-work station, the village or residential community.
//! A need is met first from what its own community has on hand — its own volunteers, and the
//! workers of its township's station (the station is the community's first line for social
//! workers: none sit lower) — then from its township's pool (volunteers of the township's other
//! communities), then from the county's (workers of other stations, volunteers of other
//! townships). Each level above the first costs coordination points
//! ([`crate::MatchPolicy::township_coordination`], [`crate::MatchPolicy::county_coordination`])
//! on top of the travel term, so a plan escalates a role only when its own level cannot fill it.
//! Organizations are levelled by the regions they serve; material is not levelled (money does
//! not travel, and earmarks already say where it may go).

use serde::{Deserialize, Serialize};

use crate::graph::LinkageGraph;
use crate::model::{RegionId, SocialOrganization, SocialWorker, Volunteer};

words! {
    ServiceLevel {
        Community => "community", "community";
        Township => "township", "township";
        County => "county", "county";
    }
}

/// Where a provider comes from, seen from the community of the need it serves (ordered:
/// `Community < Township < County`).
///
/// # Example
/// ```
/// use wushe::rules::ServiceLevel;
/// assert!(ServiceLevel::Community < ServiceLevel::County);
/// assert_eq!(ServiceLevel::Township.to_string(), "township");
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ServiceLevel {
    /// The community's own pool: its volunteers, its township station's workers, an
    /// organization serving the community itself.
    #[default]
    Community,
    /// The township's pool: a volunteer of another community of the township, an
    /// organization serving the township.
    Township,
    /// The county's pool: anyone else.
    County,
}

impl ServiceLevel {
    /// All levels, lowest first.
    pub const ALL: [ServiceLevel; 3] = [
        ServiceLevel::Community,
        ServiceLevel::Township,
        ServiceLevel::County,
    ];

    /// The position in [`ServiceLevel::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// A worker's level for a need in `community`: its station is the community's township →
    /// `Community`, else `County`.
    pub fn of_worker(worker: &SocialWorker, community: RegionId, graph: &LinkageGraph) -> Self {
        if graph.township_of(community) == Some(worker.station) {
            ServiceLevel::Community
        } else {
            ServiceLevel::County
        }
    }

    /// A volunteer's level for a need in `community`: same community, same township, or not.
    pub fn of_volunteer(volunteer: &Volunteer, community: RegionId, graph: &LinkageGraph) -> Self {
        if volunteer.community == community {
            ServiceLevel::Community
        } else if graph.township_of(volunteer.community).is_some()
            && graph.township_of(volunteer.community) == graph.township_of(community)
        {
            ServiceLevel::Township
        } else {
            ServiceLevel::County
        }
    }

    /// An organization's level for a need in `community`: it serves the community itself, its
    /// township, or only wider areas.
    pub fn of_organization(
        organization: &SocialOrganization,
        community: RegionId,
        graph: &LinkageGraph,
    ) -> Self {
        if organization.serves.contains(&community) {
            ServiceLevel::Community
        } else if graph
            .township_of(community)
            .is_some_and(|t| organization.serves.contains(&t))
        {
            ServiceLevel::Township
        } else {
            ServiceLevel::County
        }
    }
}
