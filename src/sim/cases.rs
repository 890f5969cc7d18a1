//! The simulation's case book: where every need that arrived stands, week by week.

use serde::{Deserialize, Serialize};

use crate::model::{Need, NeedId, Resident, RiskTier};

/// Where an arrived need stands. Every arrived need is in exactly one state, so the counts
/// always add up to the arrivals (the conservation the tests check every round).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// Reported or found, not (or no longer) served.
    Waiting,
    /// A High-risk need left unserved in the round it arrived: reported up to the township
    /// and county, still waiting.
    Escalated,
    /// Served: its team is working on it (an ongoing case).
    Active,
    /// Its case ran its course and was closed.
    Closed,
    /// Waited longer than the patience and lapsed unserved.
    Expired,
}

/// One arrived need and its history.
#[derive(Debug, Clone)]
pub(crate) struct Case {
    /// The need as it arrived (the window is moved to the round it is matched in).
    pub need: Need,
    /// Its resident.
    pub resident: Resident,
    /// Week it arrived (was reported, or found by screening).
    pub arrived_week: u32,
    /// Found by proactive screening rather than reported.
    pub discovered: bool,
    /// Length of the case once served, days (the need's window length as generated).
    pub duration_days: i32,
    /// Where it stands.
    pub state: CaseState,
    /// Week it last started waiting (arrival, or the week its case broke).
    pub waiting_since: u32,
    /// Week its current case ends (when active).
    pub ends_week: u32,
}

impl Case {
    /// A newly arrived need, waiting.
    pub fn arrived(resident: Resident, need: Need, week: u32, discovered: bool) -> Case {
        let duration_days =
            (need.window.end.days_since_epoch() - need.window.start.days_since_epoch()).max(1);
        Case {
            need,
            resident,
            arrived_week: week,
            discovered,
            duration_days,
            state: CaseState::Waiting,
            waiting_since: week,
            ends_week: 0,
        }
    }

    /// The need's id.
    pub fn id(&self) -> NeedId {
        self.need.id
    }

    /// The need's tier.
    pub fn tier(&self) -> RiskTier {
        self.need.risk
    }

    /// Waiting or escalated: in the pool a round matches.
    pub fn is_waiting(&self) -> bool {
        matches!(self.state, CaseState::Waiting | CaseState::Escalated)
    }

    /// Waiting, escalated or active: a case the county owes visits to.
    pub fn is_open(&self) -> bool {
        self.is_waiting() || self.state == CaseState::Active
    }
}
