//! Hard constraints: whether a provider may fill a role of a need (`docs/rules.md`).
//!
//! Two functions per role kind, sharing one numbered check per constraint (in exactly the
//! order the specification lists them):
//! - `check_*` returns the first failure as a named [`Rejection`], so the compile step can
//!   count reasons ("12 volunteers too far, 3 not vetted");
//! - `*_failures` returns every failure in that order, so an explanation can say that a worker
//!   shown as "licence too low" is also unvetted (raising the licence alone would not help).
//!
//! Travel distances are passed in (`None` = no road path) rather than looked up, so the caller
//! can reuse one Dijkstra table for every provider of a community
//! ([`crate::graph::LinkageGraph::distances_from`]); region containment is asked of the
//! [`LinkageGraph`].

use std::collections::BTreeSet;

use crate::graph::LinkageGraph;
use crate::model::{
    Category, CharityResource, Date, Licence, Need, RegionId, Resident, ResourceKind, RoleSpec,
    Service, Skill, SocialOrganization, SocialWorker, Vetting, Volunteer,
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

    /// Whether `category` is the need's category or one of its further ones
    /// ([`Need::also`]).
    pub fn has_category(&self, category: Category) -> bool {
        self.need.category == category || self.need.also.contains(&category)
    }

    /// The need's categories: the main one, then the further ones in order.
    pub fn categories(&self) -> impl Iterator<Item = Category> + '_ {
        std::iter::once(self.need.category).chain(self.need.also.iter().copied())
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

/// Whether `mentor` may supervise a case whose lead role asks for `min_licence` (led by a
/// worker below it, see [`crate::model::SocialWorker::mentor`]): the mentor holds that
/// licence and, for a minor, is vetted through the window's end. Distance and caseload do
/// not matter (supervision is case consultation, not visits); supervision places are counted
/// apart.
///
/// # Errors
/// [`Rejection::LicenceTooLow`] when the mentor's licence is below too, or the mentor's
/// vetting failure for a minor's case.
pub fn check_supervisor(
    min_licence: Licence,
    mentor: &SocialWorker,
    facts: NeedFacts<'_>,
) -> Result<(), Rejection> {
    if mentor.licence < min_licence {
        return Err(Rejection::LicenceTooLow);
    }
    minor_vetting(facts, mentor.vetting)
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

/// The hard constraints of one role kind, numbered in the order of `docs/rules.md`: one
/// small check per constraint, read by both the first-failure and the all-failures path.
trait Rules {
    /// How many constraints there are.
    const COUNT: usize;

    /// Constraint `i`: `Ok` when the pair meets it, else its named reason.
    fn rule(&self, i: usize) -> Result<(), Rejection>;
}

/// The first rule `case` fails.
fn first_failure<C: Rules>(case: &C) -> Result<(), Rejection> {
    (0..C::COUNT).try_for_each(|i| case.rule(i))
}

/// Every rule `case` fails, in order.
fn all_failures<C: Rules>(case: &C) -> Vec<Rejection> {
    (0..C::COUNT).filter_map(|i| case.rule(i).err()).collect()
}

/// What the lead-worker rules read.
struct WorkerCase<'a> {
    min_licence: Licence,
    worker: &'a SocialWorker,
    facts: NeedFacts<'a>,
    distance_m: Option<u64>,
}

/// The lead-worker rules in specification order: licence, vetting (minors only), travel from
/// the station, free cases.
impl Rules for WorkerCase<'_> {
    const COUNT: usize = 4;

    fn rule(&self, i: usize) -> Result<(), Rejection> {
        match i {
            0 => {
                if self.worker.licence < self.min_licence {
                    Err(Rejection::LicenceTooLow)
                } else {
                    Ok(())
                }
            }
            1 => minor_vetting(self.facts, self.worker.vetting),
            2 => check_travel(self.distance_m, self.worker.travel_radius_m),
            _ => at_least_one_free(self.worker.caseload_capacity, self.worker.current_load),
        }
    }
}

/// Vetting through the window's end when the resident is a minor.
fn minor_vetting(facts: NeedFacts<'_>, vetting: Vetting) -> Result<(), Rejection> {
    if facts.resident.minor_rules_apply() {
        check_vetting(vetting, facts.window_end())
    } else {
        Ok(())
    }
}

