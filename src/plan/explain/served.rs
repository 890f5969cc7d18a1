//! Served needs: every assignment's score term by term, against the runner-up.

use std::cmp::Reverse;

use super::context::Context;
use super::types::{RoleChoice, RunnerUpState, ServedExplanation, Versus};

impl Context<'_, '_> {
    /// The explanation of served need `need`: one choice per assignment, by role and provider.
    pub(super) fn served_explanation(&self, need: usize) -> Option<ServedExplanation> {
        let problem = self.problem();
        let n = problem.needs.get(need)?;
        let mut choices = Vec::new();
        for r in n.roles() {
            for &(p, units) in self.role_uses.get(r).map_or(&[][..], Vec::as_slice) {
                choices.push(self.choice(r, p as usize, units)?);
            }
        }
        Some(ServedExplanation {
            need: *problem.need_ids.get(need)?,
            risk: self.risk(need),
            choices,
        })
    }

    fn choice(&self, r: usize, p: usize, amount: i64) -> Option<RoleChoice> {
        let problem = self.problem();
        let role = problem.roles.get(r)?;
        let score = self.compiled.edge_score(self.edge_index(r, p)?)?;
        Some(RoleChoice {
            role: role.team_index,
            kind: role.kind,
            provider: *problem.provider_ids.get(p)?,
            amount,
            score,
            versus: self.versus(r, score.total()),
        })
    }

    /// The best-scoring eligible provider of role `r` not chosen for it (ties by index), and
    /// what the plan did with it.
    fn versus(&self, r: usize, chosen_total: i64) -> Versus {
        let problem = self.problem();
        let chosen = self.role_uses.get(r).map_or(&[][..], Vec::as_slice);
        let is_chosen = |p: u32| chosen.binary_search_by_key(&p, |&(q, _)| q).is_ok();
        let range = problem.role_edge_range(r);
        let best = range
            .filter_map(|e| Some((e, problem.edges.get(e)?)))
            .filter(|(_, e)| !is_chosen(e.provider))
            .max_by_key(|(_, e)| (e.score_per_unit, Reverse(e.provider)));
        let Some((e, edge)) = best else {
            return Versus::OnlyEligible;
        };
        let p = edge.provider as usize;
        let (Some(&provider), Some(score)) =
            (problem.provider_ids.get(p), self.compiled.edge_score(e))
        else {
            return Versus::OnlyEligible;
        };
        Versus::RunnerUp {
            provider,
            score,
            difference: chosen_total.saturating_sub(score.total()),
            state: self.runner_up_state(r, p),
        }
    }

    fn runner_up_state(&self, r: usize, p: usize) -> RunnerUpState {
        let problem = self.problem();
        let person = problem
            .providers
            .get(p)
            .is_some_and(|q| q.one_role_per_need);
        let same_team = person
            && problem
                .roles
                .get(r)
                .and_then(|role| problem.needs.get(role.need as usize))
                .is_some_and(|n| {
                    n.roles().filter(|&other| other != r).any(|other| {
                        self.role_uses
                            .get(other)
                            .is_some_and(|uses| uses.iter().any(|&(q, _)| q as usize == p))
                    })
                });
        if same_team {
            RunnerUpState::InSameTeam
        } else if self.free(p) < self.usage(r) {
            RunnerUpState::NoCapacity
        } else {
            RunnerUpState::HadCapacity
        }
    }
}
