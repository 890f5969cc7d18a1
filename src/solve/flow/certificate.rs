//! Independent optimality certificate for min-cost flows.
//!
//! A [`FlowSolution`] claiming [`FlowStatus::Optimal`] carries a flow `x` and node potentials
//! `π`. Linear-programming duality makes the pair checkable without trusting the solver that
//! produced it: [`check_certificate`] verifies
//!
//! 1. **primal feasibility**: `lower(a) ≤ x(a) ≤ capacity(a)` on every arc and
//!    `out(v) − in(v) = b(v)` at every node;
//! 2. **complementary slackness**: with the reduced cost `rc(a) = c(a) + π(tail) − π(head)`,
//!    every arc with `rc(a) < 0` is at its capacity and every arc with `rc(a) > 0` is at its
//!    lower bound (so no negative-cost residual cycle exists);
//! 3. **strong duality**: the primal objective `Σ c(a)·x(a)` equals the reported
//!    [`FlowSolution::objective`] and the dual objective computed from `π` alone,
//!
//!    ```text
//!    D(π) = −Σ_v b(v)·π(v) + Σ_{rc(a)>0} rc(a)·lower(a) + Σ_{rc(a)<0} rc(a)·capacity(a)
//!    ```
//!
//!    (the identity `Σ c·x = Σ rc·x − Σ_v π(v)·(out(v) − in(v))` with slackness applied).
//!
//! All sums are computed in checked `i128`; nothing is wrapped. This module shares no code
//! with any solver, so it is the check a user runs to trust a solution.
//!
//! # Example
//! ```
//! use wushe::solve::flow::FlowNetwork;
//! use wushe::solve::flow::certificate::check_certificate;
//! use wushe::solve::flow::{FlowSolution, FlowStatus};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // 0 --(cost 3)--> 1 --(cost 1)--> 2, two units from 0 to 2.
//! let mut net = FlowNetwork::new(3);
//! net.set_supply(0, 2)?;
//! net.set_supply(2, -2)?;
//! net.add_arc(0, 1, 0, 2, 3)?;
//! net.add_arc(1, 2, 0, 2, 1)?;
//! let solution = FlowSolution {
//!     status: FlowStatus::Optimal,
//!     flow: vec![2, 2],
//!     potential: vec![0, 3, 4],
//!     objective: 8,
//!     work: 0,
//! };
//! let certificate = check_certificate(&net, &solution)?;
//! assert_eq!(certificate.objective, 8);
//! assert_eq!(certificate.dual_objective, 8);
//! # Ok(()) }
//! ```
//!
//! # References
//! R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows*, Prentice Hall 1993,
//! §9.4 (reduced-cost and complementary-slackness optimality conditions).

use super::network::{FlowNetwork, FlowSolution, FlowStatus, UNCAPACITATED};

/// What a successful [`check_certificate`] proved: the flow is feasible and optimal, and both
/// objectives are equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Certificate {
    /// `Σ cost·flow`, recomputed from the flow.
    pub objective: i128,
    /// The dual objective computed from the potentials alone; equal to `objective`.
    pub dual_objective: i128,
}

