//! Team strategies: the exact solver cores run on the numeric [`Problem`](crate::problem::Problem).
//!
//! Each strategy solves a *relaxation* of the team problem exactly — the team rule (a need is
//! served only when all its core roles are complete) and `one_role_per_need` are dropped and
//! provider capacity is counted in units of its smallest usage — and then *repairs* the
//! answer into a feasible solution (one shared routine: drop incomplete teams, resolve
//! conflicts, relieve over-full providers, fill the freed capacity greedily). A need's value
//! is spread over its core roles, so each unit of a core role of demand `d` earns
//! `value / (k·d)` for `k` core roles on top of its score. The relaxed optimum is an upper
//! bound on the true optimum, so exact strategies report `bound` and hence a gap, and mark a
//! solution `Optimal` whenever it reaches its bound.
//!
//! # Which strategy to choose
//!
//! | strategy | core | exact on | bound | choose it when |
//! |---|---|---|---|---|
//! | [`MinCostFlowStrategy`] (`min_cost_flow`) | successive shortest paths (or network simplex) | [`ExactClass::Transportation`] | yes | the default exact choice: any role demand, material roles in the flow, fastest on large sparse problems |
//! | [`AssignmentStrategy`] (`assignment`) | dense Jonker–Volgenant per connected component | [`ExactClass::UnitDemand`] | yes | small dense components of person roles; a reference for the flow |
//! | [`AuctionStrategy`] (`auction`) | sparse ε-scaling auction, parallel bidding | [`ExactClass::UnitDemand`] | yes | large sparse person-role problems on several cores |
//! | [`StableStrategy`] (`stable`) | deferred acceptance with capacities | — (stable before repair) | no | two-sided preferences matter more than the total score |
//! | [`crate::solve::greedy::PriorityGreedy`] (`greedy`) | priority greedy | — | no | the baseline |
//!
//! On the exact classes every exact strategy returns the same objective (tested against
//! brute-force enumeration). Outside them the solutions are feasible and the gap to the bound
//! says how far from optimal they can be.
//!
//! # Measured (release, 2 cores shared with other jobs, `cargo bench --bench team`, medians of 10)
//!
//! | problem (3,000 needs) | greedy | min_cost_flow (SSP / NS core) | assignment | auction | stable |
//! |---|---|---|---|---|---|
//! | `county3000` (default county, 40,028 edges) | 1.1 ms | 21 / 22 ms | 289 ms | 1.22 s | 9.2 ms |
//! | `team3000` (3 roles per need, 46,781 edges) | 1.3 ms | 30 / 78 ms | 493 ms | 342 ms | 12.9 ms |
//! | `unit3000` (unit-demand class, 17,108 edges) | 0.4 ms | 13 / 41 ms | 136 ms | 112 ms | 4.9 ms |
//!
//! Objective / bound there: on `unit3000` the three exact strategies reach 3,272,874 = their
//! bound (greedy 3,217,005, stable 3,045,338). On `team3000` min-cost flow reaches
//! 6,270,289,990 of a bound 6,472,075,308 (gap 3.1 %), assignment and auction 5,785,607,328
//! (bound 6,472,100,337), greedy 5,556,910,775, stable 5,815,703,600. On `county3000`
//! min-cost flow 12,836,057 (12,889,155 with the NS core) of 16,318,679, assignment
//! 12,506,469 (bound 17,126,559), greedy 12,772,084, stable 11,753,768.

//! # Number safety
//! Benefits are scaled by `2^t` and rounded up so that the bound stays valid; `t` is chosen
//! so every cost fits the core's limit ([`crate::solve::flow::network::MAX_ABS_COST`] and the
//! node count for flows, [`crate::solve::assignment::cost_limit`] for assignments). No
//! number is wrapped: sums are `i128`, and a relaxation that cannot be built within the
//! limits is skipped (greedy repair only, no bound).

mod assignment;
mod auction;
mod class;
mod components;
mod dominance;
mod expand;
mod min_cost_flow;
mod relaxation;
mod repair;
mod stable;

pub use assignment::AssignmentStrategy;
pub use auction::AuctionStrategy;
pub use class::{EXACT_NUMBER_LIMIT, ExactClass};
pub use min_cost_flow::MinCostFlowStrategy;
pub use stable::{StableSide, StableStrategy, blocking_pair_count};

pub(crate) use relaxation::is_core as is_core_role;
