//! The linkage graph: parties and residents as nodes, their relations as weighted edges.
//!
//! [`LinkageGraph`] answers the graph questions the rules and the scoring ask: travel distance
//! over roads (Dijkstra), the region hierarchy, volunteer–organization registration,
//! organization service areas, fund administration and prior relationships (continuity of
//! care). It is built on petgraph; node indices stay inside, typed ids go in and come out.
//!
//! The components of the *candidate* graph (needs linked through shared providers) are a
//! question about the compiled problem, so they live one layer down, in
//! [`crate::problem::candidate_components`].
//!
//! ```text
//!   county R1 ─parent─ township R2 ─parent─ community R3 ── road 1200 m ── community R4
//!                         │ station                │ lives in                 │ home
//!                      worker W1               resident P1               volunteer V1
//!                                                  │ prior                     │ registered
//!                                               (W1, V1)                  organization O1
//! ```

mod linkage;
mod reach;

pub use linkage::{LinkageGraph, RegionDistances, RegionSlot};
pub use reach::{DistanceSearch, Reach, SearchTargets};
