//! Residents and their needs: the demand side.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::ids::{NeedId, RegionId, ResidentId, VolunteerId, WorkerId};
use super::vocabulary::{
    BeneficiaryGroup, Category, Licence, ResourceKind, RiskTier, Service, Skill, Vulnerability,
    WeeklySlots,
};

/// A resident, known only by a pseudonymous id and the facts eligibility needs (PIPL art. 28).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resident {
    /// Id.
    pub id: ResidentId,
    /// Community of residence.
    pub community: RegionId,
    /// Under 18: every service to a minor requires vetted people. A child-group
    /// vulnerability implies the same rules whatever this says
    /// ([`Resident::minor_rules_apply`]).
    pub minor: bool,
    /// Vulnerability groups.
    #[serde(default)]
    pub vulnerabilities: BTreeSet<Vulnerability>,
    /// Workers who served this resident before (continuity of care).
    #[serde(default)]
    pub prior_workers: BTreeSet<WorkerId>,
    /// Volunteers who served this resident before (continuity of care).
    #[serde(default)]
    pub prior_volunteers: BTreeSet<VolunteerId>,
}

impl Resident {
    /// Whether the rules for minors apply: the resident is flagged `minor`, **or** belongs to
    /// a child group (left-behind child, child in difficulty). The child-group flags fail
    /// closed: a record saying `minor: false` next to a child-group flag is inconsistent, and
    /// the safer reading wins, so every person serving the resident must be vetted.
    ///
    /// ```
    /// use std::collections::BTreeSet;
    /// use wushe::model::{RegionId, Resident, ResidentId, Vulnerability};
    /// let resident = Resident {
    ///     id: ResidentId(1),
    ///     community: RegionId(3),
    ///     minor: false,
    ///     vulnerabilities: BTreeSet::from([Vulnerability::LeftBehindChild]),
    ///     prior_workers: BTreeSet::new(),
    ///     prior_volunteers: BTreeSet::new(),
    /// };
    /// assert!(resident.minor_rules_apply());
    /// ```
    pub fn minor_rules_apply(&self) -> bool {
        self.minor
            || self.vulnerabilities.iter().any(|v| {
                matches!(
                    v,
                    Vulnerability::LeftBehindChild | Vulnerability::ChildInDifficulty { .. }
                )
            })
    }

    /// Beneficiary groups of this resident, from its vulnerabilities.
    pub fn groups(&self) -> BTreeSet<BeneficiaryGroup> {
        self.vulnerabilities.iter().map(|v| v.group()).collect()
    }
}

/// A closed range of days `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateWindow {
    /// First day.
    pub start: Date,
    /// Last day (≥ `start`).
    pub end: Date,
}

/// How the roles of a team decide whether the need is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamRule {
    /// Served only when every role is completely filled; otherwise nothing is assigned.
    #[default]
    AllOrNothing,
    /// Served when every core (non-optional) role is filled; optional roles add value when
    /// filled, fully or in part.
    CoreThenOptional,
}

/// What a role of a team asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RoleSpec {
    /// One lead social worker of at least `min_licence`.
    LeadWorker {
        /// Lowest acceptable licence.
        min_licence: Licence,
    },
    /// `count` volunteers, each with all `skills`, giving `weekly_minutes` each.
    Volunteers {
        /// How many volunteers.
        count: u32,
        /// Skills each volunteer must have.
        #[serde(default)]
        skills: BTreeSet<Skill>,
        /// Minutes per week from each volunteer.
        weekly_minutes: u32,
        /// Risky task (heights, water, heavy lifting): accident insurance required (art. 17).
        #[serde(default)]
        risky: bool,
        /// Minimum volunteer age, if the task requires one.
        #[serde(default)]
        min_age: Option<u8>,
    },
    /// A social organization delivering the service (its categories must include one of the
    /// need's).
    Organization,
    /// A social organization delivering a named service, whatever the need's categories
    /// (care training for a family carer, a home-safety modification...): it must offer the
    /// service and serve the community.
    Service {
        /// The service asked for.
        service: Service,
    },
    /// Money (fen) or goods (units); may be drawn from several resources.
    Material {
        /// Money or which goods.
        kind: ResourceKind,
        /// Amount: fen or units.
        amount: i64,
    },
}

impl RoleSpec {
    /// The named service of a [`RoleSpec::Service`] role.
    pub fn service(&self) -> Option<Service> {
        match self {
            RoleSpec::Service { service } => Some(*service),
            _ => None,
        }
    }
}

/// A role of a team, core or optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// What the role asks for.
    pub spec: RoleSpec,
    /// Optional roles matter only under [`TeamRule::CoreThenOptional`].
    #[serde(default)]
    pub optional: bool,
}

/// The team a need requires ("material + service").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// How roles decide service.
    #[serde(default)]
    pub rule: TeamRule,
    /// The roles, in the order they are listed (role indices in plans refer to this order).
    pub roles: Vec<Role>,
}

/// A need of a resident: the unit the engine matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    /// Id.
    pub id: NeedId,
    /// The resident in need.
    pub resident: ResidentId,
    /// Service category (the main one).
    pub category: Category,
    /// Further categories of the same case (child protection and disability support for a
    /// disabled child): an organization or an earmark of any of the need's categories fits,
    /// and skills and specialties count for any of them.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub also: BTreeSet<Category>,
    /// Risk tier.
    pub risk: RiskTier,
    /// Days over which the service runs.
    pub window: DateWindow,
    /// Weekly slots in which visits can happen (a volunteer must share at least one).
    pub slots: WeeklySlots,
    /// The team required.
    pub team: Team,
}

words! {
    TeamRule {
        AllOrNothing => "all_or_nothing", "all or nothing";
        CoreThenOptional => "core_then_optional", "core roles, then optional ones";
    }
}
