//! The linkage graph of one scenario, on petgraph.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use super::reach::{DistanceSearch, SearchTargets};
use crate::model::{
    Category, FundId, OrganizationId, RegionId, RegionLevel, ResidentId, Scenario, VolunteerId,
    WorkerId,
};

/// A node of the linkage graph (private: callers use typed ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Node {
    Region(RegionId),
    Organization(OrganizationId),
    Worker(WorkerId),
    Volunteer(VolunteerId),
    Fund(FundId),
    Resident(ResidentId),
}

/// A relation between two nodes. Directed from the party that holds the fact in the scenario
/// (child → parent, worker → station, fund → administering organization...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    /// A road of this length (stored once, from `a` to `b`; travel uses both directions).
    Road(u32),
    /// Region → its parent region.
    Parent,
    /// Worker → home station.
    Station,
    /// Volunteer → home community.
    Home,
    /// Volunteer → organization registered with.
    Registered,
    /// Organization → region served.
    Serves,
    /// Fund → administering organization.
    AdministeredBy,
    /// Fund → earmarked region.
    EarmarkRegion,
    /// Resident → community of residence.
    LivesIn,
    /// Resident → worker who served them before.
    PriorWorker,
    /// Resident → volunteer who served them before.
    PriorVolunteer,
}

/// Marks an unreachable region in a private distance table (never leaves this module).
const UNREACHED: u64 = u64::MAX;

/// An opaque handle to a region of one [`LinkageGraph`], for fast repeated distance lookups
/// with [`RegionDistances::get_slot`]. Only meaningful for the graph that issued it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionSlot(pub(super) u32);

/// Shortest road distances from one region to every region, in metres.
///
/// Built by [`LinkageGraph::distances_from`]. Distances are `u64` because a path may chain
/// many roads of up to `u32::MAX` metres each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionDistances {
    source: RegionId,
    table: Box<[u64]>,
    index: std::sync::Arc<HashMap<RegionId, usize>>,
}

impl RegionDistances {
    /// The region the distances are measured from.
    pub fn source(&self) -> RegionId {
        self.source
    }

    /// The distance to `to`: `Some(0)` when `to` is the source, `None` when no road path
    /// exists (or `to` is not a region of the scenario).
    pub fn get(&self, to: RegionId) -> Option<u64> {
        if to == self.source {
            return Some(0);
        }
        let &i = self.index.get(&to)?;
        self.table.get(i).copied().filter(|&d| d != UNREACHED)
    }

    /// The distance to the region behind `slot` (see [`LinkageGraph::region_slot`]): like
    /// [`Self::get`] without hashing the id.
    pub fn get_slot(&self, slot: RegionSlot) -> Option<u64> {
        let d = self.table.get(slot.0 as usize).copied();
        match d {
            Some(d) if d != UNREACHED => Some(d),
            _ if self.index.get(&self.source) == Some(&(slot.0 as usize)) => Some(0),
            _ => None,
        }
    }
}

/// The linkage graph of a scenario: regions, organizations, workers, volunteers, funds and
/// residents as nodes; roads, hierarchy, stations, homes, registrations, service areas, fund
/// administration, earmarked regions, residence and prior relationships as edges.
///
/// Built once per scenario in O(n log n) for n entities and relations. References to missing
/// entities (possible only in an unvalidated scenario) are skipped; when an id repeats the first
/// entity wins. Region-hierarchy walks are bounded by the number of regions, so even a cyclic
/// hierarchy cannot hang a query.
///
/// Travel distances are exact shortest paths over roads (undirected): [`Self::travel_distance_m`]
/// caches one table per source region on first use (8 bytes per region per source queried;
/// thread-safe, so the graph is `Send + Sync`), and [`Self::distances_from`] returns a fresh
/// table the caller owns.
///
/// # Example
/// ```
/// use wushe::graph::LinkageGraph;
/// use wushe::model::*;
/// # fn main() -> Result<(), wushe::Error> {
/// let region = |id: u32, level, parent: Option<u32>| Region {
///     id: RegionId(id), name: format!("r{id}"), level, parent: parent.map(RegionId),
///     location: Location::default(), population: 100,
/// };
/// let scenario = ScenarioBuilder::new("two villages", Date::from_ymd(2026, 1, 1).expect("date"))
///     .region(region(1, RegionLevel::County, None))
///     .region(region(2, RegionLevel::Township, Some(1)))
///     .region(region(3, RegionLevel::Community, Some(2)))
///     .region(region(4, RegionLevel::Community, Some(2)))
///     .road(Road { a: RegionId(2), b: RegionId(3), distance_m: 1_500 })
///     .road(Road { a: RegionId(3), b: RegionId(4), distance_m: 2_000 })
///     .build()?;
/// let graph = LinkageGraph::new(&scenario);
/// assert_eq!(graph.travel_distance_m(RegionId(2), RegionId(4)), Some(3_500));
/// assert!(graph.is_within(RegionId(4), RegionId(1)));
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct LinkageGraph {
    graph: DiGraph<Node, Link>,
    nodes: HashMap<Node, NodeIndex>,
    /// Road network: node `i` is region `i` of the scenario (first of each id).
    roads: UnGraph<RegionId, u64>,
    road_index: std::sync::Arc<HashMap<RegionId, usize>>,
    /// Road component of each road-network region ([`super::reach::road_components`]).
    components: std::sync::Arc<[u32]>,
    cache: Vec<OnceLock<Box<[u64]>>>,
    levels: HashMap<RegionId, RegionLevel>,
    categories: HashMap<OrganizationId, BTreeSet<Category>>,
}

