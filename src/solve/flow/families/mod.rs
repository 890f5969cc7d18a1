//! Seeded generators of the standard min-cost-flow benchmark families.
//!
//! Min-cost-flow codes are judged on a few network families of the literature (Kovács 2015,
//! "Minimum-cost flow algorithms: an experimental evaluation", *Optimization Methods and
//! Software* 30) plus, for this crate, the needs → providers shapes it solves in production.
//! Each generator here is written for this crate after the published descriptions of the
//! families, not a port of their programs: the instances have the same shape (sizes, degrees,
//! cost and capacity ranges, transshipment structure), not the same bytes.
//!
//! | family | shape | nodes at S / M / L |
//! |---|---|---|
//! | [`Family::Netgen`] | random sparse network (8 arcs per node), √n sources and sinks, costs 1..=10,000, capacities 1..=1,000, a Hamiltonian cycle of wide arcs keeping it feasible (NETGEN-8 after Klingman, Napier, Stutz 1974) | 8,192 / 65,536 / 262,144 |
//! | [`Family::Grid`] | `w × w` grid with arcs both ways between neighbours plus two random arcs per node, a super source feeding `w` random nodes and a super sink fed by `w` others (GRIDGEN-like) | 10,002 / 65,538 / 160,002 |
//! | [`Family::Goto`] | `w × w` grid on a torus: wide expensive arcs to the right and lower neighbour, six short random arcs per node with small capacities (GOTO-like, Goldberg) | 8,100 / 65,536 / 262,144 |
//! | [`Family::Road`] | jittered `w × w` road grid: every row a road, a third of the column links, a highway every 16th row and column (3× speed, wide), two-way links, costs = travel time, `w` origins and destinations | 10,001 / 65,537 / 262,145 |
//! | [`Family::Escalation`] | needs → 8 nearest communities → 2 nearest townships → 2 nearest county pools, each level with its own capacity to a sink and dearer escalation costs, a penalty arc per need | 101,111 at M (100,000 needs) |
//! | [`Family::Transport`] | needs → 16 nearest providers (clustered around stations) → sink, a penalty arc per need, provider capacity 1..=8 totalling ~90% of demand | 122,000 at M (100,000 needs) |
//!
//! Every instance is feasible (wide arcs, overflow nodes or penalty arcs guarantee it) and
//! balanced; the same family, size and seed always give the same network.
//!
//! # Example
//! ```
//! use wushe::solve::flow::families::{Family, Size};
//! use wushe::solve::flow::{FlowAlgorithm, FlowStatus};
//! # fn main() -> Result<(), wushe::Error> {
//! let net = Family::Goto.generate_scaled(12, 7)?; // a 12 × 12 torus
//! let solution = FlowAlgorithm::NetworkSimplex.solver().solve(&net)?;
//! assert_eq!(solution.status, FlowStatus::Optimal);
//! assert_eq!(Family::Goto.scale(Size::M), 256);
//! # Ok(()) }
//! ```

mod grids;
mod hierarchy;
mod nearest;
mod random;

use std::fmt;
use std::str::FromStr;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::network::FlowNetwork;
use crate::error::Result;

/// A benchmark family (see the module documentation for the shapes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// NETGEN-like random sparse network.
    Netgen,
    /// GRIDGEN-like grid with a super source and a super sink.
    Grid,
    /// GOTO-like grid on a torus.
    Goto,
    /// Road-like grid of two-way links with highways.
    Road,
    /// needs → community → township → county pools escalation hierarchy.
    Escalation,
    /// needs → nearest providers → sink transport.
    Transport,
}

/// Benchmark size class: `S` solves in well under a second, `M` in seconds, `L` in minutes
/// for the slower peers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Size {
    /// Small.
    S,
    /// Medium.
    M,
    /// Large.
    L,
}

impl Size {
    /// Every size, smallest first.
    pub const ALL: [Size; 3] = [Size::S, Size::M, Size::L];

    /// `"S"`, `"M"` or `"L"`.
    pub fn name(self) -> &'static str {
        match self {
            Size::S => "S",
            Size::M => "M",
            Size::L => "L",
        }
    }
}

impl Family {
    /// Every family, in a stable order.
    pub const ALL: [Family; 6] = [
        Family::Netgen,
        Family::Grid,
        Family::Goto,
        Family::Road,
        Family::Escalation,
        Family::Transport,
    ];

    /// Short name, used in instance names (`netgen_M`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Family::Netgen => "netgen",
            Family::Grid => "grid",
            Family::Goto => "goto",
            Family::Road => "road",
            Family::Escalation => "escalation",
            Family::Transport => "transport",
        }
    }

    /// The scale parameter of a size class: node count for [`Family::Netgen`], grid width for
    /// the grid families, need count for [`Family::Escalation`] and [`Family::Transport`].
    pub fn scale(self, size: Size) -> usize {
        let [s, m, l] = match self {
            Family::Netgen => [8_192, 65_536, 262_144],
            Family::Grid => [100, 256, 400],
            Family::Goto => [90, 256, 512],
            Family::Road => [100, 256, 512],
            Family::Escalation | Family::Transport => [10_000, 100_000, 1_000_000],
        };
        match size {
            Size::S => s,
            Size::M => m,
            Size::L => l,
        }
    }

    /// The instance of a size class for `seed`.
    ///
    /// # Errors
    /// Only when the network would exceed [`FlowNetwork`]'s limits (never for these sizes).
    pub fn generate(self, size: Size, seed: u64) -> Result<FlowNetwork> {
        self.generate_scaled(self.scale(size), seed)
    }

    /// The instance at an arbitrary scale (see [`Family::scale`]; tiny scales are raised to
    /// the smallest meaningful one: 2 nodes, width 2, 1 need).
    ///
    /// # Errors
    /// When the network would exceed [`FlowNetwork`]'s limits.
    ///
    /// # Complexity
    /// Linear in the arcs generated (nearest neighbours by a bucket grid).
    pub fn generate_scaled(self, scale: usize, seed: u64) -> Result<FlowNetwork> {
        // One independent stream per family, so families never share draws.
        let stream = seed ^ (self as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut rng = ChaCha8Rng::seed_from_u64(stream);
        match self {
            Family::Netgen => random::netgen(scale.max(2), &mut rng),
            Family::Grid => grids::grid(scale.max(2), &mut rng),
            Family::Goto => grids::goto(scale.max(2), &mut rng),
            Family::Road => grids::road(scale.max(2), &mut rng),
            Family::Escalation => hierarchy::escalation(scale.max(1), &mut rng),
            Family::Transport => hierarchy::transport(scale.max(1), &mut rng),
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A family name that is not one of [`Family::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown family \"{name}\" (known: {known})")]
pub struct UnknownFamily {
    /// The name given (an escaped excerpt, see [`crate::excerpt`]).
    pub name: String,
    /// Comma-separated known names.
    pub known: String,
}

impl FromStr for Family {
    type Err = UnknownFamily;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Family::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| UnknownFamily {
                name: crate::excerpt::excerpt(s),
                known: Family::ALL.map(|f| f.name()).join(", "),
            })
    }
}
