//! The adversarial corpus: every file of `tests/adversarial/` (listed in its `MANIFEST`) gives
//! exactly the error kind or the plan the manifest says; every strategy runs on the valid
//! scenarios and the independent checker accepts each plan; no message the corpus produces
//! holds a control character, a long excerpt or the personal data planted in every name.
//! Scale cases too large to commit are generated here, at sizes a debug build runs quickly
//! (`examples/adversarial_scale.rs` runs them at full size for `docs/reliability.md`).

use std::collections::BTreeSet;
use std::path::Path;

use wushe::io::dimacs::{DimacsError, parse_asn, parse_matrix, parse_min};
use wushe::io::json::{JsonError, load_scenario_from_slice_with_limits};
use wushe::model::{Limits, NeedId, Scenario};
use wushe::plan::{MatchPlan, check_plan};
use wushe::problem::{LimitError, compile_with_limits};
use wushe::solve::assignment::{AssignmentAlgorithm, AssignmentStatus};
use wushe::solve::flow::{FlowAlgorithm, FlowStatus};
use wushe::{ErrorKind, MatchPolicy, StrategyKind};

use crate::support::adversarial_scale as scale;

const MANIFEST: &str = include_str!("adversarial/MANIFEST");

/// Planted in the names of every corpus scenario (scripts/adversarial-corpus.py).
const PERSONAL_DATA: [&str; 5] = [
    "Zhang Wei",
    "张伟",
    "13800138000",
    "zhang.wei@example.com",
    "110101199003071234",
];

/// Longest line a message may have (an excerpt is at most 64 characters).
const MAX_LINE_CHARS: usize = 400;

/// One manifest line, parsed.
#[derive(Debug, Default)]
struct Expected {
    /// `json:invalid_value`, `plan`, `flow`... (alternatives separated by `|`).
    kinds: Vec<String>,
    path: Option<String>,
    field: Option<String>,
    entity: Option<String>,
    limits: Limits,
    served: Option<BTreeSet<String>>,
    unmet: Vec<(String, String)>,
    status: Option<String>,
    objective: Option<i128>,
}

fn parse_expected(text: &str) -> Expected {
    let mut words = text.split_whitespace();
    let first = words.next().expect("an outcome");
    let mut e = Expected {
        kinds: first.split('|').map(str::to_owned).collect(),
        ..Expected::default()
    };
    if let Some((family, _)) = first.split_once(':') {
        for k in e.kinds.iter_mut().skip(1) {
            *k = format!("{family}:{k}");
        }
    }
    for word in words {
        match word.split_once('=') {
            Some(("path", v)) => e.path = Some(v.to_owned()),
            Some(("field", v)) => e.field = Some(v.to_owned()),
            Some(("entity", v)) => e.entity = Some(v.to_owned()),
            Some(("objective", v)) => e.objective = Some(v.parse().expect("objective")),
            Some(("limits", v)) => e.limits = limits(v),
            Some(("served", v)) => {
                e.served = Some(
                    v.split(',')
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                )
            }
            Some(("unmet", v)) => {
                e.unmet = v
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|u| {
                        let (need, reason) = u.split_once(':').expect("NEED:REASON");
                        (need.to_owned(), reason.to_owned())
                    })
                    .collect()
            }
            None => e.status = Some(word.to_owned()),
            Some((k, _)) => panic!("unknown manifest key {k}"),
        }
    }
    e
}

/// `k:v,k:v` over the defaults, through serde (every field of `Limits` has a default).
fn limits(spec: &str) -> Limits {
    let mut map = serde_json::Map::new();
    for kv in spec.split(',') {
        let (k, v) = kv.split_once(':').expect("k:v");
        map.insert(k.to_owned(), v.parse::<u64>().expect("number").into());
    }
    serde_json::from_value(map.into()).expect("limits")
}

fn json_kind(e: &JsonError) -> (&'static str, Option<&str>, Option<&str>) {
    match e {
        JsonError::Syntax { .. } => ("syntax", None, None),
        JsonError::UnknownField { field, path, .. } => ("unknown_field", Some(path), Some(field)),
        JsonError::MissingField { field, path, .. } => ("missing_field", Some(path), Some(field)),
        JsonError::InvalidValue { path, .. } => ("invalid_value", Some(path), None),
        JsonError::WrongFormat { .. } => ("wrong_format", None, None),
        JsonError::UnsupportedVersion { .. } => ("unsupported_version", None, None),
        JsonError::VersionNotANumber { .. } => ("version_not_a_number", None, None),
        JsonError::StringTooLong { path, .. } => ("string_too_long", Some(path), None),
        JsonError::TooDeep { path, .. } => ("too_deep", Some(path), None),
        JsonError::TooLarge { .. } => ("too_large", None, None),
        _ => ("other", None, None),
    }
}

