//! Rounded capacity rows: valid inequalities that tighten the Lagrangian bound.
//!
//! # The rows
//! A provider `p` obeys `Σ_{e∈p} w_e·x_e ≤ c̄_p` (its effective capacity,
//! [`super::prices::effective_capacities`]) with integer units `x_e ≥ 0`. For any divisor
//! `d > 0`, every such `x` also obeys the Chvátal–Gomory rounding of that row,
//!
//! `Σ_{e∈p} ⌊w_e/d⌋·x_e ≤ ⌊c̄_p/d⌋`,
//!
//! because `Σ ⌊w_e/d⌋·x_e ≤ Σ (w_e/d)·x_e ≤ c̄_p/d` and the left side is an integer. The same
//! holds for a shared resource's row `Σ k_{e,s}·x_e ≤ c_s`. These rows cut off the fractional
//! plans the relaxation otherwise prices: a volunteer with 180 free minutes and tasks of 60,
//! 90 and 120 minutes can give at most one 120-minute task (`d = 120`) and at most two tasks
//! of 90 minutes or more (`d = 90`), while the minutes row alone allows one and a half of the
//! first. Chvátal, "Edmonds polytopes and a hierarchy of combinatorial problems", Discrete
//! Math. 4 (1973); Gomory, "Outline of an algorithm for integer solutions to linear programs",
//! Bull. AMS 64 (1958).
//!
//! # How they are used
//! [`with_rounded_rows`] returns a copy of the problem with one more shared resource per
//! useful row (divisor `d` among the row's own coefficients; a row is left out when it is
//! the original row scaled, or when its edges cannot reach its right side). The copy has
//! exactly the feasible plans of the original (the rows are implied by the originals for
//! integer units), so a plan of the copy is a plan of the original with the same objective;
//! but its relaxation prices the rounded rows as well, and its bound is tighter. On the
//! default county the LP relaxation of the High-count problem drops from 507.5 to 498.5
//! High-risk needs with these rows (495 is the integer optimum), and that of the weighted
//! problem from 3.5 % to 0.2 % above its optimum.

use crate::problem::{Problem, SharedResource, SharedUse};

use super::prices::effective_capacities;

/// Most rounded rows per capacity row (one per distinct coefficient, largest first).
const MAX_ROWS_PER_CAPACITY: usize = 4;

/// Most candidate edges of a problem that [`strengthened`] adds rounded rows to.
///
/// Measured with the decomposition's default knobs (weighted policy, one process each, the
/// same load): 10,000 needs / 7,000 volunteers (360 k edges) gap 1.66 % → 1.23 % with the
/// rows (3.97 s → 4.56 s); 30,000 needs / 20,000 volunteers (2.8 M edges) gap 1.90 % →
/// 2.18 % and 13.3 s → 19.8 s: there the subgradient steps the work limits allow do not
/// converge on the extra prices, and every volunteer edge's price takes one more lookup.
pub(crate) const MAX_STRENGTHENED_EDGES: usize = 1_000_000;

/// [`with_rounded_rows`] on problems of at most [`MAX_STRENGTHENED_EDGES`] edges.
pub(crate) fn strengthened(problem: &Problem) -> Option<Problem> {
    if problem.edges.len() > MAX_STRENGTHENED_EDGES {
        return None;
    }
    with_rounded_rows(problem)
}

/// `problem` with its rounded capacity rows as extra shared resources (see the module docs),
/// or `None` when no row would tighten anything.
pub(crate) fn with_rounded_rows(problem: &Problem) -> Option<Problem> {
    let capacities = effective_capacities(problem);
    let mut rows: Vec<Vec<(u32, i64)>> = vec![Vec::new(); problem.providers.len()];
    for (e, edge) in problem.edges.iter().enumerate() {
        rows[edge.provider as usize].push((e as u32, edge.usage_per_unit));
    }
    let mut shared_rows: Vec<Vec<(u32, i64)>> = vec![Vec::new(); problem.shared.len()];
    for e in 0..problem.edges.len() {
        for d in problem.edge_shared(e) {
            if let Some(row) = shared_rows.get_mut(d.resource as usize) {
                row.push((e as u32, d.per_unit));
            }
        }
    }
    let capacity_rows = rows.iter().zip(capacities).chain(
        shared_rows
            .iter()
            .zip(problem.shared.iter().map(|s| s.capacity)),
    );
    let mut added: Vec<(usize, SharedUse)> = Vec::new();
    let mut resources: Vec<SharedResource> = Vec::new();
    for (row, capacity) in capacity_rows {
        for (divisor, rhs) in useful_divisors(problem, row, capacity) {
            let resource = (problem.shared.len() + resources.len()) as u32;
            resources.push(SharedResource { capacity: rhs });
            for &(e, coefficient) in row {
                let per_unit = coefficient / divisor;
                if per_unit > 0 {
                    added.push((e as usize, SharedUse { resource, per_unit }));
                }
            }
        }
    }
    if resources.is_empty() {
        return None;
    }
    let mut strengthened = problem.clone();
    strengthened.shared.extend(resources);
    strengthened.add_edge_shared(added);
    Some(strengthened)
}

