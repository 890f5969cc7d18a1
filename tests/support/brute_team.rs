//! Random small numeric team problems, and the exact optimum by exhaustive enumeration.
//!
//! [`brute_team_optimum`] enumerates, need by need, "not served" and every way of serving it:
//! for each role every split of units over its edges (core roles exactly their demand,
//! optional roles at most it), pruning on provider capacity, and checks `one_role_per_need`
//! per need. It shares no code with the strategies.

use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wushe::model::{NeedId, ProviderId, TeamRule, WorkerId};
use wushe::problem::{CandidateEdge, Problem, ProblemNeed, ProblemProvider, ProblemRole, RoleKind};

/// Which problems to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamClass {
    /// Anything: several roles of every kind, both team rules, mixed usages.
    General,
    /// One role per need; core roles have demand 1; one usage per provider.
    Transportation,
    /// One person role of demand 1 per need; one usage per provider.
    UnitDemand,
}

/// Size limits of generated problems.
#[derive(Debug, Clone, Copy)]
pub struct TeamShape {
    /// Needs, at least 1.
    pub max_needs: usize,
    /// Roles per need, at least 1.
    pub max_roles: usize,
    /// Providers, at least 1.
    pub max_providers: usize,
    /// Largest person-role demand.
    pub max_demand: i64,
    /// Class.
    pub class: TeamClass,
}

/// Proptest strategy: a random valid problem of the given shape.
pub fn arb_team_problem(shape: TeamShape) -> impl Strategy<Value = Problem> {
    (1..=shape.max_needs, 1..=shape.max_providers, any::<u64>())
        .prop_map(move |(needs, providers, seed)| random_problem(shape, needs, providers, seed))
}

/// A random valid problem with `needs` needs and `providers` providers.
pub fn random_problem(shape: TeamShape, needs: usize, providers: usize, seed: u64) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let single = shape.class != TeamClass::General;
    let provider_usage: Vec<i64> = (0..providers).map(|_| rng.random_range(1..=2)).collect();
    let mut problem = Problem {
        providers: provider_usage
            .iter()
            .map(|&u| ProblemProvider {
                capacity: u * rng.random_range(0..=3) + rng.random_range(0..=1),
                one_role_per_need: rng.random_bool(0.6),
            })
            .collect(),
        provider_ids: (0..providers as u32)
            .map(|i| ProviderId::Worker(WorkerId(i)))
            .collect(),
        need_ids: (0..needs as u32).map(NeedId).collect(),
        ..Problem::default()
    };
    for n in 0..needs {
        let role_count = if single {
            1
        } else {
            rng.random_range(1..=shape.max_roles)
        };
        let rule = if rng.random_bool(0.5) {
            TeamRule::AllOrNothing
        } else {
            TeamRule::CoreThenOptional
        };
        problem.needs.push(ProblemNeed {
            value: rng.random_range(0..=20),
            rule,
            first_role: problem.roles.len() as u32,
            role_count: role_count as u32,
        });
        for t in 0..role_count {
            let role = random_role(&mut rng, shape, n as u32, t as u32, rule);
            let r = problem.roles.len() as u32;
            for (p, &usage) in provider_usage.iter().enumerate() {
                if rng.random_bool(0.6) {
                    problem
                        .edges
                        .push(random_edge(&mut rng, shape, &role, r, p, usage));
                }
            }
            problem.roles.push(role);
        }
    }
    problem.index_edges();
    problem
}

