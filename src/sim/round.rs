//! The round loop: one week of arrivals, departures, money and matching.

use std::collections::{BTreeMap, BTreeSet};

use super::cases::{Case, CaseState};
use super::config::{SimConfig, visit_interval_weeks};
use super::county::Geography;
use super::metrics::{RoundMetrics, RunTotals, mean_of, percentile, share};
use super::ongoing::{end_case, keep_ongoing};
use super::policy::SimPolicy;
use super::run::{CommunityCoverage, MoneyLedger, RunResult};
use super::state_view::open_case_metrics;
use crate::error::Result;
use crate::model::{Date, Need, NeedId, RegionId, Resident, ResourceKind, RiskTier, Scenario};
use crate::rematch::Rematcher;
use crate::rules::ServiceLevel;
use crate::solve::StrategyKind;

/// A seeded, deterministic, round-based simulation (a round is a week).
///
/// Each [`Simulation::step`]: cases that ran their course close and release their providers;
/// volunteers leave (breaking their cases, which wait again), change availability and join;
/// the week's donation arrives and funds past their validity lose what they hold; needs are
/// reported and screening finds latent ones; needs that waited longer than the patience lapse;
/// then the strategy matches the waiting needs with every ongoing case kept, High-risk needs
/// left unserved in their first round are escalated, and the round's metrics are taken.
/// Week 0 matches the scenario's own needs (the backlog).
///
/// # Example
/// ```
/// use wushe::sim::{CountyConfig, SimConfig, SimPolicy, Simulation};
/// use wushe::StrategyKind;
/// # fn main() -> Result<(), wushe::Error> {
/// let county = CountyConfig::default().with_townships(2).with_communities(8)
///     .with_volunteers(60).with_needs(40).generate();
/// let config = SimConfig::default().with_weeks(3).with_arrivals_per_week(5);
/// let mut sim = Simulation::new(county, config, SimPolicy::default(), StrategyKind::Greedy, 7)?;
/// while sim.step()?.is_some() {}
/// let run = sim.finish();
/// assert_eq!(run.rounds.len(), 3);
/// let ledger = run.rounds.last().map(|r| r.money_balance);
/// assert!(ledger.is_some());
/// # Ok(()) }
/// ```
pub struct Simulation {
    pub(super) config: SimConfig,
    pub(super) policy: SimPolicy,
    strategy: StrategyKind,
    pub(super) seed: u64,
    pub(super) week: u32,
    start: Date,
    pub(super) as_of: Date,
    /// Regions, roads and the providers with their loads; needs and residents live in `cases`.
    pub(super) world: Scenario,
    pub(super) geo: Geography,
    pub(super) cases: BTreeMap<NeedId, Case>,
    pub(super) latent: Vec<(Resident, Need)>,
    pub(super) last_need: u32,
    pub(super) last_resident: u32,
    pub(super) last_volunteer: u32,
    /// One re-matcher per matching stage (reported needs, then findings when reserving), so
    /// each week starts from the last week's prices ([`Rematcher`]).
    matchers: [Rematcher; 2],
    money: MoneyLedger,
    waits: Vec<u32>,
    /// New cases of the current round by the level that met them (community, township,
    /// county).
    levels: [u32; 3],
    rounds: Vec<RoundMetrics>,
    community_sums: BTreeMap<RegionId, (f64, u32)>,
}

