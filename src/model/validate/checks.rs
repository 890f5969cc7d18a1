//! The individual validation checks.
//!
//! [`collect_issues`] runs them in a fixed order — scenario header and sizes, then regions,
//! roads, organizations, workers, volunteers, funds, residents and needs, each in input order
//! and field by field — so the same scenario always gives the same report.
//!
//! Sizes are checked first: when any entity count is above its limit, only the header and size
//! issues are reported and no per-entity work is done, so hostile input cannot make validation
//! slow. Every other check is linear in the size of the scenario (hash lookups; the hierarchy
//! cycle search visits each region once).

mod needs;
mod ongoing;
mod parties;
mod regions;

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use super::{EntityRef, IssueKind, ValidationIssue};
use crate::model::ids::{OrganizationId, RegionId, ResidentId, VolunteerId, WorkerId};
use crate::model::limits::Limits;
use crate::model::region::{Region, RegionLevel};
use crate::model::scenario::{
    OLDEST_SCENARIO_VERSION, SCENARIO_FORMAT, SCENARIO_VERSION, Scenario,
};

/// Minutes in a week: the most a volunteer can give or a role can ask for.
pub(super) const MINUTES_PER_WEEK: i64 = 7 * 24 * 60;

/// Runs every check and returns the problems found.
pub(super) fn collect_issues(scenario: &Scenario, limits: &Limits) -> Vec<ValidationIssue> {
    let mut header = Vec::new();
    check_header(scenario, limits, &mut header);
    if !check_counts(scenario, limits, &mut header) {
        return header;
    }
    let mut ctx = Ctx::new(scenario, limits);
    ctx.issues = header;
    ctx.check_regions();
    ctx.check_roads();
    ctx.check_organizations();
    ctx.check_workers();
    ctx.check_volunteers();
    ctx.check_funds();
    ctx.check_residents();
    ctx.check_needs();
    ctx.check_ongoing();
    ctx.issues
}

fn scenario_issue(field: &str, kind: IssueKind) -> ValidationIssue {
    ValidationIssue {
        entity: EntityRef::Scenario,
        field: field.to_owned(),
        kind,
    }
}

fn check_header(scenario: &Scenario, limits: &Limits, issues: &mut Vec<ValidationIssue>) {
    if scenario.format != SCENARIO_FORMAT {
        let found = crate::excerpt::excerpt(&scenario.format);
        issues.push(scenario_issue("format", IssueKind::WrongFormat { found }));
    }
    if !(OLDEST_SCENARIO_VERSION..=SCENARIO_VERSION).contains(&scenario.version) {
        let kind = IssueKind::UnsupportedVersion {
            found: scenario.version,
            supported: SCENARIO_VERSION,
        };
        issues.push(scenario_issue("version", kind));
    }
    if scenario.version < 2 && !scenario.ongoing.is_empty() {
        let kind = IssueKind::Inconsistent {
            with: "version".into(),
        };
        issues.push(scenario_issue("ongoing", kind));
    }
    let supervision = scenario
        .workers
        .iter()
        .any(|w| w.mentor.is_some() || w.supervision_capacity > 0 || w.supervising > 0)
        || scenario.ongoing.iter().any(|o| o.supervisor.is_some());
    if scenario.version < 3 && supervision {
        let kind = IssueKind::Inconsistent {
            with: "version".into(),
        };
        issues.push(scenario_issue("workers", kind));
    }
    if scenario.name.len() > limits.max_name_bytes {
        let kind = IssueKind::TooLong {
            len: scenario.name.len(),
            limit: limits.max_name_bytes,
        };
        issues.push(scenario_issue("name", kind));
    }
}

/// Checks entity counts; returns `false` when any is above its limit.
fn check_counts(scenario: &Scenario, limits: &Limits, issues: &mut Vec<ValidationIssue>) -> bool {
    let counts = [
        ("regions", scenario.regions.len(), limits.max_regions),
        ("roads", scenario.roads.len(), limits.max_roads),
        (
            "organizations",
            scenario.organizations.len(),
            limits.max_parties,
        ),
        ("workers", scenario.workers.len(), limits.max_parties),
        ("volunteers", scenario.volunteers.len(), limits.max_parties),
        ("funds", scenario.funds.len(), limits.max_parties),
        ("residents", scenario.residents.len(), limits.max_residents),
        ("needs", scenario.needs.len(), limits.max_needs),
        ("ongoing", scenario.ongoing.len(), max_ongoing(limits)),
    ];
    let mut ok = true;
    for (field, count, limit) in counts {
        if count > limit {
            issues.push(scenario_issue(field, IssueKind::TooMany { count, limit }));
            ok = false;
        }
    }
    ok
}

