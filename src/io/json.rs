//! Scenario and plan JSON files: loading with size limits, header check and validation;
//! deterministic saving.
//!
//! Plans are saved and loaded by [`save_plan`] / [`load_plan`] (and their `_file` and
//! string forms) in the versioned format of [`crate::docs::plan_format`]; the rest of this page
//! is about scenarios.
//!
//! The scenario format is documented field by field in `docs/scenario-format.md`
//! ([`crate::docs::scenario_format`]). In short: one JSON
//! object with `"format": "wushe-scenario"` and `"version": 1`, every struct rejecting unknown
//! fields, ids as plain numbers, dates as `"YYYY-MM-DD"`, money in fen, distances in metres.
//!
//! Loading is defensive: at most [`Limits::max_file_bytes`] are read (a declared length is never
//! trusted), the `format` and `version` fields are checked before the full parse so that a file
//! of another version says so rather than failing on a field, and the parsed scenario is
//! validated so that a loaded scenario is always valid. The parse reads exactly the documented
//! shapes: an object given as an array, or a variant without data given as `{"name": null}`, is
//! an [`JsonError::InvalidValue`]; strings longer than [`Limits::max_string_bytes`] and nesting
//! deeper than [`Limits::max_json_depth`] are refused with their own errors before the model
//! sees them. Every message quotes input only as a short escaped [`crate::excerpt`].
//!
//! Saving writes pretty JSON (2-space indent, trailing newline). Every collection of the model
//! is a `Vec` or a `BTreeSet`, so the bytes depend only on the scenario: saving, loading and
//! saving again gives the same bytes.
//!
//! # Example
//! ```
//! use wushe::io::json::{load_scenario_from_slice, scenario_to_string};
//! use wushe::model::{Date, Location, Region, RegionId, RegionLevel, Scenario};
//! # fn main() -> Result<(), wushe::Error> {
//! let mut scenario = Scenario::new("tiny", Date::from_ymd(2026, 11, 28).expect("date"));
//! scenario.regions.push(Region {
//!     id: RegionId(1),
//!     name: "County".into(),
//!     level: RegionLevel::County,
//!     parent: None,
//!     location: Location::default(),
//!     population: 1000,
//! });
//! let text = scenario_to_string(&scenario)?;
//! assert!(text.starts_with("{\n  \"format\": \"wushe-scenario\",\n  \"version\": 3,"));
//! let loaded = load_scenario_from_slice(text.as_bytes())?;
//! assert_eq!(loaded, scenario);
//! # Ok(()) }
//! ```

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::error::Category;

use crate::error::Result;
use crate::excerpt::{excerpt, sanitize};
use crate::model::{Limits, OLDEST_SCENARIO_VERSION, SCENARIO_FORMAT, SCENARIO_VERSION, Scenario};

mod js_int;
mod plan;
mod strict;

use strict::{Config, Hit, Hits, Strict};

pub use js_int::MAX_SAFE_INTEGER;
pub use plan::{
    PLAN_FORMAT, PLAN_VERSION, load_plan, load_plan_file, load_plan_from_slice, plan_to_string,
    save_plan, save_plan_file,
};

