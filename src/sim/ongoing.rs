//! Ongoing cases kept between rounds, through the model's own snapshot operations:
//! [`Scenario::apply`] writes a round's plan back as ongoing assignments (loads and fund
//! balances follow), [`Scenario::close_need`] ends a case and gives its persons' loads back.

use crate::error::Result;
use crate::model::{NeedId, ProviderId, ResourceKind, Scenario};
use crate::plan::MatchPlan;

/// The next snapshot of `world` once the new cases of `round` (a plan for some of its
/// waiting needs) start, every ongoing case kept. Returns it with the money the new cases
/// were given, fen.
///
/// # Errors
/// As [`Scenario::apply`]: a plan breaking a hard rule of `world`.
pub(crate) fn keep_ongoing(world: &Scenario, round: &MatchPlan) -> Result<(Scenario, i64)> {
    let mut assignments = super::state_view::ongoing_assignments(world);
    assignments.extend(round.assignments.iter().cloned());
    let stats = round.stats.clone();
    let plan =
        super::state_view::world_plan(world, &round.strategy, round.status, assignments, stats);
    let spent = round
        .assignments
        .iter()
        .filter_map(|a| match a.provider {
            ProviderId::Fund(id) => world
                .fund(id)
                .filter(|f| f.kind == ResourceKind::Money)
                .map(|_| a.amount),
            _ => None,
        })
        .sum();
    Ok((world.apply(&plan)?, spent))
}

/// A case ends: its need leaves `world` with its ongoing assignments (persons' loads given
/// back), and its resident too unless another open need is theirs.
pub(crate) fn end_case(world: &mut Scenario, need: NeedId) -> Result<()> {
    let resident = world.need(need).map(|n| n.resident);
    world.close_need(need)?;
    if let Some(r) = resident {
        if !world.needs.iter().any(|n| n.resident == r) {
            world.residents.retain(|x| x.id != r);
        }
    }
    Ok(())
}