/// The most ongoing assignments: one per person place or gift of every need at the limits.
fn max_ongoing(limits: &Limits) -> usize {
    let per_role = (limits.max_volunteers_per_role as usize).max(1);
    limits
        .max_needs
        .saturating_mul(limits.max_roles_per_team.max(1))
        .saturating_mul(per_role)
}

/// For each position, whether an earlier item has the same key.
pub(super) fn repeated<K: Eq + Hash>(keys: impl Iterator<Item = K>) -> Vec<bool> {
    let mut seen = HashSet::new();
    keys.map(|k| !seen.insert(k)).collect()
}

/// Shared state of one validation run: id lookups and the issues found so far.
pub(super) struct Ctx<'a> {
    pub(super) scenario: &'a Scenario,
    pub(super) limits: &'a Limits,
    /// Region by id; the first of several with one id wins.
    pub(super) regions: HashMap<RegionId, &'a Region>,
    pub(super) organizations: HashSet<OrganizationId>,
    pub(super) workers: HashSet<WorkerId>,
    pub(super) volunteers: HashSet<VolunteerId>,
    pub(super) residents: HashSet<ResidentId>,
    pub(super) issues: Vec<ValidationIssue>,
}

impl<'a> Ctx<'a> {
    fn new(scenario: &'a Scenario, limits: &'a Limits) -> Self {
        let mut regions = HashMap::with_capacity(scenario.regions.len());
        for r in &scenario.regions {
            regions.entry(r.id).or_insert(r);
        }
        Ctx {
            scenario,
            limits,
            regions,
            organizations: scenario.organizations.iter().map(|o| o.id).collect(),
            workers: scenario.workers.iter().map(|w| w.id).collect(),
            volunteers: scenario.volunteers.iter().map(|v| v.id).collect(),
            residents: scenario.residents.iter().map(|r| r.id).collect(),
            issues: Vec::new(),
        }
    }

    /// Records an issue.
    pub(super) fn push(&mut self, entity: EntityRef, field: impl Into<String>, kind: IssueKind) {
        self.issues.push(ValidationIssue {
            entity,
            field: field.into(),
            kind,
        });
    }

    /// Records a duplicate-id issue when `duplicate`.
    pub(super) fn duplicate(&mut self, entity: EntityRef, duplicate: bool) {
        if duplicate {
            self.push(entity, "id", IssueKind::DuplicateId);
        }
    }

    /// Checks a name's length.
    pub(super) fn name(&mut self, entity: EntityRef, name: &str) {
        if name.len() > self.limits.max_name_bytes {
            let kind = IssueKind::TooLong {
                len: name.len(),
                limit: self.limits.max_name_bytes,
            };
            self.push(entity, "name", kind);
        }
    }

    /// Checks a set's size; returns whether it is within the limit (so its elements may be
    /// examined).
    pub(super) fn set_len(&mut self, entity: EntityRef, field: &str, len: usize) -> bool {
        let limit = self.limits.max_set_len;
        if len > limit {
            self.push(entity, field, IssueKind::TooMany { count: len, limit });
            false
        } else {
            true
        }
    }

    /// Checks `min <= value <= max`.
    pub(super) fn range(&mut self, entity: EntityRef, field: &str, value: i64, min: i64, max: i64) {
        if value < min || value > max {
            self.push(entity, field, IssueKind::OutOfRange { value, min, max });
        }
    }

    /// Checks `load <= capacity`.
    pub(super) fn load(&mut self, entity: EntityRef, field: &str, load: u32, capacity: u32) {
        if load > capacity {
            let kind = IssueKind::LoadAboveCapacity {
                load: u64::from(load),
                capacity: u64::from(capacity),
            };
            self.push(entity, field, kind);
        }
    }

    /// Checks that `region` exists and, when `accepted` is not empty, has one of those levels
    /// (`expected` names them for the report).
    pub(super) fn region_ref(
        &mut self,
        entity: EntityRef,
        field: &str,
        region: RegionId,
        accepted: &[RegionLevel],
        expected: &str,
    ) {
        match self.regions.get(&region) {
            None => {
                let target = EntityRef::Region(region);
                self.push(entity, field, IssueKind::DanglingReference { target });
            }
            Some(r) if !accepted.is_empty() && !accepted.contains(&r.level) => {
                let kind = IssueKind::WrongLevel {
                    region,
                    expected: expected.to_owned(),
                };
                self.push(entity, field, kind);
            }
            Some(_) => {}
        }
    }

    /// Checks that `target` exists, given whether it does.
    pub(super) fn exists(
        &mut self,
        entity: EntityRef,
        field: &str,
        found: bool,
        target: EntityRef,
    ) {
        if !found {
            self.push(entity, field, IssueKind::DanglingReference { target });
        }
    }
}
