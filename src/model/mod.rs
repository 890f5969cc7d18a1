//! The domain model: typed ids, the five parties, residents and needs, scenarios and their
//! validation. No algorithms live here.
//!
//! | entity | type |
//! |---|---|
//! | county / township (station) / community | [`Region`] |
//! | social organization | [`SocialOrganization`] |
//! | social worker | [`SocialWorker`] |
//! | volunteer | [`Volunteer`] |
//! | charity resource (money or goods) | [`CharityResource`] |
//! | resident | [`Resident`] |
//! | need with the team it requires | [`Need`], [`Team`], [`Role`] |
//! | a pairing already in place | [`OngoingAssignment`] |

mod builders;
mod date;
mod ids;
mod index;
mod limits;
mod ongoing;
mod parties;
pub(crate) mod redact;
mod region;
mod resident;
mod scenario;
mod validate;
mod vocabulary;

pub use date::{Date, DateParseError};
pub use ids::{
    FundId, NeedId, OrganizationId, ProviderId, RegionId, ResidentId, VolunteerId, WorkerId,
};
pub use index::ScenarioIndex;
pub use limits::Limits;
pub use ongoing::OngoingAssignment;
pub use parties::{CharityResource, Earmark, SocialOrganization, SocialWorker, Vetting, Volunteer};
pub use region::{Location, Region, RegionLevel, Road};
pub use resident::{DateWindow, Need, Resident, Role, RoleSpec, Team, TeamRule};
pub use scenario::{
    OLDEST_SCENARIO_VERSION, SCENARIO_FORMAT, SCENARIO_VERSION, Scenario, ScenarioBuilder,
};
pub use validate::{EntityRef, IssueKind, ValidationIssue, ValidationReport};
pub use vocabulary::{
    AbilityLevel, BeneficiaryGroup, Category, ChildCause, DayPart, GoodsItem, Licence,
    ResourceKind, RiskTier, Service, Skill, SlotParseError, Vulnerability, Weekday, WeeklySlot,
    WeeklySlots,
};
