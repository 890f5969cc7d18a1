//! The Lagrangian relaxation of provider capacities, and the upper bound it proves.
//!
//! # The relaxation
//! Write the team problem with units `x_e ∈ {0..u_e}` per edge and `y_n ∈ {0, 1}` per need:
//! core role `r` of need `n` takes `Σ_{e∈r} x_e = d_r·y_n`, an optional role
//! `Σ_{e∈r} x_e ≤ d_r·y_n`, provider `p` obeys `Σ_{e∈p} w_e·x_e ≤ c_p`, and a person fills one
//! role of a need at most. Price each provider's capacity with `μ_p ≥ 0` and move it into
//! the objective:
//!
//! `L(μ) = Σ_p μ_p·c̄_p + Σ_n max(0, π_n(μ))`, with
//! `π_n(μ) = v_n + Σ_{r core} best_r(μ) + Σ_{r optional} best⁺_r(μ)`,
//!
//! where `best_r` is the largest `Σ_e (s_e − μ_p·w_e)·x_e` over `Σ_e x_e = d_r`,
//! `0 ≤ x_e ≤ ū_e` (taking the best reduced profits first is optimal: every unit weighs 1 in
//! the role's count), `best⁺_r` the same over `Σ_e x_e ≤ d_r` (positive terms only), and
//! `π_n = −∞` when a core role cannot reach its demand. `ū_e = min(u_e, ⌊c_p / w_e⌋)` is
//! the most units any feasible solution can put on the edge, and `c̄_p ≤ c_p` the largest
//! total usage a feasible solution can give provider `p` ([`effective_capacities`]).
//!
//! Under a fairness policy each coverage group `g` adds its concave reward
//! `R_g(z) = Σ_{k ≤ z} step_k` of the number `z` of its needs served. Writing
//! `R_g(z) = max { Σ_k step_k·w_k : Σ_k w_k = z, 0 ≤ w_k ≤ 1 }` (exact because the steps do
//! not increase) and pricing `Σ_k w_k = Σ_{n∈g} y_n` with `η_g` of any sign adds `η_g` to
//! each member's `π_n` and `Σ_k max(0, step_k − η_g)` to `L`.
//!
//! Shared resources ([`Problem::shared`]: a person's overlapping time windows, a mentor's
//! supervision places) are priced the same way: `σ_s ≥ 0` per resource adds `σ_s·c_s` to `L`
//! and lowers the reduced profit of every edge drawing on it by `σ_s·k_{e,s}` per unit; and
//! `ū_e` is also at most `⌊c_s / k_{e,s}⌋` for each resource it draws on.
//!
//! # Why `L(μ)` bounds every feasible solution (weak duality)
//! Let `(x, y)` be feasible. Its objective is `Σ_n v_n·y_n + Σ_e s_e·x_e ≤
//! Σ_n v_n·y_n + Σ_e s_e·x_e + Σ_p μ_p·(c̄_p − Σ_{e∈p} w_e·x_e)` because every bracket is
//! `≥ 0` and `μ ≥ 0` (likewise `Σ_s σ_s·(c_s − Σ_e k_{e,s}·x_e) ≥ 0`, which moves into
//! each edge's reduced profit below). Regroup the right side by need: `Σ_p μ_p·c̄_p + Σ_n [v_n·y_n +
//! Σ_{e∈n} (s_e − μ_p·w_e)·x_e]`. For a served need (`y_n = 1`) the bracket is at most
//! `π_n(μ)`: its roles' units satisfy the constraints `best_r` maximises over (the person
//! rule is dropped, which only enlarges the set); for an unserved need it is 0. Hence each
//! bracket is at most `max(0, π_n(μ))` and the objective is at most `L(μ)`. With coverage
//! groups the same regrouping holds for any `w` that meets `Σ_k w_k = Σ_{n∈g} y_n`: the
//! `η_g` terms cancel, and each group's part is at most `Σ_k max(0, step_k − η_g)`.
//!
//! # Rounding
//! `L` is evaluated in `f64`. With `k` summed terms of total magnitude `M` (every product and
//! difference counted), recursive summation errs by at most `(k + 3)·2⁻⁵³·M`; the reported
//! bound is `⌊L + (k + 4)·2⁻⁵²·M⌋`: the optimum is an integer at most the exact `L(μ)`,
//! which is at most `L + (k + 4)·2⁻⁵²·M`, so the optimum is at most that floor — a valid
//! integer bound whatever `μ` the search produced.