fn dimacs_kind(e: &DimacsError) -> &'static str {
    match e {
        DimacsError::MissingProblemLine { .. } => "missing_problem_line",
        DimacsError::DuplicateProblemLine { .. } => "duplicate_problem_line",
        DimacsError::WrongProblemKind { .. } => "wrong_problem_kind",
        DimacsError::UnknownLineKind { .. } => "unknown_line_kind",
        DimacsError::FieldCount { .. } => "field_count",
        DimacsError::NotAnInteger { .. } => "not_an_integer",
        DimacsError::IntegerOverflow { .. } => "integer_overflow",
        DimacsError::ValueOutOfRange { .. } => "value_out_of_range",
        DimacsError::UnknownNode { .. } => "unknown_node",
        DimacsError::DuplicateNode { .. } => "duplicate_node",
        DimacsError::LowerAboveCapacity { .. } => "lower_above_capacity",
        DimacsError::CountMismatch { .. } => "count_mismatch",
        DimacsError::TooLarge { .. } => "too_large",
        DimacsError::LineTooLong { .. } => "line_too_long",
        DimacsError::OddNodeCount { .. } => "odd_node_count",
        DimacsError::NodeAfterArc { .. } => "node_after_arc",
        DimacsError::NotRowToColumn { .. } => "not_row_to_column",
        _ => "other",
    }
}

fn limit_kind(e: &LimitError) -> &'static str {
    match e {
        LimitError::CandidateEdges { .. } => "candidate_edges",
        LimitError::ProviderEdges { .. } => "provider_edges",
        LimitError::CompileWork { .. } => "compile_work",
        _ => "other",
    }
}

/// The snake_case name of a serde enum value (`"x"` or `{"x": ...}`).
fn serde_name(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Object(m) => m.keys().next().cloned().unwrap_or_default(),
        other => other.to_string(),
    }
}

/// Every message and debug rendering a case produced, for the final checks: `(case, text,
/// whether it is an error's `Display`)`.
#[derive(Default)]
struct Messages(Vec<(String, String, bool)>);

impl Messages {
    fn error(&mut self, case: &str, e: &wushe::Error) {
        self.0.push((case.to_owned(), e.to_string(), true));
        self.0.push((case.to_owned(), format!("{e:?}"), false));
    }

    fn debug(&mut self, case: &str, value: &impl std::fmt::Debug) {
        self.0.push((case.to_owned(), format!("{value:?}"), false));
    }

    /// Problems with any text: control characters (other than the line breaks between a
    /// report's issues), planted personal data, and lines of error messages longer than
    /// [`MAX_LINE_CHARS`].
    fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (case, m, display) in &self.0 {
            if let Some(c) = m.chars().find(|&c| c.is_control() && c != '\n') {
                out.push(format!("{case}: control character {c:?} in {m:.200}"));
            }
            if *display && m.lines().any(|l| l.chars().count() > MAX_LINE_CHARS) {
                out.push(format!(
                    "{case}: line over {MAX_LINE_CHARS} characters: {m:.200}"
                ));
            }
            for pii in PERSONAL_DATA {
                if m.contains(pii) {
                    out.push(format!("{case}: planted personal data {pii:?} in {m:.300}"));
                }
            }
        }
        out
    }
}

/// Checks one kind-of-error outcome against the expectation.
fn check_kind(found: &str, e: &Expected) -> Result<(), String> {
    if e.kinds.iter().any(|k| k == found) {
        Ok(())
    } else {
        Err(format!("expected {:?}, got {found}", e.kinds))
    }
}

fn check_json_error(err: &JsonError, e: &Expected) -> Result<(), String> {
    let (kind, path, field) = json_kind(err);
    check_kind(&format!("json:{kind}"), e)?;
    if let Some(want) = &e.path {
        match path {
            Some(p) if p.starts_with(want.as_str()) => {}
            _ => return Err(format!("expected path {want}, got {err:?}")),
        }
    }
    if let Some(want) = &e.field {
        if field != Some(want.as_str()) {
            return Err(format!("expected field {want}, got {err:?}"));
        }
    }
    Ok(())
}

fn check_error(err: &wushe::Error, e: &Expected) -> Result<(), String> {
    match err.kind() {
        ErrorKind::Json(j) => check_json_error(j, e),
        ErrorKind::Limit(l) => check_kind(&format!("limit:{}", limit_kind(l)), e),
        ErrorKind::Dimacs(d) => check_kind(&format!("dimacs:{}", dimacs_kind(d)), e),
        ErrorKind::Validation(report) => {
            let found = report.issues.iter().any(|i| {
                let kind = serde_name(&serde_json::to_value(&i.kind).expect("serializes"));
                e.kinds.iter().any(|k| *k == format!("validation:{kind}"))
                    && e.entity
                        .as_ref()
                        .is_none_or(|ent| i.entity.to_string().ends_with(ent.as_str()))
                    && e.field.as_ref().is_none_or(|f| i.field == *f)
            });
            if found {
                Ok(())
            } else {
                Err(format!(
                    "expected {:?} {:?} {:?}, got {report}",
                    e.kinds, e.entity, e.field
                ))
            }
        }
        other => Err(format!("expected {:?}, got {other}", e.kinds)),
    }
}

