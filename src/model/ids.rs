//! Typed, pseudonymous identifiers for every entity.
//!
//! Ids are small integers chosen by the platform (PIPL art. 28: the engine needs pseudonymous ids
//! and eligibility facts, not names). Each kind has its own newtype so a worker id can never be
//! passed where a volunteer id is expected. In JSON an id is a plain number.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

id_type!(
    /// A region of the service hierarchy: county, township (with its social-work station) or
    /// village/residential community. Displayed as `R12`.
    RegionId,
    "R"
);
id_type!(
    /// A social organization (社会组织). Displayed as `O3`.
    OrganizationId,
    "O"
);
id_type!(
    /// A social worker (社会工作者). Displayed as `W7`.
    WorkerId,
    "W"
);
id_type!(
    /// A community volunteer (社区志愿者). Displayed as `V42`.
    VolunteerId,
    "V"
);
id_type!(
    /// A social charity resource (社会慈善资源): a fund or a stock of goods. Displayed as `F2`.
    FundId,
    "F"
);
id_type!(
    /// A resident (pseudonymous). Displayed as `P100`.
    ResidentId,
    "P"
);
id_type!(
    /// A need of a resident, the unit that is matched. Displayed as `N5`.
    NeedId,
    "N"
);

/// Any party that can fill a role of a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ProviderId {
    /// A social worker.
    Worker(WorkerId),
    /// A volunteer.
    Volunteer(VolunteerId),
    /// A social organization.
    Organization(OrganizationId),
    /// A charity fund or goods stock.
    Fund(FundId),
}

impl fmt::Display for ProviderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProviderId::Worker(id) => id.fmt(f),
            ProviderId::Volunteer(id) => id.fmt(f),
            ProviderId::Organization(id) => id.fmt(f),
            ProviderId::Fund(id) => id.fmt(f),
        }
    }
}
