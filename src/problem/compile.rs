//! The compile step: scenario + rules + scoring policy → numeric [`Problem`].

mod ongoing;
mod pairs;
mod supervision;
mod windows;

use std::collections::HashMap;

use crate::error::Result;
use crate::graph::{DistanceSearch, LinkageGraph, Reach, RegionSlot, SearchTargets};
use crate::model::{
    EntityRef, IssueKind, Licence, Limits, Need, ProviderId, RegionId, ResidentId, ResourceKind,
    RiskTier, RoleSpec, Scenario, Service, Skill, ValidationIssue, ValidationReport, Volunteer,
    WorkerId,
};
use crate::rules::eligibility::{NeedFacts, VolunteerTask, check_volunteer};
use crate::rules::scoring::{self, EdgeScoreBound};
use crate::rules::{MatchPolicy, Rejection, RejectionTally, ScoreBreakdown, TierOrder};

pub use ongoing::OngoingFate;
use pairs::person_pair;
pub(crate) use pairs::{
    Pair, Pairs, Verdict, fund_capacity, organization_capacity, volunteer_capacity, worker_capacity,
};

use super::budget::CompileBudget;
use super::nearby::{RuleCounts, VolunteerHomes, VolunteerRule};
use super::{CandidateEdge, CoverageGroup, MAX_VALUE, Problem, ProblemNeed, ProblemRole, RoleKind};

/// A compiled scenario: the numeric [`Problem`] plus what mapping a solution back needs.
///
/// It borrows the scenario (lifetime `'s`) rather than copying it: assignments are mapped back
/// to domain ids and their [`ScoreBreakdown`]s are recomputed from the scenario on demand, so
/// the compiled form keeps only the problem, the linkage graph (with its distance cache) and
/// one [`RejectionTally`] per role (19 counters, not per-pair records).
///
/// Index layout (all dense, in scenario order):
/// - needs: `scenario.needs` in order (needs whose window ended before `as_of` are compiled
///   like any other: the snapshot date does not filter);
/// - roles: each need's `team.roles` in team order, contiguous per need;
/// - providers: all workers, then all volunteers, organizations and funds.
#[derive(Debug)]
pub struct Compiled<'s> {
    pub(crate) scenario: &'s Scenario,
    pub(crate) policy: MatchPolicy,
    pub(crate) graph: LinkageGraph,
    pub(crate) problem: Problem,
    /// Per role: rejections of the providers of the role's kind.
    pub(crate) tallies: Vec<RejectionTally>,
    /// Per need: position of its resident in `scenario.residents`.
    pub(crate) residents: Vec<usize>,
    /// Per candidate edge: the travel distance it was scored with, metres (0 for
    /// organizations and funds), so scores are recomputed without a new distance search.
    pub(crate) edge_travel: Vec<u32>,
    /// Per ongoing assignment of the scenario, in order: what the compile made of it.
    pub(crate) ongoing_fates: Vec<OngoingFate>,
    /// Per provider past the scenario's own (the reserved copies of pinned ongoing
    /// pairings, from `base_providers` on): the scenario provider it stands for.
    pub(crate) reserved_origin: Vec<u32>,
    /// The scenario's provider count: workers + volunteers + organizations + funds.
    pub(crate) base_providers: usize,
}

