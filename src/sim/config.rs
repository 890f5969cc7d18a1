//! The knobs of a simulation run: population dynamics and service levels, every default with
//! where it comes from.

use serde::{Deserialize, Serialize};

/// Population dynamics and service levels of a simulation (one round = one week).
///
/// The defaults are calibrated, not measured: the source article gives the county's standing
/// figures (stations, workers, licensed share, which [`super::CountyConfig`] uses), not flows.
/// Arrivals are set by Little's law so that the default county's caseload stays near its
/// initial 3,000 needs: the generator's mean case length is about 19.6 weeks (High 28–90
/// days, Key 30–180, General 30–365, mixed 20 : 35 : 45), and 3,000 / 19.6 ≈ 150 a week.
/// Visit frequencies are the tier definitions (High weekly, Key monthly, General quarterly).
/// Everything else is a stated assumption a researcher is expected to vary.
///
/// # Example
/// ```
/// use wushe::sim::SimConfig;
/// let config = SimConfig::default().with_weeks(8).with_arrivals_per_week(40);
/// assert_eq!(config.weeks, 8);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SimConfig {
    /// Rounds to run, one a week (default 52).
    pub weeks: u32,
    /// Needs reported a week, county-wide, by community population (default 150, see above).
    /// The weekly count is Binomial(4·rate, 1/4): mean `rate`, variance ¾·rate, integer-only.
    pub arrivals_per_week: u32,
    /// Latent needs arising a week that nobody reports (default 30: one in six of all needs,
    /// an assumption); only proactive screening finds them.
    pub latent_per_week: u32,
    /// Percent of the latent needs a week's screening reaches (default 10).
    pub screening_percent: u32,
    /// Lowest confidence, percent, a screening visit assigns to a need it finds; each finding's
    /// confidence is uniform between this and 100 (default 50).
    pub screening_confidence_min: u32,
    /// Weeks a reported need waits before it lapses unserved (default 12: a quarter, the
    /// General tier's visit interval).
    pub patience_weeks: u32,
    /// Volunteers joining a week (default 8: about 0.4% of the default county's 2,000, an
    /// assumption that roughly balances departures).
    pub volunteer_joins_per_week: u32,
    /// Chance per volunteer per week of leaving, per ten thousand (default 40: 0.4% a week,
    /// about a fifth of the volunteers a year).
    pub volunteer_leave_per_10k: u32,
    /// Chance per volunteer per week of changing weekly availability, per ten thousand
    /// (default 200: 2% a week). The new availability is drawn like a new volunteer's but
    /// never below the minutes already committed.
    pub availability_change_per_10k: u32,
    /// Percent of joining volunteers whose background check passed (default 55, the
    /// generator's default share, see [`super::CountyConfig::vetted_percent`]).
    pub joiner_vetted_percent: u32,
    /// Yuan donated a week to the first money fund (default 5,000: the county charity fund's
    /// ¥400,000 refilled by about two thirds over a year, an assumption).
    pub donations_yuan_per_week: i64,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            weeks: 52,
            arrivals_per_week: 150,
            latent_per_week: 30,
            screening_percent: 10,
            screening_confidence_min: 50,
            patience_weeks: 12,
            volunteer_joins_per_week: 8,
            volunteer_leave_per_10k: 40,
            availability_change_per_10k: 200,
            joiner_vetted_percent: 55,
            donations_yuan_per_week: 5_000,
        }
    }
}

impl SimConfig {
    /// Sets the number of weeks.
    pub fn with_weeks(mut self, weeks: u32) -> Self {
        self.weeks = weeks;
        self
    }

    /// Sets the reported arrivals a week.
    pub fn with_arrivals_per_week(mut self, rate: u32) -> Self {
        self.arrivals_per_week = rate;
        self
    }

    /// Sets the latent needs arising a week.
    pub fn with_latent_per_week(mut self, rate: u32) -> Self {
        self.latent_per_week = rate;
        self
    }

    /// Sets the percent of latent needs screening reaches a week (at most 100).
    pub fn with_screening_percent(mut self, percent: u32) -> Self {
        self.screening_percent = percent.min(100);
        self
    }

    /// Sets the weeks a need waits before it lapses.
    pub fn with_patience_weeks(mut self, weeks: u32) -> Self {
        self.patience_weeks = weeks;
        self
    }
}

/// Weeks between two visits of a case of this tier: High weekly, Key monthly (4 weeks),
/// General quarterly (13 weeks).
pub fn visit_interval_weeks(tier: crate::model::RiskTier) -> u32 {
    match tier {
        crate::model::RiskTier::High => 1,
        crate::model::RiskTier::Key => 4,
        crate::model::RiskTier::General => 13,
    }
}
