//! The service hierarchy: county → township (with its social-work station) → community.

use serde::{Deserialize, Serialize};

use super::ids::RegionId;

/// Level of a region in the service hierarchy. The source article describes three or four levels
/// (prefecture city → county → township station → village or residential community, the "last
/// metre"); a scenario models the lower three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    /// A county (县/区): the guidance centre and the county pool.
    County,
    /// A township or street (乡镇/街道), seat of a social-work station.
    Township,
    /// A village or residential community (村/社区): the "last metre".
    Community,
}

/// A point on a local plane, in whole metres east and north of an arbitrary origin.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Metres east of the origin.
    pub x_m: i32,
    /// Metres north of the origin.
    pub y_m: i32,
}

impl Location {
    /// Straight-line distance to `other` in whole metres (rounded to nearest), exact integer
    /// arithmetic.
    pub fn distance_m(self, other: Location) -> u32 {
        let dx = i64::from(self.x_m) - i64::from(other.x_m);
        let dy = i64::from(self.y_m) - i64::from(other.y_m);
        let sq = (dx * dx + dy * dy) as u64;
        let r = sq.isqrt();
        // round to nearest: compare with (r + 0.5)^2 = r^2 + r + 0.25
        let rounded = if sq > r * r + r { r + 1 } else { r };
        u32::try_from(rounded).unwrap_or(u32::MAX)
    }
}

/// A region: county, township or community.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Id.
    pub id: RegionId,
    /// Display name (a place name; free text, so redacted in `Debug`, never quoted by an error).
    pub name: String,
    /// Level in the hierarchy.
    pub level: RegionLevel,
    /// Parent region: a township's county, a community's township; `None` for a county.
    pub parent: Option<RegionId>,
    /// Where it is (a township: its station; a community: its centre).
    pub location: Location,
    /// Registered population.
    pub population: u32,
}

super::redact::redacted_debug!(Region { id, level, parent, location, population } redact { name });

/// A road between two regions (townships or communities), used for travel distances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Road {
    /// One end.
    pub a: RegionId,
    /// Other end.
    pub b: RegionId,
    /// Travel distance along the road, metres.
    pub distance_m: u32,
}

words! {
    RegionLevel {
        County => "county", "county";
        Township => "township", "township";
        Community => "community", "community";
    }
}