/// Why a scenario JSON document was rejected. Positions are 1-based; a column counts bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// The bytes are not valid JSON (or end too early).
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde_json reported.
        message: String,
    },
    /// An object has a field the format does not define (every struct denies unknown fields).
    #[error("line {line}, column {column}, in `{path}`: unknown field `{field}`")]
    UnknownField {
        /// The field name found.
        field: String,
        /// Where it is: a path such as `volunteers[3]` (`.` for the top level).
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A required field is absent.
    #[error("line {line}, column {column}, in `{path}`: missing field `{field}`")]
    MissingField {
        /// The field name.
        field: String,
        /// The object it is missing from: a path such as `needs[0].window`.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Valid JSON of the wrong shape: a wrong type, an unknown enum variant, a number out of
    /// the field's range, a float where an integer is expected, a malformed date.
    #[error("line {line}, column {column}, at `{path}`: {message}")]
    InvalidValue {
        /// The offending field: a path such as `volunteers[0].weekly_minutes`.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde_json reported.
        message: String,
    },
    /// The `format` field is not the one expected (`"wushe-scenario"`, `"wushe-plan"`).
    #[error("format is \"{found}\", expected \"{expected}\"")]
    WrongFormat {
        /// The value found (an escaped excerpt of its JSON rendering).
        found: String,
        /// The format the loader reads.
        expected: &'static str,
    },
    /// The `version` field is a number but not a version this crate reads.
    #[error("unsupported version {found} (this crate reads versions up to {supported})")]
    UnsupportedVersion {
        /// The version found (an escaped excerpt of its JSON rendering).
        found: String,
        /// The version supported.
        supported: u32,
    },
    /// The `version` field is not a number (`"1"`, `null`, an object...).
    #[error(
        "`version` must be a number (this crate reads versions up to {supported}), found {found}"
    )]
    VersionNotANumber {
        /// The value found (an escaped excerpt of its JSON rendering).
        found: String,
        /// The version supported.
        supported: u32,
    },
    /// A string is longer than [`Limits::max_string_bytes`].
    #[error(
        "line {line}, column {column}, at `{path}`: string of {len} bytes exceeds the limit {limit}"
    )]
    StringTooLong {
        /// Where it is: a path such as `regions[0].name`.
        path: String,
        /// Its length, bytes.
        len: usize,
        /// The limit, bytes.
        limit: usize,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Arrays and objects nest deeper than [`Limits::max_json_depth`].
    #[error(
        "line {line}, column {column}, at `{path}`: nested deeper than the limit of {limit} levels"
    )]
    TooDeep {
        /// Where the limit was reached.
        path: String,
        /// The limit, levels.
        limit: usize,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The input is longer than [`Limits::max_file_bytes`].
    #[error("file larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit, bytes.
        limit: u64,
    },
}

impl JsonError {
    /// Classifies a serde_json error, keeping its position and naming the field where there is
    /// one.
    fn from_serde(err: &serde_json::Error, path: &str) -> JsonError {
        let (line, column) = (err.line(), err.column());
        let full = err.to_string();
        let suffix = format!(" at line {line} column {column}");
        let raw = full.strip_suffix(&suffix).unwrap_or(&full);
        let path = excerpt(path);
        let message = sanitize(raw);
        match err.classify() {
            Category::Data => {
                if let Some(field) = quoted_after(raw, "unknown field `") {
                    JsonError::UnknownField {
                        field,
                        path,
                        line,
                        column,
                    }
                } else if let Some(field) = quoted_after(raw, "missing field `") {
                    JsonError::MissingField {
                        field,
                        path,
                        line,
                        column,
                    }
                } else {
                    JsonError::InvalidValue {
                        path,
                        line,
                        column,
                        message,
                    }
                }
            }
            Category::Io | Category::Syntax | Category::Eof => JsonError::Syntax {
                line,
                column,
                message,
            },
        }
    }

    /// The named error for a limit hit recorded by the strict reader, at the position and path
    /// of the serde error it caused.
    fn from_hit(hit: Hit, err: &serde_json::Error, path: &str, cfg: &Config<'_>) -> JsonError {
        let (line, column, path) = (err.line(), err.column(), excerpt(path));
        match hit {
            Hit::StringTooLong { len } => JsonError::StringTooLong {
                path,
                len,
                limit: cfg.max_string_bytes,
                line,
                column,
            },
            Hit::TooDeep => JsonError::TooDeep {
                path,
                limit: cfg.max_depth,
                line,
                column,
            },
        }
    }
}

/// The escaped excerpt of the text between `prefix` and the next backtick, when `message`
/// starts with `prefix`.
fn quoted_after(message: &str, prefix: &str) -> Option<String> {
    let rest = message.strip_prefix(prefix)?;
    let end = rest.find('`')?;
    Some(excerpt(&rest[..end]))
}

/// The two fields checked before the full parse; any other field is skipped. A field that is
/// present (even `null`) is `Some`.
#[derive(Deserialize)]
struct Header {
    #[serde(default, deserialize_with = "present")]
    format: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    version: Option<Value>,
}

fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

/// A short escaped JSON rendering of `value` for an error message (a string without quotes).
fn short(value: &Value) -> String {
    match value {
        Value::String(s) => excerpt(s),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
        other => excerpt(&other.to_string()),
    }
}

/// The strict reader's bounds under `limits`, recording hits in `hits`.
fn config<'h>(limits: &Limits, hits: &'h Hits) -> Config<'h> {
    Config {
        max_depth: limits.max_json_depth,
        max_string_bytes: limits.max_string_bytes,
        hits,
    }
}

