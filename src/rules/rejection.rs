//! Named reasons why a provider cannot fill a role.

use serde::{Deserialize, Serialize};

/// Why a provider is not eligible for a role of a need. Every hard constraint has its own
/// reason, so explanations can count them ("12 volunteers too far, 3 not vetted").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rejection {
    /// The organization does not deliver the need's category.
    CategoryNotServed,
    /// The organization does not serve the resident's community.
    OutsideServiceArea,
    /// The volunteer lacks a required skill.
    MissingSkill,
    /// The worker's licence is below the role's minimum.
    LicenceTooLow,
    /// Vetting required (the resident is a minor) but unknown or pending: fail closed.
    VettingMissing,
    /// Vetting required but failed.
    VettingFailed,
    /// Vetting required but it expires before the need's window ends.
    VettingExpired,
    /// A risky task needs accident insurance valid through the window; none or expiring.
    NotInsured,
    /// The volunteer is younger than the role's minimum age.
    TooYoung,
    /// The resident's community is beyond the provider's travel radius.
    TooFar,
    /// No road connects the provider to the resident's community.
    Unreachable,
    /// The volunteer shares no weekly slot with the need.
    NoCommonSlot,
    /// The provider has no capacity left at all for this role (cases, minutes, amount).
    NoCapacity,
    /// The resource holds money where goods are asked for, other goods, or vice versa.
    WrongResourceKind,
    /// The fund is earmarked for other categories.
    EarmarkCategory,
    /// The fund is earmarked for other regions.
    EarmarkRegion,
    /// The fund is earmarked for other beneficiary groups.
    EarmarkGroup,
    /// The fund is not valid on the need's start day.
    FundNotValid,
    /// The resident is a related party of the fund's managers (Charity Law art. 58).
    RelatedParty,
}
