//! Road distances and region containment for the checker and the metrics, written directly
//! from `docs/rules.md` and kept apart from `crate::graph` so that a bug there is caught here.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use crate::model::{RegionId, Scenario};

/// Shortest road distances from target communities, computed on demand and cached.
///
/// `d(x, c)` is 0 when `x = c`, otherwise the length of a shortest path over `roads`
/// (undirected, through any regions), or `None` when unreachable. Roads naming unknown regions
/// are ignored.
pub(super) struct RoadDistances<'s> {
    scenario: &'s Scenario,
    /// Dense index of every region id (first occurrence wins).
    dense: HashMap<RegionId, usize>,
    /// Parent of each dense region.
    parents: Vec<Option<RegionId>>,
    /// Adjacency: per dense region, `(neighbour, metres)`.
    adjacency: Vec<Vec<(usize, u64)>>,
    /// Distances from a source region to every dense region, per source.
    cache: BTreeMap<RegionId, Vec<Option<u64>>>,
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
        RoadDistances {
            scenario,
            dense,
            parents,
            adjacency,
            cache: BTreeMap::new(),
        }
    }

    /// Travel distance in metres between `from` and `to`, `None` when unreachable.
    /// The first query from a new `to` runs one Dijkstra, O((V + E) log V).
    pub(super) fn distance(&mut self, from: RegionId, to: RegionId) -> Option<u64> {
        if from == to {
            return Some(0);
        }
        let target = *self.dense.get(&from)?;
        if !self.cache.contains_key(&to) {
            let table = self.dijkstra(to);
            self.cache.insert(to, table);
        }
        self.cache
            .get(&to)
            .and_then(|t| t.get(target).copied().flatten())
    }

    /// Distances from `source` to every region. Every region is settled at most once, so the
    /// loop runs at most `E` pushes.
    fn dijkstra(&self, source: RegionId) -> Vec<Option<u64>> {
        let mut dist: Vec<Option<u64>> = vec![None; self.adjacency.len()];
        let Some(&s) = self.dense.get(&source) else {
            return dist;
        };
        let mut settled = vec![false; self.adjacency.len()];
        let mut heap = BinaryHeap::new();
        dist[s] = Some(0);
        heap.push(Reverse((0u64, s)));
        while let Some(Reverse((d, u))) = heap.pop() {
            if settled[u] {
                continue;
            }
            settled[u] = true;
            for &(v, m) in &self.adjacency[u] {
                let nd = d.saturating_add(m);
                if !settled[v] && dist[v].is_none_or(|old| nd < old) {
                    dist[v] = Some(nd);
                    heap.push(Reverse((nd, v)));
                }
            }
        }
        dist
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
