//! Metrics over a plan: coverage (overall, by tier, category, community, group), priority-
//! weighted coverage, fairness across communities, travel, worker load and unmet reasons.
//!
//! Counts and sums are integers; exact ratios are compared by cross-multiplication. `f64`
//! appears only in the reported ratios, computed once at the end.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use serde::Serialize;

use super::match_plan::{MatchPlan, UnmetReason};
use super::travel::RoadDistances;
use crate::model::{
    BeneficiaryGroup, Category, NeedId, ProviderId, RegionId, ResidentId, RiskTier, Scenario,
    WorkerId,
};

/// Fixed-point scale for the per-community coverages fed to the Gini coefficient and for the
/// mean utilisation: parts per billion.
const PPB: i128 = 1_000_000_000;

/// Served needs out of needs in one slice of the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Coverage {
    /// Needs in the slice (or, for priority-weighted coverage, their total weight).
    pub needs: u64,
    /// Needs served (or their weight).
    pub served: u64,
    /// `served / needs`; 1 when the slice is empty (nothing was left unmet).
    pub ratio: f64,
}

impl Coverage {
    fn add(&mut self, weight: u64, served: bool) {
        self.needs += weight;
        if served {
            self.served += weight;
        }
    }

    fn finish(mut self) -> Self {
        self.ratio = ratio(u128::from(self.served), u128::from(self.needs), 1.0);
        self
    }
}

/// Travel of the person assignments (workers from their station, volunteers from their home
/// community, to the resident's community; organizations have no location and are not counted).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Travel {
    /// Person assignments with a known distance.
    pub assignments: u64,
    /// Person assignments with no road to the resident (not in the totals).
    pub unreachable: u64,
    /// Total metres.
    pub total_m: u64,
    /// Mean metres per counted assignment (0 when there is none).
    pub mean_m: f64,
}

/// Social-worker utilisation after the plan: `(current_load + new cases − ongoing cases the plan ends) / caseload_capacity`
/// over workers with a positive capacity.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct LoadBalance {
    /// Workers counted.
    pub workers: u64,
    /// New cases the plan gives them.
    pub new_cases: u64,
    /// Mean utilisation (per-worker ratios averaged; 0 when no worker).
    pub mean_utilisation: f64,
    /// Highest utilisation (0 when no worker).
    pub max_utilisation: f64,
    /// The worker with the highest utilisation (smallest id on ties).
    pub max_worker: Option<WorkerId>,
    /// Total cases over total capacity.
    pub overall_utilisation: f64,
}

/// The kind of an unmet need's first reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnmetKind {
    /// [`UnmetReason::NoEligibleProvider`].
    NoEligibleProvider,
    /// [`UnmetReason::TooFewEligible`].
    TooFewEligible,
    /// [`UnmetReason::CapacityTaken`].
    CapacityTaken,
    /// [`UnmetReason::InsufficientMaterial`].
    InsufficientMaterial,
    /// [`UnmetReason::NotSelected`].
    NotSelected,
    /// No reason recorded.
    Unexplained,
}

impl UnmetKind {
    /// The kind of the first reason (an exhaustive match: a new reason must get its own kind).
    fn of(reasons: &[UnmetReason]) -> UnmetKind {
        match reasons.first() {
            Some(UnmetReason::NoEligibleProvider { .. }) => UnmetKind::NoEligibleProvider,
            Some(UnmetReason::TooFewEligible { .. }) => UnmetKind::TooFewEligible,
            Some(UnmetReason::CapacityTaken { .. }) => UnmetKind::CapacityTaken,
            Some(UnmetReason::InsufficientMaterial { .. }) => UnmetKind::InsufficientMaterial,
            Some(UnmetReason::NotSelected) => UnmetKind::NotSelected,
            None => UnmetKind::Unexplained,
        }
    }

    fn name(self) -> &'static str {
        match self {
            UnmetKind::NoEligibleProvider => "no_eligible_provider",
            UnmetKind::TooFewEligible => "too_few_eligible",
            UnmetKind::CapacityTaken => "capacity_taken",
            UnmetKind::InsufficientMaterial => "insufficient_material",
            UnmetKind::NotSelected => "not_selected",
            UnmetKind::Unexplained => "unexplained",
        }
    }
}

/// Priority weight of a risk tier in [`PlanMetrics::priority_weighted`]: High 4, Key 2,
/// General 1 (each tier's service frequency roughly doubles the next: weekly, monthly,
/// quarterly visits).
pub fn tier_weight(tier: RiskTier) -> u64 {
    match tier {
        RiskTier::High => 4,
        RiskTier::Key => 2,
        RiskTier::General => 1,
    }
}

