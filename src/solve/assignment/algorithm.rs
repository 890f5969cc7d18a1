//! Choosing an assignment core by name at run time.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{AssignmentSolver, Auction, JonkerVolgenant};
use crate::solve::flow::UnknownAlgorithm;

/// The assignment cores by name (configs, command lines, sweeps).
///
/// # Example
/// ```
/// use wushe::solve::assignment::{AssignmentAlgorithm, CostMatrix};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let m = CostMatrix::new(2, 2, vec![4, 1, 2, 8])?;
/// for algorithm in AssignmentAlgorithm::ALL {
///     assert_eq!(algorithm.solver().solve(&m)?.objective, 3);
/// }
/// assert_eq!("auction".parse::<AssignmentAlgorithm>()?, AssignmentAlgorithm::Auction);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentAlgorithm {
    /// [`JonkerVolgenant`]: dense matrices.
    #[default]
    JonkerVolgenant,
    /// [`Auction`]: sparse ε-scaling auction with parallel bidding.
    Auction,
}

impl AssignmentAlgorithm {
    /// Every core, in a stable order.
    pub const ALL: [AssignmentAlgorithm; 2] = [
        AssignmentAlgorithm::JonkerVolgenant,
        AssignmentAlgorithm::Auction,
    ];

    /// The name used on command lines (equal to the solver's [`AssignmentSolver::name`]).
    pub fn name(self) -> &'static str {
        match self {
            AssignmentAlgorithm::JonkerVolgenant => "jonker_volgenant",
            AssignmentAlgorithm::Auction => "auction",
        }
    }

    /// A solver of this kind with default knobs.
    pub fn solver(self) -> Box<dyn AssignmentSolver> {
        match self {
            AssignmentAlgorithm::JonkerVolgenant => Box::new(JonkerVolgenant),
            AssignmentAlgorithm::Auction => Box::new(Auction::default()),
        }
    }
}

impl fmt::Display for AssignmentAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for AssignmentAlgorithm {
    type Err = UnknownAlgorithm;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AssignmentAlgorithm::ALL
            .into_iter()
            .find(|a| a.name() == s)
            .ok_or_else(|| UnknownAlgorithm {
                name: crate::excerpt::excerpt(s),
                known: AssignmentAlgorithm::ALL.map(|a| a.name()).join(", "),
            })
    }
}
