//! The crate's reference documents, rendered from the `docs/` folder that ships with it.
//!
//! - [`rules`]: the matching rules, the contract of the eligibility code, the compile step
//!   and the independent checker;
//! - [`scenario_format`]: the scenario JSON format, field by field;
//! - [`plan_format`]: the plan JSON format, field by field;
//! - [`explain_format`]: the explanations JSON format, field by field;
//! - [`design`]: the design decisions a reviewer asks about first;
//! - [`simulation`]: the round-based simulation, its defaults and sources, metrics, studies
//!   and shards;
//! - [`reliability`]: the resource bounds, the adversarial corpus, the fuzz campaigns and the
//!   scale figures.

#[doc = include_str!("../docs/rules.md")]
pub mod rules {}

#[doc = include_str!("../docs/scenario-format.md")]
pub mod scenario_format {}

#[doc = include_str!("../docs/plan-format.md")]
pub mod plan_format {}

#[doc = include_str!("../docs/explain-format.md")]
pub mod explain_format {}

#[doc = include_str!("../docs/design.md")]
pub mod design {}

#[doc = include_str!("../docs/reliability.md")]
pub mod reliability {}

#[doc = include_str!("../docs/simulation.md")]
pub mod simulation {}
