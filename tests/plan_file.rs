//! Plan files (`wushe-plan` version 1): exact round trips with byte-identical re-saves for every
//! strategy and demo, roles named by kind, integers a JavaScript front end reads exactly, the
//! header checked before the body, and the documented example kept in sync with the code.

use proptest::prelude::*;

use wushe::io::json::{
    JsonError, MAX_SAFE_INTEGER, load_plan, load_plan_file, load_plan_from_slice, plan_to_string,
    save_plan, save_plan_file,
};
use wushe::model::{NeedId, ProviderId, VolunteerId};
use wushe::plan::{MatchPlan, RejectionCount, UnmetReason};
use wushe::rules::Rejection;
use wushe::{ErrorKind, MatchPolicy, StrategyKind, demo, match_scenario};

const PLAN_DOC: &str = include_str!("../docs/plan-format.md");

fn plan_of(scenario: &wushe::Scenario, kind: StrategyKind) -> MatchPlan {
    match_scenario(scenario, &MatchPolicy::default(), kind).expect("matches")
}

fn text(plan: &MatchPlan) -> String {
    plan_to_string(plan).expect("serializes")
}

fn json_error(bytes: &[u8]) -> JsonError {
    match load_plan_from_slice(bytes)
        .expect_err("should fail")
        .into_kind()
    {
        ErrorKind::Json(e) => e,
        other => panic!("not a JSON error: {other}"),
    }
}

/// The `json` block of the plan format page that follows `marker`.
fn doc_block(marker: &str) -> &'static str {
    let from = PLAN_DOC.find(marker).expect("marker in docs");
    let rest = &PLAN_DOC[from..];
    let start = rest.find("```json\n").expect("json block") + "```json\n".len();
    let len = rest[start..].find("```").expect("end of block");
    &rest[start..start + len]
}

/// Every integer token of a JSON text (outside strings), as written.
fn integer_tokens(json: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut token = String::new();
    for c in json.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if c.is_ascii_digit() || c == '-' {
            token.push(c);
            continue;
        }
        if !token.is_empty() {
            out.push(std::mem::take(&mut token));
        }
        in_string = c == '"';
    }
    out
}

#[test]
fn every_strategy_and_demo_round_trips_byte_identically() {
    for (name, scenario) in demo::all() {
        for &kind in StrategyKind::ALL {
            let plan = plan_of(&scenario, kind);
            let saved = text(&plan);
            let loaded = load_plan_from_slice(saved.as_bytes()).expect("loads");
            assert_eq!(loaded, plan, "{name} {kind}");
            assert_eq!(text(&loaded), saved, "{name} {kind}: re-save differs");
        }
    }
}

#[test]
fn default_county_plan_round_trips_byte_identically() {
    let scenario = wushe::sim::CountyConfig::default()
        .with_townships(3)
        .with_communities(20)
        .with_volunteers(150)
        .with_needs(200)
        .generate();
    let plan = plan_of(&scenario, StrategyKind::MinCostFlow);
    assert!(!plan.unmet.is_empty() && !plan.assignments.is_empty());
    let saved = text(&plan);
    let loaded = load_plan_from_slice(saved.as_bytes()).expect("loads");
    assert_eq!(loaded, plan);
    assert_eq!(text(&loaded), saved);
}

