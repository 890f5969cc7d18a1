//! Regions (levels, parents, hierarchy cycles, coordinates) and roads.

use std::collections::HashMap;

use super::super::{EntityRef, IssueKind};
use super::{Ctx, repeated};
use crate::model::ids::RegionId;
use crate::model::region::{Location, Region, RegionLevel};

const ROAD_ENDS: [RegionLevel; 2] = [RegionLevel::Township, RegionLevel::Community];

impl Ctx<'_> {
    /// Regions: duplicate ids, names, parent level by own level, coordinates, cycles.
    pub(in super::super) fn check_regions(&mut self) {
        let regions = &self.scenario.regions;
        let dup = repeated(regions.iter().map(|r| r.id));
        let on_cycle = regions_on_cycles(regions);
        for (i, r) in regions.iter().enumerate() {
            let e = EntityRef::Region(r.id);
            self.duplicate(e, dup[i]);
            self.name(e, &r.name);
            self.region_parent(r);
            self.location(e, r.location);
            if on_cycle[i] {
                self.push(e, "parent", IssueKind::HierarchyCycle);
            }
        }
    }

    /// A county has no parent, a township's parent is a county, a community's a township.
    fn region_parent(&mut self, r: &Region) {
        let e = EntityRef::Region(r.id);
        let expected = match r.level {
            RegionLevel::County => None,
            RegionLevel::Township => Some((RegionLevel::County, "county")),
            RegionLevel::Community => Some((RegionLevel::Township, "township")),
        };
        match (r.parent, expected) {
            (None, None) => {}
            (Some(_), None) | (None, Some(_)) => {
                let kind = IssueKind::Inconsistent {
                    with: "level".into(),
                };
                self.push(e, "parent", kind);
            }
            (Some(parent), Some((level, name))) => {
                self.region_ref(e, "parent", parent, &[level], name);
            }
        }
    }

    fn location(&mut self, e: EntityRef, location: Location) {
        let max = i64::from(self.limits.max_abs_coordinate_m.max(0));
        self.range(e, "location.x_m", i64::from(location.x_m), -max, max);
        self.range(e, "location.y_m", i64::from(location.y_m), -max, max);
    }

    /// Roads: both ends exist and are townships or communities, distinct, distance ≥ 1 m.
    pub(in super::super) fn check_roads(&mut self) {
        for (i, road) in self.scenario.roads.iter().enumerate() {
            let e = EntityRef::Road(i);
            let expected = "township or community";
            self.region_ref(e, "a", road.a, &ROAD_ENDS, expected);
            self.region_ref(e, "b", road.b, &ROAD_ENDS, expected);
            if road.a == road.b {
                let kind = IssueKind::Inconsistent { with: "a".into() };
                self.push(e, "b", kind);
            }
            self.range(
                e,
                "distance_m",
                i64::from(road.distance_m),
                1,
                i64::from(u32::MAX),
            );
        }
    }
}

/// Marks every region that lies on a cycle of parent links.
///
/// Each region has at most one parent, so the links form a functional graph; one walk per
/// unvisited region, stopping at the first visited one, visits every region once: O(n).
/// Regions sharing an id are resolved to the first one, as in every other lookup.
fn regions_on_cycles(regions: &[Region]) -> Vec<bool> {
    let mut first: HashMap<RegionId, usize> = HashMap::with_capacity(regions.len());
    for (i, r) in regions.iter().enumerate() {
        first.entry(r.id).or_insert(i);
    }
    let parent: Vec<Option<usize>> = regions
        .iter()
        .map(|r| r.parent.and_then(|p| first.get(&p).copied()))
        .collect();
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; regions.len()];
    let mut on_cycle = vec![false; regions.len()];
    let mut path = Vec::new();
    for start in 0..regions.len() {
        let mut current = Some(start);
        while let Some(c) = current {
            match state[c] {
                NEW => {
                    state[c] = ON_PATH;
                    path.push(c);
                    current = parent[c];
                }
                ON_PATH => {
                    let from = path.iter().position(|&p| p == c).unwrap_or(path.len());
                    for &p in &path[from..] {
                        on_cycle[p] = true;
                    }
                    current = None;
                }
                _ => current = None,
            }
        }
        for p in path.drain(..) {
            state[p] = DONE;
        }
    }
    on_cycle
}
