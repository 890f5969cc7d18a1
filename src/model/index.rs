//! Id → entity lookups over a scenario.

use std::collections::HashMap;
use std::hash::Hash;

use super::ids::{FundId, NeedId, OrganizationId, RegionId, ResidentId, VolunteerId, WorkerId};
use super::parties::{CharityResource, SocialOrganization, SocialWorker, Volunteer};
use super::region::Region;
use super::resident::{Need, Resident};
use super::scenario::Scenario;

/// Lookups by id into a [`Scenario`]. Built in O(n); when an id repeats (an invalid scenario)
/// the first entity wins.
///
/// # Example
/// ```
/// use wushe::model::{Scenario, ScenarioIndex, Date, RegionId};
/// let s = Scenario::new("empty", Date::from_ymd(2026, 1, 1).expect("date"));
/// let index = ScenarioIndex::new(&s);
/// assert!(index.region(RegionId(1)).is_none());
/// ```
#[derive(Debug, Clone)]
pub struct ScenarioIndex<'a> {
    scenario: &'a Scenario,
    regions: HashMap<RegionId, usize>,
    organizations: HashMap<OrganizationId, usize>,
    workers: HashMap<WorkerId, usize>,
    volunteers: HashMap<VolunteerId, usize>,
    funds: HashMap<FundId, usize>,
    residents: HashMap<ResidentId, usize>,
    needs: HashMap<NeedId, usize>,
}

fn positions<T, K: Eq + Hash + Copy>(items: &[T], key: impl Fn(&T) -> K) -> HashMap<K, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        map.entry(key(item)).or_insert(i);
    }
    map
}

impl<'a> ScenarioIndex<'a> {
    /// Indexes `scenario`.
    pub fn new(scenario: &'a Scenario) -> Self {
        ScenarioIndex {
            scenario,
            regions: positions(&scenario.regions, |r| r.id),
            organizations: positions(&scenario.organizations, |o| o.id),
            workers: positions(&scenario.workers, |w| w.id),
            volunteers: positions(&scenario.volunteers, |v| v.id),
            funds: positions(&scenario.funds, |f| f.id),
            residents: positions(&scenario.residents, |r| r.id),
            needs: positions(&scenario.needs, |n| n.id),
        }
    }

    /// The indexed scenario.
    pub fn scenario(&self) -> &'a Scenario {
        self.scenario
    }

    /// The region with this id.
    pub fn region(&self, id: RegionId) -> Option<&'a Region> {
        self.regions.get(&id).map(|&i| &self.scenario.regions[i])
    }

    /// The organization with this id.
    pub fn organization(&self, id: OrganizationId) -> Option<&'a SocialOrganization> {
        self.organizations
            .get(&id)
            .map(|&i| &self.scenario.organizations[i])
    }

    /// The worker with this id.
    pub fn worker(&self, id: WorkerId) -> Option<&'a SocialWorker> {
        self.workers.get(&id).map(|&i| &self.scenario.workers[i])
    }

    /// The volunteer with this id.
    pub fn volunteer(&self, id: VolunteerId) -> Option<&'a Volunteer> {
        self.volunteers
            .get(&id)
            .map(|&i| &self.scenario.volunteers[i])
    }

    /// The fund with this id.
    pub fn fund(&self, id: FundId) -> Option<&'a CharityResource> {
        self.funds.get(&id).map(|&i| &self.scenario.funds[i])
    }

    /// The resident with this id.
    pub fn resident(&self, id: ResidentId) -> Option<&'a Resident> {
        self.residents
            .get(&id)
            .map(|&i| &self.scenario.residents[i])
    }

    /// The need with this id.
    pub fn need(&self, id: NeedId) -> Option<&'a Need> {
        self.needs.get(&id).map(|&i| &self.scenario.needs[i])
    }

    /// Whether `region` is `ancestor` or lies below it in the hierarchy. Walks at most
    /// `regions.len()` parents, so a cyclic (invalid) hierarchy cannot hang it.
    pub fn is_within(&self, region: RegionId, ancestor: RegionId) -> bool {
        let mut current = Some(region);
        for _ in 0..=self.scenario.regions.len() {
            match current {
                Some(r) if r == ancestor => return true,
                Some(r) => current = self.region(r).and_then(|reg| reg.parent),
                None => return false,
            }
        }
        false
    }

    /// The township above a community (or the township itself), if any.
    pub fn township_of(&self, region: RegionId) -> Option<RegionId> {
        let mut current = Some(region);
        for _ in 0..=self.scenario.regions.len() {
            let reg = self.region(current?)?;
            if reg.level == super::region::RegionLevel::Township {
                return Some(reg.id);
            }
            current = reg.parent;
        }
        None
    }
}
