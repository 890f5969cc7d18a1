//! A small, seeded change of a scenario between two matches: the day-to-day churn of a
//! platform (cases closing, new needs arriving, volunteers leaving, a fund topped up), for
//! re-matching benches and examples.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::{NeedId, ProviderId, ResidentId, Scenario};

/// What [`small_change`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSummary {
    /// Needs closed (with their ongoing assignments).
    pub closed: usize,
    /// Needs added (copies of existing needs with new ids, for new residents).
    pub added: usize,
    /// Volunteers who left (with their ongoing assignments).
    pub volunteers_left: usize,
    /// Funds topped up (by a tenth of their balance).
    pub funds_topped_up: usize,
}

/// Changes about `share` of the scenario, deterministically in `seed`: `share` of the needs
/// close, as many new needs arrive (copies of random existing needs and their residents,
/// under new ids), `share` of the volunteers leave, and one fund gets a tenth more money.
///
/// # Example
/// ```
/// use wushe::sim::{CountyConfig, small_change};
/// let mut county = CountyConfig::default().with_needs(200).with_volunteers(100).generate();
/// let before = county.needs.len();
/// let summary = small_change(&mut county, 0.05, 1);
/// assert_eq!((summary.closed, summary.added), (10, 10));
/// assert_eq!(county.needs.len(), before);
/// assert!(county.validate().is_ok());
/// ```
pub fn small_change(scenario: &mut Scenario, share: f64, seed: u64) -> ChangeSummary {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let count = |n: usize| ((n as f64 * share.clamp(0.0, 1.0)).round() as usize).min(n);
    let mut summary = ChangeSummary::default();
    let mut closing: Vec<NeedId> = scenario.needs.iter().map(|n| n.id).collect();
    closing.shuffle(&mut rng);
    closing.truncate(count(scenario.needs.len()));
    let templates: Vec<usize> = if scenario.needs.is_empty() {
        Vec::new()
    } else {
        (0..closing.len())
            .map(|_| rng.random_range(0..scenario.needs.len()))
            .collect()
    };
    let mut next_need = scenario.needs.iter().map(|n| n.id.0).max().unwrap_or(0);
    let mut next_resident = scenario.residents.iter().map(|r| r.id.0).max().unwrap_or(0);
    for t in templates {
        let mut need = scenario.needs[t].clone();
        let Some(mut resident) = scenario.resident(need.resident).cloned() else {
            continue;
        };
        next_need += 1;
        next_resident += 1;
        resident.id = ResidentId(next_resident);
        resident.prior_workers.clear();
        resident.prior_volunteers.clear();
        need.id = NeedId(next_need);
        need.resident = resident.id;
        scenario.residents.push(resident);
        scenario.needs.push(need);
        summary.added += 1;
    }
    for need in closing {
        if scenario.close_need(need).is_ok() {
            summary.closed += 1;
        }
    }
    let mut leaving: Vec<_> = scenario.volunteers.iter().map(|v| v.id).collect();
    leaving.shuffle(&mut rng);
    leaving.truncate(count(scenario.volunteers.len()));
    for v in leaving {
        if scenario.remove_provider(ProviderId::Volunteer(v)).is_ok() {
            summary.volunteers_left += 1;
        }
    }
    if !scenario.funds.is_empty() {
        let f = rng.random_range(0..scenario.funds.len());
        let fund = &mut scenario.funds[f];
        fund.remaining = fund.remaining.saturating_add(fund.remaining / 10);
        summary.funds_topped_up = 1;
    }
    summary
}
