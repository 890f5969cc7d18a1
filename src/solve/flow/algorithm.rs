//! Choosing a min-cost-flow core by name at run time.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::automatic::Automatic;
use super::cost_scaling::CostScaling;
use super::network::MinCostFlowSolver;
use super::network_simplex::NetworkSimplex;
use super::primal_dual::PrimalDual;
use super::successive_shortest_path::SuccessiveShortestPath;

/// The min-cost-flow cores by name (configs, command lines, sweeps).
///
/// # Example
/// ```
/// use wushe::solve::flow::{FlowAlgorithm, FlowNetwork, FlowStatus};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let mut net = FlowNetwork::new(2);
/// net.set_supply(0, 1)?;
/// net.set_supply(1, -1)?;
/// net.add_arc(0, 1, 0, 1, 7)?;
/// for algorithm in FlowAlgorithm::ALL {
///     let solution = algorithm.solver().solve(&net)?;
///     assert_eq!(solution.status, FlowStatus::Optimal);
///     assert_eq!(solution.objective, 7);
/// }
/// let chosen: FlowAlgorithm = "network_simplex".parse()?;
/// assert_eq!(chosen, FlowAlgorithm::NetworkSimplex);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowAlgorithm {
    /// [`Automatic`]: picks the core from the network's shape and size
    /// ([`super::automatic::chosen_core`]).
    #[default]
    Automatic,
    /// [`NetworkSimplex`]: general networks, warm starts.
    NetworkSimplex,
    /// [`SuccessiveShortestPath`]: fastest on needs → providers transport networks.
    SuccessiveShortestPath,
    /// [`CostScaling`]: push–relabel with `ε`-scaling.
    CostScaling,
    /// [`PrimalDual`]: successive shortest paths with pure sources contracted; fastest on
    /// the escalation hierarchy up to a few hundred thousand needs.
    PrimalDual,
}

impl FlowAlgorithm {
    /// Every core, in a stable order.
    pub const ALL: [FlowAlgorithm; 5] = [
        FlowAlgorithm::Automatic,
        FlowAlgorithm::NetworkSimplex,
        FlowAlgorithm::SuccessiveShortestPath,
        FlowAlgorithm::CostScaling,
        FlowAlgorithm::PrimalDual,
    ];

    /// The name used on command lines (equal to the solver's [`MinCostFlowSolver::name`]).
    pub fn name(self) -> &'static str {
        match self {
            FlowAlgorithm::Automatic => "automatic",
            FlowAlgorithm::NetworkSimplex => "network_simplex",
            FlowAlgorithm::SuccessiveShortestPath => "successive_shortest_path",
            FlowAlgorithm::CostScaling => "cost_scaling",
            FlowAlgorithm::PrimalDual => "primal_dual",
        }
    }

    /// A solver of this kind for `network` that gives up with
    /// [`FlowStatus::WorkLimit`](super::FlowStatus::WorkLimit) after `work_limit` work units
    /// (`None`: no limit); [`FlowAlgorithm::Automatic`] resolves to the core
    /// [`choose`](super::automatic::choose) picks for `network`.
    pub fn limited_solver(
        self,
        network: &super::FlowNetwork,
        work_limit: Option<u64>,
    ) -> Box<dyn MinCostFlowSolver> {
        let core = match self {
            FlowAlgorithm::Automatic => super::automatic::chosen_core(network),
            core => core,
        };
        match core {
            FlowAlgorithm::SuccessiveShortestPath => {
                Box::new(SuccessiveShortestPath::default().with_work_limit(work_limit))
            }
            FlowAlgorithm::CostScaling => {
                Box::new(CostScaling::default().with_work_limit(work_limit))
            }
            FlowAlgorithm::PrimalDual => {
                Box::new(PrimalDual::default().with_work_limit(work_limit))
            }
            _ => Box::new(NetworkSimplex::default().with_work_limit(work_limit)),
        }
    }

    /// A solver of this kind with default knobs.
    pub fn solver(self) -> Box<dyn MinCostFlowSolver> {
        match self {
            FlowAlgorithm::Automatic => Box::new(Automatic),
            FlowAlgorithm::NetworkSimplex => Box::new(NetworkSimplex::default()),
            FlowAlgorithm::SuccessiveShortestPath => Box::new(SuccessiveShortestPath::default()),
            FlowAlgorithm::CostScaling => Box::new(CostScaling::default()),
            FlowAlgorithm::PrimalDual => Box::new(PrimalDual::default()),
        }
    }
}

impl fmt::Display for FlowAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not one of the known algorithms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown algorithm \"{name}\" (known: {known})")]
pub struct UnknownAlgorithm {
    /// The name given (an escaped excerpt, see [`crate::excerpt`]).
    pub name: String,
    /// Comma-separated known names.
    pub known: String,
}

impl FromStr for FlowAlgorithm {
    type Err = UnknownAlgorithm;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FlowAlgorithm::ALL
            .into_iter()
            .find(|a| a.name() == s)
            .ok_or_else(|| UnknownAlgorithm {
                name: crate::excerpt::excerpt(s),
                known: FlowAlgorithm::ALL.map(|a| a.name()).join(", "),
            })
    }
}
