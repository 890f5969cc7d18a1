//! Common random numbers: one independent random stream per purpose, week and replication.
//!
//! Every exogenous event (arrivals, screening, volunteers joining and leaving, availability)
//! is drawn from the stream of its purpose and week, seeded by the replication's seed only.
//! No draw depends on what a strategy decided, so every strategy and policy of a replication
//! meets the same arrivals and the same departures: their differences are not sampling noise.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// What a stream is drawn for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// Reported arrivals of a week.
    Arrivals = 2,
    /// Latent needs arising and screening of a week.
    Screening = 3,
    /// Volunteers leaving, joining and changing availability in a week.
    Volunteers = 4,
}

/// The seed of replication `replication` of a study seeded `seed`: a fixed mix (splitmix64's
/// finaliser), so replications are unrelated streams.
pub fn replication_seed(seed: u64, replication: u32) -> u64 {
    let mut z = seed ^ (u64::from(replication) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The stream of `purpose` in `week` of the replication seeded `seed`: ChaCha8 keyed by the
/// three numbers, portable and independent of thread count.
pub(crate) fn stream(seed: u64, purpose: Purpose, week: u32) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&(purpose as u64).to_le_bytes());
    key[16..20].copy_from_slice(&week.to_le_bytes());
    key[24..32].copy_from_slice(b"wushesim");
    ChaCha8Rng::from_seed(key)
}