impl Simulation {
    /// A simulation of `scenario` (its needs are week 0's arrivals) under `strategy` and
    /// `policy`, every random stream derived from `seed`.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Validation`] when the scenario is invalid; [`crate::ErrorKind::Policy`]
    /// for an invalid matching policy.
    pub fn new(
        scenario: Scenario,
        config: SimConfig,
        policy: SimPolicy,
        strategy: StrategyKind,
        seed: u64,
    ) -> Result<Simulation> {
        scenario.validate()?;
        policy.matching.validate()?;
        let geo = Geography::of(&scenario);
        let active: BTreeSet<NeedId> = scenario.ongoing.iter().map(|o| o.need).collect();
        let mut cases = BTreeMap::new();
        for need in &scenario.needs {
            if let Some(resident) = scenario.resident(need.resident) {
                let mut case = Case::arrived(resident.clone(), need.clone(), 0, false);
                if active.contains(&need.id) {
                    // A case already running: it ends with its window.
                    let left =
                        need.window.end.days_since_epoch() - scenario.as_of.days_since_epoch();
                    case.state = CaseState::Active;
                    case.ends_week = u32::try_from(left.max(1)).unwrap_or(1).div_ceil(7);
                }
                cases.insert(need.id, case);
            }
        }
        let initial = money_held(&scenario);
        Ok(Simulation {
            last_need: cases.keys().map(|n: &NeedId| n.0).max().unwrap_or(0),
            last_resident: scenario.residents.iter().map(|r| r.id.0).max().unwrap_or(0),
            last_volunteer: scenario
                .volunteers
                .iter()
                .map(|v| v.id.0)
                .max()
                .unwrap_or(0),
            start: scenario.as_of,
            as_of: scenario.as_of,
            config,
            policy: policy.clone(),
            strategy,
            seed,
            week: 0,
            world: scenario,
            geo,
            cases,
            latent: Vec::new(),
            matchers: [
                Rematcher::new(policy.matching.clone(), strategy),
                Rematcher::new(policy.matching.clone(), strategy),
            ],
            money: MoneyLedger {
                initial,
                balance: initial,
                ..MoneyLedger::default()
            },
            waits: Vec::new(),
            levels: [0; 3],
            rounds: Vec::new(),
            community_sums: BTreeMap::new(),
        })
    }

    /// Runs the next round and returns its metrics, or `None` after the last week.
    ///
    /// # Errors
    /// A compile or solve error of the round's matching (an invalid scenario after a change
    /// the caller made, or a strategy failure).
    pub fn step(&mut self) -> Result<Option<&RoundMetrics>> {
        if self.week >= self.config.weeks {
            return Ok(None);
        }
        let week = self.week;
        self.as_of = self
            .start
            .plus_days(i32::try_from(week).unwrap_or(i32::MAX).saturating_mul(7));
        self.world.as_of = self.as_of;
        let closed = self.close_finished()?;
        let broken = if week > 0 { self.volunteers()? } else { 0 };
        let (donated, lost) = self.funds();
        let arrived = if week > 0 {
            self.arrivals()
        } else {
            self.cases.len() as u32
        };
        let discovered = self.screening();
        let expired = self.lapse()?;
        self.levels = [0; 3];
        let (served, spent, mut waits) = self.match_waiting()?;
        let escalated = self.escalate();
        self.money.donated += donated;
        self.money.expired += lost;
        self.money.spent += spent;
        self.money.balance = money_held(&self.world);
        let flows = Flows {
            arrived,
            discovered,
            served,
            closed,
            expired,
            escalated,
            broken,
            donated,
            spent,
            lost,
        };
        let metrics = self.round_metrics(&flows, &mut waits)?;
        self.waits.extend(waits);
        self.rounds.push(metrics);
        self.week += 1;
        Ok(self.rounds.last())
    }

    /// The rounds run so far.
    pub fn rounds(&self) -> &[RoundMetrics] {
        &self.rounds
    }

    /// The money ledger so far.
    pub fn money(&self) -> MoneyLedger {
        self.money
    }

    /// How many arrived needs stand in each state (every state listed, zeros included).
    pub fn state_counts(&self) -> BTreeMap<CaseState, u64> {
        let mut counts: BTreeMap<CaseState, u64> = [
            CaseState::Waiting,
            CaseState::Escalated,
            CaseState::Active,
            CaseState::Closed,
            CaseState::Expired,
        ]
        .into_iter()
        .map(|s| (s, 0))
        .collect();
        for case in self.cases.values() {
            *counts.entry(case.state).or_default() += 1;
        }
        counts
    }

    /// The current snapshot: providers with their loads, the open cases' needs and
    /// residents, and the running cases as ongoing assignments.
    pub fn world(&self) -> &Scenario {
        &self.world
    }

    /// The running cases as a plan over [`Simulation::world`] (served = active cases), for
    /// the checker and [`crate::plan::PlanMetrics`].
    pub fn ongoing_plan(&self) -> crate::MatchPlan {
        super::state_view::ongoing_plan(&self.world)
    }