/// The divisors of one capacity row (`(edge, coefficient)` entries, right side `capacity`)
/// whose rounded rows are not implied by the row itself, with their right sides.
fn useful_divisors(problem: &Problem, row: &[(u32, i64)], capacity: i64) -> Vec<(i64, i64)> {
    let mut coefficients: Vec<i64> = row.iter().map(|&(_, k)| k).filter(|&k| k > 0).collect();
    coefficients.sort_unstable_by(|a, b| b.cmp(a));
    coefficients.dedup();
    let mut useful = Vec::new();
    if capacity < 0 {
        return useful;
    }
    for &divisor in coefficients.iter().take(MAX_ROWS_PER_CAPACITY) {
        let rhs = capacity / divisor;
        let exact = capacity % divisor == 0 && row.iter().all(|&(_, k)| k % divisor == 0);
        if exact {
            continue;
        }
        // The most the rounded row's left side can reach: if that is within its right
        // side, the row never binds.
        let reach = row.iter().fold(0i128, |sum, &(e, k)| {
            let most = problem.edges[e as usize].max_units.min(capacity / k.max(1));
            sum + i128::from(k / divisor) * i128::from(most.max(0))
        });
        if reach > i128::from(rhs) {
            useful.push((divisor, rhs));
        }
    }
    useful
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NeedId, ProviderId, TeamRule, VolunteerId};
    use crate::problem::{CandidateEdge, ProblemNeed, ProblemProvider, ProblemRole, RoleKind};
    use crate::solve::Strategy;
    use crate::solve::decomposition::LagrangianDecomposition;

    /// One volunteer with 180 free minutes; two needs of 120-minute tasks worth 10 each and
    /// one of a 60-minute task worth 1. The minutes row lets the relaxation take one and a
    /// half 120-minute tasks (15); its rounding by 120 allows one, and the optimum is 11.
    fn volunteer_with_mixed_tasks() -> Problem {
        let need = |value, first_role| ProblemNeed {
            value,
            rule: TeamRule::AllOrNothing,
            first_role,
            role_count: 1,
        };
        let role = |need| ProblemRole {
            need,
            team_index: 0,
            kind: RoleKind::Volunteers,
            demand: 1,
            optional: false,
        };
        let edge = |role, usage| CandidateEdge {
            role,
            provider: 0,
            max_units: 1,
            usage_per_unit: usage,
            score_per_unit: 0,
        };
        let mut p = Problem {
            needs: vec![need(10, 0), need(10, 1), need(1, 2)],
            roles: vec![role(0), role(1), role(2)],
            providers: vec![ProblemProvider {
                capacity: 180,
                one_role_per_need: true,
            }],
            edges: vec![edge(0, 120), edge(1, 120), edge(2, 60)],
            need_ids: vec![NeedId(1), NeedId(2), NeedId(3)],
            provider_ids: vec![ProviderId::Volunteer(VolunteerId(1))],
            ..Problem::default()
        };
        p.index_edges();
        p
    }

    #[test]
    fn the_rounded_row_of_a_mixed_volunteer_is_added() {
        let p = volunteer_with_mixed_tasks();
        let strengthened = with_rounded_rows(&p).expect("a rounded row");
        assert_eq!(strengthened.shared, vec![SharedResource { capacity: 1 }]);
        let draws: Vec<usize> = (0..3).map(|e| strengthened.edge_shared(e).len()).collect();
        assert_eq!(draws, vec![1, 1, 0]);
        strengthened.validate().expect("a valid problem");
    }

    #[test]
    fn the_rounded_row_closes_the_bound() {
        let p = volunteer_with_mixed_tasks();
        let knobs = LagrangianDecomposition {
            polish_nodes: 0,
            ..LagrangianDecomposition::default()
        };
        let solution = knobs.solve(&p).expect("solved");
        assert_eq!(p.objective(&solution), 11);
        assert_eq!(solution.bound, Some(11));
    }

    #[test]
    fn rows_implied_by_the_capacity_are_left_out() {
        let mut p = volunteer_with_mixed_tasks();
        for e in &mut p.edges {
            e.usage_per_unit = 60;
        }
        assert!(with_rounded_rows(&p).is_none());
    }
}