/// Compiles `scenario` under `policy` into a numeric [`Problem`], within the default
/// [`Limits`] (see [`compile_with_limits`]).
///
/// - Provider capacity: free cases (`caseload_capacity − current_load`, `case_capacity −
///   active_cases`), free weekly minutes (`weekly_minutes − committed_minutes`), or the fund's
///   `remaining` amount. Persons have `one_role_per_need`.
/// - Roles: demand 1 (lead worker, organization), `count` (volunteers) or `amount` (material).
/// - Candidate edges exist only for pairs that pass every hard constraint of `docs/rules.md`;
///   each failing pair adds one to its role's [`RejectionTally`].
/// - Edges: `max_units` 1 for persons, `min(amount, remaining)` for material; `usage_per_unit`
///   1 case, the role's weekly minutes (at least 1), or 1 unit; `score_per_unit` the person's
///   [`ScoreBreakdown`] total, and 0 for material (a per-unit score would scale with amounts
///   of up to 10^13 fen and swamp the priorities).
/// - Need value: [`scoring::need_priority`] × [`EdgeScoreBound::value_unit`] for the largest
///   number of person places in any team of the scenario; under
///   [`TierOrder::Lexicographic`] (the default) plus the tier bonus that puts High before
///   Key before General ([`Problem::tier_bonus`]).
///
/// # Errors
/// [`crate::ErrorKind::Validation`] when the scenario is invalid (the full report),
/// [`crate::ErrorKind::Policy`] when the policy is, [`crate::ErrorKind::Problem`] when the
/// numbers fall outside the problem's ranges, [`crate::ErrorKind::Limit`] when a bound of
/// [`Limits`] is reached.
///
/// # Complexity
/// O(Σ_needs Σ_roles P_kind) eligibility checks for P_kind providers of the role's kind, plus one
/// Dijkstra per distinct community with a person role, bounded by the largest travel radius
/// and stopped once every provider home is settled; O(R) extra space for distances.
///
/// # Example
/// ```
/// use wushe::model::{Date, Scenario};
/// use wushe::problem::compile;
/// use wushe::rules::MatchPolicy;
/// # fn main() -> Result<(), wushe::Error> {
/// let scenario = Scenario::new("empty", Date::from_ymd(2026, 11, 28).expect("date"));
/// let compiled = compile(&scenario, &MatchPolicy::default())?;
/// assert!(compiled.problem().needs.is_empty());
/// # Ok(()) }
/// ```
pub fn compile<'s>(scenario: &'s Scenario, policy: &MatchPolicy) -> Result<Compiled<'s>> {
    compile_with_limits(scenario, policy, &Limits::default())
}

/// [`compile`] within `limits`: the scenario is validated against them, and the compile stops
/// with a [`super::LimitError`] before its work goes above [`Limits::max_compile_work`] (the
/// eligibility checks of workers, organizations and funds are known from the sizes and
/// counted first; volunteers are checked only near each need, and counted as they are found,
/// with the distance searches) or its candidate
/// edges above [`Limits::max_candidate_edges`] (in total) or
/// [`Limits::max_edges_per_provider`] (for one provider).
///
/// # Errors
/// As [`compile`].
///
/// # Example
/// ```
/// use wushe::model::Limits;
/// use wushe::problem::{LimitError, compile_with_limits};
/// use wushe::{ErrorKind, MatchPolicy, demo};
/// let scenario = demo::left_behind_child();
/// let tight = Limits { max_candidate_edges: 1, ..Limits::default() };
/// let err = compile_with_limits(&scenario, &MatchPolicy::default(), &tight).unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::Limit(LimitError::CandidateEdges { limit: 1 })));
/// ```
pub fn compile_with_limits<'s>(
    scenario: &'s Scenario,
    policy: &MatchPolicy,
    limits: &Limits,
) -> Result<Compiled<'s>> {
    scenario.validate_with(limits)?;
    policy.validate()?;
    let mut compiler = Compiler::new(scenario, policy, limits)?;
    compiler.budget.spend(eligibility_checks(scenario))?;
    compiler.add_providers();
    compiler.add_needs()?;
    compiler.add_edges()?;
    compiler.add_supervision()?;
    compiler.add_time_windows()?;
    compiler.add_coverage_groups()?;
    compiler.add_tier_bonuses()?;
    let Compiler {
        graph,
        problem,
        tallies,
        residents,
        edge_travel,
        ongoing_fates,
        reserved_origin,
        base_providers,
        ..
    } = compiler;
    problem.validate()?;
    Ok(Compiled {
        scenario,
        policy: policy.clone(),
        graph,
        problem,
        tallies,
        residents,
        edge_travel,
        ongoing_fates,
        reserved_origin,
        base_providers,
    })
}

