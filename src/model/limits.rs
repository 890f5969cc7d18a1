//! Size limits that keep hostile input from exhausting memory or time.

use serde::{Deserialize, Serialize};

/// Upper bounds on input sizes and on the work done with them, checked by the JSON loader,
/// by validation and by the compile step ([`crate::problem::compile_with_limits`]).
///
/// The defaults are far above a real county (in the source article's picture a county has a
/// few dozen townships, hundreds of communities and thousands of volunteers) yet keep every derived structure within about 1 GiB
/// and a compile within seconds. Each limit has its own named error:
///
/// | limit | error |
/// |---|---|
/// | `max_file_bytes` | [`crate::io::json::JsonError::TooLarge`] |
/// | `max_string_bytes` | [`crate::io::json::JsonError::StringTooLong`] |
/// | `max_json_depth` | [`crate::io::json::JsonError::TooDeep`] |
/// | entity counts, `max_set_len`, `max_roles_per_team` | [`super::IssueKind::TooMany`] |
/// | `max_name_bytes` | [`super::IssueKind::TooLong`] |
/// | `max_volunteers_per_role`, `max_abs_coordinate_m`, `max_amount` | [`super::IssueKind::OutOfRange`] |
/// | `max_candidate_edges` | [`crate::problem::LimitError::CandidateEdges`] |
/// | `max_edges_per_provider` | [`crate::problem::LimitError::ProviderEdges`] |
/// | `max_compile_work` | [`crate::problem::LimitError::CompileWork`] |
/// | `max_solve_work` | none: a feasible plan with status [`crate::problem::SolveStatus::BudgetReached`] |
///
/// Fields missing from a serialized `Limits` take their defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Largest scenario file accepted, bytes.
    pub max_file_bytes: u64,
    /// Most regions.
    pub max_regions: usize,
    /// Most roads.
    pub max_roads: usize,
    /// Most entities of any one party kind (organizations, workers, volunteers, funds).
    pub max_parties: usize,
    /// Most residents.
    pub max_residents: usize,
    /// Most needs.
    pub max_needs: usize,
    /// Most roles in one team.
    pub max_roles_per_team: usize,
    /// Most persons one volunteer role may ask for.
    pub max_volunteers_per_role: u32,
    /// Most elements of any set-valued field (skills, served regions, earmarks...).
    pub max_set_len: usize,
    /// Longest name, bytes.
    pub max_name_bytes: usize,
    /// Largest coordinate magnitude, metres (a county fits in ±2,000 km).
    pub max_abs_coordinate_m: i32,
    /// Largest money or goods amount (10^13 fen = 100 billion yuan).
    pub max_amount: i64,
    /// Longest string anywhere in a scenario file, bytes (names, dates, enum values, field
    /// names): checked while parsing, before the text is kept or quoted.
    pub max_string_bytes: usize,
    /// Deepest nesting of arrays and objects in a scenario file (every valid file fits in 10:
    /// an enum with data counts one level, its object another).
    pub max_json_depth: usize,
    /// Most candidate edges (eligible role–provider pairs) a compile may produce; 32 bytes
    /// each in the problem, so the default bounds them to 256 MiB.
    pub max_candidate_edges: usize,
    /// Most candidate edges of any one provider (the assignment strategies expand a provider
    /// into one column per edge).
    pub max_edges_per_provider: usize,
    /// Work budget of one compile, in elementary steps: one per eligibility check of a
    /// role–provider pair, plus one per region settled by a distance search. The checks of
    /// workers, organizations and funds (their number is known from the sizes) are counted
    /// before any runs, so an oversized compile stops at once; a volunteer role costs one
    /// step for its bulk counts and one per volunteer living within the largest volunteer
    /// radius of the need (the only ones checked one by one), counted as they are found. The
    /// default, 10^9, admits a prefecture city of 100,000 needs and 100,000 volunteers.
    pub max_compile_work: u64,
    /// Work budget of one solve, in deterministic work units (about one candidate-edge visit
    /// each, see [`crate::solve::WorkBudget`]): every strategy stops when it is spent and
    /// returns its best feasible plan so far with status
    /// [`crate::problem::SolveStatus::BudgetReached`] (not an error: the plan is usable).
    /// The default, 3·10^9, is above what any strategy spends on a 30,000-need county
    /// (branch and bound: 2.0·10^9 units; the decomposition 1.5·10^9).
    /// Used by [`crate::match_scenario_within`], [`crate::Rematcher`] and
    /// [`crate::solve::Strategy::solve`].
    pub max_solve_work: u64,
}

/// The default [`Limits::max_solve_work`].
const DEFAULT_SOLVE_WORK: u64 = 3_000_000_000;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 1 << 30,
            max_regions: 100_000,
            max_roads: 1_000_000,
            max_parties: 1_000_000,
            max_residents: 2_000_000,
            max_needs: 2_000_000,
            max_roles_per_team: 16,
            max_volunteers_per_role: 20,
            max_set_len: 256,
            max_name_bytes: 256,
            max_abs_coordinate_m: 2_000_000,
            max_amount: 10_000_000_000_000,
            max_string_bytes: 4096,
            max_json_depth: 32,
            max_candidate_edges: 8_000_000,
            max_edges_per_provider: 100_000,
            max_compile_work: 1_000_000_000,
            max_solve_work: DEFAULT_SOLVE_WORK,
        }
    }
}
