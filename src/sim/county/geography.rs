//! Townships, communities and roads of a synthetic county.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::CountyConfig;
use crate::model::{Location, Region, RegionId, RegionLevel, Road, Scenario};

/// Ids of the generated regions, for the other generators (and for the simulation's
/// arrivals, from any scenario's regions).
pub(in crate::sim) struct Geography {
    /// Township ids, in order.
    pub townships: Vec<RegionId>,
    /// Community ids, in order.
    pub communities: Vec<RegionId>,
    /// Township of each community (parallel to `communities`).
    pub township_of: Vec<usize>,
    /// Location of each community.
    pub community_location: Vec<Location>,
    /// Population of each community.
    pub population: Vec<u32>,
}

impl Geography {
    /// The geography of any scenario: its communities in order, each with its township (the
    /// parent's position among the townships; the first township, or 0 when the parent is not
    /// a township).
    pub(in crate::sim) fn of(s: &Scenario) -> Geography {
        let townships: Vec<RegionId> = s
            .regions
            .iter()
            .filter(|r| r.level == RegionLevel::Township)
            .map(|r| r.id)
            .collect();
        let mut geo = Geography {
            townships,
            communities: Vec::new(),
            township_of: Vec::new(),
            community_location: Vec::new(),
            population: Vec::new(),
        };
        for r in s
            .regions
            .iter()
            .filter(|r| r.level == RegionLevel::Community)
        {
            let township = r
                .parent
                .and_then(|p| geo.townships.iter().position(|&t| t == p))
                .unwrap_or(0);
            geo.communities.push(r.id);
            geo.township_of.push(township);
            geo.community_location.push(r.location);
            geo.population.push(r.population);
        }
        geo
    }

    /// A community index drawn with probability proportional to population (uniform when
    /// every population is 0). Callers check that there is a community.
    pub(in crate::sim) fn pick_community(&self, rng: &mut ChaCha8Rng) -> usize {
        let total: u64 = self
            .population
            .iter()
            .map(|&p| u64::from(p))
            .sum::<u64>()
            .max(1);
        let mut pick = rng.random_range(0..total);
        for (i, &p) in self.population.iter().enumerate() {
            if pick < u64::from(p) {
                return i;
            }
            pick -= u64::from(p);
        }
        0
    }
}

pub(super) const COUNTY_ID: RegionId = RegionId(1);

/// An approximately normal integer offset (Irwin–Hall sum of 4 uniforms), standard deviation
/// about `sigma`. Integer-only so the generator is portable.
pub(super) fn normal_offset(rng: &mut ChaCha8Rng, sigma: i32) -> i32 {
    let s = sigma.max(1);
    // Sum of 4 uniforms on [-s*sqrt(3), s*sqrt(3)] ~ sd 2s; halve it.
    let half_width = s * 173 / 100;
    let sum: i32 = (0..4)
        .map(|_| rng.random_range(-half_width..=half_width))
        .sum();
    sum / 2
}

fn clamp_to(side: i32, v: i32) -> i32 {
    v.clamp(0, side)
}

/// Road length between two points: straight line times a 1.3 detour factor, at least 1 m.
fn road_length(a: Location, b: Location) -> u32 {
    (u64::from(a.distance_m(b)) * 13 / 10).clamp(1, u64::from(u32::MAX)) as u32
}