/// Why a solution is not a valid optimality certificate. Each variant names the arc or node
/// (0-based index) and the values involved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CertificateViolation {
    /// The solution does not claim [`FlowStatus::Optimal`], so there is nothing to certify.
    #[error("solution status is {status:?}, not Optimal")]
    NotOptimal {
        /// The status reported.
        status: FlowStatus,
    },
    /// The flow or potential vector has the wrong length.
    #[error("{field} has length {len}, expected {expected}")]
    Shape {
        /// `"flow"` or `"potential"`.
        field: &'static str,
        /// Length given.
        len: usize,
        /// Length expected (arc or node count).
        expected: usize,
    },
    /// An arc's flow is outside `[lower, capacity]`.
    #[error("arc {arc}: flow {flow} outside [{lower}, {capacity}]")]
    FlowOutOfBounds {
        /// Arc index.
        arc: usize,
        /// Flow on the arc.
        flow: i64,
        /// Lower bound.
        lower: i64,
        /// Capacity.
        capacity: i64,
    },
    /// Flow conservation fails at a node: `out − in ≠ supply`.
    #[error("node {node}: net outflow {net_outflow} differs from supply {supply}")]
    Conservation {
        /// Node index.
        node: usize,
        /// `out(v) − in(v)` under the flow.
        net_outflow: i128,
        /// The node's supply.
        supply: i64,
    },
    /// An arc with negative reduced cost is below its capacity (flow could be increased
    /// profitably), or has no capacity at all.
    #[error("arc {arc}: reduced cost {reduced_cost} < 0 but flow {flow} below capacity {capacity}")]
    NegativeReducedCostBelowCapacity {
        /// Arc index.
        arc: usize,
        /// `c(a) + π(tail) − π(head)`.
        reduced_cost: i128,
        /// Flow on the arc.
        flow: i64,
        /// Capacity ([`UNCAPACITATED`] is always a violation here).
        capacity: i64,
    },
    /// An arc with positive reduced cost carries more than its lower bound (flow could be
    /// decreased profitably).
    #[error("arc {arc}: reduced cost {reduced_cost} > 0 but flow {flow} above lower bound {lower}")]
    PositiveReducedCostAboveLower {
        /// Arc index.
        arc: usize,
        /// `c(a) + π(tail) − π(head)`.
        reduced_cost: i128,
        /// Flow on the arc.
        flow: i64,
        /// Lower bound.
        lower: i64,
    },
    /// The reported objective differs from `Σ cost·flow`.
    #[error("reported objective {reported} differs from recomputed {computed}")]
    ObjectiveMismatch {
        /// [`FlowSolution::objective`].
        reported: i128,
        /// `Σ cost·flow`.
        computed: i128,
    },
    /// The dual objective from the potentials differs from the primal objective.
    #[error("dual objective {dual} differs from primal objective {primal}")]
    DualityGap {
        /// Primal objective `Σ cost·flow`.
        primal: i128,
        /// Dual objective from the potentials.
        dual: i128,
    },
    /// A sum left the `i128` range while checking (`what` names the quantity).
    #[error("arithmetic overflow while computing {what}")]
    Overflow {
        /// `"conservation"`, `"objective"` or `"dual objective"`.
        what: &'static str,
    },
}

/// Checks that `solution` is a feasible, optimal flow for `network`, certified by its
/// potentials (see the [module documentation](self) for the exact conditions).
///
/// The network itself is assumed valid ([`FlowNetwork::validate`]); endpoints out of range
/// are reported as [`CertificateViolation::Shape`] rather than a panic.
///
/// # Errors
/// The first [`CertificateViolation`] found, in the order: status, shapes, bounds,
/// conservation, slackness, objective, duality.
///
/// # Complexity
/// `O(n + m)` time, `O(n)` extra space.
pub fn check_certificate(
    network: &FlowNetwork,
    solution: &FlowSolution,
) -> Result<Certificate, CertificateViolation> {
    if solution.status != FlowStatus::Optimal {
        return Err(CertificateViolation::NotOptimal {
            status: solution.status,
        });
    }
    check_shapes(network, solution)?;
    check_bounds(network, &solution.flow)?;
    check_conservation(network, &solution.flow)?;
    check_slackness(network, solution)?;
    let objective = network
        .objective_of(&solution.flow)
        .ok_or(CertificateViolation::Overflow { what: "objective" })?;
    if objective != solution.objective {
        return Err(CertificateViolation::ObjectiveMismatch {
            reported: solution.objective,
            computed: objective,
        });
    }
    let dual_objective = dual_objective(network, &solution.potential)?;
    if dual_objective != objective {
        return Err(CertificateViolation::DualityGap {
            primal: objective,
            dual: dual_objective,
        });
    }
    Ok(Certificate {
        objective,
        dual_objective,
    })
}

/// The reduced cost `c(a) + π(tail) − π(head)` of `arc` in `i128` (cannot overflow: three
/// `i64` terms), or `None` when `arc` is not an arc or `potential` is too short.
pub fn reduced_cost(network: &FlowNetwork, potential: &[i64], arc: usize) -> Option<i128> {
    let tail = *network.tails().get(arc)? as usize;
    let head = *network.heads().get(arc)? as usize;
    let cost = *network.costs().get(arc)?;
    Some(i128::from(cost) + i128::from(*potential.get(tail)?) - i128::from(*potential.get(head)?))
}

