//! The independent plan checker: every hard constraint of `docs/rules.md`, re-implemented from
//! the scenario and the plan alone.
//!
//! This code shares nothing with `crate::rules`, `crate::graph` or the compile step (only the
//! [`Rejection`] names): it walks the roads with its own Dijkstra and the hierarchy with its own
//! bounded parent walk, so a bug in the eligibility rules or the compiler shows up here as a
//! violation instead of being repeated.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::match_plan::{Assignment, MatchPlan};
use super::travel::RoadDistances;
use super::violation::{CapacityUnit, Violation};
use crate::model::{
    CharityResource, Date, Licence, Need, NeedId, ProviderId, Resident, ResidentId, Role, RoleSpec,
    Scenario, SocialOrganization, SocialWorker, TeamRule, Vetting, Volunteer, WorkerId,
};
use crate::rules::Rejection;

/// Checks `plan` against every hard constraint of `docs/rules.md` and reports **all**
/// violations found.
///
/// What is checked, directly from the scenario:
/// - every need, provider and role index named by the plan exists (`UnknownNeed`,
///   `UnknownProvider`, `RoleOutOfRange`), and the need's resident exists (`UnknownResident`);
/// - the provider's kind fits the role (`KindMismatch`); persons have amount 1, material
///   amount > 0 (`BadAmount`);
/// - per assignment, the eligibility rules of its role kind in the specified order, the first
///   failure named by its [`Rejection`] (`Ineligible`): licence, vetting through the window end
///   for minors, road distance within the travel radius, skills, age, insurance for risky
///   tasks, common weekly slot, category, service area, resource kind, earmarks, validity on
///   the start day, related parties, free capacity of at least one unit;
/// - ongoing assignments ([`crate::model::OngoingAssignment`]): the scenario's loads count
///   them already, so a provider's free capacity is `capacity − load` plus what its ongoing
///   pairings hold (cases, the role's weekly minutes, the amount given), and a continued
///   pairing's own capacity rule counts its own holding as free;
/// - team rules: a served need has every required role filled exactly (`TeamIncomplete`,
///   `RoleOverfilled`), optional roles never beyond demand, unserved needs have no assignment
///   (`AssignedToUnserved`), a person fills at most one role per need (`PersonInTwoRoles`), no
///   pair repeats (`DuplicatePair`);
/// - capacities over the whole plan (`CapacityExceeded`): fund amounts summed; worker and
///   organization cases and volunteer minutes on the provider's busiest day, counting the
///   assignments whose need windows contain that day (needs in disjoint windows do not
///   compete);
/// - supervision ([`crate::model::SocialWorker::mentor`]): a worker below the role's licence
///   leads it only with its own mentor named as `supervisor`, holding the licence and (for a
///   minor) vetted through the window (else `Ineligible` with `licence_too_low`); no
///   supervisor where none is needed (`NeedlessSupervisor`); each mentor supervises at most
///   `supervision_capacity − supervising` plus the places its ongoing cases hold
///   (`SupervisionExceeded`);
/// - every scenario need appears exactly once across `served` and `unmet` (`NeedMissing`,
///   `NeedListedTwice`).
///
/// Not checked: the plan's `objective` (it belongs to the numeric problem, see
/// [`crate::problem::Problem::objective`]) and the soft scores.
///
/// Violations come in a deterministic order: list problems, then assignments in plan order,
/// then teams in scenario order, then capacities by provider id, then supervision by mentor id.
///
/// # Errors
/// Every violation found, when there is at least one.
///
/// # Complexity
/// O(A log A + L + D·(V + R) log V) for A assignments, L listed needs, and D distinct resident
/// communities reached by person assignments (one Dijkstra each over V regions and R roads).
///
/// # Example
/// ```
/// use wushe::model::{Date, Scenario};
/// use wushe::plan::{MatchPlan, check_plan};
/// use wushe::problem::{SolveStats, SolveStatus};
/// let scenario = Scenario::new("empty", Date::from_ymd(2026, 1, 1).expect("date"));
/// let plan = MatchPlan {
///     scenario: "empty".into(), strategy: "greedy".into(), status: SolveStatus::Feasible,
///     objective: 0,
///     weighted_objective: 0,
///     policy_price: None, bound: None, assignments: vec![], served: vec![], unmet: vec![],
///     stats: SolveStats::default(),
///     churn: Default::default(),
///     levels: Vec::new(),
/// };
/// assert_eq!(check_plan(&scenario, &plan), Ok(()));
/// ```
pub fn check_plan(scenario: &Scenario, plan: &MatchPlan) -> Result<(), Vec<Violation>> {
    let mut checker = Checker::new(scenario, plan);
    checker.check_lists();
    for a in &plan.assignments {
        checker.check_assignment(a);
    }
    checker.check_teams();
    checker.check_capacities();
    checker.check_supervision();
    if checker.violations.is_empty() {
        Ok(())
    } else {
        Err(checker.violations)
    }
}

