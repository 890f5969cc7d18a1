//! The compiled numeric problem.

use serde::{Deserialize, Serialize};

use super::shared::{SharedResource, SharedUse};
use crate::model::{NeedId, ProviderId, TeamRule};

/// What kind of role a [`ProblemRole`] is (for reports; solvers only need the numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleKind {
    /// A lead social worker (one person).
    LeadWorker,
    /// Volunteers (demand = number of persons).
    Volunteers,
    /// A delivering organization (one).
    Organization,
    /// Money or goods (demand = amount, divisible across providers).
    Material,
}

words! {
    RoleKind {
        LeadWorker => "lead_worker", "lead worker";
        Volunteers => "volunteers", "volunteers";
        Organization => "organization", "organization";
        Material => "material", "material";
    }
}

/// A need in problem indices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemNeed {
    /// Value of serving the need (priority weight from the scoring policy), > 0.
    pub value: i64,
    /// How its roles decide service.
    pub rule: TeamRule,
    /// First role index of this need in [`Problem::roles`].
    pub first_role: u32,
    /// Number of roles (contiguous from `first_role`).
    pub role_count: u32,
}

impl ProblemNeed {
    /// The role indices of this need.
    pub fn roles(&self) -> std::ops::Range<usize> {
        let start = self.first_role as usize;
        start..start + self.role_count as usize
    }
}

/// A role (one slot of a team) in problem indices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemRole {
    /// The need it belongs to.
    pub need: u32,
    /// Index of the role within the domain team (`Need::team.roles`).
    pub team_index: u32,
    /// Kind (for reports).
    pub kind: RoleKind,
    /// Units required: persons for person roles, fen or goods units for material.
    pub demand: i64,
    /// Optional roles only add value under [`TeamRule::CoreThenOptional`].
    pub optional: bool,
}

/// A provider in problem indices: one worker, volunteer, organization or fund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemProvider {
    /// Capacity left: cases (workers, organizations), minutes per week (volunteers), fen or
    /// goods units (funds).
    pub capacity: i64,
    /// A person fills at most one role of any one need.
    pub one_role_per_need: bool,
}

/// A candidate edge: provider `provider` may fill role `role`. Only these pairs may match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateEdge {
    /// Role index.
    pub role: u32,
    /// Provider index.
    pub provider: u32,
    /// Most units of the role this provider may take: 1 for persons, the demand for material.
    pub max_units: i64,
    /// Provider capacity consumed per unit (1 case, the role's weekly minutes, 1 fen...).
    pub usage_per_unit: i64,
    /// Soft score per unit (higher is better; may be negative).
    pub score_per_unit: i64,
}

/// Why a hand-built [`Problem`] is inconsistent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemError {
    /// An index points outside its table.
    #[error("{table}[{index}]: {field} = {value} is out of range")]
    IndexOutOfRange {
        /// Table name.
        table: &'static str,
        /// Entry index.
        index: usize,
        /// Field name.
        field: &'static str,
        /// The value.
        value: u64,
    },
    /// A number is negative or otherwise out of range.
    #[error("{table}[{index}]: {field} = {value} is out of range")]
    NumberOutOfRange {
        /// Table name.
        table: &'static str,
        /// Entry index.
        index: usize,
        /// Field name.
        field: &'static str,
        /// The value.
        value: i64,
    },
    /// Edges are not sorted by (role, provider) or repeat a pair.
    #[error("edges[{index}] is out of (role, provider) order or repeats a pair")]
    EdgeOrder {
        /// Edge index.
        index: usize,
    },
    /// Roles of a need are not contiguous or do not point back to it.
    #[error("needs[{index}]: its roles do not point back to it")]
    RoleLayout {
        /// Need index.
        index: usize,
    },
}

/// The numeric problem strategies solve.
///
/// # Hard constraints (every strategy, checked by [`Problem::check`])
/// 1. Units on an edge are in `0..=max_units`; persons are whole.
/// 2. A provider's used capacity `Σ units·usage_per_unit` ≤ `capacity`.
/// 3. Under [`TeamRule::AllOrNothing`] a need is served iff every role gets exactly `demand`
///    units; under [`TeamRule::CoreThenOptional`] iff every core role gets exactly `demand`
///    (optional roles get at most `demand`). An unserved need has no units at all.
/// 4. A provider with `one_role_per_need` serves at most one role of a need.
/// 5. A shared resource's used units `Σ units·per_unit` over the edges drawing on it ≤ its
///    `capacity` ([`Problem::shared`]).
///
/// # Objective (maximised)
/// `Σ value(served needs) + Σ units·score_per_unit + Σ_groups Σ_{k ≤ served in group} steps[k−1]`
/// (the last term only under a fairness policy, see [`CoverageGroup`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Needs, in the order of `need_ids`.
    pub needs: Vec<ProblemNeed>,
    /// Roles, grouped by need.
    pub roles: Vec<ProblemRole>,
    /// Providers, in the order of `provider_ids`.
    pub providers: Vec<ProblemProvider>,
    /// Candidate edges sorted by `(role, provider)`, no repeated pair.
    pub edges: Vec<CandidateEdge>,
    /// `edges[role_edge_start[r]..role_edge_start[r + 1]]` are the edges of role `r`
    /// (length `roles.len() + 1`).
    pub role_edge_start: Vec<u32>,
    /// Domain id of each need.
    pub need_ids: Vec<NeedId>,
    /// Domain id of each provider.
    pub provider_ids: Vec<ProviderId>,
    /// Per need, the part of `value` added by the lexicographic tier policy (empty when
    /// the policy is weighted). [`Problem::weighted_objective`] leaves it out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tier_bonus: Vec<i64>,
    /// Where the lexicographic tier bonuses are capped because the exact ones would exceed
    /// [`super::MAX_VALUE`] (candidate components of more than about 6,000 needs, fewer under
    /// a strong fairness policy): there High still comes before everything, and Key before
    /// any gain of at most [`super::TierCap::key_outweighs`] in the rest of the objective. `None`: the lexicographic order is exact (or the policy
    /// is weighted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier_cap: Option<super::TierCap>,
    /// Coverage groups of a fairness policy (empty without one): serving the `k`-th need of
    /// a group adds `steps[k − 1]` to the objective.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<CoverageGroup>,
    /// Capacities shared by edges beyond their providers' own (time windows of a person,
    /// a mentor's supervision places; see [`super::SharedResource`]); empty for most problems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared: Vec<SharedResource>,
    /// `shared_uses[edge_shared_start[e]..edge_shared_start[e + 1]]` are edge `e`'s draws on
    /// the shared resources (length `edges.len() + 1`, or empty when no edge draws on one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edge_shared_start: Vec<u32>,
    /// The draws, grouped by edge (see [`Problem::edge_shared`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_uses: Vec<SharedUse>,
}