impl LinkageGraph {
    /// Builds the graph of `scenario`.
    pub fn new(scenario: &Scenario) -> Self {
        let mut builder = Builder::default();
        builder.add_nodes(scenario);
        builder.add_links(scenario);
        let (roads, road_index) = road_network(scenario);
        let cache = (0..roads.node_count()).map(|_| OnceLock::new()).collect();
        let components = super::reach::road_components(&roads);
        let mut levels = HashMap::with_capacity(scenario.regions.len());
        for r in &scenario.regions {
            levels.entry(r.id).or_insert(r.level);
        }
        let mut categories = HashMap::with_capacity(scenario.organizations.len());
        for o in &scenario.organizations {
            categories
                .entry(o.id)
                .or_insert_with(|| o.categories.clone());
        }
        LinkageGraph {
            levels,
            categories,
            graph: builder.graph,
            nodes: builder.nodes,
            roads,
            road_index: std::sync::Arc::new(road_index),
            components,
            cache,
        }
    }

    /// Number of nodes (parties and residents).
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of relations (roads counted once).
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Shortest road distance between two regions in metres: `Some(0)` when `from == to`,
    /// `None` when no road path joins them.
    ///
    /// # Complexity
    /// The first query from a source runs Dijkstra over the road network, O((R + E) log R) for
    /// R regions and E roads, and caches the table (8·R bytes); later queries are O(1).
    pub fn travel_distance_m(&self, from: RegionId, to: RegionId) -> Option<u64> {
        if from == to {
            return Some(0);
        }
        let &source = self.road_index.get(&from)?;
        let &target = self.road_index.get(&to)?;
        let table = self
            .cache
            .get(source)?
            .get_or_init(|| self.dijkstra(source));
        table.get(target).copied().filter(|&d| d != UNREACHED)
    }

    /// The slot of `region` for [`RegionDistances::get_slot`]; `None` for an unknown region.
    pub fn region_slot(&self, region: RegionId) -> Option<RegionSlot> {
        self.road_index.get(&region).map(|&i| RegionSlot(i as u32))
    }

    /// Number of regions in the road network (one per distinct region id): slots are
    /// `0..region_slot_count()`.
    pub fn region_slot_count(&self) -> usize {
        self.roads.node_count()
    }

    /// Runs a bounded Dijkstra from `source` into `search`: every region within `bound`
    /// metres is settled with its exact distance, and the search stops early once every one
    /// of `targets` is settled. Read the result with [`DistanceSearch::reach`]. Returns the
    /// work done (regions settled plus roads scanned), for work budgets.
    ///
    /// # Complexity
    /// O((r + e) log r) for the r regions within the bound (or closer than the farthest
    /// target) and the e roads they touch; no allocation once `search` has been used on this
    /// graph.
    pub fn search_within(
        &self,
        source: RegionId,
        bound: u64,
        targets: &SearchTargets,
        search: &mut DistanceSearch,
    ) -> u64 {
        let s = self.road_index.get(&source).copied();
        search.run(&self.roads, &self.components, s, bound, targets)
    }

    /// Shortest road distances from `source` to every region (uncached; the caller owns the
    /// table). Unknown sources reach only themselves.
    ///
    /// # Complexity
    /// O((R + E) log R) time, O(R) space.
    pub fn distances_from(&self, source: RegionId) -> RegionDistances {
        let table = match self.road_index.get(&source) {
            Some(&s) => match self.cache.get(s).and_then(OnceLock::get) {
                Some(cached) => cached.clone(),
                None => self.dijkstra(s),
            },
            None => Box::default(),
        };
        RegionDistances {
            source,
            table,
            index: std::sync::Arc::clone(&self.road_index),
        }
    }

