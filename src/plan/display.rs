//! Human-readable text of plans, assignments and unmet reasons, so a platform prints them
//! without `{:?}`. The wording is stable: tests pin it.

use std::fmt;

use super::match_plan::{Assignment, MatchPlan, RejectionCount, UnmetNeed, UnmetReason};
use crate::problem::RoleKind;

impl fmt::Display for Assignment {
    /// `N1 role 0 (lead worker): W1, score 350`; a supervised lead names its mentor
    /// (`N1 role 0 (lead worker): W2 supervised by W1, score 350`); material shows the amount
    /// (`N1 role 2 (material): F1 amount 200000, score 0 per unit`). The alternate form
    /// (`{:#}`) adds the score's terms.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = self.role_kind();
        write!(
            f,
            "{} role {} ({kind}): {}",
            self.need, self.role, self.provider
        )?;
        if let Some(mentor) = self.supervisor {
            write!(f, " supervised by {mentor}")?;
        }
        let per_unit = if kind == RoleKind::Material {
            write!(f, " amount {}", self.amount)?;
            " per unit"
        } else {
            if self.amount != 1 {
                write!(f, " x{}", self.amount)?;
            }
            ""
        };
        write!(f, ", score {}{per_unit}", self.score.total())?;
        if f.alternate() {
            f.write_str(" ")?;
            self.score.write_terms(f)?;
        }
        Ok(())
    }
}

impl fmt::Display for RejectionCount {
    /// `beyond travel radius: 12`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.reason, self.count)
    }
}

/// ` (a: 1, b: 2)`, or nothing for no rejections.
fn write_rejections(f: &mut fmt::Formatter<'_>, rejections: &[RejectionCount]) -> fmt::Result {
    for (i, r) in rejections.iter().enumerate() {
        f.write_str(if i == 0 { " (" } else { ", " })?;
        write!(f, "{r}")?;
    }
    if rejections.is_empty() {
        Ok(())
    } else {
        f.write_str(")")
    }
}

impl fmt::Display for UnmetReason {
    /// One line per reason, naming the role index:
    /// - `role 1: no eligible provider (not vetted: 2, missing a required skill: 1)`
    /// - `role 1: 1 eligible, 2 needed (beyond travel radius: 3)`
    /// - `role 0: capacity taken (1 eligible, 0 of 1 free)`
    /// - `role 2: not enough material (200000 available of 300000)`
    /// - `not selected (every role could still be filled)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnmetReason::NoEligibleProvider { role, rejections } => {
                write!(f, "role {role}: no eligible provider")?;
                write_rejections(f, rejections)
            }
            UnmetReason::TooFewEligible {
                role,
                eligible,
                demand,
                rejections,
            } => {
                write!(f, "role {role}: {eligible} eligible, {demand} needed")?;
                write_rejections(f, rejections)
            }
            UnmetReason::CapacityTaken {
                role,
                eligible,
                demand,
                free,
            } => write!(
                f,
                "role {role}: capacity taken ({eligible} eligible, {free} of {demand} free)"
            ),
            UnmetReason::InsufficientMaterial {
                role,
                required,
                available,
            } => write!(
                f,
                "role {role}: not enough material ({available} available of {required})"
            ),
            UnmetReason::NotSelected => {
                f.write_str("not selected (every role could still be filled)")
            }
        }
    }
}

impl fmt::Display for UnmetNeed {
    /// `N2 unmet: role 0: capacity taken (1 eligible, 0 of 1 free)`; several reasons are
    /// separated by `; `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} unmet", self.need)?;
        for (i, reason) in self.reasons.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            write!(f, "{reason}")?;
        }
        Ok(())
    }
}

impl fmt::Display for MatchPlan {
    /// One line: `greedy plan for "scarce worker": feasible, objective 123 (bound 150);
    /// 1 served, 1 unmet, 1 assignments`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} plan for {:?}: {}, objective {}",
            self.strategy, self.scenario, self.status, self.objective
        )?;
        if let Some(bound) = self.bound {
            write!(f, " (bound {bound})")?;
        }
        write!(
            f,
            "; {} served, {} unmet, {} assignments",
            self.served.len(),
            self.unmet.len(),
            self.assignments.len()
        )
    }
}
