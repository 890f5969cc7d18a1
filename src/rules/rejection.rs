//! Named reasons why a provider cannot fill a role.

use serde::{Deserialize, Serialize};

/// Why a provider is not eligible for a role of a need. Every hard constraint has its own
/// reason, so explanations can count them ("12 volunteers too far, 3 not vetted").
///
/// `Display` gives a short phrase that reads after a provider id or a count ("V1 not vetted",
/// "beyond travel radius: 12"); [`Rejection::name`] the `snake_case` name of files. Both are
/// stable wording.
///
/// ```
/// use wushe::rules::Rejection;
/// assert_eq!(Rejection::TooFar.to_string(), "beyond travel radius");
/// assert_eq!(Rejection::VettingMissing.to_string(), "not vetted");
/// assert_eq!(Rejection::TooFar.name(), "too_far");
/// ```
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
    /// The organization does not offer the named service the role asks for.
    ServiceNotOffered,
}

impl Rejection {
    /// Every reason, in declaration order (the tie-break order of explanations).
    pub const ALL: [Rejection; 20] = [
        Rejection::CategoryNotServed,
        Rejection::OutsideServiceArea,
        Rejection::MissingSkill,
        Rejection::LicenceTooLow,
        Rejection::VettingMissing,
        Rejection::VettingFailed,
        Rejection::VettingExpired,
        Rejection::NotInsured,
        Rejection::TooYoung,
        Rejection::TooFar,
        Rejection::Unreachable,
        Rejection::NoCommonSlot,
        Rejection::NoCapacity,
        Rejection::WrongResourceKind,
        Rejection::EarmarkCategory,
        Rejection::EarmarkRegion,
        Rejection::EarmarkGroup,
        Rejection::FundNotValid,
        Rejection::RelatedParty,
        Rejection::ServiceNotOffered,
    ];

    /// Position of the reason in [`Rejection::ALL`].
    pub fn index(self) -> usize {
        match self {
            Rejection::CategoryNotServed => 0,
            Rejection::OutsideServiceArea => 1,
            Rejection::MissingSkill => 2,
            Rejection::LicenceTooLow => 3,
            Rejection::VettingMissing => 4,
            Rejection::VettingFailed => 5,
            Rejection::VettingExpired => 6,
            Rejection::NotInsured => 7,
            Rejection::TooYoung => 8,
            Rejection::TooFar => 9,
            Rejection::Unreachable => 10,
            Rejection::NoCommonSlot => 11,
            Rejection::NoCapacity => 12,
            Rejection::WrongResourceKind => 13,
            Rejection::EarmarkCategory => 14,
            Rejection::EarmarkRegion => 15,
            Rejection::EarmarkGroup => 16,
            Rejection::FundNotValid => 17,
            Rejection::RelatedParty => 18,
            Rejection::ServiceNotOffered => 19,
        }
    }
}

words! {
    Rejection {
        CategoryNotServed => "category_not_served", "category not served";
        OutsideServiceArea => "outside_service_area", "outside service area";
        MissingSkill => "missing_skill", "missing a required skill";
        LicenceTooLow => "licence_too_low", "licence too low";
        VettingMissing => "vetting_missing", "not vetted";
        VettingFailed => "vetting_failed", "failed vetting";
        VettingExpired => "vetting_expired", "vetting expires too soon";
        NotInsured => "not_insured", "not insured for a risky task";
        TooYoung => "too_young", "too young";
        TooFar => "too_far", "beyond travel radius";
        Unreachable => "unreachable", "no road to the resident";
        NoCommonSlot => "no_common_slot", "no common weekly slot";
        NoCapacity => "no_capacity", "no capacity left";
        WrongResourceKind => "wrong_resource_kind", "wrong resource kind";
        EarmarkCategory => "earmark_category", "earmarked for other categories";
        EarmarkRegion => "earmark_region", "earmarked for other regions";
        EarmarkGroup => "earmark_group", "earmarked for other groups";
        FundNotValid => "fund_not_valid", "not valid on the start day";
        RelatedParty => "related_party", "related-party conflict";
        ServiceNotOffered => "service_not_offered", "service not offered";
    }
}

/// How many providers each [`Rejection`] excluded from one role: a fixed array of counters,
/// cheap enough to keep per role.
///
/// # Example
/// ```
/// use wushe::rules::{Rejection, RejectionTally};
/// let mut tally = RejectionTally::default();
/// tally.add(Rejection::TooFar);
/// tally.add(Rejection::TooFar);
/// tally.add(Rejection::MissingSkill);
/// assert_eq!(tally.get(Rejection::TooFar), 2);
/// assert_eq!(tally.most_frequent_first(), vec![(Rejection::TooFar, 2), (Rejection::MissingSkill, 1)]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct RejectionTally {
    counts: [u32; 20],
}

impl RejectionTally {
    /// Counts one rejection (saturating).
    pub fn add(&mut self, reason: Rejection) {
        if let Some(c) = self.counts.get_mut(reason.index()) {
            *c = c.saturating_add(1);
        }
    }

    /// Counts `n` rejections for `reason` at once (saturating).
    pub(crate) fn add_many(&mut self, reason: Rejection, n: u32) {
        if let Some(c) = self.counts.get_mut(reason.index()) {
            *c = c.saturating_add(n);
        }
    }

    /// How many times `reason` was counted.
    pub fn get(&self, reason: Rejection) -> u32 {
        self.counts.get(reason.index()).copied().unwrap_or(0)
    }

    /// Total rejections counted.
    pub fn total(&self) -> u64 {
        self.counts.iter().map(|&c| u64::from(c)).sum()
    }

    /// The non-zero counts, most frequent first, ties in [`Rejection::ALL`] order.
    pub fn most_frequent_first(&self) -> Vec<(Rejection, u32)> {
        let mut out: Vec<(Rejection, u32)> = Rejection::ALL
            .iter()
            .map(|&r| (r, self.get(r)))
            .filter(|&(_, c)| c > 0)
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.index().cmp(&b.0.index())));
        out
    }
}