impl<'s> Compiled<'s> {
    /// The numeric problem to hand to a strategy.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// The scenario compiled.
    pub fn scenario(&self) -> &'s Scenario {
        self.scenario
    }

    /// The policy used.
    pub fn policy(&self) -> &MatchPolicy {
        &self.policy
    }

    /// The scenario's linkage graph.
    pub fn graph(&self) -> &LinkageGraph {
        &self.graph
    }

    /// Rejections of the providers of role `role`'s kind (empty when out of range).
    pub fn rejections(&self, role: usize) -> RejectionTally {
        self.tallies.get(role).copied().unwrap_or_default()
    }

    /// The need and resident behind problem need `need`.
    pub fn need_facts(&self, need: usize) -> Option<NeedFacts<'s>> {
        let n = self.scenario.needs.get(need)?;
        let p = self.scenario.residents.get(*self.residents.get(need)?)?;
        Some(NeedFacts::new(n, p))
    }

    /// The score breakdown of candidate edge `edge` (recomputed from the scenario; material
    /// edges score 0). `None` when out of range.
    pub fn edge_score(&self, edge: usize) -> Option<ScoreBreakdown> {
        let e = self.problem.edges.get(edge)?;
        let role = self.problem.roles.get(e.role as usize)?;
        let facts = self.need_facts(role.need as usize)?;
        let spec = &facts.need.team.roles.get(role.team_index as usize)?.spec;
        let c = facts.community();
        let s = self.scenario;
        let distance = |home| match self.edge_travel.get(edge) {
            Some(&d) => u64::from(d),
            None => self.graph.travel_distance_m(home, c).unwrap_or(0),
        };
        let p = ongoing::origin(
            &self.reserved_origin,
            self.base_providers,
            e.provider as usize,
        );
        let breakdown = match *self.problem.provider_ids.get(p)? {
            ProviderId::Worker(_) => {
                let w = s.workers.get(p)?;
                scoring::worker_score(&self.policy, w, facts, distance(w.station), &self.graph)
            }
            ProviderId::Volunteer(_) => {
                let v = s.volunteers.get(p.checked_sub(s.workers.len())?)?;
                let task = VolunteerTask::from_spec(spec)?;
                let d = distance(v.community);
                scoring::volunteer_score(&self.policy, &task, v, facts, d, &self.graph)
            }
            ProviderId::Organization(_) => {
                let offset = s.workers.len() + s.volunteers.len();
                let o = s.organizations.get(p.checked_sub(offset)?)?;
                scoring::organization_score(&self.policy, o, facts, &self.graph)
            }
            ProviderId::Fund(_) => ScoreBreakdown::default(),
        };
        Some(breakdown)
    }
}

/// Compile state: the problem under construction and per-role scratch.
struct Compiler<'s> {
    scenario: &'s Scenario,
    policy: &'s MatchPolicy,
    graph: LinkageGraph,
    problem: Problem,
    tallies: Vec<RejectionTally>,
    residents: Vec<usize>,
    /// Candidate edges per role, filled in provider order.
    role_edges: Vec<Vec<CandidateEdge>>,
    /// Travel distance of each edge of `role_edges`, metres.
    role_travel: Vec<Vec<u32>>,
    /// Travel distance per edge of the finished problem.
    edge_travel: Vec<u32>,
    /// Road-network slot of each worker's station.
    worker_homes: Vec<Option<RegionSlot>>,
    /// Road-network slot of each volunteer's community.
    volunteer_homes: Vec<Option<RegionSlot>>,
    /// Skill bit mask of each volunteer ([`skill_mask`]).
    volunteer_skills: Vec<u32>,
    /// Volunteers by home, for the roles checked against nearby volunteers only.
    nearby: VolunteerHomes,
    /// Edges and work counted against the limits.
    budget: CompileBudget,
    /// See [`Compiled::ongoing_fates`].
    ongoing_fates: Vec<OngoingFate>,
    /// See [`Compiled::reserved_origin`].
    reserved_origin: Vec<u32>,
    /// See [`Compiled::base_providers`].
    base_providers: usize,
    /// Worker index by id, when some worker has a mentor (empty otherwise).
    worker_index: HashMap<WorkerId, usize>,
}