/// Metrics of a plan over its scenario.
///
/// A need counts once (first occurrence of its id in the scenario) and is served when the plan
/// lists it in `served`. Community and group slices use the need's resident; a resident in
/// several groups counts in each, one in none counts in no group.
///
/// # Guarantee
/// Exact integer counts and sums; ratios are exact quotients rounded once to `f64`, except the
/// Gini coefficient and the mean utilisation, which average per-slice ratios fixed at parts
/// per billion (error below 1e-9).
///
/// # Complexity
/// O(N log N + A log A + D·(V + R) log V) for N needs, A assignments and D distinct
/// communities reached by person assignments (one Dijkstra each over V regions, R roads).
///
/// # References
/// Gini coefficient in the sorted form `G = Σᵢ (2i − n − 1)·xᵢ / (n·Σ xᵢ)`, see Damgaard and
/// Weiner, "Describing inequality in plant size or fecundity", *Ecology* 81 (2000).
///
/// # Example
/// ```
/// use wushe::model::{Date, Scenario};
/// use wushe::plan::{MatchPlan, PlanMetrics};
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
/// let m = PlanMetrics::compute(&scenario, &plan);
/// assert_eq!(m.coverage.needs, 0);
/// assert_eq!(m.gini, 0.0);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PlanMetrics {
    /// Coverage over all needs.
    pub coverage: Coverage,
    /// Coverage weighted by [`tier_weight`] (`needs`/`served` hold weights).
    pub priority_weighted: Coverage,
    /// Coverage by risk tier (tiers with needs).
    pub by_risk: BTreeMap<RiskTier, Coverage>,
    /// Coverage by service category (categories with needs).
    pub by_category: BTreeMap<Category, Coverage>,
    /// Coverage by the resident's community (communities with needs).
    pub by_community: BTreeMap<RegionId, Coverage>,
    /// Coverage by beneficiary group (groups with needs).
    pub by_group: BTreeMap<BeneficiaryGroup, Coverage>,
    /// Lowest coverage over communities with needs (1 when none).
    pub min_community_coverage: f64,
    /// The community with the lowest coverage (smallest id on ties).
    pub min_community: Option<RegionId>,
    /// Gini coefficient of community coverages (0 = equal; 0 when every coverage is 0 or
    /// there is no community).
    pub gini: f64,
    /// Lowest coverage over the vulnerability groups with needs (1 when none).
    pub min_group_coverage: f64,
    /// The group with the lowest coverage (first in order on ties).
    pub min_group: Option<BeneficiaryGroup>,
    /// Gini coefficient of the vulnerability groups' coverages.
    pub group_gini: f64,
    /// Travel of person assignments.
    pub travel: Travel,
    /// Worker load after the plan.
    pub load: LoadBalance,
    /// Unmet needs by the kind of their first reason.
    pub unmet: BTreeMap<UnmetKind, u64>,
    /// Served needs by the level that met them ([`crate::rules::ServiceLevel::ALL`] order:
    /// community, township, county).
    pub by_level: [u64; 3],
}

impl PlanMetrics {
    /// Computes every metric of `plan` over `scenario`.
    pub fn compute(scenario: &Scenario, plan: &MatchPlan) -> PlanMetrics {
        let mut m = PlanMetrics::default();
        m.add_coverage(scenario, plan);
        m.add_fairness();
        m.travel = travel(scenario, plan);
        m.load = load_balance(scenario, plan);
        for u in &plan.unmet {
            *m.unmet.entry(UnmetKind::of(&u.reasons)).or_insert(0) += 1;
        }
        for l in &plan.levels {
            m.by_level[l.level.index()] += 1;
        }
        m
    }

    fn add_coverage(&mut self, scenario: &Scenario, plan: &MatchPlan) {
        let served: BTreeSet<NeedId> = plan.served.iter().copied().collect();
        let residents: HashMap<ResidentId, &crate::model::Resident> =
            scenario.residents.iter().rev().map(|r| (r.id, r)).collect();
        let mut seen = BTreeSet::new();
        for need in scenario.needs.iter().filter(|n| seen.insert(n.id)) {
            let s = served.contains(&need.id);
            self.coverage.add(1, s);
            self.priority_weighted.add(tier_weight(need.risk), s);
            self.by_risk.entry(need.risk).or_default().add(1, s);
            self.by_category.entry(need.category).or_default().add(1, s);
            if let Some(r) = residents.get(&need.resident) {
                self.by_community.entry(r.community).or_default().add(1, s);
                for g in r.groups() {
                    self.by_group.entry(g).or_default().add(1, s);
                }
            }
        }
        self.coverage = self.coverage.finish();
        self.priority_weighted = self.priority_weighted.finish();
        self.by_risk.finish_all();
        self.by_category.finish_all();
        self.by_community.finish_all();
        self.by_group.finish_all();
    }

