//! Role and provider copies: the assignment form of the relaxation.
//!
//! A person role of demand `d` becomes `d` row copies (fewer when its edges cannot take that
//! many units); a provider becomes as many column copies as its capacity in units of its
//! smallest usage allows, but no more than the role copies that can use it. Row copy `i` of
//! role `r` may take any copy of a provider `p` with a usable edge `(r, p)` at cost `−B_e`, or
//! stay unmatched (a dummy column of cost 0). Edges dominated by enough better-scored edges of
//! their role are left out (the optimum stays, see `dominance.rs`), and a provider gets no
//! more copies than the row copies its remaining edges reach. The optimum is a relaxation of the problem
//! restricted to the expanded roles; adding what each role left out could collect on its own
//! gives an upper bound on the whole problem.

use crate::problem::{Problem, RoleKind};

use super::dominance::{Ties, kept_edges};
use super::relaxation::{edge_usable, role_reach, unit_capacities, usable_needs};

/// Row copies of roles and column copies of providers.
#[derive(Debug, Clone)]
pub(crate) struct Copies {
    /// Role of each row copy; copies of one role are contiguous, roles in index order.
    pub(crate) row_role: Vec<u32>,
    /// First row copy of each role (`roles + 1` entries).
    pub(crate) role_row_start: Vec<usize>,
    /// First column copy of each provider (`providers + 1` entries).
    pub(crate) provider_col_start: Vec<usize>,
    /// Roles that could carry a unit but were not expanded (material or too many copies),
    /// with their supply `min(demand, reach)`: the bound counts them separately.
    pub(crate) left_out: Vec<(u32, i64)>,
    /// Per candidate edge: whether a row copy may use it (usable and not dominated by the
    /// better-scored edges of its role, see `dominance.rs`).
    kept: Vec<bool>,
}

impl Copies {
    /// Expands person roles of demand at most `max_role_copies`; `ties` orders the edges of
    /// equal score when dominated edges are dropped.
    pub(crate) fn new(problem: &Problem, max_role_copies: i64, ties: Ties) -> Self {
        let units = unit_capacities(problem);
        let usable = usable_needs(problem, &units);
        let mut left_out = Vec::new();
        let mut role_copies = vec![0i64; problem.roles.len()];
        for (r, role) in problem.roles.iter().enumerate() {
            let reach = role.demand.min(role_reach(problem, &units, r));
            if !usable[role.need as usize] || reach == 0 {
                continue;
            }
            if role.kind == RoleKind::Material || role.demand > max_role_copies {
                left_out.push((r as u32, reach));
            } else {
                role_copies[r] = reach;
            }
        }
        let mut provider_copies = vec![0i64; problem.providers.len()];
        for (e, edge) in problem.edges.iter().enumerate() {
            let copies = role_copies[edge.role as usize];
            if copies > 0 && edge_usable(problem, e) {
                let p = edge.provider as usize;
                provider_copies[p] = provider_copies[p].saturating_add(edge.max_units.min(copies));
            }
        }
        for (c, &u) in provider_copies.iter_mut().zip(&units) {
            *c = (*c).min(u);
        }
        // Each row copy is a role of supply 1 that may use any copy of its providers.
        let rows: i128 = role_copies.iter().map(|&c| i128::from(c)).sum();
        let unit_rows: Vec<i64> = role_copies.iter().map(|&c| c.min(1)).collect();
        let kept = kept_edges(problem, &unit_rows, &provider_copies, rows, ties, |e| {
            edge_usable(problem, e)
                && provider_copies
                    .get(problem.edges[e].provider as usize)
                    .is_some_and(|&c| c > 0)
        });
        // The optimum left by the kept edges uses no more copies of a provider than the row
        // copies its kept edges reach.
        let mut reached = vec![0i64; problem.providers.len()];
        for (e, edge) in problem.edges.iter().enumerate() {
            if kept[e] {
                let p = edge.provider as usize;
                reached[p] = reached[p].saturating_add(role_copies[edge.role as usize]);
            }
        }
        for (c, &r) in provider_copies.iter_mut().zip(&reached) {
            *c = (*c).min(r);
        }
        let mut row_role = Vec::new();
        for (r, &c) in role_copies.iter().enumerate() {
            row_role.extend(std::iter::repeat_n(r as u32, c as usize));
        }
        Copies {
            row_role,
            role_row_start: prefix(&role_copies),
            provider_col_start: prefix(&provider_copies),
            left_out,
            kept,
        }
    }

    /// Number of column copies (real providers, no dummies).
    pub(crate) fn cols(&self) -> usize {
        self.provider_col_start.last().copied().unwrap_or(0)
    }

    /// Column copies of provider `p`.
    pub(crate) fn provider_cols(&self, p: usize) -> std::ops::Range<usize> {
        match (
            self.provider_col_start.get(p),
            self.provider_col_start.get(p + 1),
        ) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        }
    }

    /// Row copies of role `r`.
    pub(crate) fn role_rows(&self, r: usize) -> std::ops::Range<usize> {
        match (self.role_row_start.get(r), self.role_row_start.get(r + 1)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        }
    }

    /// The edges a row copy of role `r` may use: usable, not dominated, with at least one
    /// provider copy.
    pub(crate) fn row_edges<'a>(
        &'a self,
        problem: &'a Problem,
        r: usize,
    ) -> impl Iterator<Item = usize> + 'a {
        problem.role_edge_range(r).filter(move |&e| {
            let p = problem.edges[e].provider as usize;
            self.kept.get(e).copied().unwrap_or(false) && !self.provider_cols(p).is_empty()
        })
    }

    /// The provider of column copy `c` (binary search).
    pub(crate) fn col_provider(&self, c: usize) -> usize {
        self.provider_col_start
            .partition_point(|&s| s <= c)
            .saturating_sub(1)
    }

    /// Units per edge of a matching given as `(row copy, provider copy)` pairs.
    pub(crate) fn edge_units(
        &self,
        problem: &Problem,
        pairs: impl Iterator<Item = (usize, usize)>,
    ) -> Vec<i64> {
        let mut units = vec![0i64; problem.edges.len()];
        for (row, col) in pairs {
            let (Some(&r), true) = (self.row_role.get(row), col < self.cols()) else {
                continue;
            };
            let p = self.col_provider(col) as u32;
            let range = problem.role_edge_range(r as usize);
            if let Ok(i) = problem.edges[range.clone()].binary_search_by_key(&p, |e| e.provider) {
                units[range.start + i] += 1;
            }
        }
        units
    }
}

fn prefix(counts: &[i64]) -> Vec<usize> {
    let mut start = Vec::with_capacity(counts.len() + 1);
    let mut total = 0usize;
    start.push(0);
    for &c in counts {
        total = total.saturating_add(c as usize);
        start.push(total);
    }
    start
}