impl<'s> Compiler<'s> {
    fn new(scenario: &'s Scenario, policy: &'s MatchPolicy, limits: &Limits) -> Result<Self> {
        let residents = resolve_residents(scenario)?;
        let graph = LinkageGraph::new(scenario);
        let worker_homes = scenario
            .workers
            .iter()
            .map(|w| graph.region_slot(w.station))
            .collect();
        let volunteer_homes: Vec<Option<RegionSlot>> = scenario
            .volunteers
            .iter()
            .map(|v| graph.region_slot(v.community))
            .collect();
        let volunteer_skills = scenario
            .volunteers
            .iter()
            .map(|v| skill_mask(&v.skills))
            .collect();
        let providers = scenario.workers.len()
            + scenario.volunteers.len()
            + scenario.organizations.len()
            + scenario.funds.len();
        Ok(Compiler {
            nearby: VolunteerHomes::new(
                &volunteer_homes,
                scenario
                    .volunteers
                    .iter()
                    .map(|v| u64::from(v.travel_radius_m))
                    .max()
                    .unwrap_or(0),
            ),
            budget: CompileBudget::new(limits, providers),
            scenario,
            policy,
            graph,
            volunteer_skills,
            worker_homes,
            volunteer_homes,
            problem: Problem::default(),
            tallies: Vec::new(),
            residents,
            role_edges: Vec::new(),
            role_travel: Vec::new(),
            edge_travel: Vec::new(),
            ongoing_fates: Vec::new(),
            reserved_origin: Vec::new(),
            base_providers: providers,
            worker_index: match scenario.workers.iter().any(|w| w.mentor.is_some()) {
                true => scenario
                    .workers
                    .iter()
                    .enumerate()
                    .map(|(i, w)| (w.id, i))
                    .collect(),
                false => HashMap::new(),
            },
        })
    }

    fn add_providers(&mut self) {
        let s = self.scenario;
        let all = s
            .workers
            .iter()
            .map(|w| (ProviderId::Worker(w.id), worker_capacity(w)))
            .chain(
                s.volunteers
                    .iter()
                    .map(|v| (ProviderId::Volunteer(v.id), volunteer_capacity(v))),
            )
            .chain(
                s.organizations
                    .iter()
                    .map(|o| (ProviderId::Organization(o.id), organization_capacity(o))),
            )
            .chain(
                s.funds
                    .iter()
                    .map(|f| (ProviderId::Fund(f.id), fund_capacity(f))),
            );
        for (id, provider) in all {
            self.problem.provider_ids.push(id);
            self.problem.providers.push(provider);
        }
    }

    /// The most person places in any team of the scenario (at least 1).
    fn max_persons(&self) -> u64 {
        self.scenario
            .needs
            .iter()
            .map(person_places)
            .max()
            .unwrap_or(1)
    }

    fn add_needs(&mut self) -> Result<()> {
        let unit = EdgeScoreBound::of(self.policy).value_unit(self.max_persons());
        for (i, n) in self.scenario.needs.iter().enumerate() {
            let resident = &self.scenario.residents[self.residents[i]];
            let priority = scoring::need_priority(self.policy, n.risk, resident);
            let value = scoring::need_value(priority, unit, n.id)?;
            let first_role = self.problem.roles.len() as u32;
            self.add_roles(i, n);
            self.problem.needs.push(ProblemNeed {
                value,
                rule: n.team.rule,
                first_role,
                role_count: n.team.roles.len() as u32,
            });
            self.problem.need_ids.push(n.id);
        }
        let roles = self.problem.roles.len();
        self.tallies = vec![RejectionTally::default(); roles];
        self.role_edges = vec![Vec::new(); roles];
        self.role_travel = vec![Vec::new(); roles];
        Ok(())
    }

