//! Relaxations: small changes to one or more providers of a scenario, with their cost, and how
//! they are applied.

use serde::{Deserialize, Serialize};

use crate::model::{
    BeneficiaryGroup, Category, CharityResource, Date, FundId, Limits, NeedId, ProviderId,
    RegionId, ResourceKind, Scenario, SocialOrganization, SocialWorker, Vetting, Volunteer,
    VolunteerId,
};
use crate::problem::ProviderEntity;

use super::options::RelaxationCosts;

/// Minutes in a week: the most weekly minutes a volunteer may have (scenario validation).
const MINUTES_PER_WEEK: u32 = 7 * 24 * 60;

/// One change to one provider of a scenario.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Change {
    /// Raise the travel radius of a worker or volunteer by `km` kilometres.
    Radius {
        /// The worker or volunteer.
        provider: ProviderId,
        /// Kilometres added.
        km: u32,
    },
    /// Raise the case capacity of a worker or organization.
    ExtraCases {
        /// The worker or organization.
        provider: ProviderId,
        /// Cases added.
        cases: u32,
    },
    /// Raise a volunteer's weekly minutes.
    ExtraMinutes {
        /// The volunteer.
        volunteer: VolunteerId,
        /// Minutes per week added.
        minutes: u32,
    },
    /// Renew (or complete) the safeguarding vetting of a worker or volunteer, valid through
    /// `through`.
    RenewVetting {
        /// The worker or volunteer.
        provider: ProviderId,
        /// Last day the renewed check is valid.
        through: Date,
    },
    /// Accident insurance for a volunteer through `through`.
    Insure {
        /// The volunteer.
        volunteer: VolunteerId,
        /// Last day insured.
        through: Date,
    },
    /// Allow the fund for a category (add it to the earmarked categories).
    EarmarkCategory {
        /// The fund.
        fund: FundId,
        /// The category allowed.
        category: Category,
    },
    /// Allow the fund in a region (add it to the earmarked regions).
    EarmarkRegion {
        /// The fund.
        fund: FundId,
        /// The region allowed.
        region: RegionId,
    },
    /// Allow the fund for a beneficiary group (add it to the earmarked groups).
    EarmarkGroup {
        /// The fund.
        fund: FundId,
        /// The group allowed.
        group: BeneficiaryGroup,
    },
    /// A larger balance for a fund or goods stock.
    FundBalance {
        /// The fund.
        fund: FundId,
        /// Fen (money) or units (goods) added to `remaining`.
        add: i64,
    },
}

/// A set of changes that, applied together to the scenario, gets a need served when the plan
/// is recomputed with the same strategy (every reported relaxation has been verified so).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relaxation {
    /// The changes, sorted, at most one of each kind per provider.
    pub changes: Vec<Change>,
    /// Its cost in points under the options' [`RelaxationCosts`].
    pub cost: u64,
}

/// Why an explanation or a relaxation cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExplainError {
    /// The need is not in the scenario.
    #[error("need {need} is not in the scenario")]
    UnknownNeed {
        /// The need.
        need: NeedId,
    },
    /// A change names a provider that is not in the scenario.
    #[error("provider {provider} is not in the scenario")]
    UnknownProvider {
        /// The provider.
        provider: ProviderId,
    },
    /// A change does not apply to this kind of provider (a radius for a fund...).
    #[error("change `{change}` does not apply to provider {provider}")]
    WrongProviderKind {
        /// The provider.
        provider: ProviderId,
        /// The change's name.
        change: &'static str,
    },
    /// A change would take a field beyond what a valid scenario allows.
    #[error("provider {provider}: `{field}` would become {value}, above {max}")]
    OutOfRange {
        /// The provider.
        provider: ProviderId,
        /// The field.
        field: &'static str,
        /// The value it would take.
        value: i64,
        /// The largest valid value.
        max: i64,
    },
}

impl Change {
    /// The provider changed.
    pub fn provider(&self) -> ProviderId {
        match *self {
            Change::Radius { provider, .. }
            | Change::ExtraCases { provider, .. }
            | Change::RenewVetting { provider, .. } => provider,
            Change::ExtraMinutes { volunteer, .. } | Change::Insure { volunteer, .. } => {
                ProviderId::Volunteer(volunteer)
            }
            Change::EarmarkCategory { fund, .. }
            | Change::EarmarkRegion { fund, .. }
            | Change::EarmarkGroup { fund, .. }
            | Change::FundBalance { fund, .. } => ProviderId::Fund(fund),
        }
    }