fn check_shapes(
    network: &FlowNetwork,
    solution: &FlowSolution,
) -> Result<(), CertificateViolation> {
    let pairs = [
        ("flow", solution.flow.len(), network.arc_count()),
        ("potential", solution.potential.len(), network.node_count()),
    ];
    for (field, len, expected) in pairs {
        if len != expected {
            return Err(CertificateViolation::Shape {
                field,
                len,
                expected,
            });
        }
    }
    let node_count = network.node_count();
    let bad = network
        .tails()
        .iter()
        .chain(network.heads())
        .find(|&&v| v as usize >= node_count);
    match bad {
        Some(&v) => Err(CertificateViolation::Shape {
            field: "arc endpoint",
            len: v as usize,
            expected: node_count,
        }),
        None => Ok(()),
    }
}

fn check_bounds(network: &FlowNetwork, flow: &[i64]) -> Result<(), CertificateViolation> {
    let arcs = network.lowers().iter().zip(network.capacities()).zip(flow);
    for (arc, ((&lower, &capacity), &x)) in arcs.enumerate() {
        if x < lower || x > capacity {
            return Err(CertificateViolation::FlowOutOfBounds {
                arc,
                flow: x,
                lower,
                capacity,
            });
        }
    }
    Ok(())
}

fn check_conservation(network: &FlowNetwork, flow: &[i64]) -> Result<(), CertificateViolation> {
    let overflow = CertificateViolation::Overflow {
        what: "conservation",
    };
    let mut net = vec![0i128; network.node_count()];
    let ends = network.tails().iter().zip(network.heads());
    for ((&tail, &head), &x) in ends.zip(flow) {
        let x = i128::from(x);
        let out = &mut net[tail as usize];
        *out = out.checked_add(x).ok_or(overflow.clone())?;
        let inn = &mut net[head as usize];
        *inn = inn.checked_sub(x).ok_or(overflow.clone())?;
    }
    for (node, (&net_outflow, &supply)) in net.iter().zip(network.supplies()).enumerate() {
        if net_outflow != i128::from(supply) {
            return Err(CertificateViolation::Conservation {
                node,
                net_outflow,
                supply,
            });
        }
    }
    Ok(())
}

fn check_slackness(
    network: &FlowNetwork,
    solution: &FlowSolution,
) -> Result<(), CertificateViolation> {
    let potential = &solution.potential;
    for (arc, &flow) in solution.flow.iter().enumerate() {
        let rc = reduced_cost(network, potential, arc).ok_or(CertificateViolation::Shape {
            field: "arc endpoint",
            len: arc,
            expected: network.node_count(),
        })?;
        let lower = network.lowers()[arc];
        let capacity = network.capacities()[arc];
        if rc < 0 && (flow < capacity || capacity == UNCAPACITATED) {
            return Err(CertificateViolation::NegativeReducedCostBelowCapacity {
                arc,
                reduced_cost: rc,
                flow,
                capacity,
            });
        }
        if rc > 0 && flow > lower {
            return Err(CertificateViolation::PositiveReducedCostAboveLower {
                arc,
                reduced_cost: rc,
                flow,
                lower,
            });
        }
    }
    Ok(())
}

/// `D(π) = −Σ b(v)·π(v) + Σ_{rc>0} rc·lower + Σ_{rc<0} rc·capacity`, from the potentials only.
fn dual_objective(network: &FlowNetwork, potential: &[i64]) -> Result<i128, CertificateViolation> {
    let overflow = CertificateViolation::Overflow {
        what: "dual objective",
    };
    let mut dual = 0i128;
    for (&b, &p) in network.supplies().iter().zip(potential) {
        let term = i128::from(b)
            .checked_mul(i128::from(p))
            .ok_or(overflow.clone())?;
        dual = dual.checked_sub(term).ok_or(overflow.clone())?;
    }
    for arc in 0..network.arc_count() {
        let rc = reduced_cost(network, potential, arc).ok_or(overflow.clone())?;
        let bound = if rc > 0 {
            network.lowers()[arc]
        } else if rc < 0 {
            network.capacities()[arc]
        } else {
            0
        };
        let term = rc.checked_mul(i128::from(bound)).ok_or(overflow.clone())?;
        dual = dual.checked_add(term).ok_or(overflow.clone())?;
    }
    Ok(dual)
}
