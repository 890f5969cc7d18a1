//! A synthetic county with realistic defaults from the source article (a newspaper report on
//! the first year of township social-work stations after the Ministry of Civil Affairs' 2020
//! Hunan meeting).

mod geography;
mod needs;
mod parties;

pub(in crate::sim) use geography::Geography;
pub(in crate::sim) use needs::arrival;
pub(in crate::sim) use parties::new_volunteer;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::model::{Date, Scenario};

/// Parameters of a synthetic county. The defaults follow the source article: a county of 12 townships,
/// each with a social-work station and 2–3 social workers (national average ~2.5 per station,
/// about 60% licensed), 200 village/residential communities, 2,000 volunteers, 10 social
/// organizations, 8 charity resources with earmarks and 3,000 residents' needs across
/// categories and risk tiers.
///
/// # Example
/// ```
/// use wushe::sim::CountyConfig;
/// let small = CountyConfig::default()
///     .with_townships(3)
///     .with_communities(20)
///     .with_volunteers(100)
///     .with_needs(150);
/// let scenario = small.generate();
/// assert_eq!(scenario.needs.len(), 150);
/// assert!(scenario.validate().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CountyConfig {
    /// Seed of the generator (ChaCha8).
    pub seed: u64,
    /// Snapshot date.
    pub as_of: Date,
    /// Townships, each with one station.
    pub townships: u32,
    /// Communities, spread over the townships.
    pub communities: u32,
    /// Volunteers.
    pub volunteers: u32,
    /// Social organizations.
    pub organizations: u32,
    /// Needs; residents are about 87% of this (some residents have two needs).
    pub needs: u32,
    /// Side of the square county, metres.
    pub county_side_m: i32,
    /// Volunteers per 10,000 residents; when set it replaces `volunteers` (the default county's
    /// 2,000 volunteers over about 680,000 residents are about 29 per 10,000).
    pub volunteers_per_10k: Option<u32>,
    /// Percent of volunteers whose background check passed and is still valid (default 55);
    /// the rest keep the default mix of unknown 20 : pending 10 : failed 5 : expired 10.
    pub vetted_percent: u32,
    /// Percent of social workers holding a licence (default 60, the source article's "about
    /// 60% licensed"); the licensed keep the default mix assistant 35 : social worker 20 :
    /// senior 5.
    pub licensed_percent: u32,
    /// Size of every charity resource, percent of the default (money and goods; default 100).
    pub fund_percent: u32,
    /// Social workers per station; `None` (the default) draws 2 or 3 per station (national
    /// average about 2.5, the source article).
    pub workers_per_station: Option<u32>,
    /// Township micro-funds added after the county's eight charity resources: fund `k` is
    /// earmarked for township `k mod townships`, ¥20,000 × `fund_percent` (default 0).
    pub township_funds: u32,
    /// Supervision places of each mentor (the source article's 传帮带 pairing): when above 0,
    /// every worker below the social-worker licence is mentored by the first worker of its
    /// station who holds it, and each such mentor has this many places (default 0: no
    /// mentoring, and no draw of the generator changes).
    pub mentoring_places: u32,
}

impl Default for CountyConfig {
    fn default() -> Self {
        CountyConfig {
            seed: 20_240_611,
            as_of: Date::from_ymd(2026, 11, 30).unwrap_or(Date::EPOCH),
            townships: 12,
            communities: 200,
            volunteers: 2_000,
            organizations: 10,
            needs: 3_000,
            county_side_m: 60_000,
            volunteers_per_10k: None,
            vetted_percent: 55,
            licensed_percent: 60,
            fund_percent: 100,
            workers_per_station: None,
            township_funds: 0,
            mentoring_places: 0,
        }
    }
}