    fn dijkstra(&self, source: usize) -> Box<[u64]> {
        let mut table = vec![UNREACHED; self.roads.node_count()].into_boxed_slice();
        let start = NodeIndex::new(source);
        let reached = petgraph::algo::dijkstra(&self.roads, start, None, |e| *e.weight());
        for (node, d) in reached {
            if let Some(slot) = table.get_mut(node.index()) {
                *slot = d;
            }
        }
        table
    }

    /// The level of a region (county, township, community).
    pub fn level(&self, region: RegionId) -> Option<RegionLevel> {
        self.levels.get(&region).copied()
    }

    /// The parent of `region` in the hierarchy.
    pub fn parent(&self, region: RegionId) -> Option<RegionId> {
        self.targets(Node::Region(region), Link::Parent)
            .find_map(|n| match n {
                Node::Region(r) => Some(r),
                _ => None,
            })
    }

    /// Whether `region` is `ancestor` or lies below it in the hierarchy.
    ///
    /// # Complexity
    /// At most R parent steps for R regions (so a cyclic hierarchy cannot hang it).
    pub fn is_within(&self, region: RegionId, ancestor: RegionId) -> bool {
        let mut current = region;
        for _ in 0..=self.road_index.len() {
            if current == ancestor {
                return true;
            }
            match self.parent(current) {
                Some(p) => current = p,
                None => return false,
            }
        }
        false
    }

    /// The township at or above `region`, if any.
    pub fn township_of(&self, region: RegionId) -> Option<RegionId> {
        let mut current = region;
        for _ in 0..=self.road_index.len() {
            if self.level(current) == Some(RegionLevel::Township) {
                return Some(current);
            }
            current = self.parent(current)?;
        }
        None
    }

    /// The home station of a worker.
    pub fn station_of(&self, worker: WorkerId) -> Option<RegionId> {
        self.region_target(Node::Worker(worker), Link::Station)
    }

    /// The home community of a volunteer.
    pub fn home_of(&self, volunteer: VolunteerId) -> Option<RegionId> {
        self.region_target(Node::Volunteer(volunteer), Link::Home)
    }

    /// The community a resident lives in.
    pub fn residence_of(&self, resident: ResidentId) -> Option<RegionId> {
        self.region_target(Node::Resident(resident), Link::LivesIn)
    }

    /// Whether the volunteer is registered with the organization.
    pub fn is_registered(&self, volunteer: VolunteerId, organization: OrganizationId) -> bool {
        self.has_link(
            Node::Volunteer(volunteer),
            Node::Organization(organization),
            Link::Registered,
        )
    }

