//! The providing parties of the five-party linkage: social organizations, social workers,
//! volunteers and charity resources (communities are [`super::Region`]s).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::ids::{FundId, OrganizationId, RegionId, ResidentId, VolunteerId, WorkerId};
use super::vocabulary::{
    BeneficiaryGroup, Category, Licence, ResourceKind, Service, Skill, WeeklySlots,
};

/// A social organization (社会组织) that delivers services.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SocialOrganization {
    /// Id.
    pub id: OrganizationId,
    /// Display name (free text: redacted in `Debug`, never quoted by an error).
    pub name: String,
    /// Service categories it delivers.
    pub categories: BTreeSet<Category>,
    /// Concurrent cases it can run.
    pub case_capacity: u32,
    /// Cases it runs now (≤ `case_capacity`).
    pub active_cases: u32,
    /// Regions it serves; a township or county covers every community below it.
    pub serves: BTreeSet<RegionId>,
    /// Named services it offers beyond its categories (care training, home-safety
    /// modification...), for [`crate::model::RoleSpec::Service`] roles.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub services: BTreeSet<Service>,
}

super::redact::redacted_debug!(SocialOrganization { id, categories, case_capacity, active_cases, serves, services } redact { name });

/// Safeguarding vetting (criminal-record check, Minors Protection Law 2021).
///
/// Anything other than a check passed and valid through the end of a service window is treated
/// as *not vetted* (fail closed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Vetting {
    /// No check on record, or the result is unknown.
    Unknown,
    /// Check requested, no result yet.
    Pending,
    /// Check failed.
    Failed,
    /// Check passed; valid up to and including `expires`.
    Passed {
        /// Last day the check is valid.
        expires: Date,
    },
}

impl Vetting {
    /// A check passed and valid up to and including `expires`.
    pub const fn passed(expires: Date) -> Vetting {
        Vetting::Passed { expires }
    }

    /// Whether the vetting is valid on every day up to and including `through`.
    pub fn valid_through(self, through: Date) -> bool {
        matches!(self, Vetting::Passed { expires } if expires >= through)
    }
}

impl std::fmt::Display for Vetting {
    /// `unknown`, `pending`, `failed`, or `passed, valid through 2027-06-30`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Vetting::Unknown => f.write_str("unknown"),
            Vetting::Pending => f.write_str("pending"),
            Vetting::Failed => f.write_str("failed"),
            Vetting::Passed { expires } => write!(f, "passed, valid through {expires}"),
        }
    }
}

/// A social worker (社会工作者) based at a township station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SocialWorker {
    /// Id.
    pub id: WorkerId,
    /// Home station: a township region.
    pub station: RegionId,
    /// Licence level.
    pub licence: Licence,
    /// Service categories of specialisation.
    pub specialties: BTreeSet<Category>,
    /// Maximum concurrent cases.
    pub caseload_capacity: u32,
    /// Cases carried now (≤ `caseload_capacity`).
    pub current_load: u32,
    /// Farthest travel distance from the station, metres.
    pub travel_radius_m: u32,
    /// Safeguarding vetting (required for cases of minors).
    pub vetting: Vetting,
    /// The senior worker who mentors this one (the source article's 传帮带 "3+3" pairing
    /// of professional and local workers): with the mentor attached as supervisor, this
    /// worker may lead a case that asks for a higher licence than their own (see
    /// `docs/rules.md`, supervision). One mentor per worker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor: Option<WorkerId>,
    /// Cases this worker can supervise at once as a mentor (0: supervises none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub supervision_capacity: u32,
    /// Cases supervised now (≤ `supervision_capacity`), ongoing supervised cases included.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub supervising: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A community volunteer (社区志愿者).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Volunteer {
    /// Id.
    pub id: VolunteerId,
    /// Home community.
    pub community: RegionId,
    /// Age in years (art. 15: tasks must fit the volunteer's age).
    pub age: u8,
    /// Skills (certified where the skill requires it, art. 16).
    pub skills: BTreeSet<Skill>,
    /// Weekly slots the volunteer can serve in.
    pub availability: WeeklySlots,
    /// Minutes per week the volunteer can give in total.
    pub weekly_minutes: u32,
    /// Minutes per week already committed.
    pub committed_minutes: u32,
    /// Safeguarding vetting.
    pub vetting: Vetting,
    /// Accident insurance valid through this day, if any (art. 17: risky tasks need it).
    pub insured_until: Option<Date>,
    /// Farthest travel distance from home, metres.
    pub travel_radius_m: u32,
    /// Organizations the volunteer is registered with.
    pub organizations: BTreeSet<OrganizationId>,
}

/// Where charity money or goods may go (Charity Law art. 55: used as the donation agreement
/// says). An empty set means "no restriction" on that axis.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Earmark {
    /// Allowed service categories.
    #[serde(default)]
    pub categories: BTreeSet<Category>,
    /// Allowed regions; a township or county covers every community below it.
    #[serde(default)]
    pub regions: BTreeSet<RegionId>,
    /// Allowed beneficiary groups (the resident must belong to at least one).
    #[serde(default)]
    pub groups: BTreeSet<BeneficiaryGroup>,
}

/// A social charity resource (社会慈善资源): a fund or a stock of goods.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CharityResource {
    /// Id.
    pub id: FundId,
    /// Display name (free text: redacted in `Debug`, never quoted by an error).
    pub name: String,
    /// Money (fen) or goods (units).
    pub kind: ResourceKind,
    /// Amount left: fen for money, units for goods.
    pub remaining: i64,
    /// Donor restrictions.
    pub earmark: Earmark,
    /// First day the resource may be spent.
    pub valid_from: Date,
    /// Last day the resource may be spent.
    pub valid_until: Date,
    /// Organization administering it.
    pub administered_by: OrganizationId,
    /// Residents related to the managers, who may not benefit (Charity Law art. 58).
    #[serde(default)]
    pub related_parties: BTreeSet<ResidentId>,
}

super::redact::redacted_debug!(CharityResource { id, kind, remaining, earmark, valid_from, valid_until, administered_by, related_parties } redact { name });
