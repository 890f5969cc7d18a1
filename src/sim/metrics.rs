//! What a round and a whole run report: coverage, service levels, fairness, money, travel,
//! load, churn and waiting times.

use serde::{Deserialize, Serialize};

/// The figures of one round (one week), after its matching.
///
/// Coverage counts the open cases at the end of the round (active, waiting, escalated): the
/// share being served. It is computed with [`crate::plan::PlanMetrics`] on the open cases and
/// the active assignments, so tiers, groups, communities, fairness and travel mean the same as
/// for a single plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundMetrics {
    /// Week, from 0 (week 0 matches the generated backlog).
    pub week: u32,
    /// Needs reported this week.
    pub arrived: u32,
    /// Needs found by screening and opened this week.
    pub discovered: u32,
    /// Needs whose case started this week.
    pub served: u32,
    /// Of those, met by their community's own pool ([`crate::rules::ServiceLevel`]).
    pub served_community: u32,
    /// Of those, met with the township's pool.
    pub served_township: u32,
    /// Of those, met with the county's pool (escalated to the county).
    pub served_county: u32,
    /// Cases closed this week (ran their course).
    pub closed: u32,
    /// Needs that lapsed unserved this week.
    pub expired: u32,
    /// High-risk needs escalated this week (unserved in the round they arrived).
    pub escalated: u32,
    /// Churn: cases broken this week because a volunteer of theirs left (they wait again).
    pub broken: u32,
    /// Active cases at the end of the round.
    pub active: u32,
    /// Needs waiting (not escalated) at the end of the round.
    pub waiting: u32,
    /// Escalated needs still waiting at the end of the round.
    pub escalated_waiting: u32,
    /// Needs arrived so far (reported and found).
    pub arrived_total: u64,
    /// Cases closed so far.
    pub closed_total: u64,
    /// Needs lapsed so far.
    pub expired_total: u64,
    /// Share of open cases served.
    pub coverage: f64,
    /// Coverage weighted by tier ([`crate::plan::tier_weight`]).
    pub priority_coverage: f64,
    /// Coverage of open High-risk cases.
    pub coverage_high: f64,
    /// Coverage of open Key-group cases.
    pub coverage_key: f64,
    /// Coverage of open General cases.
    pub coverage_general: f64,
    /// Lowest coverage of a community with open cases.
    pub min_community_coverage: f64,
    /// Gini coefficient of coverage across communities with open cases.
    pub community_gini: f64,
    /// Lowest coverage of a beneficiary group.
    pub min_group_coverage: f64,
    /// Gini coefficient of coverage across beneficiary groups.
    pub group_gini: f64,
    /// High-risk needs that arrived this week.
    pub high_arrivals: u32,
    /// Of those, served in the round they arrived (first contact within 24 h: the round
    /// stands for the dispatch on the day of the event; a need left for the next one has
    /// waited longer).
    pub high_first_contact: u32,
    /// Visits due this week over open cases (High weekly, Key every 4 weeks, General every 13,
    /// counted from arrival).
    pub visits_due: u32,
    /// Of those, made: the case is active at the end of the round.
    pub visits_made: u32,
    /// Money donated this week, fen.
    pub money_donated: i64,
    /// Money given to cases this week, fen.
    pub money_spent: i64,
    /// Money lost this week because a fund's validity ended, fen.
    pub money_expired: i64,
    /// Money held by all funds at the end of the round, fen.
    pub money_balance: i64,
    /// Mean travel of the active person assignments, km.
    pub travel_mean_km: f64,
    /// Mean worker utilisation (load over caseload capacity).
    pub worker_utilisation_mean: f64,
    /// Highest worker utilisation.
    pub worker_utilisation_max: f64,
    /// Coefficient of variation of worker utilisation (standard deviation over mean; 0 for an
    /// even load).
    pub worker_load_cv: f64,
    /// Median wait, weeks, of the needs served this round (none served: `None`).
    pub wait_median_weeks: Option<u32>,
    /// 90th percentile of the same waits (nearest rank).
    pub wait_p90_weeks: Option<u32>,
}

