//! The tables of a scenario folder: file, columns with their JSON paths and shapes, and the
//! type each row is checked against (so a bad word is reported at its line and column).

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::cells;
use crate::model::{
    CharityResource, Need, OngoingAssignment, Region, Resident, Road, SocialOrganization,
    SocialWorker, Volunteer,
};

/// How a cell is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Int,
    OptInt,
    /// A count that is 0 when the cell is empty.
    Count,
    Text,
    Word,
    OptWord,
    Date,
    OptDate,
    Bool,
    OptBool,
    IntSet,
    WordSet,
    Vetting,
    Vulnerabilities,
    Resource,
    OptResource,
    Provider,
}

/// A column: header name, dotted JSON path, shape.
pub(super) struct Column {
    pub name: &'static str,
    pub path: &'static str,
    pub shape: Shape,
}

/// Fixed value of a path in every row (a region table's level).
pub(super) type Fixed = (&'static str, fn() -> Value);

/// A row check: the column at fault and why.
pub(super) type Check = fn(&Value) -> Result<(), (&'static str, String)>;

/// One table.
pub(super) struct Table {
    pub file: &'static str,
    /// Key of the scenario JSON it fills.
    pub key: &'static str,
    /// May be absent from the folder.
    pub optional: bool,
    pub columns: &'static [Column],
    pub fixed: &'static [Fixed],
    pub check: Option<Check>,
}

macro_rules! columns {
    ($($name:literal $(@ $path:literal)? => $shape:ident),* $(,)?) => {
        &[$(Column { name: $name, path: columns!(@path $name $(, $path)?), shape: Shape::$shape }),*]
    };
    (@path $name:literal) => { $name };
    (@path $name:literal, $path:literal) => { $path };
}

/// Deserializes a row as `T`; an error names the column whose path it is under.
fn check_as<T: DeserializeOwned>(
    row: &Value,
    columns: &'static [Column],
) -> Result<(), (&'static str, String)> {
    match serde_path_to_error::deserialize::<_, T>(row.clone()) {
        Ok(_) => Ok(()),
        Err(e) => {
            let path = e.path().to_string();
            let column = columns
                .iter()
                .filter(|c| {
                    path == c.path
                        || path.starts_with(&format!("{}.", c.path))
                        || path.starts_with(&format!("{}[", c.path))
                })
                .max_by_key(|c| c.path.len())
                .map_or("", |c| c.name);
            Err((column, crate::excerpt::excerpt(&e.inner().to_string())))
        }
    }
}

const REGION: &[Column] = columns![
    "id" => Int, "name" => Text, "parent" => OptInt, "x_m" @ "location.x_m" => Int,
    "y_m" @ "location.y_m" => Int, "population" => Int,
];
const COUNTY: &[Column] = columns![
    "id" => Int, "name" => Text, "x_m" @ "location.x_m" => Int, "y_m" @ "location.y_m" => Int,
    "population" => Int,
];
const ORGANIZATION: &[Column] = columns![
    "id" => Int, "name" => Text, "categories" => WordSet, "case_capacity" => Int,
    "active_cases" => Int, "serves" => IntSet, "services" => WordSet,
];
const WORKER: &[Column] = columns![
    "id" => Int, "station" => Int, "licence" => Word, "specialties" => WordSet,
    "caseload_capacity" => Int, "current_load" => Int, "travel_radius_m" => Int,
    "vetting" => Vetting, "mentor" => OptInt, "supervision_capacity" => Count,
    "supervising" => Count,
];

/// Columns added after their table was first defined: a header may leave them out, and
/// every cell of the column is then empty (none, or 0 for a count).
pub(super) const LATE_COLUMNS: &[&str] = &[
    "mentor",
    "supervision_capacity",
    "supervising",
    "supervisor",
];
const VOLUNTEER: &[Column] = columns![
    "id" => Int, "community" => Int, "age" => Int, "skills" => WordSet,
    "availability" => WordSet, "weekly_minutes" => Int, "committed_minutes" => Int,
    "vetting" => Vetting, "insured_until" => OptDate, "travel_radius_m" => Int,
    "organizations" => IntSet,
];
const FUND: &[Column] = columns![
    "id" => Int, "name" => Text, "kind" => Resource, "remaining" => Int,
    "earmark_categories" @ "earmark.categories" => WordSet,
    "earmark_regions" @ "earmark.regions" => IntSet,
    "earmark_groups" @ "earmark.groups" => WordSet, "valid_from" => Date,
    "valid_until" => Date, "administered_by" => Int, "related_parties" => IntSet,
];
const RESIDENT: &[Column] = columns![
    "id" => Int, "community" => Int, "minor" => Bool, "vulnerabilities" => Vulnerabilities,
    "prior_workers" => IntSet, "prior_volunteers" => IntSet,
];
const NEED: &[Column] = columns![
    "id" => Int, "resident" => Int, "category" => Word, "also" => WordSet, "risk" => Word,
    "start" @ "window.start" => Date, "end" @ "window.end" => Date, "slots" => WordSet,
    "rule" @ "team.rule" => Word,
];
const ROLE: &[Column] = columns![
    "need" => Int, "role" => Int, "kind" => Word, "optional" => Bool,
    "min_licence" => OptWord, "count" => OptInt, "skills" => WordSet,
    "weekly_minutes" => OptInt, "risky" => OptBool, "min_age" => OptInt,
    "resource" => OptResource, "amount" => OptInt, "service" => OptWord,
];
const ONGOING: &[Column] = columns![
    "need" => Int, "role" => Int, "provider" => Provider, "amount" => Int, "since" => Date,
    "supervisor" => OptInt,
];
const SCENARIO: &[Column] = columns!["name" => Text, "as_of" => Date];

fn level(word: &'static str) -> Value {
    Value::from(word)
}

/// Every table, in reading order (needs before roles).
pub(super) const TABLES: &[Table] = &[
    Table {
        file: "scenario.csv",
        key: "",
        optional: false,
        columns: SCENARIO,
        fixed: &[],
        check: None,
    },
    Table {
        file: "counties.csv",
        key: "regions",
        optional: true,
        columns: COUNTY,
        fixed: &[("level", || level("county")), ("parent", || Value::Null)],
        check: Some(|r| check_as::<Region>(r, COUNTY)),
    },
    Table {
        file: "stations.csv",
        key: "regions",
        optional: false,
        columns: REGION,
        fixed: &[("level", || level("township"))],
        check: Some(|r| check_as::<Region>(r, REGION)),
    },
    Table {
        file: "communities.csv",
        key: "regions",
        optional: false,
        columns: REGION,
        fixed: &[("level", || level("community"))],
        check: Some(|r| check_as::<Region>(r, REGION)),
    },
    Table {
        file: "roads.csv",
        key: "roads",
        optional: true,
        columns: columns!["a" => Int, "b" => Int, "distance_m" => Int],
        fixed: &[],
        check: Some(|r| check_as::<Road>(r, columns!["a" => Int, "b" => Int, "distance_m" => Int])),
    },
    Table {
        file: "organizations.csv",
        key: "organizations",
        optional: false,
        columns: ORGANIZATION,
        fixed: &[],
        check: Some(|r| check_as::<SocialOrganization>(r, ORGANIZATION)),
    },
    Table {
        file: "workers.csv",
        key: "workers",
        optional: false,
        columns: WORKER,
        fixed: &[],
        check: Some(|r| check_as::<SocialWorker>(r, WORKER)),
    },
    Table {
        file: "volunteers.csv",
        key: "volunteers",
        optional: false,
        columns: VOLUNTEER,
        fixed: &[],
        check: Some(|r| check_as::<Volunteer>(r, VOLUNTEER)),
    },
    Table {
        file: "funds.csv",
        key: "funds",
        optional: false,
        columns: FUND,
        fixed: &[],
        check: Some(|r| check_as::<CharityResource>(r, FUND)),
    },
    Table {
        file: "residents.csv",
        key: "residents",
        optional: false,
        columns: RESIDENT,
        fixed: &[],
        check: Some(|r| check_as::<Resident>(r, RESIDENT)),
    },
    Table {
        file: "needs.csv",
        key: "needs",
        optional: false,
        columns: NEED,
        fixed: &[("team.roles", || Value::Array(Vec::new()))],
        check: Some(|r| check_as::<Need>(r, NEED)),
    },
    Table {
        file: "roles.csv",
        key: "",
        optional: false,
        columns: ROLE,
        fixed: &[],
        check: None,
    },
    Table {
        file: "ongoing.csv",
        key: "ongoing",
        optional: true,
        columns: ONGOING,
        fixed: &[],
        check: Some(|r| check_as::<OngoingAssignment>(r, ONGOING)),
    },
];

/// The rows of `table` in a scenario's JSON (for writing).
pub(super) fn rows_of(doc: &Value, table: &Table) -> Vec<Value> {
    let list = |key: &str| {
        doc.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let regions = |level: &str| -> Vec<Value> {
        list("regions")
            .into_iter()
            .filter(|r| r.get("level").and_then(Value::as_str) == Some(level))
            .collect()
    };
    match table.file {
        "scenario.csv" => vec![doc.clone()],
        "counties.csv" => regions("county"),
        "stations.csv" => regions("township"),
        "communities.csv" => regions("community"),
        "roles.csv" => list("needs").iter().flat_map(cells::role_rows).collect(),
        _ => list(table.key),
    }
}