    /// Ends the run: its rounds, totals and coverage by community.
    pub fn finish(self) -> RunResult {
        let mut waits = self.waits;
        let r = &self.rounds;
        let sum = |f: fn(&RoundMetrics) -> u64| r.iter().map(f).sum::<u64>();
        let money = self.money;
        let totals = RunTotals {
            arrived: r.last().map_or(0, |m| m.arrived_total),
            served: sum(|m| u64::from(m.served)),
            expired: sum(|m| u64::from(m.expired)),
            escalated: sum(|m| u64::from(m.escalated)),
            churn: sum(|m| u64::from(m.broken)),
            coverage: mean_of(r, |m| m.coverage),
            final_coverage: r.last().map_or(1.0, |m| m.coverage),
            priority_coverage: mean_of(r, |m| m.priority_coverage),
            coverage_high: mean_of(r, |m| m.coverage_high),
            min_community_coverage: mean_of(r, |m| m.min_community_coverage),
            community_gini: mean_of(r, |m| m.community_gini),
            first_contact_sla: share(
                sum(|m| u64::from(m.high_first_contact)),
                sum(|m| u64::from(m.high_arrivals)),
            ),
            visit_sla: share(
                sum(|m| u64::from(m.visits_made)),
                sum(|m| u64::from(m.visits_due)),
            ),
            money_in: money.initial + money.donated,
            money_spent: money.spent,
            money_expired: money.expired,
            money_balance: money.balance,
            fund_utilisation: if money.initial + money.donated > 0 {
                money.spent as f64 / (money.initial + money.donated) as f64
            } else {
                0.0
            },
            travel_mean_km: mean_of(r, |m| m.travel_mean_km),
            worker_load_cv: mean_of(r, |m| m.worker_load_cv),
            wait_median_weeks: percentile(&mut waits, 50),
            wait_p90_weeks: percentile(&mut waits, 90),
        };
        let communities = self
            .geo
            .communities
            .iter()
            .map(|&community| CommunityCoverage {
                community,
                coverage: self
                    .community_sums
                    .get(&community)
                    .filter(|(_, n)| *n > 0)
                    .map_or(1.0, |(s, n)| s / f64::from(*n)),
            })
            .collect();
        RunResult {
            strategy: self.strategy.name().to_owned(),
            policy: self.policy.name.clone(),
            replication: 0,
            seed: self.seed,
            rounds: self.rounds,
            totals,
            communities,
        }
    }

    /// Active cases whose time is up close and release their providers.
    fn close_finished(&mut self) -> Result<u32> {
        let week = self.week;
        let ending: Vec<NeedId> = self
            .cases
            .values()
            .filter(|c| c.state == CaseState::Active && c.ends_week <= week)
            .map(Case::id)
            .collect();
        for id in &ending {
            end_case(&mut self.world, *id)?;
            if let Some(case) = self.cases.get_mut(id) {
                case.state = CaseState::Closed;
            }
        }
        Ok(ending.len() as u32)
    }

    /// A newly arrived need enters the case book and the world, waiting.
    pub(super) fn open_case(&mut self, case: Case) {
        if self.world.resident(case.resident.id).is_none() {
            self.world.residents.push(case.resident.clone());
        }
        self.world.needs.push(case.need.clone());
        self.cases.insert(case.id(), case);
    }

    /// A case whose provider left: it ends (its other providers released) and the need
    /// waits again.
    pub(super) fn break_case(&mut self, id: NeedId) -> Result<()> {
        end_case(&mut self.world, id)?;
        if let Some(case) = self.cases.get_mut(&id) {
            case.state = CaseState::Waiting;
            case.waiting_since = self.week;
            if self.world.resident(case.resident.id).is_none() {
                self.world.residents.push(case.resident.clone());
            }
            self.world.needs.push(case.need.clone());
        }
        Ok(())
    }

