//! Scenarios as a folder of CSV tables (feature `csv`), for researchers whose data live in
//! spreadsheets.
//!
//! | file | one row per | columns |
//! |---|---|---|
//! | `scenario.csv` | (one row) | `name, as_of` |
//! | `counties.csv` | county | `id, name, x_m, y_m, population` |
//! | `stations.csv` | township (its social-work station) | `id, name, parent, x_m, y_m, population` |
//! | `communities.csv` | community | `id, name, parent, x_m, y_m, population` |
//! | `roads.csv` | road | `a, b, distance_m` |
//! | `organizations.csv` | social organization | `id, name, categories, case_capacity, active_cases, serves, services` |
//! | `workers.csv` | social worker | `id, station, licence, specialties, caseload_capacity, current_load, travel_radius_m, vetting, mentor, supervision_capacity, supervising` |
//! | `volunteers.csv` | volunteer | `id, community, age, skills, availability, weekly_minutes, committed_minutes, vetting, insured_until, travel_radius_m, organizations` |
//! | `funds.csv` | charity resource | `id, name, kind, remaining, earmark_categories, earmark_regions, earmark_groups, valid_from, valid_until, administered_by, related_parties` |
//! | `residents.csv` | resident | `id, community, minor, vulnerabilities, prior_workers, prior_volunteers` |
//! | `needs.csv` | need | `id, resident, category, also, risk, start, end, slots, rule` |
//! | `roles.csv` | role of a need's team | `need, role, kind, optional, min_licence, count, skills, weekly_minutes, risky, min_age, resource, amount, service` |
//! | `ongoing.csv` | pairing already in place | `need, role, provider, amount, since, supervisor` |
//!
//! Every table has a header line naming its columns (any order; all listed columns present,
//! except the supervision columns `mentor`, `supervision_capacity`, `supervising` and
//! `supervisor`, added later: a header without them reads as no mentor, 0 places, no
//! supervisor).
//! Values are the words of the JSON format (`docs/scenario-format.md`); sets are separated by
//! `;` (`companionship;first_aid`), empty for none; an empty optional date or number is
//! absent. Compound values: a vetting is `passed:YYYY-MM-DD`, `unknown`, `pending` or
//! `failed`; a vulnerability `elderly_in_difficulty:<ability>`, `child_in_difficulty:<cause>`,
//! `disabled:<grade>` or a plain word; a resource `money` or `goods:<item>`; a provider
//! `worker:<id>`, `volunteer:<id>`, `organization:<id>` or `fund:<id>`. A role's `kind`
//! is `lead_worker` (uses `min_licence`), `volunteers` (`count, skills, weekly_minutes,
//! risky, min_age`), `organization`, `service` (`service`) or `material` (`resource,
//! amount`); the other columns
//! stay empty. Roles are listed by need and numbered from 0 in team order.
//!
//! Every error names the file, the line and the column ([`crate::io::CsvError`]).
//!
//! ```
//! # fn main() -> Result<(), wushe::Error> {
//! let scenario = wushe::demo::left_behind_child();
//! let dir = std::env::temp_dir().join(format!("wushe-csv-doc-{}", std::process::id()));
//! wushe::io::csv::save_scenario_dir(&scenario, &dir)?;
//! let back = wushe::io::csv::load_scenario_dir(&dir)?;
//! assert_eq!(back, scenario);
//! # std::fs::remove_dir_all(&dir).ok();
//! # Ok(()) }
//! ```

mod cells;
mod tables;

use std::path::Path;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::io::CsvError;
use crate::model::Scenario;

use tables::{TABLES, Table};

/// Loads a scenario from the CSV tables in `dir`; `roads.csv`, `counties.csv` and
/// `ongoing.csv` may be missing (no roads; no county region; no case running). The scenario is not validated here (matching and
/// [`Scenario::validate`] do).
///
/// # Errors
/// [`crate::ErrorKind::Csv`] naming the file, line and column of the first problem;
/// [`crate::ErrorKind::File`] when a required file cannot be opened.
pub fn load_scenario_dir(dir: impl AsRef<Path>) -> Result<Scenario> {
    let dir = dir.as_ref();
    let mut doc = Map::new();
    doc.insert("format".into(), Value::from(crate::model::SCENARIO_FORMAT));
    doc.insert(
        "version".into(),
        Value::from(crate::model::SCENARIO_VERSION),
    );
    let mut regions = Vec::new();
    let mut needs: Vec<Value> = Vec::new();
    let mut roles: Vec<(u64, Value, u64, String, u64)> = Vec::new();
    for table in TABLES {
        let path = dir.join(table.file);
        if table.optional && !path.exists() {
            continue;
        }
        let rows = read_table(&path, table)?;
        match table.file {
            "scenario.csv" => {
                let (line, row) = rows.into_iter().next().ok_or_else(|| CsvError {
                    file: table.file.to_owned(),
                    line: 0,
                    column: String::new(),
                    message: "needs one row".to_owned(),
                })?;
                let _ = line;
                if let Value::Object(map) = row {
                    doc.extend(map);
                }
            }
            "counties.csv" | "stations.csv" | "communities.csv" => {
                regions.extend(rows.into_iter().map(|(_, r)| r));
            }
            "needs.csv" => needs.extend(rows.into_iter().map(|(_, r)| r)),
            "roles.csv" => {
                for (line, row) in rows {
                    let need = row.get("need").and_then(Value::as_u64).unwrap_or(0);
                    let index = row.get("role").and_then(Value::as_u64).unwrap_or(0);
                    let role = cells::role_value(&row).map_err(|(column, message)| CsvError {
                        file: table.file.to_owned(),
                        line,
                        column,
                        message,
                    })?;
                    roles.push((need, role, index, table.file.to_owned(), line));
                }
            }
            _ => {
                doc.insert(
                    table.key.to_owned(),
                    Value::Array(rows.into_iter().map(|(_, r)| r).collect()),
                );
            }
        }
    }
    attach_roles(&mut needs, roles)?;
    doc.insert("regions".into(), Value::Array(regions));
    doc.insert("needs".into(), Value::Array(needs));
    serde_json::from_value::<Scenario>(Value::Object(doc)).map_err(|e| {
        Error::from(CsvError {
            file: dir.display().to_string(),
            line: 0,
            column: String::new(),
            message: crate::excerpt::excerpt(&e.to_string()),
        })
    })
}

