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
//!
//! The High bonus grows with the square of the component (its Key needs times its range): at
//! about 6,000 needs it no longer fits [`MAX_VALUE`] with the need's value. Such a component
//! gets *capped* bonuses ([`TierCap`]) that keep High-before-everything exact and put Key
//! before every weighted change smaller than the Key bonus. With `C = MAX_VALUE − max_{High n} v_n`
//! (the room left by the largest High value) and `C ≥ 1 + R + N_Key`:
//! `b_Key = ⌊(C − 1 − R) / N_Key⌋` and `b_High = 1 + R + N_Key·b_Key ≤ C`. The first
//! inequality above holds unchanged (B − A ≥ `b_High − N_Key·b_Key − R = 1`), so a plan serving
//! more High needs is still always better; with equal High counts, more Key needs is better
//! than any plan whose plain weighted objective is at most `b_Key − 1` higher. On the
//! 30,000-need county `b_Key` is above 10⁸ (the value of thousands of needs),
//! so the capped order is the exact one in every case but a plan that trades one Key need for
//! that much weighted value. A component with `C < 1 + R + N_Key` (values near [`MAX_VALUE`])
//! cannot keep even High first, and fails.

use serde::{Deserialize, Serialize};

use crate::model::RiskTier;
use crate::rules::PolicyError;

use super::compiled::Problem;
use super::components::candidate_components;
use super::solution::MAX_VALUE;

/// Where the lexicographic tier bonuses of a problem are capped (see [`Problem::tier_cap`]):
/// in these candidate components a plan serving more High-risk needs is still always better,
/// but with as many High needs one more Key need outweighs only a gain of at
/// most [`TierCap::key_outweighs`], not every one.
///
/// ```
/// use wushe::problem::TierCap;
/// let cap = TierCap { components: 1, largest_component_needs: 30_000, key_outweighs: 100_000_000 };
/// assert!(cap.key_outweighs > 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierCap {
    /// Candidate components whose bonuses are capped.
    pub components: usize,
    /// Needs in the largest of them.
    pub largest_component_needs: usize,
    /// The smallest Key bonus of those components minus 1: with as many High needs, a plan
    /// serving one more Key need beats every plan whose objective without tier bonuses (need
    /// values, edge scores and coverage rewards) is higher by at most this much.
    pub key_outweighs: i64,
}

/// The lexicographic tier bonuses of a problem: per need, and where they are capped.
#[derive(Debug)]
pub(crate) struct TierBonuses {
    /// Per need, its bonus.
    pub(crate) bonus: Vec<i64>,
    /// The capped components (`None`: the order is exact everywhere).
    pub(crate) cap: Option<TierCap>,
}

