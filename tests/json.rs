//! Scenario JSON files: exact round trips, byte identity, the documented example, clear errors
//! for unknown fields / versions / formats / sizes, and no panic on hostile bytes.

use std::io::Read;

use proptest::prelude::*;

use wushe::ErrorKind;
use wushe::io::json::{
    JsonError, load_scenario, load_scenario_file, load_scenario_from_slice,
    load_scenario_from_slice_with_limits, load_scenario_with_limits, save_scenario,
    save_scenario_file, scenario_to_string,
};
use wushe::model::{EntityRef, IssueKind, Limits, NeedId, Scenario};

use crate::support::arbitrary_scenario::{arb_scenario, small_valid_scenario};

const SMALL: &str = include_str!("data/small-scenario.json");
const SMALL_VALID: &str = include_str!("data/small-valid-scenario.json");
const FORMAT_DOC: &str = include_str!("../docs/scenario-format.md");

fn json_error(result: wushe::Result<Scenario>) -> JsonError {
    match result.map(|_| ()).expect_err("should fail").into_kind() {
        ErrorKind::Json(e) => e,
        other => panic!("not a JSON error: {other}"),
    }
}

fn to_string(s: &Scenario) -> String {
    scenario_to_string(s).expect("serializes")
}

/// The first ```json block of the format documentation that follows `marker`.
fn doc_block(marker: &str) -> &'static str {
    let from = FORMAT_DOC.find(marker).expect("marker in docs");
    let rest = &FORMAT_DOC[from..];
    let start = rest.find("```json\n").expect("json block") + "```json\n".len();
    let len = rest[start..].find("```").expect("end of block");
    &rest[start..start + len]
}

// ----- round trips --------------------------------------------------------------------------

#[test]
fn small_valid_scenario_round_trips_exactly() {
    let s = small_valid_scenario();
    let text = to_string(&s);
    let loaded = load_scenario_from_slice(text.as_bytes()).expect("loads");
    assert_eq!(loaded, s);
    assert_eq!(to_string(&loaded), text);
}

#[test]
fn golden_file_matches_small_valid_scenario() {
    // guards the on-disk format: a change here is a format change (see the versioning policy)
    assert_eq!(to_string(&small_valid_scenario()), SMALL_VALID);
}

#[test]
fn saved_text_is_pretty_two_space_with_trailing_newline() {
    let text = to_string(&small_valid_scenario());
    assert!(text.starts_with("{\n  \"format\": \"wushe-scenario\",\n  \"version\": 3,\n"));
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
    assert!(!text.contains('\t'));
}

#[test]
fn save_scenario_writes_the_same_bytes_as_to_string() {
    let s = small_valid_scenario();
    let mut out = Vec::new();
    save_scenario(&s, &mut out).expect("writes");
    assert_eq!(out, to_string(&s).into_bytes());
    assert_eq!(load_scenario(out.as_slice()).expect("loads"), s);
}