/// Runs every strategy on `scenario` under `limits`; each plan must pass the checker, account
/// for every need once and match the expectation.
fn check_plans(
    case: &str,
    scenario: &Scenario,
    e: &Expected,
    messages: &mut Messages,
) -> Result<(), String> {
    let policy = MatchPolicy::default();
    let compiled = match compile_with_limits(scenario, &policy, &e.limits) {
        Ok(c) => c,
        Err(err) => {
            messages.error(case, &err);
            return if e.kinds.iter().any(|k| k == "plan") {
                Err(format!("compile failed: {err}"))
            } else {
                check_error(&err, e)
            };
        }
    };
    if !e.kinds.iter().any(|k| k == "plan") {
        return Err(format!("expected {:?}, compiled", e.kinds));
    }
    for &kind in StrategyKind::ALL {
        let solution = kind
            .build()
            .solve(compiled.problem())
            .map_err(|err| format!("{kind}: {err}"))?;
        let plan = compiled.plan(&solution, kind.name());
        messages.debug(case, &plan);
        check_plan(scenario, &plan).map_err(|v| format!("{kind}: checker: {v:?}"))?;
        check_accounting(scenario, &plan).map_err(|m| format!("{kind}: {m}"))?;
        check_plan_expectation(&plan, e).map_err(|m| format!("{kind}: {m}"))?;
    }
    Ok(())
}

/// Every need is served or unmet, exactly once.
fn check_accounting(scenario: &Scenario, plan: &MatchPlan) -> Result<(), String> {
    let mut seen: Vec<NeedId> = plan.served.clone();
    seen.extend(plan.unmet.iter().map(|u| u.need));
    seen.sort();
    let mut all: Vec<NeedId> = scenario.needs.iter().map(|n| n.id).collect();
    all.sort();
    if seen == all {
        Ok(())
    } else {
        Err(format!("needs accounted {seen:?}, scenario has {all:?}"))
    }
}

fn check_plan_expectation(plan: &MatchPlan, e: &Expected) -> Result<(), String> {
    let served: BTreeSet<String> = plan.served.iter().map(|n| n.to_string()).collect();
    if let Some(want) = &e.served {
        if *want != served {
            return Err(format!("served {served:?}, expected {want:?}"));
        }
    }
    for (need, reason) in &e.unmet {
        let Some(u) = plan.unmet.iter().find(|u| u.need.to_string() == *need) else {
            return Err(format!("{need} not unmet: {:?}", plan.unmet));
        };
        let tokens: BTreeSet<String> = u
            .reasons
            .iter()
            .flat_map(|r| {
                let v = serde_json::to_value(r).expect("serializes");
                let mut t = vec![serde_name(&v)];
                let rejections = v
                    .as_object()
                    .and_then(|m| m.values().next())
                    .and_then(|d| d.get("rejections"));
                if let Some(list) = rejections.and_then(|r| r.as_array()) {
                    t.extend(list.iter().filter_map(|x| x.get("reason")).map(serde_name));
                }
                t
            })
            .collect();
        if !tokens.contains(reason) {
            return Err(format!("{need}: expected reason {reason}, got {tokens:?}"));
        }
    }
    Ok(())
}

fn run_scenario_case(
    case: &str,
    bytes: &[u8],
    e: &Expected,
    messages: &mut Messages,
) -> Result<(), String> {
    match load_scenario_from_slice_with_limits(bytes, &e.limits) {
        Err(err) => {
            messages.error(case, &err);
            check_error(&err, e)
        }
        Ok(scenario) => {
            messages.debug(case, &scenario);
            check_plans(case, &scenario, e, messages)
        }
    }
}