    fn add_roles(&mut self, need: usize, n: &Need) {
        for (t, role) in n.team.roles.iter().enumerate() {
            let (kind, demand) = match &role.spec {
                RoleSpec::LeadWorker { .. } => (RoleKind::LeadWorker, 1),
                RoleSpec::Volunteers { count, .. } => (RoleKind::Volunteers, i64::from(*count)),
                RoleSpec::Organization | RoleSpec::Service { .. } => (RoleKind::Organization, 1),
                RoleSpec::Material { amount, .. } => (RoleKind::Material, *amount),
            };
            self.problem.roles.push(ProblemRole {
                need: need as u32,
                team_index: t as u32,
                kind,
                demand,
                optional: role.optional,
            });
        }
    }

    /// Under a fairness policy, one coverage group per community with the steps of
    /// [`MatchPolicy::fairness`] (in units of the need value unit).
    fn add_coverage_groups(&mut self) -> Result<()> {
        if self.policy.fairness == 0 {
            return Ok(());
        }
        let unit = EdgeScoreBound::of(self.policy).value_unit(self.max_persons());
        let points = i128::from(self.policy.fairness) * unit;
        let s = self.scenario;
        let mut by_community: HashMap<RegionId, Vec<u32>> = HashMap::new();
        for i in 0..s.needs.len() {
            let community = s.residents[self.residents[i]].community;
            by_community.entry(community).or_default().push(i as u32);
        }
        let mut groups: Vec<CoverageGroup> = by_community
            .into_values()
            .map(|needs| {
                let n = needs.len() as i128;
                let steps = (1..=n)
                    .map(|k| (points * (n - k + 1) / n).min(i128::from(MAX_VALUE)) as i64)
                    .collect();
                CoverageGroup { needs, steps }
            })
            .collect();
        groups.sort_by_key(|g| g.needs.first().copied());
        self.problem.groups = groups;
        Ok(())
    }

    /// Under the lexicographic tier policy, adds each need's tier bonus to its value.
    fn add_tier_bonuses(&mut self) -> Result<()> {
        if self.policy.tier_order != TierOrder::Lexicographic {
            return Ok(());
        }
        apply_tier_bonuses(&mut self.problem, self.scenario)
    }

    /// Checks every (role, provider-of-its-kind) pair; needs are visited grouped by community
    /// so one distance search serves the whole group. The search runs only for communities
    /// with a person role, is bounded by the largest travel radius and stops once every
    /// provider home is settled.
    fn add_edges(&mut self) -> Result<()> {
        let s = self.scenario;
        let mut order: Vec<usize> = (0..s.needs.len()).collect();
        order.sort_by_key(|&i| (s.residents[self.residents[i]].community, i));
        let homes = self.worker_homes.iter().chain(&self.volunteer_homes);
        let targets = SearchTargets::new(self.graph.region_slot_count(), homes.copied());
        let bound = s
            .workers
            .iter()
            .map(|w| w.travel_radius_m)
            .chain(s.volunteers.iter().map(|v| v.travel_radius_m))
            .max()
            .map_or(0, u64::from);
        let mut search = Travel {
            search: DistanceSearch::new(),
            source: None,
            bound,
        };
        for i in order {
            let resident = &s.residents[self.residents[i]];
            let c = resident.community;
            if search.source != Some(c) && !targets.is_empty() && has_person_role(&s.needs[i]) {
                let work = self
                    .graph
                    .search_within(c, bound, &targets, &mut search.search);
                self.budget.spend(work)?;
                search.source = Some(c);
            }
            self.add_need_edges(i, NeedFacts::new(&s.needs[i], resident), &search)?;
        }
        self.add_ongoing()?;
        for role_edges in std::mem::take(&mut self.role_edges) {
            self.problem.edges.extend(role_edges);
        }
        for role_travel in std::mem::take(&mut self.role_travel) {
            self.edge_travel.extend(role_travel);
        }
        // edges are already in (role, provider) order without repeats, so indexing keeps them
        // aligned with their distances; should it ever drop one, scores fall back to the graph
        self.problem.index_edges();
        if self.edge_travel.len() != self.problem.edges.len() {
            self.edge_travel.clear();
        }
        Ok(())
    }

