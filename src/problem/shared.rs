//! Capacities shared by candidate edges beyond their providers' own, and the ledger every
//! strategy keeps of what is left.
//!
//! Two rules of the domain make one assignment draw on more than one capacity:
//! - **time** — a person's weekly minutes (or caseload) are shared only among needs whose
//!   date windows overlap; the compile turns each maximal set of overlapping windows of a
//!   person into one [`SharedResource`] holding the person's free capacity, and every edge to
//!   a need in that set uses it;
//! - **supervision** — a junior social worker may lead a case above their licence only with
//!   their mentor attached; each mentor's free supervision places are one resource, used by
//!   every supervised edge of the mentor's juniors.
//!
//! A problem without them has empty tables and is exactly what it was before they existed.

use serde::{Deserialize, Serialize};

use super::compiled::Problem;
use super::solution::EdgeUse;

/// A capacity that edges of several roles (and, for supervision, several providers) draw on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedResource {
    /// Units available (`0..=MAX_AMOUNT`).
    pub capacity: i64,
}

/// One edge's draw on a [`SharedResource`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SharedUse {
    /// Resource index into [`Problem::shared`].
    pub resource: u32,
    /// Units of the resource per unit of the edge (`1..=MAX_AMOUNT`).
    pub per_unit: i64,
}

impl Problem {
    /// Whether any edge draws on a [`SharedResource`].
    pub fn has_shared(&self) -> bool {
        !self.shared_uses.is_empty()
    }

    /// The shared draws of edge `edge` (empty for most edges, and for every edge when the
    /// problem has no shared resources).
    pub fn edge_shared(&self, edge: usize) -> &[SharedUse] {
        match (
            self.edge_shared_start.get(edge),
            self.edge_shared_start.get(edge + 1),
        ) {
            (Some(&a), Some(&b)) if a <= b => {
                self.shared_uses.get(a as usize..b as usize).unwrap_or(&[])
            }
            _ => &[],
        }
    }

    /// Sets the shared draws of every edge from `per_edge` (one list per edge, in edge
    /// order), replacing any there were.
    pub fn set_edge_shared(&mut self, per_edge: &[Vec<SharedUse>]) {
        self.edge_shared_start.clear();
        self.shared_uses.clear();
        if per_edge.iter().all(Vec::is_empty) {
            return;
        }
        self.edge_shared_start.reserve(per_edge.len() + 1);
        self.edge_shared_start.push(0);
        for uses in per_edge {
            self.shared_uses.extend_from_slice(uses);
            self.edge_shared_start.push(self.shared_uses.len() as u32);
        }
    }

    /// Adds draws `(edge, draw)` to the edges' lists (edges out of range are ignored).
    pub fn add_edge_shared(&mut self, added: impl IntoIterator<Item = (usize, SharedUse)>) {
        let mut lists: Option<Vec<Vec<SharedUse>>> = None;
        for (edge, draw) in added {
            let lists = lists.get_or_insert_with(|| self.edge_shared_lists());
            if let Some(list) = lists.get_mut(edge) {
                list.push(draw);
            }
        }
        if let Some(lists) = lists {
            self.set_edge_shared(&lists);
        }
    }

    /// The shared draws of every edge, one list per edge (the inverse of
    /// [`Problem::set_edge_shared`]).
    pub fn edge_shared_lists(&self) -> Vec<Vec<SharedUse>> {
        (0..self.edges.len())
            .map(|e| self.edge_shared(e).to_vec())
            .collect()
    }

    /// Per shared resource, the edges drawing on it (ascending).
    pub fn shared_edges(&self) -> Vec<Vec<u32>> {
        let mut of = vec![Vec::new(); self.shared.len()];
        for e in 0..self.edges.len() {
            for u in self.edge_shared(e) {
                if let Some(list) = of.get_mut(u.resource as usize) {
                    list.push(e as u32);
                }
            }
        }
        of
    }
}

