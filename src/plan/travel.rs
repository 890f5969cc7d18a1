//! Road distances and region containment for the checker and the metrics, written directly
//! from `docs/rules.md` and kept apart from `crate::graph` so that a bug there is caught here.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use crate::model::{RegionId, Scenario};

/// Shortest road distances to target communities, computed on demand.
///
/// `d(x, c)` is 0 when `x = c`, otherwise the length of a shortest path over `roads`
/// (undirected, through any regions), or `None` when unreachable. Roads naming unknown regions
/// are ignored.
///
/// A valid plan only asks for distances up to the largest travel radius of the scenario, so a
/// search from a target community first stops there; only a query beyond it (a provider
/// farther than any radius: an invalid plan) searches again without a bound, so every answer
/// is exact. One search is kept, for the last target queried (the checker and the metrics
/// visit the assignments need by need): memory stays O(V) whatever the number of targets.
pub(super) struct RoadDistances<'s> {
    scenario: &'s Scenario,
    /// Dense index of every region id (first occurrence wins).
    dense: HashMap<RegionId, usize>,
    /// Parent of each dense region.
    parents: Vec<Option<RegionId>>,
    /// Adjacency: per dense region, `(neighbour, metres)`.
    adjacency: Vec<Vec<(usize, u64)>>,
    /// Road component of each dense region.
    component: Vec<usize>,
    /// The largest travel radius of any worker or volunteer, metres.
    bound: u64,
    /// The last search: its target, its bound, settled distances, tentative labels and the
    /// regions it labelled.
    target: Option<RegionId>,
    searched: u64,
    dist: Vec<Option<u64>>,
    label: Vec<Option<u64>>,
    touched: Vec<usize>,
}

impl<'s> RoadDistances<'s> {
    /// Indexes the regions and roads of `scenario`. O(V + E).
    pub(super) fn new(scenario: &'s Scenario) -> Self {
        let mut dense = HashMap::with_capacity(scenario.regions.len());
        let mut parents = Vec::with_capacity(scenario.regions.len());
        for r in &scenario.regions {
            let next = dense.len();
            if *dense.entry(r.id).or_insert(next) == next {
                parents.push(r.parent);
            }
        }
        let mut adjacency = vec![Vec::new(); dense.len()];
        for road in &scenario.roads {
            let (Some(&a), Some(&b)) = (dense.get(&road.a), dense.get(&road.b)) else {
                continue;
            };
            let m = u64::from(road.distance_m);
            adjacency[a].push((b, m));
            adjacency[b].push((a, m));
        }
        let bound = scenario
            .workers
            .iter()
            .map(|w| w.travel_radius_m)
            .chain(scenario.volunteers.iter().map(|v| v.travel_radius_m))
            .max()
            .map_or(0, u64::from);
        let n = dense.len();
        RoadDistances {
            scenario,
            dense,
            parents,
            component: components(&adjacency),
            adjacency,
            bound,
            target: None,
            searched: 0,
            dist: vec![None; n],
            label: vec![None; n],
            touched: Vec::new(),
        }
    }

    /// Travel distance in metres between `from` and `to`, `None` when unreachable. A query
    /// with a new `to` runs one Dijkstra bounded by the largest radius (see the type's docs).
    pub(super) fn distance(&mut self, from: RegionId, to: RegionId) -> Option<u64> {
        if from == to {
            return Some(0);
        }
        let f = *self.dense.get(&from)?;
        let t = *self.dense.get(&to)?;
        if self.target != Some(to) {
            self.search(t, self.bound);
            self.target = Some(to);
        }
        let connected = self.component.get(f) == self.component.get(t);
        if self.dist[f].is_none() && connected && self.searched != u64::MAX {
            self.search(t, u64::MAX);
        }
        self.dist[f]
    }

    /// Settles every region within `bound` of `source`. Every region is settled at most once,
    /// so the loop runs at most `E` pushes.
    fn search(&mut self, source: usize, bound: u64) {
        self.searched = bound;
        for &v in &self.touched {
            self.dist[v] = None;
            self.label[v] = None;
        }
        self.touched.clear();
        let mut heap = BinaryHeap::new();
        self.label[source] = Some(0);
        self.touched.push(source);
        heap.push(Reverse((0u64, source)));
        while let Some(Reverse((d, u))) = heap.pop() {
            if self.dist[u].is_some() {
                continue;
            }
            self.dist[u] = Some(d);
            for &(v, m) in &self.adjacency[u] {
                let nd = d.saturating_add(m);
                if nd <= bound && self.dist[v].is_none() && self.label[v].is_none_or(|old| nd < old)
                {
                    if self.label[v].is_none() {
                        self.touched.push(v);
                    }
                    self.label[v] = Some(nd);
                    heap.push(Reverse((nd, v)));
                }
            }
        }
    }

    /// Whether `region` equals `ancestor` or lies below it, following `parent` links at most
    /// `regions.len()` times (a cyclic hierarchy cannot hang it).
    pub(super) fn within(&self, region: RegionId, ancestor: RegionId) -> bool {
        let mut current = region;
        for _ in 0..=self.scenario.regions.len() {
            if current == ancestor {
                return true;
            }
            let parent = self
                .dense
                .get(&current)
                .and_then(|&i| self.parents.get(i).copied().flatten());
            match parent {
                Some(p) => current = p,
                None => return false,
            }
        }
        false
    }
}

/// The road component of each region (breadth-first search from each unvisited region).
fn components(adjacency: &[Vec<(usize, u64)>]) -> Vec<usize> {
    let mut component = vec![usize::MAX; adjacency.len()];
    let mut queue = Vec::new();
    for start in 0..adjacency.len() {
        if component[start] != usize::MAX {
            continue;
        }
        component[start] = start;
        queue.push(start);
        while let Some(u) = queue.pop() {
            for &(v, _) in &adjacency[u] {
                if component[v] == usize::MAX {
                    component[v] = start;
                    queue.push(v);
                }
            }
        }
    }
    component
}