    fn add_fairness(&mut self) {
        let (min, coverage, g) = spread(&self.by_community);
        (self.min_community, self.min_community_coverage, self.gini) = (min, coverage, g);
        let (min, coverage, g) = spread(&self.by_group);
        (self.min_group, self.min_group_coverage, self.group_gini) = (min, coverage, g);
    }
}

/// The lowest coverage (its key and ratio; 1 when no entry has needs) and the Gini
/// coefficient of the coverages of the entries with needs.
fn spread<K: Copy>(by: &BTreeMap<K, Coverage>) -> (Option<K>, f64, f64) {
    let mut min: Option<(K, u64, u64)> = None;
    for (&k, cov) in by {
        let lower = min.is_none_or(|(_, s, n)| {
            u128::from(cov.served) * u128::from(n) < u128::from(s) * u128::from(cov.needs)
        });
        if cov.needs > 0 && lower {
            min = Some((k, cov.served, cov.needs));
        }
    }
    let fixed: Vec<i128> = by
        .values()
        .filter(|c| c.needs > 0)
        .map(|c| i128::from(c.served) * PPB / i128::from(c.needs))
        .collect();
    match min {
        Some((k, s, n)) => (
            Some(k),
            ratio(u128::from(s), u128::from(n), 1.0),
            gini(fixed),
        ),
        None => (None, 1.0, gini(fixed)),
    }
}

/// Finishes every coverage of a map.
trait FinishAll {
    fn finish_all(&mut self);
}

impl<K> FinishAll for BTreeMap<K, Coverage> {
    fn finish_all(&mut self) {
        for c in self.values_mut() {
            *c = c.finish();
        }
    }
}

/// `num / den` as `f64`, or `empty` when `den = 0`.
fn ratio(num: u128, den: u128, empty: f64) -> f64 {
    if den == 0 {
        empty
    } else {
        num as f64 / den as f64
    }
}

/// Gini coefficient of non-negative fixed-point values, exact in `i128` up to the final
/// division.
fn gini(mut values: Vec<i128>) -> f64 {
    values.sort_unstable();
    let n = values.len() as i128;
    let total: i128 = values.iter().sum();
    if n == 0 || total == 0 {
        return 0.0;
    }
    let numerator: i128 = values
        .iter()
        .zip(1i128..)
        .map(|(&x, i)| (2 * i - n - 1) * x)
        .sum();
    numerator as f64 / (n * total) as f64
}

/// Travel over worker and volunteer assignments.
fn travel(scenario: &Scenario, plan: &MatchPlan) -> Travel {
    let needs: HashMap<NeedId, ResidentId> = scenario
        .needs
        .iter()
        .rev()
        .map(|n| (n.id, n.resident))
        .collect();
    let communities: HashMap<ResidentId, RegionId> = scenario
        .residents
        .iter()
        .rev()
        .map(|r| (r.id, r.community))
        .collect();
    let stations: HashMap<WorkerId, RegionId> = scenario
        .workers
        .iter()
        .rev()
        .map(|w| (w.id, w.station))
        .collect();
    let homes: HashMap<crate::model::VolunteerId, RegionId> = scenario
        .volunteers
        .iter()
        .rev()
        .map(|v| (v.id, v.community))
        .collect();
    let mut roads = RoadDistances::new(scenario);
    let mut t = Travel::default();
    for a in &plan.assignments {
        let Some(to) = needs.get(&a.need).and_then(|r| communities.get(r)) else {
            continue;
        };
        let from = match a.provider {
            ProviderId::Worker(w) => stations.get(&w),
            ProviderId::Volunteer(v) => homes.get(&v),
            ProviderId::Organization(_) | ProviderId::Fund(_) => None,
        };
        let Some(&from) = from else { continue };
        match roads.distance(from, *to) {
            Some(d) => {
                t.assignments += 1;
                t.total_m = t.total_m.saturating_add(d);
            }
            None => t.unreachable += 1,
        }
    }
    t.mean_m = ratio(u128::from(t.total_m), u128::from(t.assignments), 0.0);
    t
}