/// Puts each role into its need's team, checking that every need's roles are numbered
/// 0, 1, 2... and that every role's need exists.
fn attach_roles(needs: &mut [Value], roles: Vec<(u64, Value, u64, String, u64)>) -> Result<()> {
    let mut position = std::collections::BTreeMap::new();
    for (k, need) in needs.iter().enumerate() {
        if let Some(id) = need.get("id").and_then(Value::as_u64) {
            position.entry(id).or_insert(k);
        }
    }
    for (need, role, index, file, line) in roles {
        let bad = |column: &str, message: String| CsvError {
            file: file.clone(),
            line,
            column: column.to_owned(),
            message,
        };
        let k = *position
            .get(&need)
            .ok_or_else(|| bad("need", format!("no need {need} in needs.csv")))?;
        let list = needs
            .get_mut(k)
            .and_then(|n| n.get_mut("team"))
            .and_then(|t| t.get_mut("roles"))
            .and_then(Value::as_array_mut)
            .ok_or_else(|| bad("need", "need has no team".to_owned()))?;
        if index != list.len() as u64 {
            return Err(bad(
                "role",
                format!(
                    "role {index} of need {need} out of order (expected {})",
                    list.len()
                ),
            )
            .into());
        }
        list.push(role);
    }
    Ok(())
}

/// Reads one table into JSON rows (with their 1-based line numbers).
fn read_table(path: &Path, table: &Table) -> Result<Vec<(u64, Value)>> {
    let file = std::fs::File::open(path).map_err(|e| Error::from(e).in_file(path))?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(file);
    let err = |line: u64, column: &str, message: String| {
        Error::from(CsvError {
            file: table.file.to_owned(),
            line,
            column: column.to_owned(),
            message,
        })
    };
    let headers = reader
        .headers()
        .map_err(|e| err(1, "", crate::excerpt::excerpt(&e.to_string())))?
        .clone();
    let mut index = Vec::with_capacity(table.columns.len());
    for column in table.columns {
        let k = headers.iter().position(|h| h == column.name);
        if k.is_none() && !tables::LATE_COLUMNS.contains(&column.name) {
            return Err(err(1, column.name, "missing column".to_owned()));
        }
        index.push(k);
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            err(line, "", crate::excerpt::excerpt(&e.to_string()))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let mut row = Map::new();
        for (column, &k) in table.columns.iter().zip(&index) {
            let text = k.and_then(|k| record.get(k)).unwrap_or("");
            let value = cells::parse(text, column.shape)
                .map_err(|message| err(line, column.name, message))?;
            cells::insert(&mut row, column.path, value);
        }
        for (path, value) in table.fixed {
            cells::insert(&mut row, path, value());
        }
        let row = Value::Object(row);
        if let Some(check) = table.check {
            check(&row).map_err(|(column, message)| err(line, column, message))?;
        }
        rows.push((line, row));
    }
    Ok(rows)
}

/// Writes `scenario` as CSV tables into `dir` (created if needed); [`load_scenario_dir`]
/// reads them back to an equal scenario.
///
/// # Errors
/// [`crate::ErrorKind::File`] naming a file that could not be written.
pub fn save_scenario_dir(scenario: &Scenario, dir: impl AsRef<Path>) -> Result<()> {
    let dir = dir.as_ref();
    std::fs::create_dir_all(dir).map_err(|e| Error::from(e).in_file(dir))?;
    let doc = serde_json::to_value(scenario).map_err(|e| Error::from(std::io::Error::other(e)))?;
    for table in TABLES {
        let rows = tables::rows_of(&doc, table);
        let path = dir.join(table.file);
        let mut writer = csv::Writer::from_path(&path)
            .map_err(|e| Error::from(std::io::Error::other(e)).in_file(&path))?;
        let io = |e: csv::Error| Error::from(std::io::Error::other(e)).in_file(&path);
        writer
            .write_record(table.columns.iter().map(|c| c.name))
            .map_err(io)?;
        for row in rows {
            let cells: Vec<String> = table
                .columns
                .iter()
                .map(|c| cells::format(cells::lookup(&row, c.path), c.shape))
                .collect();
            writer.write_record(&cells).map_err(io)?;
        }
        writer.flush().map_err(|e| Error::from(e).in_file(&path))?;
    }
    Ok(())
}
