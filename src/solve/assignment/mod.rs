//! Linear assignment cores: dense Jonker–Volgenant and sparse ε-scaling auction.
//!
//! Both solve the same problem: given a `rows × cols` cost matrix where some pairs may be
//! forbidden (missing entries, never huge costs), find a matching of size `min(rows, cols)`
//! among the allowed pairs with minimum total cost, together with dual prices that prove it
//! optimal ([`check_assignment_duals`]). If no such matching exists the status is
//! [`AssignmentStatus::Infeasible`].
//!
//! # Which one to choose
//!
//! | solver | input | guarantee | complexity | choose it when |
//! |---|---|---|---|---|
//! | [`JonkerVolgenant`] | dense [`CostMatrix`] | exact optimum + duals | O(n³) worst, ~O(n²·⁵) typical on random costs; O(n²) space | the matrix is dense (most pairs allowed): the fastest choice here (0.77–0.85× `lap.lapjv`'s time on the benchmark's n = 500–4000 files) |
//! | [`Auction`] | sparse [`SparseCosts`] (CSR) or a matrix via conversion | exact optimum + duals (integer ε-scaling, costs scaled by `n + 1`) | O(n · m · log(n C)) worst; O(m) space | few allowed pairs per row (m ≪ n²), or when parallel bidding helps on big instances; not for dense matrices (3.5× `lap.lapjv`'s time at n = 2,000, where JV takes 0.65×) |
//!
//! [`AssignmentAlgorithm::default`] (what the `dimacs` example runs on `p asn` files without
//! `--algorithm`) is [`JonkerVolgenant`]: every input read from a matrix file is dense.
//!
//! Rectangular instances are solved without padding: JV runs shortest augmenting paths from
//! every row of the smaller side; the auction adds a reverse pass for the unassigned columns
//! (forward/reverse auction for asymmetric problems). Both report the same duals convention
//! (see [`AssignmentSolution`]).
//!
//! # Example
//! ```
//! use wushe::solve::assignment::{AssignmentSolver, Auction, CostMatrix, JonkerVolgenant};
//! let m = CostMatrix::new(3, 3, vec![7, 2, 9, 1, 8, 8, 5, 5, 3])?;
//! let jv = JonkerVolgenant::default().solve(&m)?;
//! let auction = Auction::default().solve(&m)?;
//! assert_eq!(jv.objective, 6);
//! assert_eq!(auction.objective, 6);
//! # Ok::<(), wushe::Error>(())
//! ```

mod algorithm;
pub mod auction;
pub mod hopcroft_karp;
pub mod jonker_volgenant;
pub mod matrix;
pub mod solution;
pub mod sparse;

pub use algorithm::AssignmentAlgorithm;
pub use auction::{Auction, Bidding};
pub use hopcroft_karp::maximum_matching;
pub use jonker_volgenant::{JonkerVolgenant, JvWorkspace};
pub use matrix::{CostMatrix, MatrixError, cost_limit};
pub use solution::{
    AssignmentSolution, AssignmentStatus, CertificateViolation, check_assignment_duals,
};
pub use sparse::SparseCosts;

use crate::error::Result;

/// A linear assignment algorithm, interchangeable behind one object-safe trait.
pub trait AssignmentSolver: Send + Sync {
    /// Stable short name (`"jonker_volgenant"`, `"auction"`), used in bench ids and reports.
    fn name(&self) -> &'static str;

    /// Solves the instance to optimality, or reports it infeasible or out of the cost range.
    ///
    /// # Errors
    /// [`MatrixError`] when the matrix is unusable (e.g. a dimension above `u32::MAX`).
    fn solve(&self, matrix: &CostMatrix) -> Result<AssignmentSolution>;
}