    /// The change's name in files (`"radius"`, `"extra_cases"`...).
    pub fn name(&self) -> &'static str {
        match self {
            Change::Radius { .. } => "radius",
            Change::ExtraCases { .. } => "extra_cases",
            Change::ExtraMinutes { .. } => "extra_minutes",
            Change::RenewVetting { .. } => "renew_vetting",
            Change::Insure { .. } => "insure",
            Change::EarmarkCategory { .. } => "earmark_category",
            Change::EarmarkRegion { .. } => "earmark_region",
            Change::EarmarkGroup { .. } => "earmark_group",
            Change::FundBalance { .. } => "fund_balance",
        }
    }

    /// Cost in points; `goods` says whether a [`Change::FundBalance`] adds goods units (else
    /// fen).
    pub(crate) fn cost(&self, costs: &RelaxationCosts, goods: bool) -> u64 {
        let per = |units: u64, weight: u32| units.saturating_mul(u64::from(weight));
        match *self {
            Change::Radius { km, .. } => per(u64::from(km), costs.per_km),
            Change::ExtraCases { cases, .. } => per(u64::from(cases), costs.per_case),
            Change::ExtraMinutes { minutes, .. } => {
                per(u64::from(minutes).div_ceil(10), costs.per_10_minutes)
            }
            Change::RenewVetting { .. } => u64::from(costs.vetting),
            Change::Insure { .. } => u64::from(costs.insurance),
            Change::EarmarkCategory { .. }
            | Change::EarmarkRegion { .. }
            | Change::EarmarkGroup { .. } => u64::from(costs.earmark),
            Change::FundBalance { add, .. } => {
                let add = add.max(0) as u64;
                if goods {
                    per(add, costs.per_goods_unit)
                } else {
                    per(add.div_ceil(10_000), costs.per_100_yuan)
                }
            }
        }
    }

    /// The key under which two changes of one relaxation merge into one.
    fn merge_key(&self) -> (u8, ProviderId, Option<String>) {
        let value = match self {
            Change::EarmarkCategory { category, .. } => Some(format!("{category:?}")),
            Change::EarmarkRegion { region, .. } => Some(region.to_string()),
            Change::EarmarkGroup { group, .. } => Some(format!("{group:?}")),
            _ => None,
        };
        let kind = match self {
            Change::Radius { .. } => 0,
            Change::ExtraCases { .. } => 1,
            Change::ExtraMinutes { .. } => 2,
            Change::RenewVetting { .. } => 3,
            Change::Insure { .. } => 4,
            Change::EarmarkCategory { .. } => 5,
            Change::EarmarkRegion { .. } => 6,
            Change::EarmarkGroup { .. } => 7,
            Change::FundBalance { .. } => 8,
        };
        (kind, self.provider(), value)
    }

    /// Whether `self` asks for at least what `other` asks (same kind, provider and value, an
    /// amount or date at least as large).
    fn covers(&self, other: &Change) -> bool {
        if self.merge_key() != other.merge_key() {
            return false;
        }
        match (self, other) {
            (Change::Radius { km: a, .. }, Change::Radius { km: b, .. }) => a >= b,
            (Change::ExtraCases { cases: a, .. }, Change::ExtraCases { cases: b, .. }) => a >= b,
            (Change::ExtraMinutes { minutes: a, .. }, Change::ExtraMinutes { minutes: b, .. }) => {
                a >= b
            }
            (Change::RenewVetting { through: a, .. }, Change::RenewVetting { through: b, .. })
            | (Change::Insure { through: a, .. }, Change::Insure { through: b, .. }) => a >= b,
            (Change::FundBalance { add: a, .. }, Change::FundBalance { add: b, .. }) => a >= b,
            _ => true,
        }
    }

    /// `self` and `other` (same merge key) as one change: the larger radius or date, the sum
    /// of cases, minutes or balance.
    fn absorb(&mut self, other: &Change) {
        match (self, other) {
            (Change::Radius { km, .. }, Change::Radius { km: more, .. }) => *km = (*km).max(*more),
            (Change::ExtraCases { cases, .. }, Change::ExtraCases { cases: more, .. }) => {
                *cases = cases.saturating_add(*more)
            }
            (Change::ExtraMinutes { minutes, .. }, Change::ExtraMinutes { minutes: more, .. }) => {
                *minutes = minutes.saturating_add(*more)
            }
            (Change::RenewVetting { through, .. }, Change::RenewVetting { through: t, .. })
            | (Change::Insure { through, .. }, Change::Insure { through: t, .. }) => {
                *through = (*through).max(*t)
            }
            (Change::FundBalance { add, .. }, Change::FundBalance { add: more, .. }) => {
                *add = add.saturating_add(*more)
            }
            _ => {}
        }
    }

    /// Applies the change to the provider's entity.
    ///
    /// # Errors
    /// [`ExplainError::WrongProviderKind`] when the entity is not of a kind the change
    /// applies to; [`ExplainError::OutOfRange`] when a field would leave its valid range.
    pub(crate) fn apply_to(&self, entity: &mut Entity) -> Result<(), ExplainError> {
        let wrong = || ExplainError::WrongProviderKind {
            provider: self.provider(),
            change: self.name(),
        };
        match (self, entity) {
            (Change::Radius { km, .. }, Entity::Worker(w)) => {
                w.travel_radius_m = w.travel_radius_m.saturating_add(km.saturating_mul(1_000))
            }
            (Change::Radius { km, .. }, Entity::Volunteer(v)) => {
                v.travel_radius_m = v.travel_radius_m.saturating_add(km.saturating_mul(1_000))
            }
            (Change::ExtraCases { cases, .. }, Entity::Worker(w)) => {
                w.caseload_capacity = w.caseload_capacity.saturating_add(*cases)
            }
            (Change::ExtraCases { cases, .. }, Entity::Organization(o)) => {
                o.case_capacity = o.case_capacity.saturating_add(*cases)
            }
            (Change::ExtraMinutes { minutes, .. }, Entity::Volunteer(v)) => {
                v.weekly_minutes = self.within(
                    "weekly_minutes",
                    i64::from(v.weekly_minutes) + i64::from(*minutes),
                    i64::from(MINUTES_PER_WEEK),
                )? as u32
            }
            (Change::RenewVetting { through, .. }, Entity::Worker(w)) => {
                w.vetting = renewed(w.vetting, *through)
            }
            (Change::RenewVetting { through, .. }, Entity::Volunteer(v)) => {
                v.vetting = renewed(v.vetting, *through)
            }
            (Change::Insure { through, .. }, Entity::Volunteer(v)) => {
                v.insured_until = Some(v.insured_until.map_or(*through, |d| d.max(*through)))
            }
            (Change::EarmarkCategory { category, .. }, Entity::Fund(f)) => {
                f.earmark.categories.insert(*category);
            }
            (Change::EarmarkRegion { region, .. }, Entity::Fund(f)) => {
                f.earmark.regions.insert(*region);
            }
            (Change::EarmarkGroup { group, .. }, Entity::Fund(f)) => {
                f.earmark.groups.insert(*group);
            }
            (Change::FundBalance { add, .. }, Entity::Fund(f)) => {
                let max = Limits::default().max_amount;
                f.remaining = self.within("remaining", f.remaining.saturating_add(*add), max)?
            }
            _ => return Err(wrong()),
        }
        Ok(())
    }

    fn within(&self, field: &'static str, value: i64, max: i64) -> Result<i64, ExplainError> {
        if value <= max {
            Ok(value)
        } else {
            Err(ExplainError::OutOfRange {
                provider: self.provider(),
                field,
                value,
                max,
            })
        }
    }
}

