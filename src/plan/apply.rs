//! The next snapshot: a plan written back into its scenario.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Result;
use crate::model::{
    EntityRef, IssueKind, NeedId, OngoingAssignment, ProviderId, Scenario, ValidationIssue,
    ValidationReport, WorkerId,
};

use super::check::check_plan;
use super::match_plan::MatchPlan;

impl Scenario {
    /// The next snapshot: `plan`'s assignments become the ongoing assignments, and the
    /// providers' loads and the funds' balances follow.
    ///
    /// - A pairing the plan continues is kept as it is (its `since` unchanged); it was
    ///   counted in the loads already.
    /// - A new assignment is charged once: a worker's `current_load` or an organization's
    ///   `active_cases` +1, a volunteer's `committed_minutes` + the role's weekly minutes, a
    ///   fund's `remaining` − the amount, a supervising mentor's `supervising` +1; it becomes
    ///   ongoing `since` the snapshot date, with its supervisor.
    /// - An ongoing pairing the plan does not continue (switched, released, need unmet) is
    ///   removed and its person's load (and its mentor's supervision place) given back.
    ///   Material already given is not refunded.
    /// - Served needs are those with ongoing assignments; the date is unchanged (set
    ///   [`Scenario::as_of`] to move on).
    ///
    /// So `apply → match → apply` never charges a pairing twice: each step conserves
    /// `load = Σ ongoing usage + what was there before any pairing` per provider, and
    /// `remaining + Σ given = the fund's first balance` per fund.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Violations`] when the plan breaks a hard constraint of this
    /// scenario ([`check_plan`]: a plan for another scenario, or one edited badly);
    /// [`crate::ErrorKind::Validation`] should the result be inconsistent.
    ///
    /// # Example
    /// ```
    /// use wushe::{demo, match_scenario, MatchPolicy, StrategyKind};
    /// # fn main() -> Result<(), wushe::Error> {
    /// let today = demo::left_behind_child();
    /// let plan = match_scenario(&today, &MatchPolicy::default(), StrategyKind::Decomposition)?;
    /// let tomorrow = today.apply(&plan)?;
    /// assert_eq!(tomorrow.ongoing.len(), plan.assignments.len());
    /// # Ok(()) }
    /// ```
    pub fn apply(&self, plan: &MatchPlan) -> Result<Scenario> {
        check_plan(self, plan)?;
        let mut next = self.clone();
        let planned: BTreeSet<(NeedId, u32, ProviderId)> = plan
            .assignments
            .iter()
            .map(|a| (a.need, a.role, a.provider))
            .collect();
        let supervisors: BTreeMap<(NeedId, u32, ProviderId), Option<WorkerId>> = plan
            .assignments
            .iter()
            .map(|a| ((a.need, a.role, a.provider), a.supervisor))
            .collect();
        let mut kept = Vec::with_capacity(self.ongoing.len());
        let mut continuing = BTreeSet::new();
        for o in &self.ongoing {
            let key = (o.need, o.role, o.provider);
            if planned.contains(&key) && continuing.insert(key) {
                let mut o = *o;
                let now = supervisors.get(&key).copied().flatten();
                if now != o.supervisor {
                    next.release_supervision(o.supervisor);
                    next.charge_supervision(now)?;
                    o.supervisor = now;
                }
                kept.push(o);
            } else {
                next.release_supervision(o.supervisor);
                if let Some(usage) = self.ongoing_usage(o) {
                    next.release(o.provider, usage);
                }
            }
        }
        for a in &plan.assignments {
            if continuing.contains(&(a.need, a.role, a.provider)) {
                continue;
            }
            next.charge_supervision(a.supervisor)?;
            let ongoing = OngoingAssignment {
                need: a.need,
                role: a.role,
                provider: a.provider,
                amount: a.amount,
                since: self.as_of,
                supervisor: a.supervisor,
            };
            let usage = self.ongoing_usage(&ongoing).unwrap_or(0);
            next.charge(a.provider, usage)?;
            kept.push(ongoing);
        }
        kept.sort_by_key(|o| (o.need, o.role, o.provider));
        next.ongoing = kept;
        next.version = crate::model::SCENARIO_VERSION;
        next.validate()?;
        Ok(next)
    }

    /// A case ends: need `need` is removed with its ongoing assignments, whose persons' loads
    /// are given back (the resident stays).
    ///
    /// # Errors
    /// [`crate::ErrorKind::Validation`] naming the need when the scenario has none with this
    /// id.
    ///
    /// # Example
    /// ```
    /// use wushe::model::NeedId;
    /// use wushe::{demo, match_scenario, MatchPolicy, StrategyKind};
    /// # fn main() -> Result<(), wushe::Error> {
    /// let today = demo::left_behind_child();
    /// let plan = match_scenario(&today, &MatchPolicy::default(), StrategyKind::Greedy)?;
    /// let mut next = today.apply(&plan)?;
    /// next.close_need(NeedId(1))?;
    /// assert!(next.ongoing.is_empty());
    /// assert_eq!(next.workers, today.workers); // the worker's case is given back
    /// # Ok(()) }
    /// ```
    pub fn close_need(&mut self, need: NeedId) -> Result<()> {
        if !self.needs.iter().any(|n| n.id == need) {
            return Err(missing(EntityRef::Need(need)));
        }
        let ongoing = std::mem::take(&mut self.ongoing);
        let (ending, staying): (Vec<_>, Vec<_>) = ongoing.into_iter().partition(|o| o.need == need);
        for o in &ending {
            self.release_supervision(o.supervisor);
            if let Some(usage) = self.ongoing_usage(o) {
                self.release(o.provider, usage);
            }
        }
        self.ongoing = staying;
        self.needs.retain(|n| n.id != need);
        Ok(())
    }