    fn add_need_edges(&mut self, need: usize, facts: NeedFacts<'s>, d: &Travel) -> Result<()> {
        let first = self.problem.needs[need].first_role as usize;
        for (t, role) in facts.need.team.roles.iter().enumerate() {
            let r = first + t;
            match &role.spec {
                RoleSpec::LeadWorker { min_licence } => {
                    self.worker_edges(r, *min_licence, facts, d)?
                }
                RoleSpec::Volunteers { .. } => {
                    if let Some(task) = VolunteerTask::from_spec(&role.spec) {
                        self.volunteer_edges(r, &task, facts, d)?;
                    }
                }
                RoleSpec::Organization => self.organization_edges(r, None, facts)?,
                RoleSpec::Service { service } => {
                    self.organization_edges(r, Some(*service), facts)?
                }
                RoleSpec::Material { kind, amount } => {
                    self.material_edges(r, *kind, *amount, facts)?
                }
            }
        }
        Ok(())
    }

    /// Keeps the pair's edge (counted against the limits), or counts its rejection on the
    /// role.
    fn admit(&mut self, role: usize, verdict: Verdict) -> Result<()> {
        match verdict {
            Ok(pair) => {
                self.count_edge(pair.edge.provider as usize)?;
                self.role_travel[role].push(pair.travel);
                self.role_edges[role].push(pair.edge);
            }
            Err(reason) => self.tallies[role].add(reason),
        }
        Ok(())
    }

    /// Counts one more edge of `provider` against the limits.
    fn count_edge(&mut self, provider: usize) -> Result<()> {
        let id = self.problem.provider_ids[provider];
        Ok(self.budget.edge(provider, id)?)
    }