/// Rejects a document whose `format` or `version` is present but not `format` and one of
/// `versions`.
/// A document that does not even parse as a header (not an object, too deep, a string too
/// long...) is left to the full parse, which reports the position.
fn check_header(
    bytes: &[u8],
    format: &'static str,
    versions: &std::ops::RangeInclusive<u32>,
    limits: &Limits,
) -> Result<(), JsonError> {
    let hits = Hits::default();
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let Ok(header) = Header::deserialize(Strict::new(&mut deserializer, config(limits, &hits)))
    else {
        return Ok(());
    };
    if let Some(found) = &header.format {
        if found.as_str() != Some(format) {
            return Err(JsonError::WrongFormat {
                found: short(found),
                expected: format,
            });
        }
    }
    if let Some(found) = &header.version {
        if !found.is_number() {
            return Err(JsonError::VersionNotANumber {
                found: match found {
                    Value::String(s) => format!("the string \"{}\"", excerpt(s)),
                    other => short(other),
                },
                supported: *versions.end(),
            });
        }
        let known = found
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .is_some_and(|v| versions.contains(&v));
        if !known {
            return Err(JsonError::UnsupportedVersion {
                found: short(found),
                supported: *versions.end(),
            });
        }
    }
    Ok(())
}

/// Parses a versioned document: at most `limits.max_file_bytes` (a byte-order mark skipped),
/// header checked before anything else is interpreted, then the full parse through the strict
/// reader (documented shapes only, strings and nesting within `limits`) with the path of any
/// failing field, and nothing but whitespace after the value.
fn parse_document<T: DeserializeOwned>(
    bytes: &[u8],
    format: &'static str,
    versions: std::ops::RangeInclusive<u32>,
    limits: &Limits,
) -> Result<T, JsonError> {
    let max_bytes = limits.max_file_bytes;
    if u64::try_from(bytes.len()).map_or(true, |n| n > max_bytes) {
        return Err(JsonError::TooLarge { limit: max_bytes });
    }
    // a byte-order mark (saved by some Windows editors) is not part of the JSON text
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    check_header(bytes, format, &versions, limits)?;
    // serde_path_to_error records where in the document a type error happened, so the
    // message names the entity and field (`volunteers[0].weekly_minutes`), not only a position;
    // the strict reader under it refuses shapes and sizes the format does not allow.
    let hits = Hits::default();
    let cfg = config(limits, &hits);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value: T =
        serde_path_to_error::deserialize(Strict::new(&mut deserializer, cfg)).map_err(|e| {
            let path = e.path().to_string();
            match hits.get() {
                Some(hit) => JsonError::from_hit(hit, e.inner(), &path, &cfg),
                None => JsonError::from_serde(e.inner(), &path),
            }
        })?;
    deserializer
        .end()
        .map_err(|e| JsonError::from_serde(&e, "."))?;
    Ok(value)
}

/// Loads and validates a scenario from a reader, with the default [`Limits`].
///
/// # Errors
/// See [`load_scenario_with_limits`].
pub fn load_scenario(reader: impl Read) -> Result<Scenario> {
    load_scenario_with_limits(reader, &Limits::default())
}

/// Loads and validates a scenario from a reader, reading at most `limits.max_file_bytes + 1`
/// bytes.
///
/// # Errors
/// - [`crate::ErrorKind::Io`] when reading fails;
/// - [`crate::ErrorKind::Json`] with [`JsonError::TooLarge`] when the input is longer than
///   the limit, and otherwise as [`load_scenario_from_slice_with_limits`].
pub fn load_scenario_with_limits(reader: impl Read, limits: &Limits) -> Result<Scenario> {
    let cap = limits.max_file_bytes.saturating_add(1);
    let mut bytes = Vec::new();
    reader.take(cap).read_to_end(&mut bytes)?;
    load_scenario_from_slice_with_limits(&bytes, limits)
}

/// Loads and validates a scenario from bytes, with the default [`Limits`].
///
/// # Errors
/// See [`load_scenario_from_slice_with_limits`].
pub fn load_scenario_from_slice(bytes: &[u8]) -> Result<Scenario> {
    load_scenario_from_slice_with_limits(bytes, &Limits::default())
}