use rayon::prelude::*;

use crate::problem::Problem;
use crate::solve::team::is_core_role;

/// The relaxation of one problem, with scratch space for repeated evaluations.
#[derive(Debug, Clone)]
pub(crate) struct CapacityRelaxation<'p> {
    problem: &'p Problem,
    /// Per role: whether it is core.
    core: Vec<bool>,
    /// Per provider: the largest total usage any feasible solution can give it (its
    /// capacity rounded down to a sum of its edges' usages; see [`effective_capacities`]).
    pub(crate) capacity: Vec<i64>,
    /// Per multiplier: its typical size — for a provider its largest use `w_e·ū_e` (≥ 1), for
    /// a group 1 — which scales it in the subgradient step.
    pub(crate) scale: Vec<f64>,
    /// Per need: its coverage group.
    need_group: Vec<Option<u32>>,
    /// Per edge: what pricing reads, in one record (the pricing loop streams these).
    priced: Vec<PricedEdge>,
}

/// What pricing reads of one edge, in one record: the pricing loop streams these in role
/// order instead of the edge, its reach and its shared-use range from three tables.
#[derive(Debug, Clone, Copy)]
struct PricedEdge {
    /// `s_e` as a float.
    score: f64,
    /// `w_e` as a float.
    usage: f64,
    /// `ū_e`.
    reach: i64,
    /// The provider.
    provider: u32,
    /// Whether the edge draws on a shared resource.
    shared: bool,
}

/// `L(μ)` and the relaxed solution behind it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Evaluation {
    /// `L(μ)` as computed.
    pub(crate) value: f64,
    /// A valid integer upper bound on the optimum (`L(μ)` rounded up with its error margin).
    pub(crate) bound: i128,
    /// `∂L/∂λ`: per provider its effective capacity minus what the relaxed solution uses,
    /// then per coverage group its needs served minus the steps taken.
    pub(crate) gradient: Vec<f64>,
    /// Per need: `π_n(μ)`, `-∞` when a core role cannot be filled at all.
    pub(crate) profit: Vec<f64>,
    /// The rounding margin added to `value` before flooring (covers every partial sum).
    pub(crate) margin: f64,
}