    fn pairs(&self) -> Pairs<'_> {
        Pairs {
            policy: self.policy,
            graph: &self.graph,
        }
    }

    fn worker_edges(
        &mut self,
        role: usize,
        min_licence: Licence,
        facts: NeedFacts<'s>,
        d: &Travel,
    ) -> Result<()> {
        for (j, w) in self.scenario.workers.iter().enumerate() {
            let dist = d.distance(self.worker_homes.get(j).copied().flatten());
            let verdict = self
                .pairs()
                .worker(role, j, (w, min_licence), facts, dist)
                .or_else(|failure| {
                    self.supervised_verdict((role, j), (w, min_licence), facts, dist, failure, 0)
                });
            self.admit(role, verdict)?;
        }
        Ok(())
    }

    fn volunteer_edges(
        &mut self,
        role: usize,
        task: &VolunteerTask<'_>,
        facts: NeedFacts<'s>,
        d: &Travel,
    ) -> Result<()> {
        self.nearby_volunteer_edges(role, task, facts, d)
    }

    /// Checks volunteer `j` for `role` (whose skills have the mask `required`): keeps the
    /// edge or counts the rejection. Returns the rule the volunteer failed first, if any.
    fn volunteer_pair(
        &mut self,
        role: usize,
        (j, v): (usize, &Volunteer),
        (task, required): (&VolunteerTask<'_>, u32),
        facts: NeedFacts<'s>,
        d: &Travel,
    ) -> Result<Option<Rejection>> {
        // Fast path for the first check of the specification (skills), on bit masks.
        let mask = self.volunteer_skills.get(j).copied().unwrap_or(0);
        if required & !mask != 0 {
            debug_assert_eq!(
                check_volunteer(task, v, facts, None),
                Err(Rejection::MissingSkill)
            );
            self.tallies[role].add(Rejection::MissingSkill);
            return Ok(Some(Rejection::MissingSkill));
        }
        let dist = d.distance(self.volunteer_homes.get(j).copied().flatten());
        let offset = self.scenario.workers.len();
        let verdict = self
            .pairs()
            .volunteer(role, offset + j, (v, task), facts, dist);
        let failure = verdict.as_ref().err().copied();
        self.admit(role, verdict)?;
        Ok(failure)
    }

    /// The volunteers of `role`: only those near the need are checked one by one (one step
    /// of compile work each), the others are counted in bulk (see `nearby.rs`). Same edges,
    /// same tallies as checking every pair.
    fn nearby_volunteer_edges(
        &mut self,
        role: usize,
        task: &VolunteerTask<'_>,
        facts: NeedFacts<'s>,
        d: &Travel,
    ) -> Result<()> {
        let scenario = self.scenario;
        let required = skill_mask(task.skills);
        let near = self.nearby.near(&d.search);
        self.budget.spend(near.len() as u64)?;
        let mut near_counts = RuleCounts::default();
        for j in near {
            let Some(v) = scenario.volunteers.get(j) else {
                continue;
            };
            near_counts.count(self.volunteer_pair(role, (j, v), (task, required), facts, d)?);
        }
        let kind = VolunteerRule {
            required,
            min_age: task.min_age,
            minor: facts.resident.minor_rules_apply(),
            risky: task.risky,
        };
        let everyone = (
            &scenario.volunteers[..],
            &self.volunteer_skills[..],
            &self.volunteer_homes[..],
        );
        let away = self
            .nearby
            .away_counts(kind, facts.window_end(), everyone, &d.search);
        for (reason, n) in away.away(&near_counts) {
            self.tallies[role].add_many(reason, n);
        }
        Ok(())
    }

    fn organization_edges(
        &mut self,
        role: usize,
        service: Option<Service>,
        facts: NeedFacts<'s>,
    ) -> Result<()> {
        let offset = self.scenario.workers.len() + self.scenario.volunteers.len();
        for (j, o) in self.scenario.organizations.iter().enumerate() {
            let verdict = self
                .pairs()
                .organization(role, offset + j, (o, service), facts);
            self.admit(role, verdict)?;
        }
        Ok(())
    }

    fn material_edges(
        &mut self,
        role: usize,
        kind: ResourceKind,
        amount: i64,
        facts: NeedFacts<'s>,
    ) -> Result<()> {
        let s = self.scenario;
        let offset = s.workers.len() + s.volunteers.len() + s.organizations.len();
        for (j, f) in s.funds.iter().enumerate() {
            let verdict = self
                .pairs()
                .fund(role, offset + j, (f, kind, amount), facts);
            self.admit(role, verdict)?;
        }
        Ok(())
    }
}

/// Adds the lexicographic tier bonus of every need of `problem` (compiled from `scenario`,
/// values without bonus) to its value, and records the bonuses.
///
/// # Errors
/// [`crate::ErrorKind::Policy`] when a component's values leave no room to keep High first
/// within the value limit.
pub(crate) fn apply_tier_bonuses(problem: &mut Problem, scenario: &Scenario) -> Result<()> {
    let tiers: Vec<RiskTier> = scenario.needs.iter().map(|n| n.risk).collect();
    let bonuses =
        super::tiers::lexicographic_bonuses(problem, &tiers).map_err(crate::ErrorKind::Policy)?;
    for (need, &b) in problem.needs.iter_mut().zip(&bonuses.bonus) {
        need.value += b;
    }
    problem.tier_bonus = bonuses.bonus;
    problem.tier_cap = bonuses.cap;
    Ok(())
}