    /// A provider leaves: it is removed, and so are its ongoing assignments (their needs are
    /// matched again at the next solve) and the references to it (residents' prior workers
    /// and volunteers, volunteers' organizations).
    ///
    /// # Errors
    /// [`crate::ErrorKind::Validation`] naming the provider when the scenario has none with
    /// this id, or, for an organization that still administers a fund, naming the fund's
    /// `administered_by` (hand the fund over first).
    pub fn remove_provider(&mut self, provider: ProviderId) -> Result<()> {
        let before = self.provider_count();
        match provider {
            ProviderId::Worker(id) => {
                self.workers.retain(|w| w.id != id);
                for r in &mut self.residents {
                    r.prior_workers.retain(|&w| w != id);
                }
                // the juniors it mentored lose their mentor, its supervised cases their
                // supervisor (the next compile judges them again)
                for w in &mut self.workers {
                    if w.mentor == Some(id) {
                        w.mentor = None;
                    }
                }
                for o in &mut self.ongoing {
                    if o.supervisor == Some(id) {
                        o.supervisor = None;
                    }
                }
            }
            ProviderId::Volunteer(id) => {
                self.volunteers.retain(|v| v.id != id);
                for r in &mut self.residents {
                    r.prior_volunteers.retain(|&v| v != id);
                }
            }
            ProviderId::Organization(id) => {
                if let Some(f) = self.funds.iter().find(|f| f.administered_by == id) {
                    let issue = ValidationIssue {
                        entity: EntityRef::Fund(f.id),
                        field: "administered_by".into(),
                        kind: IssueKind::Inconsistent {
                            with: format!("removing organization {id}"),
                        },
                    };
                    let report = ValidationReport {
                        issues: vec![issue],
                    };
                    return Err(crate::ErrorKind::Validation(report).into());
                }
                self.organizations.retain(|o| o.id != id);
                for v in &mut self.volunteers {
                    v.organizations.remove(&id);
                }
            }
            ProviderId::Fund(id) => self.funds.retain(|f| f.id != id),
        }
        if self.provider_count() == before {
            return Err(missing(provider_entity(provider)));
        }
        let (leaving, staying): (Vec<_>, Vec<_>) = std::mem::take(&mut self.ongoing)
            .into_iter()
            .partition(|o| o.provider == provider);
        self.ongoing = staying;
        for o in &leaving {
            self.release_supervision(o.supervisor);
        }
        Ok(())
    }

    /// Gives a supervision place back to `supervisor`.
    fn release_supervision(&mut self, supervisor: Option<WorkerId>) {
        if let Some(w) = supervisor.and_then(|id| self.worker_mut(id)) {
            w.supervising = w.supervising.saturating_sub(1);
        }
    }

    /// Takes a supervision place of `supervisor`.
    fn charge_supervision(&mut self, supervisor: Option<WorkerId>) -> Result<()> {
        let Some(id) = supervisor else {
            return Ok(());
        };
        let w = self
            .worker_mut(id)
            .ok_or_else(|| missing(EntityRef::Worker(id)))?;
        w.supervising = w.supervising.saturating_add(1);
        Ok(())
    }

    fn provider_count(&self) -> usize {
        self.workers.len() + self.volunteers.len() + self.organizations.len() + self.funds.len()
    }

    /// Gives `usage` back to a person's load (funds are not refunded).
    fn release(&mut self, provider: ProviderId, usage: i64) {
        let held = u32::try_from(usage.max(0)).unwrap_or(u32::MAX);
        match provider {
            ProviderId::Worker(id) => {
                if let Some(w) = self.worker_mut(id) {
                    w.current_load = w.current_load.saturating_sub(held);
                }
            }
            ProviderId::Volunteer(id) => {
                if let Some(v) = self.volunteer_mut(id) {
                    v.committed_minutes = v.committed_minutes.saturating_sub(held);
                }
            }
            ProviderId::Organization(id) => {
                if let Some(o) = self.organization_mut(id) {
                    o.active_cases = o.active_cases.saturating_sub(held);
                }
            }
            ProviderId::Fund(_) => {}
        }
    }

    /// Charges `usage` to a provider's load or balance.
    fn charge(&mut self, provider: ProviderId, usage: i64) -> Result<()> {
        let units = u32::try_from(usage.max(0)).unwrap_or(u32::MAX);
        let charged = match provider {
            ProviderId::Worker(id) => self.worker_mut(id).map(|w| {
                w.current_load = w.current_load.saturating_add(units);
            }),
            ProviderId::Volunteer(id) => self.volunteer_mut(id).map(|v| {
                v.committed_minutes = v.committed_minutes.saturating_add(units);
            }),
            ProviderId::Organization(id) => self.organization_mut(id).map(|o| {
                o.active_cases = o.active_cases.saturating_add(units);
            }),
            ProviderId::Fund(id) => self.fund_mut(id).map(|f| {
                f.remaining = f.remaining.saturating_sub(usage);
            }),
        };
        charged.ok_or_else(|| missing(provider_entity(provider)))
    }
}

fn provider_entity(provider: ProviderId) -> EntityRef {
    match provider {
        ProviderId::Worker(id) => EntityRef::Worker(id),
        ProviderId::Volunteer(id) => EntityRef::Volunteer(id),
        ProviderId::Organization(id) => EntityRef::Organization(id),
        ProviderId::Fund(id) => EntityRef::Fund(id),
    }
}

fn missing(target: EntityRef) -> crate::Error {
    let issue = ValidationIssue {
        entity: EntityRef::Scenario,
        field: "id".into(),
        kind: IssueKind::DanglingReference { target },
    };
    crate::ErrorKind::Validation(ValidationReport {
        issues: vec![issue],
    })
    .into()
}