/// Per need, the bonus of the lexicographic tier policy (see the module docs); `tiers[n]` is
/// need `n`'s risk tier.
///
/// # Errors
/// [`PolicyError::TierBonusTooLarge`] naming a need of a component whose values leave no
/// room to keep High first within [`MAX_VALUE`] (`C < 1 + R + N_Key` in the module docs: need
/// values near the limit; use [`crate::rules::TierOrder::Weighted`]).
pub(crate) fn lexicographic_bonuses(
    problem: &Problem,
    tiers: &[RiskTier],
) -> Result<TierBonuses, PolicyError> {
    let mut bonus = vec![0i64; problem.needs.len()];
    let mut cap: Option<TierCap> = None;
    let need_groups = problem.need_groups();
    let mut counted = vec![false; problem.groups.len()];
    let tier_of = |n: usize| tiers.get(n).copied().unwrap_or(RiskTier::General);
    for component in candidate_components(problem) {
        let mut range = [0i128; 3];
        let mut key_needs = 0i128;
        let mut high_value = 0i128;
        for &n in &component.needs {
            let n = n as usize;
            let tier = tier_of(n);
            range[tier_slot(tier)] += swing(problem, n);
            key_needs += i128::from(tier == RiskTier::Key);
            if tier == RiskTier::High {
                high_value = high_value.max(i128::from(problem.needs[n].value));
            }
        }
        let [high, key, general] = range;
        let groups = group_rewards_within(problem, &need_groups, &mut counted, &component.needs);
        let all = high + key + general + groups;
        let room = i128::from(MAX_VALUE) - high_value;
        let mut key_bonus = 1 + all;
        let mut high_bonus = 1 + all + key_needs * key_bonus;
        if high_bonus > room {
            if room < 1 + all + key_needs {
                return Err(PolicyError::TierBonusTooLarge {
                    need: problem.need_ids[component.needs[0] as usize],
                    component_needs: component.needs.len(),
                    max: MAX_VALUE,
                });
            }
            // `key_needs > 0` here: without Key needs `high_bonus = 1 + all ≤ room`.
            key_bonus = (room - 1 - all) / key_needs.max(1);
            high_bonus = 1 + all + key_needs * key_bonus;
            let outweighs = (key_bonus - 1) as i64;
            let c = cap.get_or_insert(TierCap {
                components: 0,
                largest_component_needs: 0,
                key_outweighs: outweighs,
            });
            c.components += 1;
            c.largest_component_needs = c.largest_component_needs.max(component.needs.len());
            c.key_outweighs = c.key_outweighs.min(outweighs);
        }
        for &n in &component.needs {
            let n = n as usize;
            let extra = match tier_of(n) {
                RiskTier::High => high_bonus,
                RiskTier::Key => key_bonus,
                RiskTier::General => 0,
            };
            // Only a Key value above every High value can still overflow here.
            if i128::from(problem.needs[n].value) + extra > i128::from(MAX_VALUE) {
                return Err(PolicyError::TierBonusTooLarge {
                    need: problem.need_ids[n],
                    component_needs: component.needs.len(),
                    max: MAX_VALUE,
                });
            }
            bonus[n] = extra as i64;
        }
    }
    Ok(TierBonuses { bonus, cap })
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

    /// Needs of values `values` competing for one worker.
    fn competing(values: &[i64]) -> Problem {
        let mut p = Problem {
            providers: vec![ProblemProvider {
                capacity: 1,
                one_role_per_need: true,
            }],
            provider_ids: vec![ProviderId::Worker(WorkerId(1))],
            ..Problem::default()
        };
        for (n, &value) in values.iter().enumerate() {
            p.needs.push(ProblemNeed {
                value,
                rule: TeamRule::AllOrNothing,
                first_role: n as u32,
                role_count: 1,
            });
            p.roles.push(ProblemRole {
                need: n as u32,
                team_index: 0,
                kind: RoleKind::LeadWorker,
                demand: 1,
                optional: false,
            });
            p.edges.push(CandidateEdge {
                role: n as u32,
                provider: 0,
                max_units: 1,
                usage_per_unit: 1,
                score_per_unit: 0,
            });
            p.need_ids.push(NeedId(n as u32 + 1));
        }
        p.index_edges();
        p
    }

    #[test]
    fn a_high_need_outweighs_everything_else_of_its_component() {
        let p = competing(&[5, 1_000]);
        let tiers = lexicographic_bonuses(&p, &[RiskTier::High, RiskTier::General]).expect("fits");
        assert_eq!(tiers.bonus[1], 0);
        assert_eq!(tiers.cap, None, "a small component is exact");
        assert!(
            5 + tiers.bonus[0] > 1_000 + 5,
            "one High need beats the whole weighted range"
        );
    }

    #[test]
    fn a_component_too_large_for_exact_bonuses_keeps_high_first_and_reports_its_cap() {
        let v = MAX_VALUE / 16;
        let p = competing(&[v, v, v, v]);
        let order = [RiskTier::High, RiskTier::Key, RiskTier::Key, RiskTier::Key];
        let tiers = lexicographic_bonuses(&p, &order).expect("capped, not refused");
        let range = 4 * i128::from(v);
        let exact_high = 1 + range + 3 * (1 + range);
        assert!(
            exact_high + i128::from(v) > i128::from(MAX_VALUE),
            "exact would overflow"
        );
        let [high, key] = [i128::from(tiers.bonus[0]), i128::from(tiers.bonus[1])];
        assert!(i128::from(v) + high <= i128::from(MAX_VALUE));
        assert_eq!(
            high - 3 * key - range,
            1,
            "one more High need beats every Key need and the whole range"
        );
        let cap = tiers.cap.expect("capped");
        assert_eq!(
            (cap.components, cap.largest_component_needs),
            (1, 4),
            "{cap:?}"
        );
        assert_eq!(i128::from(cap.key_outweighs), key - 1);
        assert!(
            key > 2 * i128::from(v),
            "a Key need still outweighs two needs' values"
        );
    }

    #[test]
    fn a_bonus_beyond_the_value_limit_is_named() {
        let big = MAX_VALUE / 2 + 1;
        let p = competing(&[big, big]);
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
