//! Population dynamics of one week: arrivals, latent needs and screening, volunteers joining,
//! leaving and changing availability, donations and fund expiry.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::cases::{Case, CaseState};
use super::county::{arrival, new_volunteer};
use super::round::Simulation;
use super::streams::{Purpose, replication_seed, stream};
use crate::model::{NeedId, ProviderId, ResidentId, ResourceKind, VolunteerId};

/// Binomial(4·rate, 1/4): a count with mean `rate`, integer-only.
fn weekly_count(rate: u32, rng: &mut ChaCha8Rng) -> u32 {
    (0..rate.saturating_mul(4))
        .filter(|_| rng.random_range(0..4u32) == 0)
        .count() as u32
}

impl Simulation {
    /// A fresh resident and need id pair.
    fn next_ids(&mut self) -> (ResidentId, NeedId) {
        // Saturating: ids past u32::MAX repeat, and the next validation names the duplicate.
        self.last_resident = self.last_resident.saturating_add(1);
        self.last_need = self.last_need.saturating_add(1);
        (ResidentId(self.last_resident), NeedId(self.last_need))
    }

    /// Reported needs of the week, waiting from now.
    pub(super) fn arrivals(&mut self) -> u32 {
        if self.geo.communities.is_empty() {
            return 0;
        }
        let mut rng = stream(self.seed, Purpose::Arrivals, self.week);
        let count = weekly_count(self.config.arrivals_per_week, &mut rng);
        for _ in 0..count {
            let (rid, nid) = self.next_ids();
            let (resident, need) = arrival(rid, nid, self.as_of, &self.geo, &mut rng, &self.world);
            self.open_case(Case::arrived(resident, need, self.week, false));
        }
        count
    }

    /// Latent needs arising this week, then screening: each latent need is reached with the
    /// screening chance and gets a confidence; those at or above the policy's threshold become
    /// cases. Returns the needs found and opened. A latent need's draws depend only on its id
    /// and the week, so every policy sees the same findings.
    pub(super) fn screening(&mut self) -> u32 {
        if self.geo.communities.is_empty() {
            return 0;
        }
        let mut rng = stream(self.seed, Purpose::Screening, self.week);
        for _ in 0..weekly_count(self.config.latent_per_week, &mut rng) {
            let (rid, nid) = self.next_ids();
            self.latent.push(arrival(
                rid,
                nid,
                self.as_of,
                &self.geo,
                &mut rng,
                &self.world,
            ));
        }
        let min = self.config.screening_confidence_min.min(100);
        let mut found = 0;
        let mut still_latent = Vec::with_capacity(self.latent.len());
        for (resident, need) in std::mem::take(&mut self.latent) {
            let draw = replication_seed(
                self.seed ^ (u64::from(need.id.0) << 32),
                self.week.wrapping_add(1),
            );
            let reached = (draw % 100) < u64::from(self.config.screening_percent);
            let confidence = min + ((draw >> 32) % u64::from(101 - min)) as u32;
            if reached && confidence >= self.policy.open_confidence {
                self.open_case(Case::arrived(resident, need, self.week, true));
                found += 1;
            } else {
                still_latent.push((resident, need));
            }
        }
        self.latent = still_latent;
        found
    }

    /// Volunteers leave, change availability and join. Returns the cases broken because a
    /// volunteer of theirs left (each goes back to waiting; its other providers released).
    pub(super) fn volunteers(&mut self) -> crate::Result<u32> {
        let mut rng = stream(self.seed, Purpose::Volunteers, self.week);
        let mut leaving = Vec::new();
        for v in &mut self.world.volunteers {
            let leaves = rng.random_range(0..10_000u32) < self.config.volunteer_leave_per_10k;
            let changes = rng.random_range(0..10_000u32) < self.config.availability_change_per_10k;
            let minutes = rng.random_range(2..=16u32) * 30;
            if leaves {
                leaving.push(v.id);
            } else if changes {
                v.weekly_minutes = minutes.max(v.committed_minutes);
            }
        }
        let gone: std::collections::BTreeSet<VolunteerId> = leaving.iter().copied().collect();
        let hit: std::collections::BTreeSet<NeedId> = self
            .world
            .ongoing
            .iter()
            .filter(|o| matches!(o.provider, ProviderId::Volunteer(v) if gone.contains(&v)))
            .map(|o| o.need)
            .collect();
        for &id in &gone {
            self.world.remove_provider(ProviderId::Volunteer(id))?;
        }
        // Continuity links to a volunteer who left are dropped from the case book too (a
        // need that waits again brings its resident back).
        let residents = self
            .cases
            .values_mut()
            .map(|c| &mut c.resident)
            .chain(self.latent.iter_mut().map(|(r, _)| r));
        for resident in residents {
            resident.prior_volunteers.retain(|v| !gone.contains(v));
        }
        for &id in &hit {
            if self
                .cases
                .get(&id)
                .is_some_and(|c| c.state == CaseState::Active)
            {
                self.break_case(id)?;
            }
        }
        let broken = hit.len() as u32;
        if !self.geo.communities.is_empty() {
            for _ in 0..self.config.volunteer_joins_per_week {
                self.last_volunteer = self.last_volunteer.saturating_add(1);
                let volunteer = new_volunteer(
                    VolunteerId(self.last_volunteer),
                    self.world.organizations.len() as u32,
                    self.config.joiner_vetted_percent,
                    self.as_of,
                    &self.geo,
                    &mut rng,
                );
                self.world.volunteers.push(volunteer);
            }
        }
        Ok(broken)
    }

    /// The week's donation into the first money fund still valid, then every fund past its
    /// validity loses what it holds. Returns (donated, expired) money, fen.
    pub(super) fn funds(&mut self) -> (i64, i64) {
        let as_of = self.as_of;
        let mut donated = 0;
        let gift = self.config.donations_yuan_per_week.max(0) * 100;
        if let Some(f) = self
            .world
            .funds
            .iter_mut()
            .find(|f| f.kind == ResourceKind::Money && f.valid_until >= as_of)
        {
            f.remaining += gift;
            donated = gift;
        }
        let mut expired = 0;
        for f in &mut self.world.funds {
            if f.valid_until < as_of && f.remaining > 0 {
                if f.kind == ResourceKind::Money {
                    expired += f.remaining;
                }
                f.remaining = 0;
            }
        }
        (donated, expired)
    }
}