fn random_role(
    rng: &mut ChaCha8Rng,
    shape: TeamShape,
    need: u32,
    t: u32,
    rule: TeamRule,
) -> ProblemRole {
    let kinds = [
        RoleKind::LeadWorker,
        RoleKind::Volunteers,
        RoleKind::Organization,
        RoleKind::Material,
    ];
    let kind = match shape.class {
        TeamClass::UnitDemand => kinds[rng.random_range(0..3)],
        _ => kinds[rng.random_range(0..4)],
    };
    let optional = rng.random_bool(0.3);
    let core = !(optional && rule == TeamRule::CoreThenOptional);
    let demand = match (shape.class, kind) {
        (TeamClass::UnitDemand, _) => 1,
        (TeamClass::Transportation, _) if core => 1,
        (_, RoleKind::Material) => rng.random_range(1..=shape.max_demand + 1),
        (_, RoleKind::Volunteers) => rng.random_range(1..=shape.max_demand),
        _ => 1,
    };
    ProblemRole {
        need,
        team_index: t,
        kind,
        demand,
        optional,
    }
}

fn random_edge(
    rng: &mut ChaCha8Rng,
    shape: TeamShape,
    role: &ProblemRole,
    r: u32,
    p: usize,
    usage: i64,
) -> CandidateEdge {
    let material = role.kind == RoleKind::Material;
    let usage_per_unit = if shape.class == TeamClass::General && !material {
        rng.random_range(1..=2)
    } else {
        usage
    };
    CandidateEdge {
        role: r,
        provider: p as u32,
        max_units: if material {
            rng.random_range(1..=role.demand)
        } else {
            1
        },
        usage_per_unit,
        score_per_unit: rng.random_range(-3..=5),
    }
}

/// Largest number of search nodes [`brute_team_optimum`] visits before giving up.
pub const MAX_NODES: u64 = 2_000_000;

/// The optimal objective by exhaustive enumeration, or `None` when the search exceeds
/// [`MAX_NODES`].
pub fn brute_team_optimum(problem: &Problem) -> Option<i128> {
    let mut search = Search {
        problem,
        used: vec![0; problem.providers.len()],
        units: vec![0; problem.edges.len()],
        served: vec![false; problem.needs.len()],
        best: i128::MIN,
        nodes: 0,
    };
    search.need(0, 0);
    (search.nodes <= MAX_NODES).then_some(search.best)
}

struct Search<'a> {
    problem: &'a Problem,
    used: Vec<i64>,
    units: Vec<i64>,
    /// Needs served on the current path (for the coverage groups' reward at the leaf).
    served: Vec<bool>,
    best: i128,
    nodes: u64,
}

impl Search<'_> {
    fn need(&mut self, n: usize, objective: i128) {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return;
        }
        if n == self.problem.needs.len() {
            if !self.shared_fit() {
                return;
            }
            let groups = group_reward(self.problem, &self.served);
            self.best = self.best.max(objective + groups);
            return;
        }
        self.need(n + 1, objective);
        let need = &self.problem.needs[n];
        let first = need.first_role as usize;
        self.served[n] = true;
        self.role(n, first, objective + i128::from(need.value));
        self.served[n] = false;
    }

    fn role(&mut self, n: usize, r: usize, objective: i128) {
        let need = &self.problem.needs[n];
        if r == need.roles().end {
            if self.one_role_per_need_holds(n) {
                self.need(n + 1, objective);
            }
            return;
        }
        let start = self.problem.role_edge_start[r] as usize;
        self.edge(n, r, start, self.problem.roles[r].demand, objective);
    }

    fn edge(&mut self, n: usize, r: usize, e: usize, left: i64, objective: i128) {
        let end = self.problem.role_edge_start[r + 1] as usize;
        if e == end {
            let role = &self.problem.roles[r];
            let optional =
                role.optional && self.problem.needs[n].rule == TeamRule::CoreThenOptional;
            if left == 0 || optional {
                self.role(n, r + 1, objective);
            }
            return;
        }
        let edge = self.problem.edges[e].clone();
        let p = edge.provider as usize;
        for u in 0..=edge.max_units.min(left) {
            if self.used[p] + u * edge.usage_per_unit > self.problem.providers[p].capacity {
                break;
            }
            self.used[p] += u * edge.usage_per_unit;
            self.units[e] = u;
            let gain = i128::from(u) * i128::from(edge.score_per_unit);
            self.edge(n, r, e + 1, left - u, objective + gain);
            self.units[e] = 0;
            self.used[p] -= u * edge.usage_per_unit;
        }
    }

    /// Whether the units on the path fit every shared resource (read from the raw tables).
    fn shared_fit(&self) -> bool {
        let p = self.problem;
        if p.edge_shared_start.is_empty() {
            return true;
        }
        let mut used = vec![0i64; p.shared.len()];
        for (e, &u) in self.units.iter().enumerate() {
            let (a, b) = (
                p.edge_shared_start[e] as usize,
                p.edge_shared_start[e + 1] as usize,
            );
            for d in &p.shared_uses[a..b] {
                used[d.resource as usize] += u * d.per_unit;
            }
        }
        used.iter().zip(&p.shared).all(|(&u, r)| u <= r.capacity)
    }

    fn one_role_per_need_holds(&self, n: usize) -> bool {
        let mut seen = Vec::new();
        for r in self.problem.needs[n].roles() {
            let range = self.problem.role_edge_start[r] as usize
                ..self.problem.role_edge_start[r + 1] as usize;
            for e in range {
                let p = self.problem.edges[e].provider;
                if self.units[e] > 0 && self.problem.providers[p as usize].one_role_per_need {
                    if seen.contains(&p) {
                        return false;
                    }
                    seen.push(p);
                }
            }
        }
        true
    }
}