/// `capacity − load ≥ 1`, else [`Rejection::NoCapacity`].
fn at_least_one_free(capacity: u32, load: u32) -> Result<(), Rejection> {
    if capacity.saturating_sub(load) < 1 {
        Err(Rejection::NoCapacity)
    } else {
        Ok(())
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
    let case = WorkerCase {
        min_licence,
        worker,
        facts,
        distance_m,
    };
    first_failure(&case)
}

/// Every lead-worker constraint worker `w` fails for the need, in the order of
/// [`check_lead_worker`] (empty when eligible; the first is the reason `check_lead_worker`
/// returns). A worker shown as "licence too low" may also be unvetted: this says so.
///
/// # Example
/// ```
/// use wushe::demo;
/// use wushe::model::Licence;
/// use wushe::rules::{NeedFacts, Rejection, check_lead_worker, lead_worker_failures};
/// let s = demo::left_behind_child();
/// let facts = NeedFacts::new(&s.needs[0], &s.residents[0]);
/// let mut worker = s.workers[0].clone();
/// worker.licence = Licence::Unlicensed;
/// worker.caseload_capacity = worker.current_load; // no free case either
/// let all = lead_worker_failures(Licence::Senior, &worker, facts, Some(0));
/// assert_eq!(all, vec![Rejection::LicenceTooLow, Rejection::NoCapacity]);
/// assert_eq!(check_lead_worker(Licence::Senior, &worker, facts, Some(0)), Err(all[0]));
/// ```
pub fn lead_worker_failures(
    min_licence: Licence,
    worker: &SocialWorker,
    facts: NeedFacts<'_>,
    distance_m: Option<u64>,
) -> Vec<Rejection> {
    let case = WorkerCase {
        min_licence,
        worker,
        facts,
        distance_m,
    };
    all_failures(&case)
}

/// What the volunteer rules read.
struct VolunteerCase<'a> {
    task: &'a VolunteerTask<'a>,
    volunteer: &'a Volunteer,
    facts: NeedFacts<'a>,
    distance_m: Option<u64>,
}

/// The volunteer rules in specification order: skills, age, vetting (minors only), insurance
/// (risky tasks only), travel from home, a common weekly slot, free minutes.
impl Rules for VolunteerCase<'_> {
    const COUNT: usize = 7;

    fn rule(&self, i: usize) -> Result<(), Rejection> {
        match i {
            // `skills ⊆ v.skills`, written as membership tests: required sets are tiny.
            0 => {
                if self
                    .task
                    .skills
                    .iter()
                    .all(|s| self.volunteer.skills.contains(s))
                {
                    Ok(())
                } else {
                    Err(Rejection::MissingSkill)
                }
            }
            1 => {
                if self
                    .task
                    .min_age
                    .is_some_and(|min| self.volunteer.age < min)
                {
                    Err(Rejection::TooYoung)
                } else {
                    Ok(())
                }
            }
            2 => minor_vetting(self.facts, self.volunteer.vetting),
            3 => {
                let end = self.facts.window_end();
                if self.task.risky && self.volunteer.insured_until.is_none_or(|d| d < end) {
                    Err(Rejection::NotInsured)
                } else {
                    Ok(())
                }
            }
            4 => check_travel(self.distance_m, self.volunteer.travel_radius_m),
            5 => {
                let slots = &self.volunteer.availability;
                if self.facts.need.slots.iter().any(|s| slots.contains(s)) {
                    Ok(())
                } else {
                    Err(Rejection::NoCommonSlot)
                }
            }
            _ => {
                let v = self.volunteer;
                if v.weekly_minutes.saturating_sub(v.committed_minutes) < self.task.weekly_minutes {
                    Err(Rejection::NoCapacity)
                } else {
                    Ok(())
                }
            }
        }
    }
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
    let case = VolunteerCase {
        task,
        volunteer,
        facts,
        distance_m,
    };
    first_failure(&case)
}

/// Every volunteer constraint `v` fails for one place of the role, in the order of
/// [`check_volunteer`] (empty when eligible; the first is the reason `check_volunteer`
/// returns).
pub fn volunteer_failures(
    task: &VolunteerTask<'_>,
    volunteer: &Volunteer,
    facts: NeedFacts<'_>,
    distance_m: Option<u64>,
) -> Vec<Rejection> {
    let case = VolunteerCase {
        task,
        volunteer,
        facts,
        distance_m,
    };
    all_failures(&case)
}

/// What the organization rules read.
struct OrganizationCase<'a> {
    organization: &'a SocialOrganization,
    facts: NeedFacts<'a>,
    graph: &'a LinkageGraph,
    /// The named service of a [`RoleSpec::Service`] role (`None`: the need's categories).
    service: Option<Service>,
}