/// The position in `scenario.residents` of each need's resident.
///
/// # Errors
/// [`crate::ErrorKind::Validation`] listing every need whose resident is missing.
fn resolve_residents(scenario: &Scenario) -> Result<Vec<usize>> {
    let mut position: HashMap<ResidentId, usize> = HashMap::new();
    for (i, p) in scenario.residents.iter().enumerate() {
        position.entry(p.id).or_insert(i);
    }
    let mut residents = Vec::with_capacity(scenario.needs.len());
    let mut dangling = Vec::new();
    for n in &scenario.needs {
        match position.get(&n.resident) {
            Some(&i) => residents.push(i),
            None => dangling.push(ValidationIssue {
                entity: EntityRef::Need(n.id),
                field: "resident".into(),
                kind: IssueKind::DanglingReference {
                    target: EntityRef::Resident(n.resident),
                },
            }),
        }
    }
    if dangling.is_empty() {
        Ok(residents)
    } else {
        let report = ValidationReport { issues: dangling };
        Err(crate::ErrorKind::Validation(report).into())
    }
}

/// The bounded distance search of the community being compiled.
struct Travel {
    search: DistanceSearch,
    /// The community searched from (`None` before the first search).
    source: Option<RegionId>,
    /// The largest travel radius of any person provider, metres.
    bound: u64,
}

impl Travel {
    /// The distance to a provider's home for the travel check: exact within the bound;
    /// `bound + 1` (a lower bound, enough to fail every radius) beyond it; `None` without a
    /// road path or for a home outside the road network.
    fn distance(&self, home: Option<RegionSlot>) -> Option<u64> {
        match self.search.reach(home) {
            Reach::Within(d) => Some(d),
            Reach::Beyond => Some(self.bound.saturating_add(1)),
            Reach::Unreachable => None,
        }
    }
}

/// Whether a need asks for a worker or volunteers (whose travel is checked).
fn has_person_role(need: &Need) -> bool {
    need.team.roles.iter().any(|r| {
        matches!(
            r.spec,
            RoleSpec::LeadWorker { .. } | RoleSpec::Volunteers { .. }
        )
    })
}

/// Eligibility checks a compile makes, known from the sizes: one per (role, provider of the
/// role's kind) pair, except that a volunteer role is counted once here (its bulk counts)
/// and then one step per volunteer near its need, as the compile finds them.
fn eligibility_checks(s: &Scenario) -> u64 {
    let per_kind = |spec: &RoleSpec| match spec {
        RoleSpec::LeadWorker { .. } => s.workers.len(),
        RoleSpec::Volunteers { .. } => 1,
        RoleSpec::Organization | RoleSpec::Service { .. } => s.organizations.len(),
        RoleSpec::Material { .. } => s.funds.len(),
    } as u64;
    s.needs
        .iter()
        .flat_map(|n| &n.team.roles)
        .map(|r| per_kind(&r.spec))
        .fold(0u64, u64::saturating_add)
}

/// Bit `i` set for skill `Skill::ALL[i]` in `skills`.
pub(crate) fn skill_mask(skills: &std::collections::BTreeSet<Skill>) -> u32 {
    skills
        .iter()
        .filter_map(|s| Skill::ALL.iter().position(|x| x == s))
        .fold(0, |m, i| m | (1 << i))
}

/// Person places of a need's team: 1 per lead worker or organization, `count` per volunteer
/// role.
fn person_places(need: &Need) -> u64 {
    need.team
        .roles
        .iter()
        .map(|r| match &r.spec {
            RoleSpec::LeadWorker { .. } | RoleSpec::Organization | RoleSpec::Service { .. } => 1,
            RoleSpec::Volunteers { count, .. } => u64::from(*count),
            RoleSpec::Material { .. } => 0,
        })
        .sum()
}