/// Lookups by id, first occurrence wins.
fn by_id<T, K: std::hash::Hash + Eq>(items: &[T], key: impl Fn(&T) -> K) -> HashMap<K, &T> {
    let mut map = HashMap::with_capacity(items.len());
    for item in items {
        map.entry(key(item)).or_insert(item);
    }
    map
}

/// The entities an assignment's eligibility is judged on.
struct Context<'s> {
    need: &'s Need,
    resident: &'s Resident,
    role: &'s Role,
    /// Capacity this very pairing holds as an ongoing assignment (0 for a new one).
    held: i64,
    /// The supervisor the assignment names.
    supervisor: Option<WorkerId>,
}

struct Checker<'s> {
    scenario: &'s Scenario,
    plan: &'s MatchPlan,
    needs: HashMap<NeedId, &'s Need>,
    residents: HashMap<ResidentId, &'s Resident>,
    workers: HashMap<crate::model::WorkerId, &'s SocialWorker>,
    volunteers: HashMap<crate::model::VolunteerId, &'s Volunteer>,
    organizations: HashMap<crate::model::OrganizationId, &'s SocialOrganization>,
    funds: HashMap<crate::model::FundId, &'s CharityResource>,
    distances: RoadDistances<'s>,
    served: BTreeSet<NeedId>,
    /// Persons or amount per (need, role).
    filled: BTreeMap<(NeedId, u32), i64>,
    /// Capacity used per provider, with the date window of each use (first and last day).
    used: BTreeMap<ProviderId, Vec<(i32, i32, i128)>>,
    /// First role of each (need, person).
    person_role: HashMap<(NeedId, ProviderId), u32>,
    pairs: BTreeSet<(NeedId, u32, ProviderId)>,
    /// Capacity held by each ongoing pairing, and in total per provider.
    ongoing: BTreeMap<(NeedId, u32, ProviderId), i128>,
    held: BTreeMap<ProviderId, i128>,
    /// Per mentor: cases the plan has it supervise, and places its ongoing cases hold.
    supervised: BTreeMap<WorkerId, i128>,
    supervision_held: BTreeMap<WorkerId, i128>,
    missing_residents: BTreeSet<NeedId>,
    violations: Vec<Violation>,
}