/// Needs whose coverage is rewarded with decreasing marginal steps (a concave reward, i.e. a
/// convex shortfall cost): the first need served in the group earns `steps[0]`, the second
/// `steps[1]`, and so on; which needs they are does not matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageGroup {
    /// Need indices, ascending; a need is in at most one group.
    pub needs: Vec<u32>,
    /// Marginal rewards, one per need, non-increasing, each in `0..=MAX_VALUE`.
    pub steps: Vec<i64>,
}

impl Problem {
    /// The edges of role `role` (empty when out of range).
    pub fn role_edges(&self, role: usize) -> &[CandidateEdge] {
        let (Some(&a), Some(&b)) = (
            self.role_edge_start.get(role),
            self.role_edge_start.get(role + 1),
        ) else {
            return &[];
        };
        self.edges.get(a as usize..b as usize).unwrap_or(&[])
    }

    /// Edge index range of role `role`.
    pub fn role_edge_range(&self, role: usize) -> std::ops::Range<usize> {
        match (
            self.role_edge_start.get(role),
            self.role_edge_start.get(role + 1),
        ) {
            (Some(&a), Some(&b)) if a <= b => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// Per need, the index of its coverage group (`None` outside every group).
    pub fn need_groups(&self) -> Vec<Option<u32>> {
        let mut of = vec![None; self.needs.len()];
        for (g, group) in self.groups.iter().enumerate() {
            for &n in &group.needs {
                if let Some(slot) = of.get_mut(n as usize) {
                    *slot = Some(g as u32);
                }
            }
        }
        of
    }

    /// The largest reward the coverage groups can add: every step of every group.
    pub fn max_group_reward(&self) -> i128 {
        self.groups
            .iter()
            .flat_map(|g| &g.steps)
            .map(|&s| i128::from(s))
            .sum()
    }

    /// The tier bonus of need `need` (0 without one).
    pub fn tier_bonus_of(&self, need: usize) -> i64 {
        self.tier_bonus.get(need).copied().unwrap_or(0)
    }

    /// Whether every need has exactly one role (single-role problems are solved exactly by
    /// min-cost flow).
    pub fn is_single_role(&self) -> bool {
        self.needs.iter().all(|n| n.role_count == 1)
    }

    /// Builds `role_edge_start` from `edges` after sorting them by `(role, provider)` (a
    /// repeated pair keeps its first edge); the edges' shared draws move with them.
    pub fn index_edges(&mut self) {
        if self.has_shared() {
            let lists = self.edge_shared_lists();
            let mut order: Vec<usize> = (0..self.edges.len()).collect();
            order.sort_by_key(|&e| (self.edges[e].role, self.edges[e].provider, e));
            order.dedup_by_key(|e| (self.edges[*e].role, self.edges[*e].provider));
            let edges = order.iter().map(|&e| self.edges[e].clone()).collect();
            let lists: Vec<_> = order.iter().map(|&e| lists[e].clone()).collect();
            self.edges = edges;
            self.set_edge_shared(&lists);
        } else {
            self.edges.sort_by_key(|e| (e.role, e.provider));
            self.edges.dedup_by_key(|e| (e.role, e.provider));
        }
        let mut start = vec![0u32; self.roles.len() + 1];
        for e in &self.edges {
            if let Some(s) = start.get_mut(e.role as usize + 1) {
                *s += 1;
            }
        }
        for r in 0..self.roles.len() {
            start[r + 1] += start[r];
        }
        self.role_edge_start = start;
    }

    /// Checks the internal consistency of a (possibly hand-built) problem.
    ///
    /// # Errors
    /// The first [`ProblemError`] found.
    pub fn validate(&self) -> crate::Result<()> {
        super::solution::validate_problem(self)
            .map_err(|e| crate::Error::from(crate::ErrorKind::Problem(e)))
    }
}
