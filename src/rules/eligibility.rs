//! Hard constraints: whether a provider may fill a role of a need (`docs/rules.md`).
//!
//! One function per role kind. Each checks the constraints in exactly the order the
//! specification lists them and returns the first failure as a named [`Rejection`], so
//! explanations can count reasons ("12 volunteers too far, 3 not vetted").
//!
//! Travel distances are passed in (`None` = no road path) rather than looked up, so the caller
//! can reuse one Dijkstra table for every provider of a community
//! ([`crate::graph::LinkageGraph::distances_from`]); region containment is asked of the
//! [`LinkageGraph`].

use std::collections::BTreeSet;

use crate::graph::LinkageGraph;
use crate::model::{
    CharityResource, Date, Licence, Need, RegionId, Resident, ResourceKind, RoleSpec, Skill,
    SocialOrganization, SocialWorker, Vetting, Volunteer,
};

use super::Rejection;

/// The facts of one need that the rules read: the need and its resident.
#[derive(Debug, Clone, Copy)]
pub struct NeedFacts<'a> {
    /// The need.
    pub need: &'a Need,
    /// The resident in need.
    pub resident: &'a Resident,
}

impl<'a> NeedFacts<'a> {
    /// Pairs a need with its resident.
    pub fn new(need: &'a Need, resident: &'a Resident) -> Self {
        NeedFacts { need, resident }
    }

    /// The community `c` the service goes to (the resident's).
    pub fn community(&self) -> RegionId {
        self.resident.community
    }

    /// The last day of the need's window, `e`.
    pub fn window_end(&self) -> Date {
        self.need.window.end
    }
}

/// A volunteer role's requirements, borrowed from [`RoleSpec::Volunteers`].
#[derive(Debug, Clone, Copy)]
pub struct VolunteerTask<'a> {
    /// How many volunteers the role asks for.
    pub count: u32,
    /// Skills each volunteer must have.
    pub skills: &'a BTreeSet<Skill>,
    /// Minutes per week from each volunteer.
    pub weekly_minutes: u32,
    /// Whether accident insurance is required.
    pub risky: bool,
    /// Minimum age, if any.
    pub min_age: Option<u8>,
}

impl<'a> VolunteerTask<'a> {
    /// The task of a volunteer role; `None` for other role kinds.
    pub fn from_spec(spec: &'a RoleSpec) -> Option<Self> {
        match spec {
            RoleSpec::Volunteers {
                count,
                skills,
                weekly_minutes,
                risky,
                min_age,
            } => Some(VolunteerTask {
                count: *count,
                skills,
                weekly_minutes: *weekly_minutes,
                risky: *risky,
                min_age: *min_age,
            }),
            _ => None,
        }
    }
}

/// Vetting valid through `through`, failing closed: unknown or pending is
/// [`Rejection::VettingMissing`], failed is [`Rejection::VettingFailed`], passed but expiring
/// before `through` is [`Rejection::VettingExpired`].
///
/// # Errors
/// The reason the vetting does not cover `through`.
pub fn check_vetting(vetting: Vetting, through: Date) -> Result<(), Rejection> {
    match vetting {
        Vetting::Unknown | Vetting::Pending => Err(Rejection::VettingMissing),
        Vetting::Failed => Err(Rejection::VettingFailed),
        Vetting::Passed { expires } if expires < through => Err(Rejection::VettingExpired),
        Vetting::Passed { .. } => Ok(()),
    }
}

/// Travel from a provider's home to the need's community: `distance_m` is `d(home, c)`
/// (`None` when no road path exists).
///
/// # Errors
/// [`Rejection::Unreachable`] without a path, [`Rejection::TooFar`] beyond `radius_m`.
pub fn check_travel(distance_m: Option<u64>, radius_m: u32) -> Result<(), Rejection> {
    match distance_m {
        None => Err(Rejection::Unreachable),
        Some(d) if d > u64::from(radius_m) => Err(Rejection::TooFar),
        Some(_) => Ok(()),
    }
}