/// The text with the values of the objectives and the price blanked: they follow the scoring
/// policy, which evolves on its own; every other byte of the documented example must be what
/// the code writes.
fn without_objective(text: &str) -> String {
    const POLICY_VALUES: [&str; 7] = [
        "  \"objective\": ",
        "  \"weighted_objective\": ",
        "    \"weighted_objective\": ",
        "    \"reference_objective\": ",
        "    \"reference_bound\": ",
        "    \"price\": ",
        "    \"price_at_most\": ",
    ];
    text.lines()
        .map(|l| match POLICY_VALUES.iter().find(|p| l.starts_with(*p)) {
            Some(p) => format!("{p}_"),
            None => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn documented_example_is_what_the_code_writes() {
    let plan = plan_of(&demo::scarce_worker(), StrategyKind::Greedy);
    let documented = doc_block("## Example");
    assert!(documented.contains("  \"objective\": "));
    assert_eq!(
        without_objective(documented),
        without_objective(&text(&plan))
    );
}

#[test]
fn assignments_name_their_role_kind() {
    let plan = plan_of(&demo::left_behind_child(), StrategyKind::MinCostFlow);
    let value: serde_json::Value = serde_json::from_str(&text(&plan)).expect("json");
    let kinds: Vec<&str> = value["assignments"]
        .as_array()
        .expect("array")
        .iter()
        .map(|a| a["role_kind"].as_str().expect("role_kind"))
        .collect();
    assert!(
        kinds.starts_with(&["lead_worker", "volunteers", "material"]),
        "{kinds:?}"
    );
    assert_eq!(value["format"], "wushe-plan");
    assert_eq!(value["version"], 1);
}

#[test]
fn a_role_kind_that_does_not_fit_the_provider_is_rejected() {
    let plan = plan_of(&demo::left_behind_child(), StrategyKind::Greedy);
    let saved = text(&plan);
    let edited = saved.replacen(
        "\"role_kind\": \"lead_worker\"",
        "\"role_kind\": \"material\"",
        1,
    );
    assert_ne!(edited, saved);
    match json_error(edited.as_bytes()) {
        JsonError::InvalidValue { path, message, .. } => {
            assert_eq!(path, "assignments[0]");
            assert!(message.contains("does not fit provider W1"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unmet_reasons_are_tagged_by_kind() {
    let plan = plan_of(&demo::scarce_worker(), StrategyKind::Greedy);
    let value: serde_json::Value = serde_json::from_str(&text(&plan)).expect("json");
    assert_eq!(value["unmet"][0]["need"], 2);
    assert_eq!(value["unmet"][0]["reasons"][0]["kind"], "capacity_taken");
    assert_eq!(value["unmet"][0]["reasons"][0]["role"], 0);
}

#[test]
fn every_reason_variant_round_trips() {
    let mut plan = plan_of(&demo::scarce_worker(), StrategyKind::Greedy);
    let counts = vec![
        RejectionCount {
            reason: Rejection::TooFar,
            count: 3,
        },
        RejectionCount {
            reason: Rejection::VettingMissing,
            count: 1,
        },
    ];
    plan.unmet[0].reasons = vec![
        UnmetReason::NoEligibleProvider {
            role: 0,
            rejections: counts.clone(),
        },
        UnmetReason::TooFewEligible {
            role: 1,
            eligible: 1,
            demand: 2,
            rejections: counts,
        },
        UnmetReason::CapacityTaken {
            role: 2,
            eligible: 4,
            demand: 1,
            free: 0,
        },
        UnmetReason::InsufficientMaterial {
            role: 3,
            required: 300_000,
            available: 200_000,
        },
        UnmetReason::NotSelected,
    ];
    let saved = text(&plan);
    let loaded = load_plan_from_slice(saved.as_bytes()).expect("loads");
    assert_eq!(loaded, plan);
    assert_eq!(text(&loaded), saved);
    assert!(saved.contains("\"kind\": \"not_selected\""));
    // a plan that was not priced (`Compiled::plan`) writes `null`
    plan.policy_price = None;
    let saved = text(&plan);
    assert!(saved.contains("\"policy_price\": null,"));
    assert_eq!(load_plan_from_slice(saved.as_bytes()).expect("loads"), plan);
}

#[test]
fn large_objective_and_bound_are_decimal_strings_and_read_back() {
    let mut plan = plan_of(&demo::scarce_worker(), StrategyKind::Greedy);
    plan.objective = MAX_SAFE_INTEGER;
    plan.bound = Some(MAX_SAFE_INTEGER + 1);
    let saved = text(&plan);
    assert!(
        saved.contains("\"objective\": 9007199254740991,"),
        "{saved}"
    );
    assert!(
        saved.contains("\"bound\": \"9007199254740992\","),
        "{saved}"
    );
    assert_eq!(load_plan_from_slice(saved.as_bytes()).expect("loads"), plan);

    plan.objective = -i128::MAX;
    plan.bound = Some(i128::MAX);
    let saved = text(&plan);
    assert!(saved.contains(&format!("\"objective\": \"{}\"", -i128::MAX)));
    assert_eq!(load_plan_from_slice(saved.as_bytes()).expect("loads"), plan);
}

#[test]
fn every_integer_in_a_plan_file_is_a_safe_javascript_number() {
    let mut plan = plan_of(&demo::left_behind_child(), StrategyKind::Greedy);
    plan.objective = i128::MAX;
    plan.weighted_objective = i128::MIN + 1;
    plan.bound = Some(i128::MIN);
    let price = plan
        .policy_price
        .as_mut()
        .expect("the default policy is priced");
    price.price = i128::MAX;
    price.price_at_most = Some(-i128::MAX);
    plan.assignments[0].amount = i64::MAX;
    plan.assignments[0].score.travel = i64::MIN;
    plan.stats.iterations = u64::MAX;
    let saved = text(&plan);
    let limit = MAX_SAFE_INTEGER as f64;
    for token in integer_tokens(&saved) {
        let x: f64 = token.parse().expect("number");
        assert!(x.abs() <= limit, "unsafe integer {token} in\n{saved}");
    }
    assert_eq!(load_plan_from_slice(saved.as_bytes()).expect("loads"), plan);
}

#[test]
fn integers_are_read_as_numbers_or_strings_but_never_as_floats() {
    let plan = plan_of(&demo::scarce_worker(), StrategyKind::Greedy);
    let saved = text(&plan);
    let objective = format!("\"objective\": {},", plan.objective);
    assert!(saved.contains(&objective));
    let as_string = saved.replace(
        &objective,
        &format!("\"objective\": \"{}\",", plan.objective),
    );
    assert_eq!(
        load_plan_from_slice(as_string.as_bytes()).expect("loads"),
        plan
    );
    let as_float = saved.replace(&objective, &format!("\"objective\": {}.5,", plan.objective));
    match json_error(as_float.as_bytes()) {
        JsonError::InvalidValue { path, .. } => assert_eq!(path, "objective"),
        other => panic!("{other:?}"),
    }
    let iterations = format!("\"iterations\": {},", plan.stats.iterations);
    assert!(saved.contains(&iterations));
    let too_big = saved.replace(&iterations, "\"iterations\": \"18446744073709551616\",");
    match json_error(too_big.as_bytes()) {
        JsonError::InvalidValue { path, message, .. } => {
            assert_eq!(path, "stats.iterations");
            assert!(message.contains("out of range"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn header_is_checked_before_the_body() {
    let plan = plan_of(&demo::scarce_worker(), StrategyKind::Greedy);
    let saved = text(&plan);
    let v2 = saved.replacen("\"version\": 1", "\"version\": 2", 1);
    assert_eq!(
        json_error(v2.as_bytes()),
        JsonError::UnsupportedVersion {
            found: "2".into(),
            supported: 1
        }
    );
    let scenario_text =
        wushe::io::json::scenario_to_string(&demo::scarce_worker()).expect("serializes");
    assert_eq!(
        json_error(scenario_text.as_bytes()),
        JsonError::WrongFormat {
            found: "wushe-scenario".into(),
            expected: "wushe-plan"
        }
    );
    // and a plan is not a scenario
    match wushe::io::json::load_scenario_from_slice(saved.as_bytes())
        .expect_err("not a scenario")
        .into_kind()
    {
        ErrorKind::Json(e) => assert_eq!(
            e.to_string(),
            "format is \"wushe-plan\", expected \"wushe-scenario\""
        ),
        other => panic!("{other}"),
    }
}

#[test]
fn unknown_fields_are_named() {
    let plan = plan_of(&demo::scarce_worker(), StrategyKind::Greedy);
    let saved = text(&plan).replacen("\"role\": 0,", "\"role\": 0, \"rank\": 1,", 1);
    match json_error(saved.as_bytes()) {
        JsonError::UnknownField { field, .. } => assert_eq!(field, "rank"),
        other => panic!("{other:?}"),
    }
    // inside a tagged reason too
    let saved = text(&plan).replacen("\"free\": 0", "\"free\": 0, \"taken_by\": [1]", 1);
    match json_error(saved.as_bytes()) {
        JsonError::UnknownField { field, .. } => assert_eq!(field, "taken_by"),
        other => panic!("{other:?}"),
    }
    let saved = text(&plan).replacen("\"capacity_taken\"", "\"capacity_gone\"", 1);
    assert!(matches!(
        json_error(saved.as_bytes()),
        JsonError::InvalidValue { .. }
    ));
}

#[test]
fn files_and_readers_round_trip_and_name_the_path() {
    let plan = plan_of(&demo::left_behind_child(), StrategyKind::Stable);
    let dir = std::env::temp_dir().join(format!("wushe-plan-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("plan.json");
    save_plan_file(&plan, &path).expect("saves");
    assert_eq!(load_plan_file(&path).expect("loads"), plan);
    let bytes = std::fs::read(&path).expect("reads");
    assert_eq!(load_plan(bytes.as_slice()).expect("loads"), plan);
    let mut written = Vec::new();
    save_plan(&plan, &mut written).expect("writes");
    assert_eq!(written, bytes);
    let missing = dir.join("missing.json");
    let err = load_plan_file(&missing).expect_err("no such file");
    assert!(matches!(err.kind(), ErrorKind::File { path, .. } if *path == missing));
    assert!(err.to_string().contains("missing.json"), "{err}");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_numbers_round_trip(
        objective in any::<i128>(),
        bound in proptest::option::of(any::<i128>()),
        amount in any::<i64>(),
        iterations in any::<u64>(),
        need in any::<u32>(),
    ) {
        let mut plan = plan_of(&demo::left_behind_child(), StrategyKind::Greedy);
        plan.objective = objective;
        plan.bound = bound;
        plan.assignments[1].amount = amount;
        plan.assignments[1].provider = ProviderId::Volunteer(VolunteerId(need));
        plan.stats.iterations = iterations;
        plan.served = vec![NeedId(need)];
        let saved = text(&plan);
        let loaded = load_plan_from_slice(saved.as_bytes()).expect("loads");
        prop_assert_eq!(&loaded, &plan);
        prop_assert_eq!(text(&loaded), saved);
    }

    #[test]
    fn hostile_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = load_plan_from_slice(&bytes);
    }
}