fn run_dimacs_case(
    case: &str,
    bytes: &[u8],
    e: &Expected,
    messages: &mut Messages,
) -> Result<(), String> {
    let ext = Path::new(case).extension().and_then(|x| x.to_str());
    if ext == Some("min") {
        let net = match parse_min(bytes) {
            Ok(net) => net,
            Err(err) => {
                messages.error(case, &err);
                return check_error(&err, e);
            }
        };
        check_kind("flow", e)?;
        for algorithm in FlowAlgorithm::ALL {
            let s = algorithm
                .solver()
                .solve(&net)
                .map_err(|err| format!("{err}"))?;
            let status = match s.status {
                FlowStatus::Optimal => "optimal",
                FlowStatus::Infeasible => "infeasible",
                _ => "other",
            };
            if Some(status) != e.status.as_deref() || e.objective.is_some_and(|o| o != s.objective)
            {
                return Err(format!(
                    "{algorithm}: {status} {}, expected {e:?}",
                    s.objective
                ));
            }
        }
        return Ok(());
    }
    let parsed = if ext == Some("asn") {
        parse_asn(bytes)
    } else {
        parse_matrix(bytes)
    };
    let matrix = match parsed {
        Ok(m) => m,
        Err(err) => {
            messages.error(case, &err);
            return check_error(&err, e);
        }
    };
    check_kind("assignment", e)?;
    for algorithm in AssignmentAlgorithm::ALL {
        let s = algorithm
            .solver()
            .solve(&matrix)
            .map_err(|err| format!("{err}"))?;
        let status = match s.status {
            AssignmentStatus::Optimal => "optimal",
            AssignmentStatus::Infeasible => "infeasible",
            _ => "other",
        };
        if Some(status) != e.status.as_deref() || e.objective.is_some_and(|o| o != s.objective) {
            return Err(format!(
                "{algorithm:?}: {status} {}, expected {e:?}",
                s.objective
            ));
        }
    }
    Ok(())
}

#[test]
fn every_corpus_file_gives_its_expected_outcome() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/adversarial");
    let mut messages = Messages::default();
    let mut failures = Vec::new();
    let mut cases = 0;
    for line in MANIFEST
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (case, expected) = line.split_once('\t').expect("path<TAB>expected");
        let e = parse_expected(expected);
        let bytes = std::fs::read(dir.join(case)).expect("corpus file");
        let result = if case.starts_with("dimacs/") {
            run_dimacs_case(case, &bytes, &e, &mut messages)
        } else {
            run_scenario_case(case, &bytes, &e, &mut messages)
        };
        if let Err(m) = result {
            failures.push(format!("{case}: {m}"));
        }
        cases += 1;
    }
    assert!(cases >= 100, "only {cases} corpus files");
    failures.extend(messages.problems());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_corpus_file_is_in_the_manifest() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/adversarial");
    let listed: BTreeSet<&str> = MANIFEST
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t').map(|x| x.0))
        .collect();
    let mut on_disk = BTreeSet::new();
    for group in std::fs::read_dir(&dir).expect("corpus dir") {
        let group = group.expect("entry").path();
        if group.is_dir() {
            for file in std::fs::read_dir(&group).expect("group dir") {
                let path = file.expect("entry").path();
                let rel = path
                    .strip_prefix(&dir)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned();
                on_disk.insert(rel);
            }
        }
    }
    let listed: BTreeSet<String> = listed.into_iter().map(str::to_owned).collect();
    assert_eq!(listed, on_disk);
}

#[test]
fn scale_cases_give_a_plan_or_a_named_limit_error() {
    let mut messages = Messages::default();
    for case in scale::Case::ALL {
        let outcome = scale::run(case, scale::Size::Test);
        match &outcome {
            Ok(summary) => assert!(case.plans(), "{case:?} gave a plan: {summary}"),
            Err(err) => {
                messages.error(&format!("{case:?}"), err);
                assert!(case.expected_error(err), "{case:?}: {err}");
            }
        }
    }
    let problems = messages.problems();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn debug_output_redacts_every_name() {
    let mut s = crate::support::arbitrary_scenario::small_valid_scenario();
    s.name = "13800138000".into();
    for r in &mut s.regions {
        r.name = "Zhang Wei".into();
    }
    for o in &mut s.organizations {
        o.name = "zhang.wei@example.com".into();
    }
    for f in &mut s.funds {
        f.name = "110101199003071234".into();
    }
    let plan =
        wushe::match_scenario(&s, &MatchPolicy::default(), StrategyKind::Greedy).expect("matches");
    for text in [format!("{s:?}"), format!("{s:#?}"), format!("{plan:?}")] {
        for pii in PERSONAL_DATA {
            assert!(!text.contains(pii), "{pii} in {text:.300}");
        }
        assert!(text.contains("<redacted: "), "{text:.300}");
    }
    // the values are still there for code and for files
    assert_eq!(s.regions[0].name, "Zhang Wei");
    assert!(
        wushe::io::json::scenario_to_string(&s)
            .expect("saves")
            .contains("Zhang Wei")
    );
}

#[test]
fn file_paths_in_messages_are_escaped() {
    let err = wushe::io::json::load_scenario_file("/nonexistent/\u{1b}[2J\r\nforged.json")
        .expect_err("missing file");
    let message = err.to_string();
    assert!(!message.chars().any(char::is_control), "{message:?}");
    assert!(message.contains("\\u{1b}[2J\\r\\nforged.json"), "{message}");
}