/// Loads and validates a scenario from bytes (UTF-8; a leading byte-order mark is skipped).
///
/// # Errors
/// [`crate::ErrorKind::Json`] with
/// - [`JsonError::TooLarge`] when `bytes` is longer than `limits.max_file_bytes`;
/// - [`JsonError::WrongFormat`] / [`JsonError::UnsupportedVersion`] /
///   [`JsonError::VersionNotANumber`] when the header fields are not this format and version
///   (checked before anything else is interpreted);
/// - [`JsonError::StringTooLong`] / [`JsonError::TooDeep`] when a string or the nesting is
///   above its limit;
/// - [`JsonError::Syntax`], [`JsonError::UnknownField`], [`JsonError::MissingField`] or
///   [`JsonError::InvalidValue`], with line and column, when the document does not parse;
///
/// and [`crate::ErrorKind::Validation`] listing every problem when the parsed scenario is
/// invalid.
pub fn load_scenario_from_slice_with_limits(bytes: &[u8], limits: &Limits) -> Result<Scenario> {
    let versions = OLDEST_SCENARIO_VERSION..=SCENARIO_VERSION;
    let scenario: Scenario = parse_document(bytes, SCENARIO_FORMAT, versions, limits)?;
    scenario.validate_with(limits)?;
    Ok(scenario)
}

/// Loads and validates a scenario file, with the default [`Limits`].
///
/// # Errors
/// See [`load_scenario_file_with_limits`].
pub fn load_scenario_file(path: impl AsRef<Path>) -> Result<Scenario> {
    load_scenario_file_with_limits(path, &Limits::default())
}

/// Loads and validates a scenario file.
///
/// # Errors
/// [`crate::ErrorKind::File`] naming the path when the file cannot be opened or read;
/// otherwise as [`load_scenario_from_slice_with_limits`].
pub fn load_scenario_file_with_limits(path: impl AsRef<Path>, limits: &Limits) -> Result<Scenario> {
    let bytes = read_file(path.as_ref(), limits)?;
    load_scenario_from_slice_with_limits(&bytes, limits)
}

/// At most `limits.max_file_bytes + 1` bytes of the file at `path`; failures name the path.
fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>> {
    let read = || -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        File::open(path)?
            .take(limits.max_file_bytes.saturating_add(1))
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    };
    read().map_err(|e| crate::Error::from(e).in_file(path))
}

/// Creates or truncates the file at `path` and streams `write` into it; failures name the path.
fn write_file(path: &Path, write: impl FnOnce(&mut BufWriter<File>) -> Result<()>) -> Result<()> {
    let file = File::create(path).map_err(|e| crate::Error::from(e).in_file(path))?;
    write(&mut BufWriter::new(file)).map_err(|e| e.in_file(path))
}

/// Writes `scenario` as pretty JSON (2-space indent, trailing newline), streaming to `writer`.
/// The scenario is written as it is, valid or not.
///
/// # Errors
/// [`crate::ErrorKind::Io`] when writing fails.
pub fn save_scenario(scenario: &Scenario, writer: impl Write) -> Result<()> {
    write_pretty(scenario, writer)
}

/// Pretty JSON (2-space indent) and a trailing newline, flushed.
fn write_pretty(value: &impl Serialize, mut writer: impl Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut writer, value).map_err(std::io::Error::from)?;
    writer.write_all(b"\n")?;
    writer.flush()?;
    Ok(())
}

/// Writes `scenario` to a file (created or truncated), as [`save_scenario`].
///
/// # Errors
/// [`crate::ErrorKind::File`] naming the path when the file cannot be created or written.
pub fn save_scenario_file(scenario: &Scenario, path: impl AsRef<Path>) -> Result<()> {
    write_file(path.as_ref(), |w| save_scenario(scenario, w))
}

/// The pretty JSON text of `scenario` (2-space indent, trailing newline): the bytes
/// [`save_scenario`] writes.
///
/// # Errors
/// None in practice: every type of the model serializes and a `Vec` cannot fail to grow; a
/// serde_json failure would be reported as [`crate::ErrorKind::Io`].
pub fn scenario_to_string(scenario: &Scenario) -> Result<String> {
    pretty_string(scenario)
}

/// The bytes of [`write_pretty`] as a string.
fn pretty_string(value: &impl Serialize) -> Result<String> {
    let mut bytes = Vec::new();
    write_pretty(value, &mut bytes)?;
    // serde_json writes only UTF-8
    String::from_utf8(bytes)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e).into())
}
