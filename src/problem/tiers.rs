//! The lexicographic tier policy as need values: High before Key before General.
//!
//! Under [`crate::rules::TierOrder::Lexicographic`] the compile step adds a *tier bonus* to
//! each need's value so that, within every candidate component (needs linked through shared
//! providers; components are independent, so lexicographic optima add up):
//!
//! - serving one more High need beats any change in the Key and General needs and in the
//!   scores of every team, and
//! - serving one more Key need (with as many High needs) beats any change in the General
//!   needs and in the scores.
//!
//! With `R_t = Σ_{n in tier t} (v_n + gain_n + loss_n)` (and `R` below also counting every
//! step of the coverage groups that reach the component, under a fairness policy), where `gain_n` and `loss_n` bound
//! the most a need's team can add or take through its edge scores (each role's demand times
//! its best positive and worst negative score), the bonuses are
//! `b_General = 0`, `b_Key = 1 + R`, and `b_High = 1 + R + N_Key·b_Key`, with
//! `R = R_High + R_Key + R_General` and `N_Key` the component's Key needs. The plain weighted
//! objective of any plan lies in `[−Σ loss, Σ (v + gain)]`, so two plans' weighted objectives
//! differ by at most `R`. If plan B serves more High needs than plan A, B − A ≥ `b_High −
//! N_Key·b_Key − R = 1`; with equal High counts and more Key needs, B − A ≥ `b_Key − R = 1`.
//! So an optimal plan maximises the High count, then the Key count, then the plain weighted
//! objective (need values and scores within a tier are unchanged).

use crate::model::RiskTier;
use crate::rules::PolicyError;

use super::compiled::Problem;
use super::components::candidate_components;
use super::solution::MAX_VALUE;

/// Per need, the bonus of the lexicographic tier policy (see the module docs); `tiers[n]` is
/// need `n`'s risk tier.
///
/// # Errors
/// [`PolicyError::TierBonusTooLarge`] naming the first need whose value with its bonus would
/// exceed [`MAX_VALUE`] (a component too large for the lexicographic policy: use
/// [`crate::rules::TierOrder::Weighted`]). The bonus grows as the component's Key needs
/// times its weighted range: the prefecture preset ([`crate::sim::CountyConfig::prefecture`],
/// one component of 100,000 needs) is beyond it.
pub(crate) fn lexicographic_bonuses(
    problem: &Problem,
    tiers: &[RiskTier],
) -> Result<Vec<i64>, PolicyError> {
    let mut bonus = vec![0i64; problem.needs.len()];
    let need_groups = problem.need_groups();
    let mut counted = vec![false; problem.groups.len()];
    for component in candidate_components(problem) {
        let mut range = [0i128; 3];
        let mut key_needs = 0i128;
        for &n in &component.needs {
            let n = n as usize;
            let tier = tiers.get(n).copied().unwrap_or(RiskTier::General);
            range[tier_slot(tier)] += swing(problem, n);
            key_needs += i128::from(tier == RiskTier::Key);
        }
        let [high, key, general] = range;
        let groups = group_rewards_within(problem, &need_groups, &mut counted, &component.needs);
        let all = high + key + general + groups;
        let key_bonus = 1 + all;
        let high_bonus = 1 + all + key_needs * key_bonus;
        for &n in &component.needs {
            let n = n as usize;
            let extra = match tiers.get(n).copied().unwrap_or(RiskTier::General) {
                RiskTier::High => high_bonus,
                RiskTier::Key => key_bonus,
                RiskTier::General => 0,
            };
            let total = i128::from(problem.needs[n].value) + extra;
            if total > i128::from(MAX_VALUE) {
                return Err(PolicyError::TierBonusTooLarge {
                    need: problem.need_ids[n],
                    component_needs: component.needs.len(),
                    max: MAX_VALUE,
                });
            }
            bonus[n] = extra as i64;
        }
    }
    Ok(bonus)
}

fn tier_slot(tier: RiskTier) -> usize {
    match tier {
        RiskTier::High => 0,
        RiskTier::Key => 1,
        RiskTier::General => 2,
    }
}

/// `v_n + gain_n + loss_n`: the widest change need `n` can make to the objective.
fn swing(problem: &Problem, n: usize) -> i128 {
    let need = &problem.needs[n];
    let mut total = i128::from(need.value);
    for r in need.roles() {
        let edges = problem.role_edges(r);
        let best = edges.iter().map(|e| e.score_per_unit).max().unwrap_or(0);
        let worst = edges.iter().map(|e| e.score_per_unit).min().unwrap_or(0);
        let spread = i128::from(best.max(0)) + i128::from((-worst).max(0));
        total += spread * i128::from(problem.roles[r].demand);
    }
    total
}

/// The most the coverage groups can add through the needs of one component (`counted`
/// marks the groups already summed for it; cleared again before returning).
fn group_rewards_within(
    problem: &Problem,
    need_groups: &[Option<u32>],
    counted: &mut [bool],
    needs: &[u32],
) -> i128 {
    let mut total = 0i128;
    let mut seen = Vec::new();
    for &n in needs {
        if let Some(g) = need_groups.get(n as usize).copied().flatten() {
            let g = g as usize;
            if !counted[g] {
                counted[g] = true;
                seen.push(g);
                total += problem.groups[g]
                    .steps
                    .iter()
                    .map(|&s| i128::from(s))
                    .sum::<i128>();
            }
        }
    }
    for g in seen {
        counted[g] = false;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NeedId, ProviderId, TeamRule, WorkerId};
    use crate::problem::{CandidateEdge, ProblemNeed, ProblemProvider, ProblemRole, RoleKind};

    /// Two needs competing for one worker, of values `values`.
    fn two_needs(values: [i64; 2]) -> Problem {
        let need = |value, first_role| ProblemNeed {
            value,
            rule: TeamRule::AllOrNothing,
            first_role,
            role_count: 1,
        };
        let role = |need| ProblemRole {
            need,
            team_index: 0,
            kind: RoleKind::LeadWorker,
            demand: 1,
            optional: false,
        };
        let edge = |role| CandidateEdge {
            role,
            provider: 0,
            max_units: 1,
            usage_per_unit: 1,
            score_per_unit: 0,
        };
        let mut p = Problem {
            needs: vec![need(values[0], 0), need(values[1], 1)],
            roles: vec![role(0), role(1)],
            providers: vec![ProblemProvider {
                capacity: 1,
                one_role_per_need: true,
            }],
            edges: vec![edge(0), edge(1)],
            need_ids: vec![NeedId(1), NeedId(2)],
            provider_ids: vec![ProviderId::Worker(WorkerId(1))],
            ..Problem::default()
        };
        p.index_edges();
        p
    }

    #[test]
    fn a_high_need_outweighs_everything_else_of_its_component() {
        let p = two_needs([5, 1_000]);
        let bonus = lexicographic_bonuses(&p, &[RiskTier::High, RiskTier::General]).expect("fits");
        assert_eq!(bonus[1], 0);
        assert!(
            5 + bonus[0] > 1_000 + 5,
            "one High need beats the whole weighted range"
        );
    }

    #[test]
    fn a_bonus_beyond_the_value_limit_is_named() {
        let big = MAX_VALUE / 2 + 1;
        let p = two_needs([big, big]);
        let err = lexicographic_bonuses(&p, &[RiskTier::Key, RiskTier::General]).unwrap_err();
        assert_eq!(
            err,
            PolicyError::TierBonusTooLarge {
                need: NeedId(1),
                component_needs: 2,
                max: MAX_VALUE
            }
        );
        assert!(err.to_string().contains("weighted"), "{err}");
    }
}
