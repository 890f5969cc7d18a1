//! One cell: text to a JSON value and back, by the column's shape; nested paths; roles.

use serde_json::{Map, Value, json};

use super::tables::Shape;
use crate::excerpt::excerpt;

/// The field holding a vulnerability's value, by vulnerability word.
const VULNERABILITY_FIELDS: [(&str, &str); 3] = [
    ("elderly_in_difficulty", "ability"),
    ("child_in_difficulty", "cause"),
    ("disabled", "grade"),
];

fn int(text: &str) -> Result<Value, String> {
    text.parse::<i64>()
        .map(Value::from)
        .map_err(|_| format!("\"{}\" is not a whole number", excerpt(text)))
}

fn word_or_int(text: &str) -> Value {
    text.parse::<i64>()
        .map_or_else(|_| Value::from(text), Value::from)
}

/// Parses a cell by shape (the words themselves are checked when the row is deserialized).
pub(super) fn parse(text: &str, shape: Shape) -> Result<Value, String> {
    let optional = |f: fn(&str) -> Result<Value, String>| {
        if text.is_empty() {
            Ok(Value::Null)
        } else {
            f(text)
        }
    };
    let set = |item: fn(&str) -> Result<Value, String>| -> Result<Value, String> {
        text.split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(item)
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array)
    };
    match shape {
        Shape::Int => int(text),
        Shape::OptInt => optional(int),
        Shape::Count if text.is_empty() => Ok(Value::from(0)),
        Shape::Count => int(text),
        Shape::Text | Shape::Word | Shape::Date => Ok(Value::from(text)),
        Shape::OptWord | Shape::OptDate => optional(|t| Ok(Value::from(t))),
        Shape::Bool => bool_value(text),
        Shape::OptBool => optional(bool_value),
        Shape::IntSet => set(int),
        Shape::WordSet => set(|t| Ok(Value::from(t))),
        Shape::Vetting => Ok(match text.split_once(':') {
            Some((word, date)) => json!({ word: { "expires": date } }),
            None => Value::from(text),
        }),
        Shape::Vulnerabilities => set(|t| {
            Ok(match t.split_once(':') {
                Some((word, value)) => {
                    let field = VULNERABILITY_FIELDS
                        .iter()
                        .find(|(w, _)| *w == word)
                        .map_or("value", |(_, f)| f);
                    json!({ word: { field: word_or_int(value) } })
                }
                None => Value::from(t),
            })
        }),
        Shape::Provider => match text.split_once(':') {
            Some((word, id)) => Ok(json!({ word: int(id)? })),
            None => Err(format!(
                "\"{}\" is not worker:ID, volunteer:ID, organization:ID or fund:ID",
                excerpt(text)
            )),
        },
        Shape::Resource => resource(text),
        Shape::OptResource => optional(resource),
    }
}

fn bool_value(text: &str) -> Result<Value, String> {
    match text {
        "true" => Ok(Value::Bool(true)),
        "false" => Ok(Value::Bool(false)),
        _ => Err(format!("\"{}\" is not true or false", excerpt(text))),
    }
}

fn resource(text: &str) -> Result<Value, String> {
    Ok(match text.split_once(':') {
        Some((word, item)) => json!({ word: { "item": item } }),
        None => Value::from(text),
    })
}

/// Formats a JSON value as a cell by shape (the inverse of [`parse`]).
pub(super) fn format(value: Option<&Value>, shape: Shape) -> String {
    let Some(value) = value else {
        return String::new();
    };
    match shape {
        Shape::IntSet | Shape::WordSet | Shape::Vulnerabilities => value
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|v| tagged(v, shape))
                    .collect::<Vec<_>>()
                    .join(";")
            })
            .unwrap_or_default(),
        _ => tagged(value, shape),
    }
}

/// A scalar or a one-key object `{word: {field: value}}` as `word` or `word:value`.
fn tagged(value: &Value, shape: Shape) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Object(map) if !matches!(shape, Shape::Text) => map
            .iter()
            .next()
            .map(|(word, inner)| {
                let inner = match inner {
                    Value::Object(m) => m.values().next(),
                    Value::Null => None,
                    scalar => Some(scalar),
                };
                match inner {
                    Some(v) => format!("{word}:{}", tagged(v, Shape::Word)),
                    None => word.clone(),
                }
            })
            .unwrap_or_default(),
        other => other.to_string(),
    }
}

/// Sets `path` (dotted) in `row`, creating the objects on the way.
pub(super) fn insert(row: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            row.insert(path.to_owned(), value);
        }
        Some((head, rest)) => {
            let inner = row
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(map) = inner {
                insert(map, rest, value);
            }
        }
    }
}

/// The value at `path` (dotted) in `row`.
pub(super) fn lookup<'v>(row: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(row, |v, key| v.get(key))
}

/// The role of a `roles.csv` row, or the column at fault and why.
pub(super) fn role_value(row: &Value) -> Result<Value, (String, String)> {
    let get = |k: &str| row.get(k).cloned().unwrap_or(Value::Null);
    let need = |k: &str, kind: &str| {
        let v = get(k);
        if v.is_null() {
            Err((k.to_owned(), format!("needed for a {kind} role")))
        } else {
            Ok(v)
        }
    };
    let kind = row.get("kind").and_then(Value::as_str).unwrap_or("");
    let spec = match kind {
        "lead_worker" => json!({ "lead_worker": { "min_licence": need("min_licence", kind)? } }),
        "volunteers" => json!({ "volunteers": {
            "count": need("count", kind)?,
            "skills": get("skills"),
            "weekly_minutes": need("weekly_minutes", kind)?,
            "risky": need("risky", kind)?,
            "min_age": get("min_age"),
        }}),
        "organization" => Value::from("organization"),
        "service" => json!({ "service": { "service": need("service", kind)? } }),
        "material" => json!({ "material": {
            "kind": need("resource", kind)?,
            "amount": need("amount", kind)?,
        }}),
        _ => {
            return Err((
                "kind".to_owned(),
                format!(
                    "\"{}\" is not lead_worker, volunteers, organization, service or material",
                    excerpt(kind)
                ),
            ));
        }
    };
    let role = json!({ "spec": spec, "optional": get("optional") });
    serde_json::from_value::<crate::model::Role>(role.clone())
        .map(|_| role)
        .map_err(|e| ("kind".to_owned(), excerpt(&e.to_string())))
}

/// The `roles.csv` rows of a need's JSON (the inverse of [`role_value`]).
pub(super) fn role_rows(need: &Value) -> Vec<Value> {
    let id = need.get("id").cloned().unwrap_or(Value::Null);
    let roles = need
        .get("team")
        .and_then(|t| t.get("roles"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    roles
        .iter()
        .enumerate()
        .map(|(k, role)| {
            let mut row = json!({ "need": id, "role": k, "optional": role.get("optional") });
            let spec = role.get("spec").cloned().unwrap_or(Value::Null);
            let (kind, fields) = match &spec {
                Value::String(word) => (word.clone(), Map::new()),
                Value::Object(map) => map
                    .iter()
                    .next()
                    .map(|(k, v)| (k.clone(), v.as_object().cloned().unwrap_or_default()))
                    .unwrap_or_default(),
                _ => (String::new(), Map::new()),
            };
            if let Value::Object(out) = &mut row {
                out.insert("kind".into(), Value::from(kind.clone()));
                for (k, v) in fields {
                    let key = if kind == "material" && k == "kind" {
                        "resource".to_owned()
                    } else {
                        k
                    };
                    out.insert(key, v);
                }
            }
            row
        })
        .collect()
}