    /// The organizations a volunteer is registered with, ascending.
    pub fn registrations(&self, volunteer: VolunteerId) -> Vec<OrganizationId> {
        let mut out: Vec<OrganizationId> = self
            .targets(Node::Volunteer(volunteer), Link::Registered)
            .filter_map(|n| match n {
                Node::Organization(o) => Some(o),
                _ => None,
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether the organization serves `region`: it lies within some region the organization
    /// lists as served.
    pub fn serves(&self, organization: OrganizationId, region: RegionId) -> bool {
        self.targets(Node::Organization(organization), Link::Serves)
            .any(|n| matches!(n, Node::Region(r) if self.is_within(region, r)))
    }

    /// Whether the organization delivers services of `category`.
    pub fn delivers(&self, organization: OrganizationId, category: Category) -> bool {
        self.categories
            .get(&organization)
            .is_some_and(|c| c.contains(&category))
    }

    /// The organization administering a fund.
    pub fn administrator_of(&self, fund: FundId) -> Option<OrganizationId> {
        self.targets(Node::Fund(fund), Link::AdministeredBy)
            .find_map(|n| match n {
                Node::Organization(o) => Some(o),
                _ => None,
            })
    }

    /// Whether `region` lies within one of the fund's earmarked regions (false when the fund
    /// has no regional earmark).
    pub fn earmarked_for(&self, fund: FundId, region: RegionId) -> bool {
        self.targets(Node::Fund(fund), Link::EarmarkRegion)
            .any(|n| matches!(n, Node::Region(r) if self.is_within(region, r)))
    }

    /// Whether the worker served the resident before (continuity of care).
    pub fn has_prior_worker(&self, resident: ResidentId, worker: WorkerId) -> bool {
        self.has_link(
            Node::Resident(resident),
            Node::Worker(worker),
            Link::PriorWorker,
        )
    }

    /// Whether the volunteer served the resident before (continuity of care).
    pub fn has_prior_volunteer(&self, resident: ResidentId, volunteer: VolunteerId) -> bool {
        self.has_link(
            Node::Resident(resident),
            Node::Volunteer(volunteer),
            Link::PriorVolunteer,
        )
    }

    fn targets(&self, from: Node, link: Link) -> impl Iterator<Item = Node> + '_ {
        self.nodes
            .get(&from)
            .into_iter()
            .flat_map(move |&i| self.graph.edges_directed(i, Direction::Outgoing))
            .filter(move |e| *e.weight() == link)
            .filter_map(|e| self.graph.node_weight(e.target()).copied())
    }

    fn region_target(&self, from: Node, link: Link) -> Option<RegionId> {
        self.targets(from, link).find_map(|n| match n {
            Node::Region(r) => Some(r),
            _ => None,
        })
    }

    fn has_link(&self, from: Node, to: Node, link: Link) -> bool {
        let (Some(&a), Some(&b)) = (self.nodes.get(&from), self.nodes.get(&to)) else {
            return false;
        };
        self.graph
            .edges_connecting(a, b)
            .any(|e| *e.weight() == link)
    }
}

/// Incremental construction of the party graph.
#[derive(Default)]
struct Builder {
    graph: DiGraph<Node, Link>,
    nodes: HashMap<Node, NodeIndex>,
}

impl Builder {
    fn node(&mut self, node: Node) {
        if !self.nodes.contains_key(&node) {
            let i = self.graph.add_node(node);
            self.nodes.insert(node, i);
        }
    }

    fn link(&mut self, from: Node, to: Node, link: Link) {
        if let (Some(&a), Some(&b)) = (self.nodes.get(&from), self.nodes.get(&to)) {
            self.graph.add_edge(a, b, link);
        }
    }

    fn add_nodes(&mut self, s: &Scenario) {
        s.regions.iter().for_each(|r| self.node(Node::Region(r.id)));
        s.organizations
            .iter()
            .for_each(|o| self.node(Node::Organization(o.id)));
        s.workers.iter().for_each(|w| self.node(Node::Worker(w.id)));
        s.volunteers
            .iter()
            .for_each(|v| self.node(Node::Volunteer(v.id)));
        s.funds.iter().for_each(|f| self.node(Node::Fund(f.id)));
        s.residents
            .iter()
            .for_each(|p| self.node(Node::Resident(p.id)));
    }

    fn add_links(&mut self, s: &Scenario) {
        let mut seen = std::collections::HashSet::new();
        for r in s.regions.iter().filter(|r| seen.insert(r.id)) {
            if let Some(p) = r.parent {
                self.link(Node::Region(r.id), Node::Region(p), Link::Parent);
            }
        }
        for road in &s.roads {
            let link = Link::Road(road.distance_m);
            self.link(Node::Region(road.a), Node::Region(road.b), link);
        }
        for o in &s.organizations {
            for &r in &o.serves {
                self.link(Node::Organization(o.id), Node::Region(r), Link::Serves);
            }
        }
        for w in &s.workers {
            self.link(Node::Worker(w.id), Node::Region(w.station), Link::Station);
        }
        for v in &s.volunteers {
            let from = Node::Volunteer(v.id);
            self.link(from, Node::Region(v.community), Link::Home);
            for &o in &v.organizations {
                self.link(from, Node::Organization(o), Link::Registered);
            }
        }
        self.add_fund_and_resident_links(s);
    }

    fn add_fund_and_resident_links(&mut self, s: &Scenario) {
        for f in &s.funds {
            let from = Node::Fund(f.id);
            self.link(
                from,
                Node::Organization(f.administered_by),
                Link::AdministeredBy,
            );
            for &r in &f.earmark.regions {
                self.link(from, Node::Region(r), Link::EarmarkRegion);
            }
        }
        for p in &s.residents {
            let from = Node::Resident(p.id);
            self.link(from, Node::Region(p.community), Link::LivesIn);
            for &w in &p.prior_workers {
                self.link(from, Node::Worker(w), Link::PriorWorker);
            }
            for &v in &p.prior_volunteers {
                self.link(from, Node::Volunteer(v), Link::PriorVolunteer);
            }
        }
    }
}

/// The road network: one node per distinct region id (scenario order), one undirected edge per
/// road between known regions.
fn road_network(s: &Scenario) -> (UnGraph<RegionId, u64>, HashMap<RegionId, usize>) {
    let mut graph = UnGraph::with_capacity(s.regions.len(), s.roads.len());
    let mut index = HashMap::with_capacity(s.regions.len());
    for r in &s.regions {
        index
            .entry(r.id)
            .or_insert_with(|| graph.add_node(r.id).index());
    }
    for road in &s.roads {
        if let (Some(&a), Some(&b)) = (index.get(&road.a), index.get(&road.b)) {
            let d = u64::from(road.distance_m);
            graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), d);
        }
    }
    (graph, index)
}