    /// Needs that waited `patience_weeks` or more lapse and leave the world.
    fn lapse(&mut self) -> Result<u32> {
        let (week, patience) = (self.week, self.config.patience_weeks);
        let lapsing: Vec<NeedId> = self
            .cases
            .values()
            .filter(|c| c.is_waiting() && week.saturating_sub(c.waiting_since) >= patience)
            .map(Case::id)
            .collect();
        for id in &lapsing {
            end_case(&mut self.world, *id)?;
            if let Some(case) = self.cases.get_mut(id) {
                case.state = CaseState::Expired;
            }
        }
        Ok(lapsing.len() as u32)
    }

    /// High-risk needs that arrived this week and are not served are escalated.
    fn escalate(&mut self) -> u32 {
        let week = self.week;
        let mut escalated = 0;
        for case in self.cases.values_mut() {
            if case.tier() == RiskTier::High
                && case.arrived_week == week
                && case.state == CaseState::Waiting
            {
                case.state = CaseState::Escalated;
                escalated += 1;
            }
        }
        escalated
    }

    /// Matches the waiting needs: with a reserve, reported needs first on the workers' free
    /// caseload less the reserve, then the needs found by screening on what is left; without,
    /// all together. Returns (cases started, money spent, their waits).
    fn match_waiting(&mut self) -> Result<(u32, i64, Vec<u32>)> {
        let waiting: Vec<(NeedId, bool)> = self
            .cases
            .values()
            .filter(|c| c.is_waiting())
            .map(|c| (c.id(), c.discovered))
            .collect();
        let reserve = self.policy.reserve_percent.min(100);
        let stages: Vec<(Vec<NeedId>, u32)> = if reserve == 0 {
            vec![(waiting.iter().map(|w| w.0).collect(), 0)]
        } else {
            let reported = waiting.iter().filter(|w| !w.1).map(|w| w.0).collect();
            let found = waiting.iter().filter(|w| w.1).map(|w| w.0).collect();
            vec![(reported, reserve), (found, 0)]
        };
        let mut result = (0, 0, Vec::new());
        for (stage, (ids, reserve)) in stages.into_iter().enumerate() {
            if ids.is_empty() {
                continue;
            }
            self.match_stage(stage, &ids, reserve, &mut result)?;
        }
        Ok(result)
    }

    fn match_stage(
        &mut self,
        stage: usize,
        ids: &[NeedId],
        reserve_percent: u32,
        result: &mut (u32, i64, Vec<u32>),
    ) -> Result<()> {
        // A waiting need's window starts when it is matched and lasts its case's length.
        let as_of = self.as_of;
        let wanted: BTreeSet<NeedId> = ids.iter().copied().collect();
        for need in self
            .world
            .needs
            .iter_mut()
            .filter(|n| wanted.contains(&n.id))
        {
            if let Some(case) = self.cases.get_mut(&need.id) {
                let start = need.window.start.max(as_of);
                need.window.start = start;
                need.window.end = start.plus_days(case.duration_days);
                case.need.window = need.window;
            }
        }
        let mut scenario = self.world.clone();
        scenario.ongoing.clear();
        scenario.needs.retain(|n| wanted.contains(&n.id));
        if reserve_percent > 0 {
            for w in &mut scenario.workers {
                let free = w.caseload_capacity.saturating_sub(w.current_load);
                let hold = (u64::from(free) * u64::from(reserve_percent)).div_ceil(100);
                w.caseload_capacity -= u32::try_from(hold).unwrap_or(free).min(free);
            }
        }
        let plan = match self.matchers.get_mut(stage) {
            Some(matcher) => matcher.rematch(&scenario)?,
            None => {
                Rematcher::new(self.policy.matching.clone(), self.strategy).rematch(&scenario)?
            }
        };
        for l in &plan.levels {
            let slot = match l.level {
                ServiceLevel::Community => 0,
                ServiceLevel::Township => 1,
                ServiceLevel::County => 2,
            };
            self.levels[slot] += 1;
        }
        let (next, spent) = keep_ongoing(&self.world, &plan)?;
        self.world = next;
        result.1 += spent;
        let week = self.week;
        for id in &plan.served {
            let Some(case) = self.cases.get_mut(id) else {
                continue;
            };
            result.0 += 1;
            result.2.push(week - case.waiting_since);
            let weeks = u32::try_from(case.duration_days.max(1))
                .unwrap_or(1)
                .div_ceil(7);
            case.ends_week = week + weeks.max(1);
            case.state = CaseState::Active;
        }
        Ok(())
    }