/// Whether worker `w` may lead the need's team (`lead_worker { min_licence }`), checking in
/// the specified order: licence, vetting (minors only), travel from the station, free cases.
///
/// `distance_m` is `d(w.station, c)`.
///
/// # Errors
/// The first failed constraint.
pub fn check_lead_worker(
    min_licence: Licence,
    worker: &SocialWorker,
    facts: NeedFacts<'_>,
    distance_m: Option<u64>,
) -> Result<(), Rejection> {
    if worker.licence < min_licence {
        return Err(Rejection::LicenceTooLow);
    }
    if facts.resident.minor_rules_apply() {
        check_vetting(worker.vetting, facts.window_end())?;
    }
    check_travel(distance_m, worker.travel_radius_m)?;
    if worker.caseload_capacity.saturating_sub(worker.current_load) < 1 {
        return Err(Rejection::NoCapacity);
    }
    Ok(())
}

/// Whether volunteer `v` may take one place of a volunteer role, checking in the specified
/// order: skills, age, vetting (minors only), insurance (risky tasks only), travel from home,
/// a common weekly slot, free minutes.
///
/// `distance_m` is `d(v.community, c)`.
///
/// # Errors
/// The first failed constraint.
pub fn check_volunteer(
    task: &VolunteerTask<'_>,
    volunteer: &Volunteer,
    facts: NeedFacts<'_>,
    distance_m: Option<u64>,
) -> Result<(), Rejection> {
    // `skills ⊆ v.skills`, written as membership tests: required sets are tiny.
    if !task.skills.iter().all(|s| volunteer.skills.contains(s)) {
        return Err(Rejection::MissingSkill);
    }
    if task.min_age.is_some_and(|min| volunteer.age < min) {
        return Err(Rejection::TooYoung);
    }
    if facts.resident.minor_rules_apply() {
        check_vetting(volunteer.vetting, facts.window_end())?;
    }
    if task.risky
        && volunteer
            .insured_until
            .is_none_or(|d| d < facts.window_end())
    {
        return Err(Rejection::NotInsured);
    }
    check_travel(distance_m, volunteer.travel_radius_m)?;
    if !facts
        .need
        .slots
        .iter()
        .any(|s| volunteer.availability.contains(s))
    {
        return Err(Rejection::NoCommonSlot);
    }
    let free = volunteer
        .weekly_minutes
        .saturating_sub(volunteer.committed_minutes);
    if free < task.weekly_minutes {
        return Err(Rejection::NoCapacity);
    }
    Ok(())
}

/// Whether organization `o` may deliver the need, checking in the specified order: category,
/// service area (the community lies within a served region), free cases.
///
/// # Errors
/// The first failed constraint.
pub fn check_organization(
    organization: &SocialOrganization,
    facts: NeedFacts<'_>,
    graph: &LinkageGraph,
) -> Result<(), Rejection> {
    if !organization.categories.contains(&facts.need.category) {
        return Err(Rejection::CategoryNotServed);
    }
    let c = facts.community();
    if !organization.serves.iter().any(|&r| graph.is_within(c, r)) {
        return Err(Rejection::OutsideServiceArea);
    }
    if organization
        .case_capacity
        .saturating_sub(organization.active_cases)
        < 1
    {
        return Err(Rejection::NoCapacity);
    }
    Ok(())
}

/// Whether charity resource `f` may contribute to a material role of `kind`, checking in the
/// specified order: resource kind, earmarked categories, regions and groups, validity on the
/// need's start day, related parties (Charity Law art. 58), something left.
///
/// # Errors
/// The first failed constraint.
pub fn check_material(
    kind: ResourceKind,
    fund: &CharityResource,
    facts: NeedFacts<'_>,
    graph: &LinkageGraph,
) -> Result<(), Rejection> {
    if fund.kind != kind {
        return Err(Rejection::WrongResourceKind);
    }
    let earmark = &fund.earmark;
    if !earmark.categories.is_empty() && !earmark.categories.contains(&facts.need.category) {
        return Err(Rejection::EarmarkCategory);
    }
    let c = facts.community();
    if !earmark.regions.is_empty() && !earmark.regions.iter().any(|&r| graph.is_within(c, r)) {
        return Err(Rejection::EarmarkRegion);
    }
    if !earmark.groups.is_empty() && earmark.groups.is_disjoint(&facts.resident.groups()) {
        return Err(Rejection::EarmarkGroup);
    }
    let start = facts.need.window.start;
    if start < fund.valid_from || start > fund.valid_until {
        return Err(Rejection::FundNotValid);
    }
    if fund.related_parties.contains(&facts.resident.id) {
        return Err(Rejection::RelatedParty);
    }
    if fund.remaining < 1 {
        return Err(Rejection::NoCapacity);
    }
    Ok(())
}