pub(super) fn build(cfg: &CountyConfig, rng: &mut ChaCha8Rng, s: &mut Scenario) -> Geography {
    let side = cfg.county_side_m.max(1_000);
    let n_town = cfg.townships.max(1) as usize;
    let n_comm = (cfg.communities as usize).max(n_town);
    s.regions.push(Region {
        id: COUNTY_ID,
        name: "County".into(),
        level: RegionLevel::County,
        parent: None,
        location: Location {
            x_m: side / 2,
            y_m: side / 2,
        },
        population: 0,
    });
    let mut town_loc = Vec::with_capacity(n_town);
    let mut townships = Vec::with_capacity(n_town);
    for t in 0..n_town {
        let loc = Location {
            x_m: rng.random_range(side / 10..=side * 9 / 10),
            y_m: rng.random_range(side / 10..=side * 9 / 10),
        };
        let id = RegionId(100 + t as u32);
        town_loc.push(loc);
        townships.push(id);
        s.regions.push(Region {
            id,
            name: format!("Township {}", t + 1),
            level: RegionLevel::Township,
            parent: Some(COUNTY_ID),
            location: loc,
            population: 0,
        });
    }
    let mut per_row = (n_town as u32).isqrt().max(1);
    if per_row * per_row < n_town as u32 {
        per_row += 1;
    }
    let sigma = side / (2 * per_row as i32).max(1);
    let mut geo = Geography {
        townships,
        communities: Vec::with_capacity(n_comm),
        township_of: Vec::with_capacity(n_comm),
        community_location: Vec::with_capacity(n_comm),
        population: Vec::with_capacity(n_comm),
    };
    for c in 0..n_comm {
        // Every township gets at least one community; the rest are spread at random.
        let t = if c < n_town {
            c
        } else {
            rng.random_range(0..n_town)
        };
        let base = town_loc[t];
        let loc = Location {
            x_m: clamp_to(side, base.x_m + normal_offset(rng, sigma / 2)),
            y_m: clamp_to(side, base.y_m + normal_offset(rng, sigma / 2)),
        };
        let population = rng.random_range(800..=6_000);
        let id = RegionId(1_000 + c as u32);
        s.regions.push(Region {
            id,
            name: format!("Community {}", c + 1),
            level: RegionLevel::Community,
            parent: Some(geo.townships[t]),
            location: loc,
            population,
        });
        geo.communities.push(id);
        geo.township_of.push(t);
        geo.community_location.push(loc);
        geo.population.push(population);
    }
    for (i, r) in s.regions.iter_mut().enumerate() {
        if r.level == RegionLevel::Township {
            let t = i - 1;
            r.population = geo
                .township_of
                .iter()
                .zip(&geo.population)
                .filter(|(tt, _)| **tt == t)
                .map(|(_, p)| *p)
                .sum();
        }
    }
    if let Some(county) = s.regions.first_mut() {
        county.population = geo.population.iter().sum();
    }
    build_roads(&geo, &town_loc, s);
    geo
}

/// Roads: every community to its township seat and to its two nearest communities; every
/// township to the nearest earlier township (a spanning tree, so the county is connected)
/// and to its nearest other township.
fn build_roads(geo: &Geography, town_loc: &[Location], s: &mut Scenario) {
    let mut pairs = std::collections::BTreeSet::new();
    let mut add = |a: RegionId, b: RegionId, la: Location, lb: Location, s: &mut Scenario| {
        let key = if a < b { (a, b) } else { (b, a) };
        if a != b && pairs.insert(key) {
            s.roads.push(Road {
                a: key.0,
                b: key.1,
                distance_m: road_length(la, lb),
            });
        }
    };
    for (c, &id) in geo.communities.iter().enumerate() {
        let t = geo.township_of[c];
        let loc = geo.community_location[c];
        add(id, geo.townships[t], loc, town_loc[t], s);
        let mut near: Vec<(u32, usize)> = geo
            .community_location
            .iter()
            .enumerate()
            .filter(|(o, _)| *o != c)
            .map(|(o, l)| (loc.distance_m(*l), o))
            .collect();
        near.sort_unstable();
        for &(_, o) in near.iter().take(2) {
            add(id, geo.communities[o], loc, geo.community_location[o], s);
        }
    }
    for t in 0..town_loc.len() {
        let nearest = |range: std::ops::Range<usize>| {
            range
                .filter(|&o| o != t)
                .min_by_key(|&o| (town_loc[t].distance_m(town_loc[o]), o))
        };
        for o in [nearest(0..t), nearest(0..town_loc.len())]
            .into_iter()
            .flatten()
        {
            add(
                geo.townships[t],
                geo.townships[o],
                town_loc[t],
                town_loc[o],
                s,
            );
        }
    }
}
