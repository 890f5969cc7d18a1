//! A scenario: everything the engine knows about one county at one date.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::ids::{FundId, NeedId, OrganizationId, RegionId, ResidentId, VolunteerId, WorkerId};
use super::ongoing::OngoingAssignment;
use super::parties::{CharityResource, SocialOrganization, SocialWorker, Volunteer};
use super::region::{Region, Road};
use super::resident::{Need, Resident};

/// The scenario file format version this crate writes: 3, which added supervision (a
/// worker's `mentor`, `supervision_capacity` and `supervising`, an ongoing assignment's
/// `supervisor`); version 2 added [`Scenario::ongoing`].
pub const SCENARIO_VERSION: u32 = 3;

/// The oldest scenario file format version this crate reads. Every version-1 and version-2
/// file means the same under version 3 (each later version only added optional fields), so
/// it is read as it is; a version-1 scenario may not list ongoing assignments, and one of
/// version 1 or 2 may not use the supervision fields.
pub const OLDEST_SCENARIO_VERSION: u32 = 1;

/// The value of the `format` field of every scenario file.
pub const SCENARIO_FORMAT: &str = "wushe-scenario";

/// Everything the engine knows about one county at one date: the five parties, the residents
/// and their needs.
///
/// Entities are kept in `Vec`s in the order given; ids must be unique per kind (checked by
/// [`Scenario::validate`]). Build one in code with [`super::ScenarioBuilder`], or load one
/// with [`crate::io::json::load_scenario`]. Look an entity up by id with [`Scenario::need`],
/// [`Scenario::volunteer`]... and edit it in place with [`Scenario::need_mut`],
/// [`Scenario::volunteer_mut`]...
///
/// # Example
/// ```
/// use wushe::model::{NeedId, RiskTier, VolunteerId};
/// # fn main() -> Result<(), wushe::Error> {
/// let mut scenario = wushe::demo::left_behind_child();
/// if let Some(v) = scenario.volunteer_mut(VolunteerId(3)) {
///     v.weekly_minutes = 60; // less than the 120 minutes the child's need asks for
/// }
/// assert_eq!(scenario.need(NeedId(1)).map(|n| n.risk), Some(RiskTier::High));
/// scenario.validate()?;
/// # Ok(()) }
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Always [`SCENARIO_FORMAT`].
    pub format: String,
    /// File format version: [`OLDEST_SCENARIO_VERSION`] to [`SCENARIO_VERSION`].
    pub version: u32,
    /// Human-readable name (free text: redacted in `Debug`, never quoted by an error).
    pub name: String,
    /// The date of the snapshot: vetting, insurance and fund validity are judged against the
    /// need windows, and this is "today".
    pub as_of: Date,
    /// Regions: county, townships (stations) and communities.
    pub regions: Vec<Region>,
    /// Roads between townships and communities, for travel distances.
    #[serde(default)]
    pub roads: Vec<Road>,
    /// Social organizations.
    #[serde(default)]
    pub organizations: Vec<SocialOrganization>,
    /// Social workers.
    #[serde(default)]
    pub workers: Vec<SocialWorker>,
    /// Volunteers.
    #[serde(default)]
    pub volunteers: Vec<Volunteer>,
    /// Charity resources (funds and goods).
    #[serde(default)]
    pub funds: Vec<CharityResource>,
    /// Residents.
    #[serde(default)]
    pub residents: Vec<Resident>,
    /// Needs to match.
    #[serde(default)]
    pub needs: Vec<Need>,
    /// Pairings already in place (cases that continue); the providers' loads and the funds'
    /// balances above already include them (see [`OngoingAssignment`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ongoing: Vec<OngoingAssignment>,
}

super::redact::redacted_debug!(Scenario {
    format, version, as_of, regions, roads, organizations, workers, volunteers, funds,
    residents, needs, ongoing,
} redact { name });

impl Scenario {
    /// An empty scenario of the current version.
    pub fn new(name: impl Into<String>, as_of: Date) -> Self {
        Scenario {
            format: SCENARIO_FORMAT.to_owned(),
            version: SCENARIO_VERSION,
            name: name.into(),
            as_of,
            regions: Vec::new(),
            roads: Vec::new(),
            organizations: Vec::new(),
            workers: Vec::new(),
            volunteers: Vec::new(),
            funds: Vec::new(),
            residents: Vec::new(),
            needs: Vec::new(),
            ongoing: Vec::new(),
        }
    }
}