/// A run's totals over all its rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunTotals {
    /// Needs that arrived (reported and found).
    pub arrived: u64,
    /// Cases started (a need re-served after its case broke counts again).
    pub served: u64,
    /// Needs that lapsed unserved.
    pub expired: u64,
    /// High-risk needs escalated.
    pub escalated: u64,
    /// Cases broken by a volunteer leaving.
    pub churn: u64,
    /// Coverage averaged over the rounds.
    pub coverage: f64,
    /// Coverage at the end of the last round.
    pub final_coverage: f64,
    /// Priority-weighted coverage averaged over the rounds.
    pub priority_coverage: f64,
    /// High-risk coverage averaged over the rounds.
    pub coverage_high: f64,
    /// Lowest community coverage averaged over the rounds.
    pub min_community_coverage: f64,
    /// Gini across communities averaged over the rounds.
    pub community_gini: f64,
    /// High-risk needs served in the round they arrived, over High-risk arrivals.
    pub first_contact_sla: f64,
    /// Visits made over visits due.
    pub visit_sla: f64,
    /// Money at the start plus donations, fen.
    pub money_in: i64,
    /// Money given to cases, fen.
    pub money_spent: i64,
    /// Money lost to expiry, fen.
    pub money_expired: i64,
    /// Money held at the end, fen (`money_in = money_spent + money_expired + money_balance`).
    pub money_balance: i64,
    /// Money spent over money in.
    pub fund_utilisation: f64,
    /// Travel of active person assignments averaged over the rounds, km.
    pub travel_mean_km: f64,
    /// Coefficient of variation of worker utilisation averaged over the rounds.
    pub worker_load_cv: f64,
    /// Median wait of every served need, weeks.
    pub wait_median_weeks: Option<u32>,
    /// 90th percentile wait of every served need, weeks.
    pub wait_p90_weeks: Option<u32>,
}

impl RunTotals {
    /// The headline figures compared across strategies and policies, by name, in a fixed
    /// order (missing waits count as 0).
    pub fn headline(&self) -> Vec<(&'static str, f64)> {
        let wait = |w: Option<u32>| f64::from(w.unwrap_or(0));
        vec![
            ("coverage", self.coverage),
            ("priority_coverage", self.priority_coverage),
            ("coverage_high", self.coverage_high),
            ("min_community_coverage", self.min_community_coverage),
            ("community_gini", self.community_gini),
            ("first_contact_sla", self.first_contact_sla),
            ("visit_sla", self.visit_sla),
            ("fund_utilisation", self.fund_utilisation),
            ("money_expired_yuan", self.money_expired as f64 / 100.0),
            ("travel_mean_km", self.travel_mean_km),
            ("worker_load_cv", self.worker_load_cv),
            ("churn", self.churn as f64),
            ("expired", self.expired as f64),
            ("wait_median_weeks", wait(self.wait_median_weeks)),
            ("wait_p90_weeks", wait(self.wait_p90_weeks)),
        ]
    }
}

/// Nearest-rank percentile `p` (0–100) of `values` (sorted here); `None` when empty.
pub fn percentile(values: &mut [u32], p: u32) -> Option<u32> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    let rank = (n * p.min(100) as usize).div_ceil(100).max(1);
    values.get(rank - 1).copied()
}

/// Mean, over the rounds, of one figure (0 with no round).
pub(crate) fn mean_of(rounds: &[RoundMetrics], figure: impl Fn(&RoundMetrics) -> f64) -> f64 {
    if rounds.is_empty() {
        return 0.0;
    }
    rounds.iter().map(figure).sum::<f64>() / rounds.len() as f64
}

/// A ratio, 1 when nothing was owed.
pub(crate) fn share(done: u64, due: u64) -> f64 {
    if due == 0 {
        1.0
    } else {
        done as f64 / due as f64
    }
}