impl<'p> CapacityRelaxation<'p> {
    pub(crate) fn new(problem: &'p Problem) -> Self {
        let reach: Vec<i64> = problem
            .edges
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let cap = problem.providers[e.provider as usize].capacity;
                let shared = problem.edge_shared(i).iter().map(|d| {
                    let cap = problem
                        .shared
                        .get(d.resource as usize)
                        .map_or(0, |r| r.capacity);
                    cap / d.per_unit.max(1)
                });
                shared.fold(e.max_units.min(cap / e.usage_per_unit), i64::min)
            })
            .collect();
        let capacity = effective_capacities(problem);
        let mut scale = vec![1.0f64; problem.providers.len()];
        for (e, &u) in problem.edges.iter().zip(&reach) {
            let s = &mut scale[e.provider as usize];
            *s = s.max(u as f64 * e.usage_per_unit as f64);
        }
        let shared_offset = problem.providers.len() + problem.groups.len();
        scale.resize(shared_offset + problem.shared.len(), 1.0);
        for (i, &u) in reach.iter().enumerate() {
            for d in problem.edge_shared(i) {
                let s = &mut scale[shared_offset + d.resource as usize];
                *s = s.max(u as f64 * d.per_unit as f64);
            }
        }
        let priced = problem
            .edges
            .iter()
            .zip(&reach)
            .enumerate()
            .map(|(e, (edge, &reach))| PricedEdge {
                score: edge.score_per_unit as f64,
                usage: edge.usage_per_unit as f64,
                reach,
                provider: edge.provider,
                shared: !problem.edge_shared(e).is_empty(),
            })
            .collect();
        CapacityRelaxation {
            problem,
            capacity,
            core: problem
                .roles
                .iter()
                .map(|r| is_core_role(problem, r))
                .collect(),
            scale,
            need_group: problem.need_groups(),
            priced,
        }
    }

    /// Evaluates `L(λ)` for multipliers `lambda` into `out`: one price `μ_p ≥ 0` per
    /// provider, then one `η_g` (any sign) per coverage group, then one price `σ_s ≥ 0` per
    /// shared resource (missing trailing prices count as 0).
    pub(crate) fn evaluate(&mut self, lambda: &[f64], out: &mut Evaluation) {
        let problem = self.problem;
        let providers = problem.providers.len();
        let prices = Prices::of(problem, lambda);
        let (mu, eta) = (prices.mu, prices.eta);
        let shared_offset = providers + problem.groups.len();
        out.gradient.clear();
        out.gradient.extend(self.capacity.iter().map(|&c| c as f64));
        out.gradient.resize(shared_offset, 0.0);
        out.gradient
            .extend(problem.shared.iter().map(|r| r.capacity as f64));
        out.profit.clear();
        let mut value = 0.0f64;
        let mut magnitude = 0.0f64;
        for (p, &capacity) in self.capacity.iter().enumerate() {
            let term = mu[p] * capacity as f64;
            value += term;
            magnitude += term;
        }
        for (s, r) in problem.shared.iter().enumerate() {
            let term = prices.sigma(s) * r.capacity as f64;
            value += term;
            magnitude += term;
        }
        let mut terms = providers + problem.shared.len() + problem.needs.len();
        for (g, group) in problem.groups.iter().enumerate() {
            for &step in &group.steps {
                let gain = step as f64 - eta[g];
                magnitude += step as f64 + eta[g].abs();
                if gain > 0.0 {
                    value += gain;
                    out.gradient[providers + g] -= 1.0;
                }
            }
            terms += group.steps.len();
        }
        // Needs are priced in fixed chunks (in parallel) and the chunks summed in order, so
        // the result is the same for every thread count. On one thread, or with a single
        // chunk, they are priced here: handing the work to the pool and waiting for it costs
        // a thread wake-up per evaluation.
        let starts: Vec<usize> = (0..problem.needs.len()).step_by(CHUNK).collect();
        let relaxation = &*self;
        let price = |start: usize| {
            let end = (start + CHUNK).min(problem.needs.len());
            Pricer::new(relaxation).chunk(start..end, &prices)
        };
        let chunks: Vec<ChunkSums> = if starts.len() < 2 || rayon::current_num_threads() < 2 {
            starts.into_iter().map(price).collect()
        } else {
            starts.into_par_iter().map(price).collect()
        };
        for chunk in chunks {
            value += chunk.value;
            magnitude += chunk.magnitude;
            terms += chunk.terms;
            for (p, used) in chunk.usage {
                out.gradient[p as usize] -= used;
            }
            for g in chunk.groups {
                out.gradient[providers + g as usize] += 1.0;
            }
            out.profit.extend(chunk.profit);
        }
        out.value = value;
        let margin = (terms as f64 + 4.0) * f64::EPSILON * magnitude;
        out.margin = margin;
        out.bound = (value + margin).floor() as i128;
    }
}

/// Needs priced per chunk of [`CapacityRelaxation::evaluate`].
const CHUNK: usize = 256;

/// What one chunk of needs adds to `L`.
struct ChunkSums {
    value: f64,
    magnitude: f64,
    terms: usize,
    /// (gradient index: a provider's, or a shared resource's after the groups, capacity
    /// used) of the relaxed solution.
    usage: Vec<(u32, f64)>,
    /// The coverage group of each need served in the relaxed solution.
    groups: Vec<u32>,
    profit: Vec<f64>,
}

/// One worker's scratch space for pricing needs.
struct Pricer<'r, 'p> {
    relaxation: &'r CapacityRelaxation<'p>,
    scratch: Vec<(f64, u32)>,
    chosen: Vec<(u32, i64)>,
}

impl<'r, 'p> Pricer<'r, 'p> {
    fn new(relaxation: &'r CapacityRelaxation<'p>) -> Self {
        Pricer {
            relaxation,
            scratch: Vec::new(),
            chosen: Vec::new(),
        }
    }