    fn round_metrics(&mut self, f: &Flows, waits: &mut [u32]) -> Result<RoundMetrics> {
        let week = self.week;
        let counts = self.state_counts();
        let count = |s: CaseState| counts.get(&s).copied().unwrap_or(0);
        let mut visits_due = 0;
        let mut visits_made = 0;
        let mut high_arrivals = 0;
        let mut high_first_contact = 0;
        for case in self.cases.values() {
            if case.tier() == RiskTier::High && case.arrived_week == week {
                high_arrivals += 1;
                high_first_contact += u32::from(case.state == CaseState::Active);
            }
            if case.is_open() && (week - case.arrived_week) % visit_interval_weeks(case.tier()) == 0
            {
                visits_due += 1;
                visits_made += u32::from(case.state == CaseState::Active);
            }
        }
        let view = open_case_metrics(&self.world);
        for (community, coverage) in &view.by_community {
            let entry = self.community_sums.entry(*community).or_insert((0.0, 0));
            entry.0 += coverage.ratio;
            entry.1 += 1;
        }
        let load = worker_load(&self.world);
        let tier = |t: RiskTier| view.by_risk.get(&t).map_or(1.0, |c| c.ratio);
        Ok(RoundMetrics {
            week,
            arrived: f.arrived,
            discovered: f.discovered,
            served: f.served,
            served_community: self.levels[0],
            served_township: self.levels[1],
            served_county: self.levels[2],
            closed: f.closed,
            expired: f.expired,
            escalated: f.escalated,
            broken: f.broken,
            active: count(CaseState::Active) as u32,
            waiting: count(CaseState::Waiting) as u32,
            escalated_waiting: count(CaseState::Escalated) as u32,
            arrived_total: self.cases.len() as u64,
            closed_total: count(CaseState::Closed),
            expired_total: count(CaseState::Expired),
            coverage: view.coverage.ratio,
            priority_coverage: view.priority_weighted.ratio,
            coverage_high: tier(RiskTier::High),
            coverage_key: tier(RiskTier::Key),
            coverage_general: tier(RiskTier::General),
            min_community_coverage: view.min_community_coverage,
            community_gini: view.gini,
            min_group_coverage: view.min_group_coverage,
            group_gini: view.group_gini,
            high_arrivals,
            high_first_contact,
            visits_due,
            visits_made,
            money_donated: f.donated,
            money_spent: f.spent,
            money_expired: f.lost,
            money_balance: self.money.balance,
            travel_mean_km: view.travel.mean_m / 1000.0,
            worker_utilisation_mean: load.0,
            worker_utilisation_max: load.1,
            worker_load_cv: load.2,
            wait_median_weeks: percentile(waits, 50),
            wait_p90_weeks: percentile(waits, 90),
        })
    }
}

/// The flows of one round, for its metrics.
struct Flows {
    arrived: u32,
    discovered: u32,
    served: u32,
    closed: u32,
    expired: u32,
    escalated: u32,
    broken: u32,
    donated: i64,
    spent: i64,
    lost: i64,
}

/// Money held by the scenario's money funds, fen.
fn money_held(s: &Scenario) -> i64 {
    s.funds
        .iter()
        .filter(|f| f.kind == ResourceKind::Money)
        .map(|f| f.remaining)
        .sum()
}

/// Worker utilisation: (mean, max, coefficient of variation) over workers with capacity.
fn worker_load(s: &Scenario) -> (f64, f64, f64) {
    let ratios: Vec<f64> = s
        .workers
        .iter()
        .filter(|w| w.caseload_capacity > 0)
        .map(|w| f64::from(w.current_load) / f64::from(w.caseload_capacity))
        .collect();
    if ratios.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let n = ratios.len() as f64;
    let mean = ratios.iter().sum::<f64>() / n;
    let max = ratios.iter().copied().fold(0.0, f64::max);
    let var = ratios.iter().map(|r| (r - mean) * (r - mean)).sum::<f64>() / n;
    let cv = if mean > 0.0 { var.sqrt() / mean } else { 0.0 };
    (mean, max, cv)
}