impl<'s> Checker<'s> {
    fn new(scenario: &'s Scenario, plan: &'s MatchPlan) -> Self {
        let needs = by_id(&scenario.needs, |n| n.id);
        let mut ongoing = BTreeMap::new();
        let mut held = BTreeMap::new();
        for o in &scenario.ongoing {
            let Some(role) = needs
                .get(&o.need)
                .and_then(|n| n.team.roles.get(o.role as usize))
            else {
                continue;
            };
            let usage = match &role.spec {
                RoleSpec::Volunteers { weekly_minutes, .. } => i128::from(*weekly_minutes),
                RoleSpec::Material { .. } => i128::from(o.amount.max(0)),
                RoleSpec::LeadWorker { .. } | RoleSpec::Organization | RoleSpec::Service { .. } => {
                    1
                }
            };
            *ongoing.entry((o.need, o.role, o.provider)).or_insert(0) += usage;
            *held.entry(o.provider).or_insert(0) += usage;
        }
        let mut supervision_held = BTreeMap::new();
        for mentor in scenario.ongoing.iter().filter_map(|o| o.supervisor) {
            *supervision_held.entry(mentor).or_insert(0) += 1;
        }
        Checker {
            supervised: BTreeMap::new(),
            supervision_held,
            ongoing,
            held,
            scenario,
            plan,
            needs,
            residents: by_id(&scenario.residents, |r| r.id),
            workers: by_id(&scenario.workers, |w| w.id),
            volunteers: by_id(&scenario.volunteers, |v| v.id),
            organizations: by_id(&scenario.organizations, |o| o.id),
            funds: by_id(&scenario.funds, |f| f.id),
            distances: RoadDistances::new(scenario),
            served: plan.served.iter().copied().collect(),
            filled: BTreeMap::new(),
            used: BTreeMap::new(),
            person_role: HashMap::new(),
            pairs: BTreeSet::new(),
            missing_residents: BTreeSet::new(),
            violations: Vec::new(),
        }
    }

    /// Every scenario need exactly once across `served` and `unmet`; no unknown need listed.
    fn check_lists(&mut self) {
        let mut count: BTreeMap<NeedId, u32> = BTreeMap::new();
        let listed = self
            .plan
            .served
            .iter()
            .chain(self.plan.unmet.iter().map(|u| &u.need));
        for &need in listed {
            if self.needs.contains_key(&need) {
                *count.entry(need).or_insert(0) += 1;
            } else {
                self.violations.push(Violation::UnknownNeed { need });
            }
        }
        let mut seen = BTreeSet::new();
        for n in &self.scenario.needs {
            if !seen.insert(n.id) {
                continue;
            }
            match count.get(&n.id).copied().unwrap_or(0) {
                0 => self.violations.push(Violation::NeedMissing { need: n.id }),
                1 => {}
                _ => self
                    .violations
                    .push(Violation::NeedListedTwice { need: n.id }),
            }
        }
    }

    /// All per-assignment checks; records fills and capacity use.
    fn check_assignment(&mut self, a: &Assignment) {
        let Some(&need) = self.needs.get(&a.need) else {
            self.violations
                .push(Violation::UnknownNeed { need: a.need });
            return;
        };
        let Some(role) = need.team.roles.get(a.role as usize) else {
            self.violations.push(Violation::RoleOutOfRange {
                need: a.need,
                role: a.role,
            });
            return;
        };
        if !self.served.contains(&a.need) {
            self.push_at(a, |need, role, provider| Violation::AssignedToUnserved {
                need,
                role,
                provider,
            });
        }
        if !self.pairs.insert((a.need, a.role, a.provider)) {
            self.push_at(a, |need, role, provider| Violation::DuplicatePair {
                need,
                role,
                provider,
            });
        }
        if !kind_fits(&role.spec, a.provider) {
            self.push_at(a, |need, role, provider| Violation::KindMismatch {
                need,
                role,
                provider,
            });
            return;
        }
        let Some(usage) = self.usage(&role.spec, a) else {
            self.push_at(a, |need, role, provider| Violation::UnknownProvider {
                need,
                role,
                provider,
            });
            return;
        };
        self.check_amount(a, &role.spec);
        self.check_person_once(a);
        if let Some(resident) = self.resident_of(need) {
            let held = self
                .ongoing
                .get(&(a.need, a.role, a.provider))
                .map_or(0, |&h| i64::try_from(h).unwrap_or(i64::MAX));
            let ctx = Context {
                need,
                resident,
                role,
                held,
                supervisor: a.supervisor,
            };
            if let Some(supervisor) = a.supervisor {
                if self.needless_supervisor(&ctx, a.provider) {
                    self.violations.push(Violation::NeedlessSupervisor {
                        need: a.need,
                        role: a.role,
                        provider: a.provider,
                        supervisor,
                    });
                } else {
                    *self.supervised.entry(supervisor).or_insert(0) += 1;
                }
            }
            if let Some(rule) = self.eligibility(&ctx, a.provider) {
                self.push_at(a, |need, role, provider| Violation::Ineligible {
                    need,
                    role,
                    provider,
                    rule,
                });
            }
        }
        let fill = if matches!(role.spec, RoleSpec::Material { .. }) {
            a.amount.max(0)
        } else {
            1
        };
        let entry = self.filled.entry((a.need, a.role)).or_insert(0);
        *entry = entry.saturating_add(fill);
        let window = (
            need.window.start.days_since_epoch(),
            need.window.end.days_since_epoch(),
        );
        self.used
            .entry(a.provider)
            .or_default()
            .push((window.0, window.1, usage));
    }

