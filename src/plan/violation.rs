//! The violations the independent checker reports.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{NeedId, ProviderId, ResidentId, WorkerId};
use crate::rules::Rejection;

/// What a capacity is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapacityUnit {
    /// Cases (workers: `caseload_capacity − current_load`; organizations: `case_capacity −
    /// active_cases`).
    Cases,
    /// Volunteer minutes per week (`weekly_minutes − committed_minutes`).
    WeeklyMinutes,
    /// Fen or goods units (`remaining`).
    Amount,
}

words! {
    CapacityUnit {
        Cases => "cases", "cases";
        WeeklyMinutes => "weekly_minutes", "weekly minutes";
        Amount => "amount", "units (fen or goods)";
    }
}

/// One broken hard constraint of a plan, naming the ids involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Violation {
    /// The plan names a need the scenario does not have (in an assignment, `served` or `unmet`).
    UnknownNeed {
        /// The need id.
        need: NeedId,
    },
    /// An assignment names a provider the scenario does not have.
    UnknownProvider {
        /// Need.
        need: NeedId,
        /// Role index.
        role: u32,
        /// The provider id.
        provider: ProviderId,
    },
    /// A need with assignments belongs to a resident the scenario does not have, so no
    /// eligibility rule can pass (fail closed).
    UnknownResident {
        /// Need.
        need: NeedId,
        /// The resident id.
        resident: ResidentId,
    },
    /// An assignment names a role index beyond the need's team.
    RoleOutOfRange {
        /// Need.
        need: NeedId,
        /// Role index.
        role: u32,
    },
    /// The provider is not of the kind the role asks for (a volunteer in a lead-worker role...).
    KindMismatch {
        /// Need.
        need: NeedId,
        /// Role index.
        role: u32,
        /// Provider.
        provider: ProviderId,
    },
    /// A person assignment with an amount other than 1, or a material one with amount ≤ 0.
    BadAmount {
        /// Need.
        need: NeedId,
        /// Role index.
        role: u32,
        /// Provider.
        provider: ProviderId,
        /// The amount.
        amount: i64,
    },
    /// The provider fails an eligibility rule for the role (the first failing rule, in the
    /// order of `docs/rules.md`).
    Ineligible {
        /// Need.
        need: NeedId,
        /// Role index.
        role: u32,
        /// Provider.
        provider: ProviderId,
        /// The rule broken.
        rule: Rejection,
    },
    /// A required role of a served need is filled below its demand.
    TeamIncomplete {
        /// Need.
        need: NeedId,
        /// Role index.
        role: u32,
        /// Persons or amount assigned.
        filled: i64,
        /// Persons or amount required.
        demand: i64,
    },
    /// A role (core or optional) is filled beyond its demand.
    RoleOverfilled {
        /// Need.
        need: NeedId,
        /// Role index.
        role: u32,
        /// Persons or amount assigned.
        filled: i64,
        /// Persons or amount required.
        demand: i64,
    },
    /// An assignment on a need that is not in `served`.
    AssignedToUnserved {
        /// Need.
        need: NeedId,
        /// Role index.
        role: u32,
        /// Provider.
        provider: ProviderId,
    },
    /// A person (worker, volunteer, organization) fills two roles of one need.
    PersonInTwoRoles {
        /// Need.
        need: NeedId,
        /// The person.
        provider: ProviderId,
        /// The role it fills first (in assignment order).
        first_role: u32,
        /// The other role.
        second_role: u32,
    },
    /// The same (need, role, provider) appears in two assignments.
    DuplicatePair {
        /// Need.
        need: NeedId,
        /// Role index.
        role: u32,
        /// Provider.
        provider: ProviderId,
    },
    /// A provider's uses exceed what it has free (money over the whole plan; cases and minutes
    /// on its busiest day).
    CapacityExceeded {
        /// Provider.
        provider: ProviderId,
        /// What is counted.
        unit: CapacityUnit,
        /// Used by the plan.
        used: i128,
        /// Free before the plan (may be negative in an inconsistent scenario).
        free: i64,
    },
    /// An assignment names a supervisor it does not need (its provider holds the role's
    /// licence, or is not a worker).
    NeedlessSupervisor {
        /// Need.
        need: NeedId,
        /// Role index.
        role: u32,
        /// Provider.
        provider: ProviderId,
        /// The supervisor named.
        supervisor: WorkerId,
    },
    /// A mentor supervises more cases than it has places free
    /// (`supervision_capacity − supervising`, plus the places its ongoing cases hold).
    SupervisionExceeded {
        /// The mentor.
        mentor: WorkerId,
        /// Cases the plan has it supervise.
        used: i128,
        /// Places free before the plan.
        free: i64,
    },
    /// A need of the scenario is in neither `served` nor `unmet`.
    NeedMissing {
        /// Need.
        need: NeedId,
    },
    /// A need appears more than once across `served` and `unmet`.
    NeedListedTwice {
        /// Need.
        need: NeedId,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Violation as V;
        match self {
            V::UnknownNeed { need } => write!(f, "unknown need {need}"),
            V::UnknownProvider {
                need,
                role,
                provider,
            } => {
                write!(f, "{need} role {role}: unknown provider {provider}")
            }
            V::UnknownResident { need, resident } => {
                write!(f, "{need}: unknown resident {resident}")
            }
            V::RoleOutOfRange { need, role } => write!(f, "{need}: no role {role}"),
            V::KindMismatch {
                need,
                role,
                provider,
            } => {
                write!(
                    f,
                    "{need} role {role}: {provider} is the wrong kind of provider"
                )
            }
            V::BadAmount {
                need,
                role,
                provider,
                amount,
            } => {
                write!(f, "{need} role {role}: {provider} has amount {amount}")
            }
            V::Ineligible {
                need,
                role,
                provider,
                rule,
            } => {
                write!(f, "{need} role {role}: {provider} ineligible ({rule})")
            }
            V::TeamIncomplete {
                need,
                role,
                filled,
                demand,
            } => {
                write!(f, "{need} role {role}: filled {filled} of {demand}")
            }
            V::RoleOverfilled {
                need,
                role,
                filled,
                demand,
            } => {
                write!(f, "{need} role {role}: filled {filled}, more than {demand}")
            }
            V::AssignedToUnserved {
                need,
                role,
                provider,
            } => {
                write!(
                    f,
                    "{need} role {role}: {provider} assigned to an unserved need"
                )
            }
            V::PersonInTwoRoles {
                need,
                provider,
                first_role,
                second_role,
            } => write!(
                f,
                "{need}: {provider} fills roles {first_role} and {second_role}"
            ),
            V::DuplicatePair {
                need,
                role,
                provider,
            } => {
                write!(f, "{need} role {role}: {provider} assigned twice")
            }
            V::CapacityExceeded {
                provider,
                unit,
                used,
                free,
            } => {
                write!(f, "{provider}: uses {used} {unit}, only {free} free")
            }
            V::NeedlessSupervisor {
                need,
                role,
                provider,
                supervisor,
            } => write!(
                f,
                "{need} role {role}: {provider} needs no supervisor, yet {supervisor} is named"
            ),
            V::SupervisionExceeded { mentor, used, free } => write!(
                f,
                "{mentor}: supervises {used} cases, only {free} places free"
            ),
            V::NeedMissing { need } => write!(f, "{need} is neither served nor unmet"),
            V::NeedListedTwice { need } => write!(f, "{need} is listed more than once"),
        }
    }
}
