//! Size limits that keep hostile input from exhausting memory or time.

use serde::{Deserialize, Serialize};

/// Upper bounds on scenario sizes, checked by validation and by the JSON loader.
///
/// The defaults are far above a real county (in the source article's picture a county has a
/// few dozen townships, hundreds of communities and thousands of volunteers) yet keep every
/// derived structure within a few GiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest scenario file accepted, bytes.
    pub max_file_bytes: u64,
    /// Most regions.
    pub max_regions: usize,
    /// Most roads.
    pub max_roads: usize,
    /// Most entities of any one party kind (organizations, workers, volunteers, funds).
    pub max_parties: usize,
    /// Most residents.
    pub max_residents: usize,
    /// Most needs.
    pub max_needs: usize,
    /// Most roles in one team.
    pub max_roles_per_team: usize,
    /// Most persons one volunteer role may ask for.
    pub max_volunteers_per_role: u32,
    /// Most elements of any set-valued field (skills, served regions, earmarks...).
    pub max_set_len: usize,
    /// Longest name, bytes.
    pub max_name_bytes: usize,
    /// Largest coordinate magnitude, metres (a county fits in ±2,000 km).
    pub max_abs_coordinate_m: i32,
    /// Largest money or goods amount (10^13 fen = 100 billion yuan).
    pub max_amount: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 1 << 30,
            max_regions: 100_000,
            max_roads: 1_000_000,
            max_parties: 1_000_000,
            max_residents: 2_000_000,
            max_needs: 2_000_000,
            max_roles_per_team: 16,
            max_volunteers_per_role: 20,
            max_set_len: 256,
            max_name_bytes: 256,
            max_abs_coordinate_m: 2_000_000,
            max_amount: 10_000_000_000_000,
        }
    }
}