/// The coverage groups' reward for the needs marked served, computed here from the groups'
/// definition (the `k` served needs of a group earn its first `k` steps).
fn group_reward(problem: &Problem, served: &[bool]) -> i128 {
    let mut total = 0i128;
    for group in &problem.groups {
        let k = group.needs.iter().filter(|&&n| served[n as usize]).count();
        total += group.steps[..k]
            .iter()
            .map(|&s| i128::from(s))
            .sum::<i128>();
    }
    total
}

/// `problem` with its needs split into coverage groups with random non-increasing steps
/// (some needs left out of every group).
pub fn with_random_groups(mut problem: Problem, seed: u64) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x9e37_79b9);
    let groups = rng.random_range(1..=2usize);
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); groups];
    for n in 0..problem.needs.len() as u32 {
        let g = rng.random_range(0..=groups);
        if g < groups {
            members[g].push(n);
        }
    }
    problem.groups = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|needs| {
            let mut steps: Vec<i64> = (0..needs.len()).map(|_| rng.random_range(0..=15)).collect();
            steps.sort_unstable_by(|a, b| b.cmp(a));
            wushe::problem::CoverageGroup { needs, steps }
        })
        .collect();
    problem
}

/// [`random_problem`] with a few shared resources of small capacity, each edge drawing on
/// one of them with probability ½ (time windows, supervision places: any sharing pattern).
pub fn random_problem_with_shared(
    shape: TeamShape,
    needs: usize,
    providers: usize,
    seed: u64,
) -> Problem {
    let mut problem = random_problem(shape, needs, providers, seed);
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_5a7e);
    let resources = rng.random_range(1..=3);
    problem.shared = (0..resources)
        .map(|_| wushe::problem::SharedResource {
            capacity: rng.random_range(0..=4),
        })
        .collect();
    let draws: Vec<Vec<wushe::problem::SharedUse>> = (0..problem.edges.len())
        .map(|_| {
            if rng.random_bool(0.5) {
                vec![wushe::problem::SharedUse {
                    resource: rng.random_range(0..resources) as u32,
                    per_unit: rng.random_range(1..=2),
                }]
            } else {
                Vec::new()
            }
        })
        .collect();
    problem.set_edge_shared(&draws);
    problem
}

/// Proptest strategy: [`random_problem_with_shared`].
pub fn arb_team_problem_with_shared(shape: TeamShape) -> impl Strategy<Value = Problem> {
    (1..=shape.max_needs, 1..=shape.max_providers, any::<u64>()).prop_map(
        move |(needs, providers, seed)| random_problem_with_shared(shape, needs, providers, seed),
    )
}
