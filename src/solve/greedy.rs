//! Priority greedy team assembly (temporary minimal version; replaced on the greedy branch).

use crate::error::Result;
use crate::problem::{Problem, Solution, SolveStatus};

use super::strategy::{Guarantee, Strategy};

/// Priority greedy.
#[derive(Debug, Clone, Default)]
pub struct PriorityGreedy;

impl Strategy for PriorityGreedy {
    fn name(&self) -> &'static str {
        "greedy"
    }

    fn guarantee(&self) -> Guarantee {
        Guarantee::Feasible
    }

    fn solve(&self, problem: &Problem) -> Result<Solution> {
        problem.validate()?;
        Ok(Solution {
            served: vec![false; problem.needs.len()],
            status: Some(SolveStatus::Feasible),
            ..Solution::default()
        })
    }
}