/// What is left of every provider's capacity and every shared resource while a strategy
/// builds a solution: the one place where "does this unit fit" is decided.
///
/// # Example
/// ```
/// use wushe::problem::{CandidateEdge, Ledger, Problem, ProblemProvider, SharedResource, SharedUse};
/// let mut p = Problem::default();
/// p.providers.push(ProblemProvider { capacity: 120, one_role_per_need: true });
/// for role in 0..2 {
///     p.edges.push(CandidateEdge { role, provider: 0, max_units: 1, usage_per_unit: 60, score_per_unit: 0 });
/// }
/// p.shared.push(SharedResource { capacity: 60 });
/// let draw = vec![SharedUse { resource: 0, per_unit: 60 }];
/// p.set_edge_shared(&[draw.clone(), draw]);
/// let mut ledger = Ledger::new(&p);
/// assert_eq!(ledger.fit(&p, 0), 1);
/// ledger.take(&p, 0, 1);
/// assert_eq!(ledger.fit(&p, 1), 0); // the provider has 60 left, the shared window none
/// ledger.give(&p, 0, 1);
/// assert_eq!(ledger.fit(&p, 1), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    provider: Vec<i64>,
    shared: Vec<i64>,
}

impl Ledger {
    /// Everything free: each provider's and each resource's full capacity.
    pub fn new(problem: &Problem) -> Self {
        Ledger {
            provider: problem.providers.iter().map(|p| p.capacity).collect(),
            shared: problem.shared.iter().map(|r| r.capacity).collect(),
        }
    }

    /// What is left of provider `p` (0 when out of range).
    pub fn provider_free(&self, p: usize) -> i64 {
        self.provider.get(p).copied().unwrap_or(0)
    }

    /// What is left of shared resource `r` (0 when out of range).
    pub fn shared_free(&self, r: usize) -> i64 {
        self.shared.get(r).copied().unwrap_or(0)
    }

    /// What is left of every provider.
    pub fn providers_free(&self) -> &[i64] {
        &self.provider
    }

    /// How many more units of edge `edge` fit (its provider's and its shared resources'
    /// room; not capped by `max_units`).
    pub fn fit(&self, problem: &Problem, edge: usize) -> i64 {
        let Some(e) = problem.edges.get(edge) else {
            return 0;
        };
        let mut fit = self.provider_free(e.provider as usize) / e.usage_per_unit.max(1);
        for u in problem.edge_shared(edge) {
            let left = self.shared.get(u.resource as usize).copied().unwrap_or(0);
            fit = fit.min(left / u.per_unit.max(1));
        }
        fit.max(0)
    }

    /// Whether `units` more units of edge `edge` fit.
    pub fn fits(&self, problem: &Problem, edge: usize, units: i64) -> bool {
        self.fit(problem, edge) >= units
    }

    /// Takes `units` of edge `edge` (the caller checked [`Ledger::fit`]).
    pub fn take(&mut self, problem: &Problem, edge: usize, units: i64) {
        self.add(problem, edge, -units);
    }

    /// Gives back `units` of edge `edge`.
    pub fn give(&mut self, problem: &Problem, edge: usize, units: i64) {
        self.add(problem, edge, units);
    }

    fn add(&mut self, problem: &Problem, edge: usize, units: i64) {
        let Some(e) = problem.edges.get(edge) else {
            return;
        };
        if let Some(f) = self.provider.get_mut(e.provider as usize) {
            *f += units * e.usage_per_unit;
        }
        for u in problem.edge_shared(edge) {
            if let Some(f) = self.shared.get_mut(u.resource as usize) {
                *f += units * u.per_unit;
            }
        }
    }

    /// Takes every use of `uses` when together they fit (the same provider or resource may
    /// appear in several); otherwise takes nothing. Returns whether it took them.
    pub fn take_if_fits(&mut self, problem: &Problem, uses: &[EdgeUse]) -> bool {
        for u in uses {
            self.take(problem, u.edge as usize, u.units);
        }
        let overdrawn = uses.iter().any(|u| {
            let e = u.edge as usize;
            problem
                .edges
                .get(e)
                .is_none_or(|edge| self.provider_free(edge.provider as usize) < 0)
                || problem
                    .edge_shared(e)
                    .iter()
                    .any(|d| self.shared.get(d.resource as usize).is_none_or(|&f| f < 0))
        });
        if overdrawn {
            for u in uses {
                self.give(problem, u.edge as usize, u.units);
            }
        }
        !overdrawn
    }

    /// Whether nothing is overdrawn.
    pub fn is_balanced(&self) -> bool {
        self.provider.iter().chain(&self.shared).all(|&f| f >= 0)
    }
}