#[test]
fn file_round_trip() {
    let dir = std::env::temp_dir().join(format!("wushe-json-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("scenario.json");
    let s = small_valid_scenario();
    save_scenario_file(&s, &path).expect("saves");
    let loaded = load_scenario_file(&path).expect("loads");
    std::fs::remove_dir_all(&dir).expect("cleanup");
    assert_eq!(loaded, s);
}

#[test]
fn leading_byte_order_mark_is_skipped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(SMALL.as_bytes());
    let s = load_scenario_from_slice(&bytes).expect("loads");
    assert_eq!(
        s,
        load_scenario_from_slice(SMALL.as_bytes()).expect("loads")
    );
}

#[test]
fn missing_file_is_a_file_error_naming_the_path() {
    let err = load_scenario_file("/nonexistent/wushe/scenario.json").expect_err("missing");
    assert!(matches!(err.kind(), ErrorKind::File { .. }), "{err}");
    assert!(
        err.to_string()
            .starts_with("/nonexistent/wushe/scenario.json: "),
        "{err}"
    );
}

// ----- the documented example ---------------------------------------------------------------

#[test]
fn documented_example_is_the_data_file_and_loads() {
    assert_eq!(doc_block("## Complete example"), SMALL);
    let s = load_scenario_from_slice(SMALL.as_bytes()).expect("documented example loads");
    assert_eq!((s.regions.len(), s.needs.len()), (4, 2));
    // omitted optional fields take their documented defaults
    assert_eq!(s.volunteers[1].insured_until, None);
    assert!(s.residents[1].prior_workers.is_empty());
    assert!(s.funds[1].related_parties.is_empty() && s.funds[1].earmark.regions.is_empty());
    assert!(!s.needs[0].team.roles[0].optional);
    // and it round-trips through the canonical form
    let text = to_string(&s);
    assert_eq!(
        load_scenario_from_slice(text.as_bytes()).expect("reloads"),
        s
    );
}

#[test]
fn documented_minimal_scenario_loads() {
    let s = load_scenario_from_slice(doc_block("## Minimal file").as_bytes()).expect("loads");
    assert_eq!(s.regions.len(), 1);
    assert!(s.needs.is_empty() && s.roads.is_empty());
}

// ----- errors -------------------------------------------------------------------------------

#[test]
fn unknown_field_is_named_with_its_position() {
    let text = SMALL.replacen("\"age\": 20,", "\"age\": 20, \"colour\": \"red\",", 1);
    let line = 1 + text[..text.find("\"colour\"").expect("inserted")]
        .matches('\n')
        .count();
    match json_error(load_scenario_from_slice(text.as_bytes())) {
        JsonError::UnknownField { field, line: l, .. } => {
            assert_eq!(field, "colour");
            assert_eq!(l, line);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_top_level_field_is_named() {
    let text = SMALL.replacen("\"version\": 1,", "\"version\": 1, \"author\": \"x\",", 1);
    let err = json_error(load_scenario_from_slice(text.as_bytes()));
    assert!(
        matches!(&err, JsonError::UnknownField { field, line: 3, .. } if field == "author"),
        "{err:?}"
    );
    assert!(err.to_string().contains("unknown field `author`"), "{err}");
}

#[test]
fn unknown_enum_variant_is_an_invalid_value() {
    let text = SMALL.replacen("\"risk\": \"high\"", "\"risk\": \"extreme\"", 1);
    let err = json_error(load_scenario_from_slice(text.as_bytes()));
    assert!(
        matches!(&err, JsonError::InvalidValue { message, .. } if message.contains("extreme")),
        "{err:?}"
    );
}

#[test]
fn missing_field_is_named() {
    let text = SMALL.replacen("\"age\": 20, ", "", 1);
    let err = json_error(load_scenario_from_slice(text.as_bytes()));
    assert!(
        matches!(&err, JsonError::MissingField { field, .. } if field == "age"),
        "{err:?}"
    );
}

#[test]
fn unsupported_version_is_reported_before_fields() {
    // a version-4 file with a field versions 1 to 3 do not know
    let text = SMALL
        .replacen("\"version\": 1,", "\"version\": 4,", 1)
        .replacen("\"age\": 20,", "\"age\": 20, \"languages\": [\"yue\"],", 1);
    let err = json_error(load_scenario_from_slice(text.as_bytes()));
    assert_eq!(
        err,
        JsonError::UnsupportedVersion {
            found: "4".into(),
            supported: 3
        }
    );
    assert!(err.to_string().contains("unsupported version 4"), "{err}");
}

#[test]
fn numeric_versions_other_than_1_to_3_are_unsupported() {
    for version in ["1.0", "-1", "0", "4", "4294967297"] {
        let text = SMALL.replacen("\"version\": 1,", &format!("\"version\": {version},"), 1);
        let err = json_error(load_scenario_from_slice(text.as_bytes()));
        let expected = JsonError::UnsupportedVersion {
            found: version.into(),
            supported: 3,
        };
        assert_eq!(err, expected, "{version}");
    }
}

#[test]
fn a_version_of_the_wrong_type_says_it_must_be_a_number() {
    for (version, found) in [
        ("\"1\"", "the string \"1\""),
        ("null", "null"),
        ("[1]", "an array"),
        ("{\"major\": 1}", "an object"),
        ("true", "true"),
    ] {
        let text = SMALL.replacen("\"version\": 1,", &format!("\"version\": {version},"), 1);
        let err = json_error(load_scenario_from_slice(text.as_bytes()));
        let expected = JsonError::VersionNotANumber {
            found: found.into(),
            supported: 3,
        };
        assert_eq!(err, expected, "{version}");
        assert!(err.to_string().contains("must be a number"), "{err}");
    }
}

#[test]
fn wrong_format_is_reported_before_fields() {
    let text = SMALL
        .replacen("\"wushe-scenario\"", "\"geojson\"", 1)
        .replacen(
            "\"version\": 1,",
            "\"version\": 1, \"type\": \"FeatureCollection\",",
            1,
        );
    let err = json_error(load_scenario_from_slice(text.as_bytes()));
    assert_eq!(
        err,
        JsonError::WrongFormat {
            found: "geojson".into(),
            expected: "wushe-scenario"
        }
    );
}

#[test]
fn missing_format_is_a_missing_field() {
    let text = SMALL.replacen("\"format\": \"wushe-scenario\",", "", 1);
    let err = json_error(load_scenario_from_slice(text.as_bytes()));
    assert!(
        matches!(&err, JsonError::MissingField { field, .. } if field == "format"),
        "{err:?}"
    );
}

#[test]
fn input_over_the_size_limit_is_rejected() {
    let limits = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    let err = json_error(load_scenario_with_limits(SMALL.as_bytes(), &limits));
    assert_eq!(err, JsonError::TooLarge { limit: 100 });
    let err = json_error(load_scenario_from_slice_with_limits(
        SMALL.as_bytes(),
        &limits,
    ));
    assert_eq!(err, JsonError::TooLarge { limit: 100 });
}

#[test]
fn endless_reader_stops_at_the_limit() {
    let limits = Limits {
        max_file_bytes: 1 << 16,
        ..Limits::default()
    };
    let endless = std::io::repeat(b' ');
    let err = json_error(load_scenario_with_limits(endless, &limits));
    assert_eq!(err, JsonError::TooLarge { limit: 1 << 16 });
}

#[test]
fn input_exactly_at_the_limit_is_accepted() {
    let limits = Limits {
        max_file_bytes: SMALL.len() as u64,
        ..Limits::default()
    };
    load_scenario_with_limits(SMALL.as_bytes(), &limits).expect("fits exactly");
    let smaller = Limits {
        max_file_bytes: SMALL.len() as u64 - 1,
        ..limits
    };
    let err = json_error(load_scenario_with_limits(
        SMALL.as_bytes().chain(&b""[..]),
        &smaller,
    ));
    assert!(matches!(err, JsonError::TooLarge { .. }));
}

#[test]
fn invalid_scenario_returns_the_validation_report() {
    let text = SMALL.replacen("\"resident\": 2,", "\"resident\": 9,", 1);
    let err = load_scenario_from_slice(text.as_bytes()).expect_err("dangling resident");
    match err.into_kind() {
        ErrorKind::Validation(report) => {
            assert_eq!(report.issues.len(), 1);
            assert_eq!(report.issues[0].entity, EntityRef::Need(NeedId(2)));
            assert_eq!(report.issues[0].field, "resident");
            assert!(matches!(
                report.issues[0].kind,
                IssueKind::DanglingReference { .. }
            ));
        }
        other => panic!("{other}"),
    }
}

#[test]
fn load_limits_are_passed_to_validation() {
    let limits = Limits {
        max_name_bytes: 4,
        ..Limits::default()
    };
    let err = load_scenario_from_slice_with_limits(SMALL.as_bytes(), &limits).expect_err("long");
    assert!(matches!(err.kind(), ErrorKind::Validation(_)), "{err}");
}

#[test]
fn bad_numbers_are_errors_with_positions() {
    for bad in [
        "1.5",
        "-1",
        "4294967296",
        "1e400",
        "99999999999999999999999",
        "1e3",
    ] {
        let text = SMALL.replacen("\"population\": 1800", &format!("\"population\": {bad}"), 1);
        let err = json_error(load_scenario_from_slice(text.as_bytes()));
        match err {
            JsonError::InvalidValue { line, .. } | JsonError::Syntax { line, .. } => {
                assert_eq!(line, 12, "{bad}")
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn nan_and_infinity_tokens_are_syntax_errors() {
    for bad in ["NaN", "Infinity", "-Infinity", "nan"] {
        let text = SMALL.replacen("\"remaining\": 800000", &format!("\"remaining\": {bad}"), 1);
        let err = json_error(load_scenario_from_slice(text.as_bytes()));
        assert!(matches!(err, JsonError::Syntax { .. }), "{bad}: {err:?}");
    }
}

#[test]
fn bad_dates_are_invalid_values() {
    for bad in ["2026-02-30", "2026-1-01", "20261201", "2300-01-01"] {
        let text = SMALL.replacen("\"2026-12-01\"", &format!("\"{bad}\""), 1);
        let err = json_error(load_scenario_from_slice(text.as_bytes()));
        assert!(
            matches!(err, JsonError::InvalidValue { .. }),
            "{bad}: {err:?}"
        );
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [200usize, 100_000] {
        let mut text = String::from("{\"format\":\"wushe-scenario\",\"version\":1,\"name\":");
        text.push_str(&"[".repeat(depth));
        text.push_str(&"]".repeat(depth));
        text.push('}');
        let err = json_error(load_scenario_from_slice(text.as_bytes()));
        assert!(matches!(err, JsonError::InvalidValue { .. }), "{err:?}");
        // nesting inside the header fields themselves
        let text = format!("{{\"format\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
        let err = json_error(load_scenario_from_slice(text.as_bytes()));
        let expected = matches!(
            err,
            JsonError::Syntax { .. } | JsonError::InvalidValue { .. }
        );
        assert!(expected, "{err:?}");
    }
}

#[test]
fn nested_header_value_within_the_depth_limit_is_a_wrong_format() {
    let text = format!("{{\"format\":{}{}}}", "[".repeat(20), "]".repeat(20));
    let err = json_error(load_scenario_from_slice(text.as_bytes()));
    let found = "an array".to_owned();
    let expected = "wushe-scenario";
    assert_eq!(err, JsonError::WrongFormat { found, expected });
}

#[test]
fn nesting_beyond_the_depth_limit_is_too_deep() {
    // the documented example nests 10 levels (needs[1].team.roles[2].spec.material.kind.goods)
    let at = |max_json_depth| Limits {
        max_json_depth,
        ..Limits::default()
    };
    load_scenario_from_slice_with_limits(SMALL.as_bytes(), &at(10)).expect("10 levels suffice");
    let err = json_error(load_scenario_from_slice_with_limits(
        SMALL.as_bytes(),
        &at(9),
    ));
    assert!(
        matches!(&err, JsonError::TooDeep { limit: 9, path, .. } if path.starts_with("needs[")),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("nested deeper than the limit of 9"),
        "{err}"
    );
}

#[test]
fn a_very_deep_value_is_refused_without_descending() {
    for field in ["format", "regions", "name"] {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let text = format!("{{\"{field}\":{deep}}}");
        let err = json_error(load_scenario_from_slice(text.as_bytes()));
        assert!(
            matches!(&err, JsonError::InvalidValue { line: 1, .. }),
            "{field}: {err:?}"
        );
    }
}

#[test]
fn empty_and_non_object_inputs_are_errors() {
    for bad in ["", " ", "null", "[]", "42", "\"wushe-scenario\"", "{", "{}"] {
        let result = load_scenario_from_slice(bad.as_bytes());
        assert!(result.is_err(), "{bad:?}");
    }
}

// ----- properties ---------------------------------------------------------------------------

fn mutate(text: &[u8], op: u8, at: prop::sample::Index, byte: u8) -> Vec<u8> {
    let mut out = text.to_vec();
    if out.is_empty() {
        return vec![byte];
    }
    let i = at.index(out.len());
    match op % 3 {
        0 => out[i] ^= byte.max(1),
        1 => out.insert(i, byte),
        _ => {
            out.remove(i);
        }
    }
    out
}

/// Replaces the `k`-th number of `text` with `token`.
fn replace_number(text: &str, at: prop::sample::Index, token: &str) -> String {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    for i in 0..bytes.len() {
        let starts_number = (bytes[i].is_ascii_digit() || bytes[i] == b'-')
            && (i == 0 || matches!(bytes[i - 1], b' ' | b'[' | b':' | b','));
        if starts_number {
            starts.push(i);
        }
    }
    if starts.is_empty() {
        return text.to_owned();
    }
    let start = starts[at.index(starts.len())];
    let len = text[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(text.len() - start);
    format!("{}{}{}", &text[..start], token, &text[start + len..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_scenarios_round_trip_exactly(s in arb_scenario()) {
        let text = to_string(&s);
        let loaded = load_scenario_from_slice(text.as_bytes());
        prop_assert!(loaded.is_ok(), "{:?}", loaded.err().map(|e| e.to_string()));
        let loaded = loaded.unwrap_or_else(|_| s.clone());
        prop_assert_eq!(&loaded, &s);
        prop_assert_eq!(to_string(&loaded), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_are_rejected_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        prop_assert!(load_scenario_from_slice(&bytes).is_err());
    }

    #[test]
    fn mutated_documents_never_panic_and_ok_means_valid(
        edits in prop::collection::vec((any::<u8>(), any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        let mut bytes = SMALL.as_bytes().to_vec();
        for (op, at, byte) in edits {
            bytes = mutate(&bytes, op, at, byte);
        }
        if let Ok(s) = load_scenario_from_slice(&bytes) {
            prop_assert!(s.validate().is_ok());
            let text = to_string(&s);
            prop_assert_eq!(load_scenario_from_slice(text.as_bytes()).ok(), Some(s));
        }
    }

    #[test]
    fn replaced_numbers_never_panic_and_ok_means_valid(
        at in any::<prop::sample::Index>(),
        token in prop::sample::select(vec![
            "0", "-1", "1.5", "-0", "1e3", "1e400", "-1e400", "4294967295", "4294967296",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "18446744073709551616", "340282366920938463463374607431768211456", "0.0", "2e-9",
        ]),
    ) {
        let text = replace_number(SMALL_VALID, at, token);
        if let Ok(s) = load_scenario_from_slice(text.as_bytes()) {
            prop_assert!(s.validate().is_ok());
        }
    }
}