impl CountyConfig {
    /// A prefecture city (地级市) at the scale the crate is benchmarked on: 100 townships with
    /// 3 workers per station (300 workers), 1,700 communities, 100,000 volunteers, 50
    /// organizations, 100,000 needs, the county's 8 charity resources plus 192 township
    /// micro-funds (200 in all), on a 175 km square (about 300 km² per township, as in the
    /// default county). Every other figure is the default county's.
    ///
    /// # Example
    /// ```
    /// use wushe::sim::CountyConfig;
    /// let city = CountyConfig::prefecture();
    /// assert_eq!((city.townships, city.needs, city.volunteers), (100, 100_000, 100_000));
    /// // a smaller cut of the same shape generates quickly
    /// let cut = CountyConfig::prefecture().with_needs(500).with_volunteers(400);
    /// let s = cut.generate();
    /// assert_eq!((s.workers.len(), s.funds.len()), (300, 200));
    /// ```
    pub fn prefecture() -> Self {
        CountyConfig {
            townships: 100,
            communities: 1_700,
            volunteers: 100_000,
            organizations: 50,
            needs: 100_000,
            county_side_m: 175_000,
            workers_per_station: Some(3),
            township_funds: 192,
            ..CountyConfig::default()
        }
    }

    /// Sets [`CountyConfig::workers_per_station`].
    pub fn with_workers_per_station(mut self, n: u32) -> Self {
        self.workers_per_station = Some(n);
        self
    }

    /// Sets [`CountyConfig::mentoring_places`].
    pub fn with_mentoring(mut self, places: u32) -> Self {
        self.mentoring_places = places;
        self
    }

    /// Sets [`CountyConfig::township_funds`].
    pub fn with_township_funds(mut self, n: u32) -> Self {
        self.township_funds = n;
        self
    }

    /// Sets the seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the number of townships (at least 1 is generated).
    pub fn with_townships(mut self, n: u32) -> Self {
        self.townships = n;
        self
    }

    /// Sets the number of communities (at least one per township is generated).
    pub fn with_communities(mut self, n: u32) -> Self {
        self.communities = n;
        self
    }

    /// Sets the number of volunteers.
    pub fn with_volunteers(mut self, n: u32) -> Self {
        self.volunteers = n;
        self
    }

    /// Sets the number of organizations.
    pub fn with_organizations(mut self, n: u32) -> Self {
        self.organizations = n;
        self
    }

    /// Sets the number of needs.
    pub fn with_needs(mut self, n: u32) -> Self {
        self.needs = n;
        self
    }

    /// Sets the volunteer density, volunteers per 10,000 residents (replaces the count).
    pub fn with_volunteers_per_10k(mut self, density: u32) -> Self {
        self.volunteers_per_10k = Some(density);
        self
    }

    /// Sets the percent of volunteers with a valid background check (at most 100).
    pub fn with_vetted_percent(mut self, percent: u32) -> Self {
        self.vetted_percent = percent.min(100);
        self
    }

    /// Sets the percent of licensed social workers (at most 100).
    pub fn with_licensed_percent(mut self, percent: u32) -> Self {
        self.licensed_percent = percent.min(100);
        self
    }

    /// Sets the size of every charity resource, percent of the default.
    pub fn with_fund_percent(mut self, percent: u32) -> Self {
        self.fund_percent = percent;
        self
    }

    /// Generates the scenario. Deterministic in the configuration; the result passes
    /// [`Scenario::validate`].
    pub fn generate(&self) -> Scenario {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let mut scenario =
            Scenario::new(format!("synthetic county (seed {})", self.seed), self.as_of);
        let geo = geography::build(self, &mut rng, &mut scenario);
        parties::build(self, &geo, &mut rng, &mut scenario);
        needs::build(self, &geo, &mut rng, &mut scenario);
        parties::pair_mentors(self.mentoring_places, &mut scenario);
        scenario
    }
}

/// The built-in default scenario: [`CountyConfig::default`] generated.
pub fn default_county() -> Scenario {
    CountyConfig::default().generate()
}