/// Immutable and mutable lookups by id, one pair per entity kind.
macro_rules! lookups {
    ($($field:ident: $ty:ty, $id:ty => $get:ident, $get_mut:ident;)*) => {
        impl Scenario {
            $(
                #[doc = concat!("The entry of `", stringify!($field), "` with this id (the first,")]
                #[doc = "should an invalid scenario repeat it). A linear scan: for many lookups"]
                #[doc = "build a [`super::ScenarioIndex`] once."]
                pub fn $get(&self, id: $id) -> Option<&$ty> {
                    self.$field.iter().find(|e| e.id == id)
                }

                #[doc = concat!("The entry of `", stringify!($field), "` with this id, to edit")]
                #[doc = concat!("in place (see [`Scenario::", stringify!($get), "`]). Edits are")]
                #[doc = "validated when the scenario is next compiled or validated."]
                pub fn $get_mut(&mut self, id: $id) -> Option<&mut $ty> {
                    self.$field.iter_mut().find(|e| e.id == id)
                }
            )*
        }
    };
}

lookups! {
    regions: Region, RegionId => region, region_mut;
    organizations: SocialOrganization, OrganizationId => organization, organization_mut;
    workers: SocialWorker, WorkerId => worker, worker_mut;
    volunteers: Volunteer, VolunteerId => volunteer, volunteer_mut;
    funds: CharityResource, FundId => fund, fund_mut;
    residents: Resident, ResidentId => resident, resident_mut;
    needs: Need, NeedId => need, need_mut;
}

/// Builds a [`Scenario`] in code and validates it once at the end.
///
/// # Example
/// ```
/// use wushe::model::*;
/// # fn main() -> Result<(), wushe::Error> {
/// let today = Date::from_ymd(2026, 11, 28).expect("valid date");
/// let scenario = ScenarioBuilder::new("tiny", today)
///     .region(Region {
///         id: RegionId(1),
///         name: "County".into(),
///         level: RegionLevel::County,
///         parent: None,
///         location: Location::default(),
///         population: 1000,
///     })
///     .build()?;
/// assert_eq!(scenario.regions.len(), 1);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct ScenarioBuilder {
    scenario: Scenario,
}

impl ScenarioBuilder {
    /// Starts an empty scenario named `name` as of `as_of`.
    pub fn new(name: impl Into<String>, as_of: Date) -> Self {
        ScenarioBuilder {
            scenario: Scenario::new(name, as_of),
        }
    }

    /// Adds a region.
    pub fn region(mut self, region: Region) -> Self {
        self.scenario.regions.push(region);
        self
    }

    /// Adds a road.
    pub fn road(mut self, road: Road) -> Self {
        self.scenario.roads.push(road);
        self
    }

    /// Adds a social organization.
    pub fn organization(mut self, organization: SocialOrganization) -> Self {
        self.scenario.organizations.push(organization);
        self
    }

    /// Adds a social worker.
    pub fn worker(mut self, worker: SocialWorker) -> Self {
        self.scenario.workers.push(worker);
        self
    }

    /// Adds a volunteer.
    pub fn volunteer(mut self, volunteer: Volunteer) -> Self {
        self.scenario.volunteers.push(volunteer);
        self
    }

    /// Adds a charity resource.
    pub fn fund(mut self, fund: CharityResource) -> Self {
        self.scenario.funds.push(fund);
        self
    }

    /// Adds a resident.
    pub fn resident(mut self, resident: Resident) -> Self {
        self.scenario.residents.push(resident);
        self
    }

    /// Adds a need.
    pub fn need(mut self, need: Need) -> Self {
        self.scenario.needs.push(need);
        self
    }

    /// The scenario so far, unvalidated.
    pub fn peek(&self) -> &Scenario {
        &self.scenario
    }

    /// Validates and returns the scenario.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Validation`] listing every problem found.
    pub fn build(self) -> crate::Result<Scenario> {
        self.scenario.validate()?;
        Ok(self.scenario)
    }
}
