//! Ongoing cases kept between rounds: the one place the round loop changes providers' loads
//! and fund balances for the cases it starts and ends.
//!
//! A started case books its providers as a county platform would: a lead worker takes one
//! case of caseload, each volunteer the role's weekly minutes, an organization one active
//! case, a fund the amount given (spent once, at the start). Ending a case releases the
//! persons' and organizations' loads; money given stays spent.

use crate::model::{Need, ProviderId, RoleSpec, Scenario};
use crate::plan::Assignment;

/// Books the providers of `assignments` (one case of `need`) in `world`. Providers no longer
/// in `world` are skipped. Returns the money spent, fen.
pub(crate) fn keep_ongoing(world: &mut Scenario, need: &Need, assignments: &[Assignment]) -> i64 {
    book(world, need, assignments, Booking::Start)
}

/// Releases the loads of a case that ended (closed, or broken because a provider left).
pub(crate) fn end_case(world: &mut Scenario, need: &Need, assignments: &[Assignment]) {
    book(world, need, assignments, Booking::End);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Booking {
    Start,
    End,
}

fn book(world: &mut Scenario, need: &Need, assignments: &[Assignment], booking: Booking) -> i64 {
    let mut spent = 0;
    let start = booking == Booking::Start;
    for a in assignments {
        match a.provider {
            ProviderId::Worker(id) => {
                if let Some(w) = world.worker_mut(id) {
                    w.current_load = shift(w.current_load, 1, start);
                }
            }
            ProviderId::Volunteer(id) => {
                let minutes = match need.team.roles.get(a.role as usize).map(|r| &r.spec) {
                    Some(RoleSpec::Volunteers { weekly_minutes, .. }) => *weekly_minutes,
                    _ => 0,
                };
                if let Some(v) = world.volunteer_mut(id) {
                    v.committed_minutes = shift(v.committed_minutes, minutes, start);
                }
            }
            ProviderId::Organization(id) => {
                if let Some(o) = world.organization_mut(id) {
                    o.active_cases = shift(o.active_cases, 1, start);
                }
            }
            ProviderId::Fund(id) => {
                if start {
                    if let Some(f) = world.fund_mut(id) {
                        f.remaining -= a.amount;
                        if f.kind == crate::model::ResourceKind::Money {
                            spent += a.amount;
                        }
                    }
                }
            }
        }
    }
    spent
}

fn shift(value: u32, by: u32, up: bool) -> u32 {
    if up {
        value.saturating_add(by)
    } else {
        value.saturating_sub(by)
    }
}