/// A vetting passed and valid through at least `through`.
fn renewed(vetting: Vetting, through: Date) -> Vetting {
    let expires = match vetting {
        Vetting::Passed { expires } => expires.max(through),
        _ => through,
    };
    Vetting::Passed { expires }
}

impl Relaxation {
    /// The relaxation of `changes` (merged: one change per kind and provider) priced under
    /// `costs`; `goods(fund)` says whether a fund holds goods.
    pub(crate) fn priced(
        changes: Vec<Change>,
        costs: &RelaxationCosts,
        goods: impl Fn(FundId) -> bool,
    ) -> Relaxation {
        let mut changes = changes;
        changes.sort_by(|a, b| a.merge_key().cmp(&b.merge_key()).then(a.cmp(b)));
        let mut merged: Vec<Change> = Vec::with_capacity(changes.len());
        for change in changes {
            match merged.last_mut() {
                Some(last) if last.merge_key() == change.merge_key() => last.absorb(&change),
                _ => merged.push(change),
            }
        }
        merged.sort();
        let cost = merged
            .iter()
            .map(|c| {
                let is_goods = matches!(c, Change::FundBalance { fund, .. } if goods(*fund));
                c.cost(costs, is_goods)
            })
            .fold(0u64, u64::saturating_add);
        Relaxation {
            changes: merged,
            cost,
        }
    }

    /// Whether `self` makes every change of `other`, at least as large: then `self` is
    /// `other` and more, not a different way to serve the need.
    pub fn includes(&self, other: &Relaxation) -> bool {
        other
            .changes
            .iter()
            .all(|o| self.changes.iter().any(|c| c.covers(o)))
    }