/// Worker utilisation after the plan.
fn load_balance(scenario: &Scenario, plan: &MatchPlan) -> LoadBalance {
    // an ongoing case the plan keeps is in the load already, and one it ends leaves it
    let ongoing: BTreeSet<(NeedId, u32, ProviderId)> = scenario
        .ongoing
        .iter()
        .map(|o| (o.need, o.role, o.provider))
        .collect();
    let mut new_cases: BTreeMap<WorkerId, u64> = BTreeMap::new();
    let mut ended: BTreeMap<WorkerId, u64> = BTreeMap::new();
    for a in &plan.assignments {
        if let ProviderId::Worker(w) = a.provider {
            if !ongoing.contains(&(a.need, a.role, a.provider)) {
                *new_cases.entry(w).or_insert(0) += 1;
            }
        }
    }
    for c in &plan.churn.changes {
        if let ProviderId::Worker(w) = c.ongoing.provider {
            *ended.entry(w).or_insert(0) += 1;
        }
    }
    let mut lb = LoadBalance::default();
    let (mut sum_ppb, mut load_total, mut cap_total) = (0i128, 0u128, 0u128);
    let mut max: Option<(WorkerId, u128, u128)> = None;
    let mut seen = BTreeSet::new();
    for w in scenario
        .workers
        .iter()
        .filter(|w| w.caseload_capacity > 0 && seen.insert(w.id))
    {
        let added = new_cases.get(&w.id).copied().unwrap_or(0);
        let gone = ended.get(&w.id).copied().unwrap_or(0);
        let load =
            (u128::from(w.current_load) + u128::from(added)).saturating_sub(u128::from(gone));
        let cap = u128::from(w.caseload_capacity);
        lb.workers += 1;
        lb.new_cases += added;
        load_total += load;
        cap_total += cap;
        sum_ppb += (load as i128) * PPB / (cap as i128);
        let higher =
            max.is_none_or(|(id, l, c)| load * c > l * cap || (load * c == l * cap && w.id < id));
        if higher {
            max = Some((w.id, load, cap));
        }
    }
    if let Some((id, l, c)) = max {
        lb.max_worker = Some(id);
        lb.max_utilisation = ratio(l, c, 0.0);
        lb.mean_utilisation = sum_ppb as f64 / PPB as f64 / lb.workers as f64;
    }
    lb.overall_utilisation = ratio(load_total, cap_total, 0.0);
    lb
}

fn pct(x: f64) -> f64 {
    100.0 * x
}

impl fmt::Display for PlanMetrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.coverage;
        writeln!(
            f,
            "coverage {}/{} ({:.1}%), priority-weighted {:.1}%",
            c.served,
            c.needs,
            pct(c.ratio),
            pct(self.priority_weighted.ratio)
        )?;
        write!(f, "by tier:")?;
        for (i, (tier, cov)) in self.by_risk.iter().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            write!(f, "{sep}{tier} {}/{}", cov.served, cov.needs)?;
        }
        writeln!(f)?;
        let min = self
            .min_community
            .map_or_else(|| "-".to_owned(), |c| c.to_string());
        writeln!(
            f,
            "fairness: {} communities, min coverage {:.1}% ({min}), Gini {:.3}",
            self.by_community.len(),
            pct(self.min_community_coverage),
            self.gini
        )?;
        let min_group = self
            .min_group
            .map_or_else(|| "-".to_owned(), |g| format!("{g:?}"));
        writeln!(
            f,
            "groups: {} vulnerability groups, min coverage {:.1}% ({min_group}), Gini {:.3}",
            self.by_group.len(),
            pct(self.min_group_coverage),
            self.group_gini
        )?;
        let t = &self.travel;
        writeln!(
            f,
            "travel: {} person assignments, total {} m, mean {:.0} m, {} unreachable",
            t.assignments, t.total_m, t.mean_m, t.unreachable
        )?;
        let l = &self.load;
        let max_w = l
            .max_worker
            .map_or_else(|| "-".to_owned(), |w| w.to_string());
        writeln!(
            f,
            "load: {} workers, {} new cases, utilisation mean {:.1}%, max {:.1}% ({max_w})",
            l.workers,
            l.new_cases,
            pct(l.mean_utilisation),
            pct(l.max_utilisation)
        )?;
        let [community, township, county] = self.by_level;
        writeln!(
            f,
            "met at: community {community}, township {township}, county {county}"
        )?;
        let total: u64 = self.unmet.values().sum();
        write!(f, "unmet: {total}")?;
        for (kind, n) in &self.unmet {
            write!(f, ", {} {n}", kind.name())?;
        }
        Ok(())
    }
}