    /// Prices needs `needs`: each takes its best team at the prices or nothing.
    fn chunk(&mut self, needs: std::ops::Range<usize>, prices: &Prices<'_>) -> ChunkSums {
        let problem = self.relaxation.problem;
        let eta = prices.eta;
        let shared_offset = (problem.providers.len() + problem.groups.len()) as u32;
        let mut sums = ChunkSums {
            value: 0.0,
            magnitude: 0.0,
            terms: 0,
            usage: Vec::new(),
            groups: Vec::new(),
            profit: Vec::with_capacity(needs.len()),
        };
        for n in needs {
            let need = &problem.needs[n];
            let group = self.relaxation.need_group[n];
            let mut profit = need.value as f64 + group.map_or(0.0, |g| eta[g as usize]);
            let mut need_magnitude = profit.abs();
            let mut feasible = true;
            self.chosen.clear();
            for r in need.roles() {
                let Some((score, size)) = self.best_of_role(r, prices) else {
                    feasible = false;
                    break;
                };
                profit += score;
                need_magnitude += size;
            }
            sums.terms += self.chosen.len();
            if feasible {
                sums.magnitude += need_magnitude;
            }
            if feasible && profit > 0.0 {
                sums.value += profit;
                for &(e, x) in &self.chosen {
                    let edge = &self.relaxation.priced[e as usize];
                    sums.usage.push((edge.provider, x as f64 * edge.usage));
                    if !edge.shared {
                        continue;
                    }
                    for d in problem.edge_shared(e as usize) {
                        let index = shared_offset + d.resource;
                        sums.usage.push((index, x as f64 * d.per_unit as f64));
                    }
                }
                if let Some(g) = group {
                    sums.groups.push(g);
                }
            }
            sums.profit
                .push(if feasible { profit } else { f64::NEG_INFINITY });
        }
        sums
    }

    /// `best_r(μ)` (core) or `best⁺_r(μ)` (optional) of role `r`, pushing its units onto
    /// `chosen`; with the magnitude of its terms. `None` when a core role cannot reach its
    /// demand.
    fn best_of_role(&mut self, r: usize, prices: &Prices<'_>) -> Option<(f64, f64)> {
        let relaxation = self.relaxation;
        let problem = relaxation.problem;
        let core = relaxation.core[r];
        let demand = problem.roles[r].demand;
        let range = problem.role_edge_range(r);
        let first = range.start;
        let edges = relaxation.priced.get(range).unwrap_or(&[]);
        let rho_of = |e: usize, edge: &PricedEdge| {
            let rho = edge.score - prices.mu_of(edge.provider) * edge.usage;
            if edge.shared {
                rho - shared_price(problem, prices, e)
            } else {
                rho
            }
        };
        self.scratch.clear();
        let mut available = 0i64;
        for (i, edge) in edges.iter().enumerate() {
            if edge.reach <= 0 {
                continue;
            }
            let rho = rho_of(first + i, edge);
            if !(core || rho > 0.0) {
                continue;
            }
            available = available.saturating_add(edge.reach);
            let entry = (rho, (first + i) as u32);
            match self.scratch.first_mut() {
                // One unit: only the best edge matters (it has reach ≥ 1); ties go to the
                // lower index, as in the sorted order below.
                Some(best) if demand == 1 => {
                    if rho.total_cmp(&best.0).is_gt() {
                        *best = entry;
                    }
                }
                _ => self.scratch.push(entry),
            }
        }
        if demand > 1 && self.scratch.len() > 1 && demand < available {
            let better = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
            // Every edge has reach ≥ 1, so at most `demand` of the best edges are taken:
            // select them, then order only those.
            let keep = usize::try_from(demand).unwrap_or(usize::MAX);
            if keep < self.scratch.len() {
                self.scratch.select_nth_unstable_by(keep, better);
                self.scratch.truncate(keep);
            }
            self.scratch.sort_unstable_by(better);
        }
        if core && available < demand {
            return None;
        }
        let mut missing = demand;
        let mut score = 0.0f64;
        let mut size = 0.0f64;
        for &(rho, e) in &self.scratch {
            if missing == 0 {
                break;
            }
            let edge = &relaxation.priced[e as usize];
            let take = edge.reach.min(missing);
            missing -= take;
            score += rho * take as f64;
            let priced = if edge.shared {
                shared_price(problem, prices, e as usize)
            } else {
                0.0
            };
            size += (edge.score.abs() + prices.mu_of(edge.provider) * edge.usage + priced)
                * take as f64;
            self.chosen.push((e, take));
        }
        Some((score, size))
    }
}