    fn push_at(&mut self, a: &Assignment, make: impl Fn(NeedId, u32, ProviderId) -> Violation) {
        self.violations.push(make(a.need, a.role, a.provider));
    }

    /// Persons have amount 1; material amount > 0.
    fn check_amount(&mut self, a: &Assignment, spec: &RoleSpec) {
        let ok = match spec {
            RoleSpec::Material { .. } => a.amount > 0,
            _ => a.amount == 1,
        };
        if !ok {
            let amount = a.amount;
            self.push_at(a, |need, role, provider| Violation::BadAmount {
                need,
                role,
                provider,
                amount,
            });
        }
    }

    /// A person fills at most one role of one need.
    fn check_person_once(&mut self, a: &Assignment) {
        if matches!(a.provider, ProviderId::Fund(_)) {
            return;
        }
        let first = *self
            .person_role
            .entry((a.need, a.provider))
            .or_insert(a.role);
        if first != a.role {
            self.violations.push(Violation::PersonInTwoRoles {
                need: a.need,
                provider: a.provider,
                first_role: first,
                second_role: a.role,
            });
        }
    }

    /// The need's resident, reporting a missing one once per need.
    fn resident_of(&mut self, need: &'s Need) -> Option<&'s Resident> {
        let found = self.residents.get(&need.resident).copied();
        if found.is_none() && self.missing_residents.insert(need.id) {
            self.violations.push(Violation::UnknownResident {
                need: need.id,
                resident: need.resident,
            });
        }
        found
    }

    /// Capacity the assignment uses, `None` when the provider is unknown. Persons use one case
    /// or the role's minutes whatever their (possibly bad) amount; material uses its amount.
    fn usage(&self, spec: &RoleSpec, a: &Assignment) -> Option<i128> {
        let known = match a.provider {
            ProviderId::Worker(id) => self.workers.contains_key(&id),
            ProviderId::Volunteer(id) => self.volunteers.contains_key(&id),
            ProviderId::Organization(id) => self.organizations.contains_key(&id),
            ProviderId::Fund(id) => self.funds.contains_key(&id),
        };
        if !known {
            return None;
        }
        Some(match spec {
            RoleSpec::Volunteers { weekly_minutes, .. } => i128::from(*weekly_minutes),
            RoleSpec::Material { .. } => i128::from(a.amount.max(0)),
            RoleSpec::LeadWorker { .. } | RoleSpec::Organization | RoleSpec::Service { .. } => 1,
        })
    }

    /// The first eligibility rule the provider breaks, if any.
    fn eligibility(&mut self, ctx: &Context<'s>, provider: ProviderId) -> Option<Rejection> {
        match (&ctx.role.spec, provider) {
            (RoleSpec::LeadWorker { min_licence }, ProviderId::Worker(id)) => {
                let w = *self.workers.get(&id)?;
                if w.licence < *min_licence && !self.supervision_holds(ctx, w, *min_licence) {
                    return Some(Rejection::LicenceTooLow);
                }
                self.worker_rules(ctx, w)
            }
            (RoleSpec::Volunteers { .. }, ProviderId::Volunteer(id)) => {
                let v = *self.volunteers.get(&id)?;
                self.volunteer_rules(ctx, v)
            }
            (RoleSpec::Organization | RoleSpec::Service { .. }, ProviderId::Organization(id)) => {
                let o = *self.organizations.get(&id)?;
                self.organization_rules(ctx, o)
            }
            (RoleSpec::Material { .. }, ProviderId::Fund(id)) => {
                let f = *self.funds.get(&id)?;
                fund_rules(ctx, f, &self.distances)
            }
            _ => None,
        }
    }

    /// A worker below the role's licence may lead it with a supervisor: the one named must be
    /// the worker's mentor, hold the licence, and for a minor be vetted through the window.
    fn supervision_holds(&self, ctx: &Context<'s>, w: &SocialWorker, min_licence: Licence) -> bool {
        let Some(mentor) = ctx.supervisor.filter(|&m| w.mentor == Some(m)) else {
            return false;
        };
        let Some(&m) = self.workers.get(&mentor) else {
            return false;
        };
        let minor = ctx.resident.minor_rules_apply();
        m.licence >= min_licence
            && !(minor && vetting_failure(m.vetting, ctx.need.window.end).is_some())
    }

    /// Whether a supervisor named on an assignment is not needed: the provider is not a
    /// worker leading the role, or holds the role's licence itself.
    fn needless_supervisor(&self, ctx: &Context<'s>, provider: ProviderId) -> bool {
        match (&ctx.role.spec, provider) {
            (RoleSpec::LeadWorker { min_licence }, ProviderId::Worker(id)) => self
                .workers
                .get(&id)
                .is_none_or(|w| w.licence >= *min_licence),
            _ => true,
        }
    }

    /// Supervision places per mentor over the whole plan.
    fn check_supervision(&mut self) {
        for (&mentor, &used) in &self.supervised {
            let Some(m) = self.workers.get(&mentor) else {
                continue; // the named mentor is unknown: reported as ineligible
            };
            let held = self.supervision_held.get(&mentor).copied().unwrap_or(0);
            let free = i128::from(m.supervision_capacity) - i128::from(m.supervising) + held;
            if used > free {
                self.violations.push(Violation::SupervisionExceeded {
                    mentor,
                    used,
                    free: i64::try_from(free).unwrap_or(i64::MAX),
                });
            }
        }
    }

    /// Lead worker rules 2–4 (licence is checked by the caller).
    fn worker_rules(&mut self, ctx: &Context<'s>, w: &SocialWorker) -> Option<Rejection> {
        if ctx.resident.minor_rules_apply() {
            if let Some(r) = vetting_failure(w.vetting, ctx.need.window.end) {
                return Some(r);
            }
        }
        self.travel_rule(w.station, ctx.resident, w.travel_radius_m)
            .or_else(|| {
                (i64::from(w.caseload_capacity) - i64::from(w.current_load) + ctx.held < 1)
                    .then_some(Rejection::NoCapacity)
            })
    }

    /// Volunteer rules 1–7.
    fn volunteer_rules(&mut self, ctx: &Context<'s>, v: &Volunteer) -> Option<Rejection> {
        let RoleSpec::Volunteers {
            skills,
            weekly_minutes,
            risky,
            min_age,
            ..
        } = &ctx.role.spec
        else {
            return None;
        };
        let end = ctx.need.window.end;
        if !skills.is_subset(&v.skills) {
            return Some(Rejection::MissingSkill);
        }
        if min_age.is_some_and(|m| v.age < m) {
            return Some(Rejection::TooYoung);
        }
        if ctx.resident.minor_rules_apply() {
            if let Some(r) = vetting_failure(v.vetting, end) {
                return Some(r);
            }
        }
        if *risky && v.insured_until.is_none_or(|d| d < end) {
            return Some(Rejection::NotInsured);
        }
        if let Some(r) = self.travel_rule(v.community, ctx.resident, v.travel_radius_m) {
            return Some(r);
        }
        if ctx.need.slots.is_disjoint(&v.availability) {
            return Some(Rejection::NoCommonSlot);
        }
        let free = i64::from(v.weekly_minutes) - i64::from(v.committed_minutes) + ctx.held;
        (free < i64::from(*weekly_minutes)).then_some(Rejection::NoCapacity)
    }

    /// Organization rules 1–3; rule 1 for a named-service role: the service is offered.
    fn organization_rules(&self, ctx: &Context<'s>, o: &SocialOrganization) -> Option<Rejection> {
        if let RoleSpec::Service { service } = &ctx.role.spec {
            if !o.services.contains(service) {
                return Some(Rejection::ServiceNotOffered);
            }
        } else if !o.categories.contains(&ctx.need.category)
            && o.categories.is_disjoint(&ctx.need.also)
        {
            return Some(Rejection::CategoryNotServed);
        }
        let c = ctx.resident.community;
        if !o.serves.iter().any(|&r| self.distances.within(c, r)) {
            return Some(Rejection::OutsideServiceArea);
        }
        (i64::from(o.case_capacity) - i64::from(o.active_cases) + ctx.held < 1)
            .then_some(Rejection::NoCapacity)
    }

    /// Reachable and within the radius.
    fn travel_rule(
        &mut self,
        from: crate::model::RegionId,
        resident: &Resident,
        radius_m: u32,
    ) -> Option<Rejection> {
        match self.distances.distance(from, resident.community) {
            None => Some(Rejection::Unreachable),
            Some(d) if d > u64::from(radius_m) => Some(Rejection::TooFar),
            Some(_) => None,
        }
    }

    /// Served needs: every required role exactly filled, no role beyond its demand.
    fn check_teams(&mut self) {
        let mut seen = BTreeSet::new();
        for need in &self.scenario.needs {
            if !seen.insert(need.id) {
                continue;
            }
            let served = self.served.contains(&need.id);
            for (i, role) in need.team.roles.iter().enumerate() {
                let role_index = i as u32;
                let filled = self
                    .filled
                    .get(&(need.id, role_index))
                    .copied()
                    .unwrap_or(0);
                let demand = role_demand(&role.spec);
                let required = need.team.rule == TeamRule::AllOrNothing || !role.optional;
                if filled > demand {
                    self.violations.push(Violation::RoleOverfilled {
                        need: need.id,
                        role: role_index,
                        filled,
                        demand,
                    });
                } else if served && required && filled < demand {
                    self.violations.push(Violation::TeamIncomplete {
                        need: need.id,
                        role: role_index,
                        filled,
                        demand,
                    });
                }
            }
        }
    }

    /// Capacities: money summed over the whole plan; a person's or an organization's on its
    /// busiest day (the uses whose windows contain it: the peak is on some use's first day).
    fn check_capacities(&mut self) {
        for (&provider, uses) in &self.used {
            let used = match provider {
                ProviderId::Fund(_) => uses.iter().map(|u| u.2).sum(),
                _ => busiest_day_use(uses),
            };
            let (unit, free) = match provider {
                ProviderId::Worker(id) => match self.workers.get(&id) {
                    Some(w) => (
                        CapacityUnit::Cases,
                        i64::from(w.caseload_capacity) - i64::from(w.current_load),
                    ),
                    None => continue,
                },
                ProviderId::Volunteer(id) => match self.volunteers.get(&id) {
                    Some(v) => (
                        CapacityUnit::WeeklyMinutes,
                        i64::from(v.weekly_minutes) - i64::from(v.committed_minutes),
                    ),
                    None => continue,
                },
                ProviderId::Organization(id) => match self.organizations.get(&id) {
                    Some(o) => (
                        CapacityUnit::Cases,
                        i64::from(o.case_capacity) - i64::from(o.active_cases),
                    ),
                    None => continue,
                },
                ProviderId::Fund(id) => match self.funds.get(&id) {
                    Some(f) => (CapacityUnit::Amount, f.remaining),
                    None => continue,
                },
            };
            let free = i128::from(free) + self.held.get(&provider).copied().unwrap_or(0);
            if used > free {
                self.violations.push(Violation::CapacityExceeded {
                    provider,
                    unit,
                    used,
                    free: i64::try_from(free).unwrap_or(i64::MAX),
                });
            }
        }
    }
}

/// The most that `uses` (first day, last day, units) hold on any one day: a sweep over the
/// days where a use starts (`+units`) or the day after it ends (`−units`).
fn busiest_day_use(uses: &[(i32, i32, i128)]) -> i128 {
    let mut changes: Vec<(i64, i128)> = Vec::with_capacity(2 * uses.len());
    for &(start, end, units) in uses {
        changes.push((i64::from(start), units));
        changes.push((i64::from(end) + 1, -units));
    }
    changes.sort_unstable();
    let (mut now, mut peak) = (0i128, 0i128);
    for (i, &(day, delta)) in changes.iter().enumerate() {
        now += delta;
        let last_of_day = changes.get(i + 1).is_none_or(|next| next.0 != day);
        if last_of_day {
            peak = peak.max(now);
        }
    }
    peak
}

/// Whether the provider is of the kind the role asks for.
fn kind_fits(spec: &RoleSpec, provider: ProviderId) -> bool {
    matches!(
        (spec, provider),
        (RoleSpec::LeadWorker { .. }, ProviderId::Worker(_))
            | (RoleSpec::Volunteers { .. }, ProviderId::Volunteer(_))
            | (RoleSpec::Organization, ProviderId::Organization(_))
            | (RoleSpec::Service { .. }, ProviderId::Organization(_))
            | (RoleSpec::Material { .. }, ProviderId::Fund(_))
    )
}

/// Persons or amount a role asks for.
fn role_demand(spec: &RoleSpec) -> i64 {
    match spec {
        RoleSpec::LeadWorker { .. } | RoleSpec::Organization | RoleSpec::Service { .. } => 1,
        RoleSpec::Volunteers { count, .. } => i64::from(*count),
        RoleSpec::Material { amount, .. } => *amount,
    }
}

/// The vetting rejection, if the vetting is not passed through `end` (fail closed).
fn vetting_failure(vetting: Vetting, end: Date) -> Option<Rejection> {
    match vetting {
        Vetting::Passed { expires } if expires >= end => None,
        Vetting::Passed { .. } => Some(Rejection::VettingExpired),
        Vetting::Failed => Some(Rejection::VettingFailed),
        Vetting::Unknown | Vetting::Pending => Some(Rejection::VettingMissing),
    }
}

/// Material rules 1–7.
fn fund_rules(
    ctx: &Context<'_>,
    f: &CharityResource,
    regions: &RoadDistances<'_>,
) -> Option<Rejection> {
    let RoleSpec::Material { kind, .. } = &ctx.role.spec else {
        return None;
    };
    let (need, resident) = (ctx.need, ctx.resident);
    let earmark = &f.earmark;
    let checks = [
        (f.kind != *kind, Rejection::WrongResourceKind),
        (
            !earmark.categories.is_empty()
                && !earmark.categories.contains(&need.category)
                && earmark.categories.is_disjoint(&need.also),
            Rejection::EarmarkCategory,
        ),
        (
            !earmark.regions.is_empty()
                && !earmark
                    .regions
                    .iter()
                    .any(|&r| regions.within(resident.community, r)),
            Rejection::EarmarkRegion,
        ),
        (
            !earmark.groups.is_empty() && earmark.groups.is_disjoint(&resident.groups()),
            Rejection::EarmarkGroup,
        ),
        (
            !(f.valid_from <= need.window.start && need.window.start <= f.valid_until),
            Rejection::FundNotValid,
        ),
        (
            f.related_parties.contains(&resident.id),
            Rejection::RelatedParty,
        ),
        (
            f.remaining.saturating_add(ctx.held) < 1,
            Rejection::NoCapacity,
        ),
    ];
    checks
        .iter()
        .find(|(broken, _)| *broken)
        .map(|&(_, rule)| rule)
}
