//! Bounded shortest-path searches over the road network, with a reusable workspace.
//!
//! The compile step needs, for each community with needs, the road distance to the homes of
//! the workers and volunteers who might serve it — but only up to the largest travel radius:
//! anything farther is rejected whatever its exact length. [`DistanceSearch`] runs Dijkstra
//! from one region and stops when the next region is beyond the bound or when every target
//! (provider home) is settled; its arrays are allocated once and reset in time proportional to
//! what the last search touched, so a search costs only what it explores.
//!
//! A region the search did not settle is either [`Reach::Beyond`] the bound (same road
//! component: a path exists, longer than the bound) or [`Reach::Unreachable`] (no road path),
//! told apart by the road components computed once per graph.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use super::RegionSlot;
use crate::model::RegionId;

/// How far a region is from the source of the last search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// A shortest path of this many metres (at most the bound).
    Within(u64),
    /// A path exists, longer than the bound (or longer than the farthest target, when the
    /// search stopped after settling every target: only non-targets can be in this case).
    Beyond,
    /// No road path (or the region is not in the road network).
    Unreachable,
}

/// The regions a search may stop after: it ends once every one of them is settled.
#[derive(Debug, Clone, Default)]
pub struct SearchTargets {
    is_target: Vec<bool>,
    count: usize,
}

impl SearchTargets {
    /// The targets among `slots` (duplicates and `None` are ignored) for a graph of
    /// `region_slots` road-network regions ([`super::LinkageGraph::region_slot_count`]).
    pub fn new(region_slots: usize, slots: impl IntoIterator<Item = Option<RegionSlot>>) -> Self {
        let mut is_target = vec![false; region_slots];
        let mut count = 0;
        for slot in slots.into_iter().flatten() {
            if let Some(t) = is_target.get_mut(slot.0 as usize) {
                if !*t {
                    *t = true;
                    count += 1;
                }
            }
        }
        SearchTargets { is_target, count }
    }

    /// Number of distinct targets.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there is no target (a search would find nothing of interest).
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// Workspace and result of one bounded search (see the module docs). Keep one and reuse it:
/// each [`super::LinkageGraph::search_within`] overwrites the previous result.
#[derive(Debug, Default)]
pub struct DistanceSearch {
    dist: Vec<u64>,
    settled: Vec<bool>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
    components: Arc<[u32]>,
    source: Option<u32>,
}

/// Marks an unlabelled region in the workspace (never leaves this module).
const UNLABELLED: u64 = u64::MAX;

impl DistanceSearch {
    /// An empty workspace.
    pub fn new() -> Self {
        DistanceSearch::default()
    }

    /// The source of the last search, if it was a region of the road network.
    pub fn source_slot(&self) -> Option<RegionSlot> {
        self.source.map(RegionSlot)
    }

    /// How far the region behind `slot` is from the last search's source.
    pub fn reach(&self, slot: Option<RegionSlot>) -> Reach {
        let (Some(source), Some(RegionSlot(s))) = (self.source, slot) else {
            return Reach::Unreachable;
        };
        let i = s as usize;
        if self.settled.get(i) == Some(&true) {
            return self
                .dist
                .get(i)
                .map_or(Reach::Unreachable, |&d| Reach::Within(d));
        }
        let same = self.components.get(i) == self.components.get(source as usize);
        if same && self.components.get(i).is_some() {
            Reach::Beyond
        } else {
            Reach::Unreachable
        }
    }

    /// The regions the last search settled ([`Reach::Within`] its bound) with their
    /// distance, in no particular order.
    pub(crate) fn settled_slots(&self) -> impl Iterator<Item = (RegionSlot, u64)> + '_ {
        self.touched.iter().filter_map(|&v| {
            let i = v as usize;
            (self.settled.get(i) == Some(&true))
                .then(|| self.dist.get(i).map(|&d| (RegionSlot(v), d)))
                .flatten()
        })
    }

    /// The road component of the last search's source (`None` before a search or for a
    /// source outside the road network). Every region of another component (or outside the
    /// network) is [`Reach::Unreachable`]; every region of this one is reached.
    pub(crate) fn source_component(&self) -> Option<u32> {
        self.source
            .and_then(|s| self.components.get(s as usize).copied())
    }

    /// The road component of a region (`None` outside the road network or before a search),
    /// numbered as [`DistanceSearch::source_component`].
    pub(crate) fn component_of(&self, slot: Option<RegionSlot>) -> Option<u32> {
        slot.and_then(|RegionSlot(s)| self.components.get(s as usize).copied())
    }

    /// Runs the search; returns the work done (regions settled plus roads scanned).
    pub(super) fn run(
        &mut self,
        roads: &UnGraph<RegionId, u64>,
        components: &Arc<[u32]>,
        source: Option<usize>,
        bound: u64,
        targets: &SearchTargets,
    ) -> u64 {
        self.reset(roads.node_count(), components);
        let Some(s) = source.filter(|&s| s < roads.node_count()) else {
            return 0;
        };
        self.source = Some(s as u32);
        self.label(s as u32, 0);
        let mut left = targets.count;
        let mut work = 0u64;
        while let Some(Reverse((d, u))) = self.heap.pop() {
            let ui = u as usize;
            if self.settled[ui] {
                continue;
            }
            self.settled[ui] = true;
            work += 1;
            if targets.is_target.get(ui) == Some(&true) {
                left -= 1;
                if left == 0 {
                    break;
                }
            }
            for e in roads.edges(NodeIndex::new(ui)) {
                work += 1;
                let v = if e.source().index() == ui {
                    e.target().index()
                } else {
                    e.source().index()
                };
                let nd = d.saturating_add(*e.weight());
                if nd <= bound && !self.settled[v] && nd < self.dist[v] {
                    self.label(v as u32, nd);
                }
            }
        }
        self.heap.clear();
        work
    }

    fn label(&mut self, v: u32, d: u64) {
        if self.dist[v as usize] == UNLABELLED {
            self.touched.push(v);
        }
        self.dist[v as usize] = d;
        self.heap.push(Reverse((d, v)));
    }

    /// Clears what the last search touched (all of it when the graph size changed).
    fn reset(&mut self, n: usize, components: &Arc<[u32]>) {
        if self.dist.len() != n {
            self.dist = vec![UNLABELLED; n];
            self.settled = vec![false; n];
            self.touched.clear();
        }
        for &v in &self.touched {
            self.dist[v as usize] = UNLABELLED;
            self.settled[v as usize] = false;
        }
        self.touched.clear();
        self.heap.clear();
        self.source = None;
        if !Arc::ptr_eq(&self.components, components) {
            self.components = Arc::clone(components);
        }
    }
}

/// The road component of each region of `roads` (regions joined by roads share one number).
///
/// Union–find with path halving, O((R + E) α(R)).
pub(super) fn road_components(roads: &UnGraph<RegionId, u64>) -> Arc<[u32]> {
    let n = roads.node_count();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let grand = parent[parent[x as usize] as usize];
            parent[x as usize] = grand;
            x = grand;
        }
        x
    }
    for e in roads.edge_references() {
        let (a, b) = (e.source().index() as u32, e.target().index() as u32);
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    (0..n as u32).map(|x| find(&mut parent, x)).collect()
}