/// The organization rules in specification order: category, service area (the community lies
/// within a served region), free cases.
impl Rules for OrganizationCase<'_> {
    const COUNT: usize = 3;

    fn rule(&self, i: usize) -> Result<(), Rejection> {
        match i {
            0 => match self.service {
                Some(service) if self.organization.services.contains(&service) => Ok(()),
                Some(_) => Err(Rejection::ServiceNotOffered),
                None if self
                    .organization
                    .categories
                    .iter()
                    .any(|&c| self.facts.has_category(c)) =>
                {
                    Ok(())
                }
                None => Err(Rejection::CategoryNotServed),
            },
            1 => {
                let community = self.facts.community();
                let serves = &self.organization.serves;
                if serves.iter().any(|&r| self.graph.is_within(community, r)) {
                    Ok(())
                } else {
                    Err(Rejection::OutsideServiceArea)
                }
            }
            _ => at_least_one_free(
                self.organization.case_capacity,
                self.organization.active_cases,
            ),
        }
    }
}

/// Whether organization `o` may deliver the need, checking in the specified order: category
/// (one of the need's), service area (the community lies within a served region), free cases.
///
/// # Errors
/// The first failed constraint.
pub fn check_organization(
    organization: &SocialOrganization,
    facts: NeedFacts<'_>,
    graph: &LinkageGraph,
) -> Result<(), Rejection> {
    check_organization_for(None, organization, facts, graph)
}

/// [`check_organization`] for a role asking for `service` (`Some`: a [`RoleSpec::Service`]
/// role, whose first rule is that the organization offers the service, whatever the need's
/// categories; `None`: the need's categories).
///
/// # Errors
/// The first failed constraint.
pub fn check_organization_for(
    service: Option<Service>,
    organization: &SocialOrganization,
    facts: NeedFacts<'_>,
    graph: &LinkageGraph,
) -> Result<(), Rejection> {
    let case = OrganizationCase {
        organization,
        facts,
        graph,
        service,
    };
    first_failure(&case)
}

/// Every organization constraint `o` fails for the need (for a role asking for `service`,
/// see [`check_organization_for`]), in the order of [`check_organization_for`] (empty when
/// eligible; the first is the reason it returns).
pub fn organization_failures(
    service: Option<Service>,
    organization: &SocialOrganization,
    facts: NeedFacts<'_>,
    graph: &LinkageGraph,
) -> Vec<Rejection> {
    let case = OrganizationCase {
        organization,
        facts,
        graph,
        service,
    };
    all_failures(&case)
}

/// What the material rules read.
struct MaterialCase<'a> {
    kind: ResourceKind,
    fund: &'a CharityResource,
    facts: NeedFacts<'a>,
    graph: &'a LinkageGraph,
}

/// The material rules in specification order: resource kind, earmarked categories, regions and
/// groups, validity on the need's start day, related parties (Charity Law art. 58), something
/// left.
impl Rules for MaterialCase<'_> {
    const COUNT: usize = 7;

    fn rule(&self, i: usize) -> Result<(), Rejection> {
        match i {
            0 => {
                if self.fund.kind == self.kind {
                    Ok(())
                } else {
                    Err(Rejection::WrongResourceKind)
                }
            }
            1 => {
                let allowed = &self.fund.earmark.categories;
                if allowed.is_empty() || allowed.iter().any(|&c| self.facts.has_category(c)) {
                    Ok(())
                } else {
                    Err(Rejection::EarmarkCategory)
                }
            }
            2 => {
                let (allowed, community) = (&self.fund.earmark.regions, self.facts.community());
                if allowed.is_empty() || allowed.iter().any(|&r| self.graph.is_within(community, r))
                {
                    Ok(())
                } else {
                    Err(Rejection::EarmarkRegion)
                }
            }
            3 => {
                let allowed = &self.fund.earmark.groups;
                if allowed.is_empty() || !allowed.is_disjoint(&self.facts.resident.groups()) {
                    Ok(())
                } else {
                    Err(Rejection::EarmarkGroup)
                }
            }
            4 => {
                let start = self.facts.need.window.start;
                if start < self.fund.valid_from || start > self.fund.valid_until {
                    Err(Rejection::FundNotValid)
                } else {
                    Ok(())
                }
            }
            5 => {
                if self.fund.related_parties.contains(&self.facts.resident.id) {
                    Err(Rejection::RelatedParty)
                } else {
                    Ok(())
                }
            }
            _ => {
                if self.fund.remaining < 1 {
                    Err(Rejection::NoCapacity)
                } else {
                    Ok(())
                }
            }
        }
    }
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
    let case = MaterialCase {
        kind,
        fund,
        facts,
        graph,
    };
    first_failure(&case)
}

/// Every material constraint `f` fails for a material role of `kind`, in the order of
/// [`check_material`] (empty when eligible; the first is the reason `check_material`
/// returns).
pub fn material_failures(
    kind: ResourceKind,
    fund: &CharityResource,
    facts: NeedFacts<'_>,
    graph: &LinkageGraph,
) -> Vec<Rejection> {
    let case = MaterialCase {
        kind,
        fund,
        facts,
        graph,
    };
    all_failures(&case)
}