/// `Σ_s σ_s·k_{e,s}`: the price of the shared resources edge `e` draws on per unit.
fn shared_price(problem: &Problem, prices: &Prices<'_>, e: usize) -> f64 {
    problem
        .edge_shared(e)
        .iter()
        .map(|d| prices.sigma(d.resource as usize) * d.per_unit as f64)
        .sum()
}

/// The multipliers of one evaluation, split by kind.
pub(crate) struct Prices<'a> {
    /// Per provider.
    pub(crate) mu: &'a [f64],
    /// Per coverage group.
    pub(crate) eta: &'a [f64],
    /// Per shared resource (may be shorter: missing prices are 0).
    sigma: &'a [f64],
}

impl<'a> Prices<'a> {
    /// `lambda` read as providers, then groups, then shared resources.
    pub(crate) fn of(problem: &Problem, lambda: &'a [f64]) -> Self {
        let (mu, rest) = lambda.split_at(problem.providers.len().min(lambda.len()));
        let (eta, sigma) = rest.split_at(problem.groups.len().min(rest.len()));
        Prices { mu, eta, sigma }
    }

    /// The price of provider `p` (0 beyond the given prices).
    pub(crate) fn mu_of(&self, p: u32) -> f64 {
        self.mu.get(p as usize).copied().unwrap_or(0.0)
    }

    /// The price of shared resource `s`.
    pub(crate) fn sigma(&self, s: usize) -> f64 {
        self.sigma.get(s).copied().unwrap_or(0.0)
    }
}

/// Edge `e`'s reduced score `s_e − μ_p·w_e − Σ_s σ_s·k_{e,s}` at `prices`.
pub(crate) fn edge_score_at(problem: &Problem, prices: &Prices<'_>, e: usize) -> f64 {
    let edge = &problem.edges[e];
    edge.score_per_unit as f64
        - prices.mu_of(edge.provider) * edge.usage_per_unit as f64
        - shared_price(problem, prices, e)
}

/// The number of multipliers of `problem`: providers, coverage groups, shared resources.
pub(crate) fn multiplier_count(problem: &Problem) -> usize {
    problem.providers.len() + problem.groups.len() + problem.shared.len()
}

/// Whether multiplier `i` is a price (kept `≥ 0`) rather than a group's free multiplier.
pub(crate) fn is_price(problem: &Problem, i: usize) -> bool {
    let providers = problem.providers.len();
    i < providers || i >= providers + problem.groups.len()
}

/// Largest multiple of the usage step the DP below handles.
const MAX_STEPS: i64 = 1 << 12;

/// Per provider, the largest total usage at most its capacity that is a sum of its edges'
/// `usage_per_unit` values (repetition allowed): no feasible solution uses more, so pricing
/// this instead of the raw capacity keeps the bound valid and tightens it (a volunteer with
/// 90 free minutes and only 60-minute tasks can give 60). Computed by a reachability table
/// over multiples of the usages' greatest common divisor `g` when `capacity / g ≤ 4096`,
/// else the capacity rounded down to a multiple of `g`.
pub(crate) fn effective_capacities(problem: &Problem) -> Vec<i64> {
    let mut usages: Vec<Vec<i64>> = vec![Vec::new(); problem.providers.len()];
    for e in &problem.edges {
        usages[e.provider as usize].push(e.usage_per_unit);
    }
    problem
        .providers
        .iter()
        .zip(&mut usages)
        .map(|(provider, usages)| {
            usages.sort_unstable();
            usages.dedup();
            let capacity = provider.capacity;
            let Some(g) = usages.iter().copied().reduce(gcd) else {
                return 0;
            };
            let steps = capacity / g;
            if steps > MAX_STEPS {
                return steps * g;
            }
            let mut reachable = vec![false; steps as usize + 1];
            reachable[0] = true;
            for s in 1..=steps as usize {
                reachable[s] = usages.iter().any(|&u| {
                    let k = (u / g) as usize;
                    k <= s && reachable[s - k]
                });
            }
            let best = reachable.iter().rposition(|&r| r).unwrap_or(0);
            best as i64 * g
        })
        .collect()
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a } else { gcd(b, a % b) }
}