    /// The providers changed, ascending, each once.
    pub fn providers(&self) -> Vec<ProviderId> {
        let mut ids: Vec<ProviderId> = self.changes.iter().map(Change::provider).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Applies every change to `scenario` (the what-if the explanation verified).
    ///
    /// # Errors
    /// [`ExplainError::UnknownProvider`] when a change names a provider the scenario lacks;
    /// the errors of a change that does not fit its provider. On error the scenario may be
    /// partly changed.
    ///
    /// # Example
    /// ```
    /// use wushe::model::{ProviderId, WorkerId};
    /// use wushe::plan::explain::{Change, Relaxation};
    /// # fn main() -> Result<(), wushe::Error> {
    /// let mut scenario = wushe::demo::scarce_worker();
    /// let before = scenario.workers[0].caseload_capacity;
    /// let relaxation = Relaxation {
    ///     changes: vec![Change::ExtraCases { provider: ProviderId::Worker(WorkerId(1)), cases: 1 }],
    ///     cost: 20,
    /// };
    /// relaxation.apply(&mut scenario)?;
    /// assert_eq!(scenario.workers[0].caseload_capacity, before + 1);
    /// # Ok(()) }
    /// ```
    pub fn apply(&self, scenario: &mut Scenario) -> crate::Result<()> {
        for change in &self.changes {
            let provider = change.provider();
            let mut entity = Entity::find(scenario, provider)
                .ok_or(ExplainError::UnknownProvider { provider })?;
            change.apply_to(&mut entity)?;
            entity.store(scenario);
        }
        Ok(())
    }
}

/// A provider's entity, owned (a changed copy).
#[derive(Debug, Clone)]
pub(crate) enum Entity {
    Worker(SocialWorker),
    Volunteer(Volunteer),
    Organization(SocialOrganization),
    Fund(CharityResource),
}

impl Entity {
    /// A copy of `provider`'s entity in `scenario` (the first with that id).
    pub(crate) fn find(scenario: &Scenario, provider: ProviderId) -> Option<Entity> {
        match provider {
            ProviderId::Worker(id) => position(&scenario.workers, |w| w.id == id)
                .map(|i| Entity::Worker(scenario.workers[i].clone())),
            ProviderId::Volunteer(id) => position(&scenario.volunteers, |v| v.id == id)
                .map(|i| Entity::Volunteer(scenario.volunteers[i].clone())),
            ProviderId::Organization(id) => position(&scenario.organizations, |o| o.id == id)
                .map(|i| Entity::Organization(scenario.organizations[i].clone())),
            ProviderId::Fund(id) => position(&scenario.funds, |f| f.id == id)
                .map(|i| Entity::Fund(scenario.funds[i].clone())),
        }
    }

    /// Writes the entity back over the first entity of its id in `scenario`.
    fn store(self, scenario: &mut Scenario) {
        match self {
            Entity::Worker(w) => {
                let id = w.id;
                replace(&mut scenario.workers, |x| x.id == id, w)
            }
            Entity::Volunteer(v) => {
                let id = v.id;
                replace(&mut scenario.volunteers, |x| x.id == id, v)
            }
            Entity::Organization(o) => {
                let id = o.id;
                replace(&mut scenario.organizations, |x| x.id == id, o)
            }
            Entity::Fund(f) => {
                let id = f.id;
                replace(&mut scenario.funds, |x| x.id == id, f)
            }
        }
    }

    /// The entity as the compile step's patch reads it.
    pub(crate) fn as_provider(&self) -> ProviderEntity<'_> {
        match self {
            Entity::Worker(w) => ProviderEntity::Worker(w),
            Entity::Volunteer(v) => ProviderEntity::Volunteer(v),
            Entity::Organization(o) => ProviderEntity::Organization(o),
            Entity::Fund(f) => ProviderEntity::Fund(f),
        }
    }
}

/// Whether a fund is a stock of goods (its balance counts units, not fen).
pub(crate) fn is_goods(fund: &CharityResource) -> bool {
    matches!(fund.kind, ResourceKind::Goods { .. })
}

fn position<T>(items: &[T], found: impl Fn(&T) -> bool) -> Option<usize> {
    items.iter().position(found)
}

/// Replaces the first item `same` accepts by `item`.
fn replace<T>(items: &mut [T], same: impl Fn(&T) -> bool, item: T) {
    if let Some(slot) = items.iter_mut().find(|x| same(x)) {
        *slot = item;
    }
}
