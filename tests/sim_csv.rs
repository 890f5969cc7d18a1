//! Scenario CSV folders (feature `csv`): round trip with JSON scenarios, errors naming file,
//! line and column.
#![cfg(feature = "csv")]

use wushe::ErrorKind;
use wushe::io::csv::{load_scenario_dir, save_scenario_dir};
use wushe::sim::CountyConfig;
use wushe::{MatchPolicy, Scenario, StrategyKind, match_scenario};

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("wushe-csv-test-{}-{name}", std::process::id()))
}

fn round_trip(scenario: &Scenario, name: &str) {
    let dir = temp(name);
    save_scenario_dir(scenario, &dir).expect("save");
    let back = load_scenario_dir(&dir).expect("load");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(back == *scenario, "{name} changed in the round trip");
    // and through the JSON format too
    let json = wushe::io::json::scenario_to_string(&back).expect("json");
    let again = wushe::io::json::load_scenario(json.as_bytes()).expect("load json");
    assert!(again == *scenario);
}

#[test]
fn csv_tables_round_trip_with_json_scenarios() {
    let county = CountyConfig::default()
        .with_townships(3)
        .with_communities(15)
        .with_volunteers(120)
        .with_needs(90)
        .generate();
    round_trip(&county, "county");
    // with cases already running (ongoing assignments)
    let plan =
        match_scenario(&county, &MatchPolicy::default(), StrategyKind::Greedy).expect("match");
    let next = county.apply(&plan).expect("apply");
    assert!(!next.ongoing.is_empty());
    round_trip(&next, "ongoing");
    for (k, demo) in [
        wushe::demo::left_behind_child(),
        wushe::demo::scarce_worker(),
    ]
    .iter()
    .enumerate()
    {
        round_trip(demo, &format!("demo{k}"));
    }
}

#[test]
fn supervision_round_trips_and_older_headers_read_without_it() {
    let county = CountyConfig::default()
        .with_townships(3)
        .with_communities(15)
        .with_volunteers(120)
        .with_needs(90)
        .with_mentoring(2)
        .generate();
    assert!(county.workers.iter().any(|w| w.mentor.is_some()));
    round_trip(&county, "mentoring");
    let plan =
        match_scenario(&county, &MatchPolicy::default(), StrategyKind::Greedy).expect("match");
    let next = county.apply(&plan).expect("apply");
    round_trip(&next, "mentoring-ongoing");
    // a workers.csv written before the supervision columns existed
    let plain = CountyConfig::default()
        .with_townships(3)
        .with_communities(15)
        .with_volunteers(120)
        .with_needs(90)
        .generate();
    let dir = temp("old-header");
    save_scenario_dir(&plain, &dir).expect("save");
    let workers = dir.join("workers.csv");
    let text = std::fs::read_to_string(&workers).expect("read");
    let old: String = text
        .lines()
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            cells[..cells.len() - 3].join(",") + "\n"
        })
        .collect();
    assert!(old.starts_with("id,station,licence,"), "{old}");
    assert!(!old.contains("mentor"));
    std::fs::write(&workers, old).expect("write");
    let back = load_scenario_dir(&dir).expect("load an older header");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(back == plain);
}

fn csv_error(dir: &std::path::Path) -> wushe::io::CsvError {
    match load_scenario_dir(dir)
        .map(|_| ())
        .map_err(wushe::Error::into_kind)
    {
        Err(ErrorKind::Csv(e)) => e,
        other => panic!("expected a CSV error, got {other:?}"),
    }
}

#[test]
fn errors_name_the_file_line_and_column() {
    let county = CountyConfig::default()
        .with_townships(2)
        .with_communities(6)
        .with_volunteers(10)
        .with_needs(8)
        .generate();
    let dir = temp("errors");
    save_scenario_dir(&county, &dir).expect("save");
    let path = dir.join("volunteers.csv");
    let text = std::fs::read_to_string(&path).expect("read");
    let header: Vec<&str> = text.lines().next().expect("header").split(',').collect();
    let age = header.iter().position(|h| *h == "age").expect("age column");

    // a number that is not one, on the third line (second volunteer)
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut cells: Vec<String> = lines[2].split(',').map(str::to_owned).collect();
    cells[age] = "old".into();
    lines[2] = cells.join(",");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write");
    let e = csv_error(&dir);
    assert_eq!(
        (e.file.as_str(), e.line, e.column.as_str()),
        ("volunteers.csv", 3, "age")
    );

    // an unknown word is caught at its row, in its column
    std::fs::write(&path, &text).expect("restore");
    let needs = dir.join("needs.csv");
    let needs_text = std::fs::read_to_string(&needs).expect("needs");
    let bad = needs_text
        .replacen(",high,", ",severe,", 1)
        .replacen(",key,", ",severe,", 1)
        .replacen(",general,", ",severe,", 1);
    std::fs::write(&needs, &bad).expect("write");
    let e = csv_error(&dir);
    assert_eq!((e.file.as_str(), e.column.as_str()), ("needs.csv", "risk"));
    assert!(e.line >= 2);

    // a missing column
    std::fs::write(&needs, needs_text.replacen("category", "kategory", 1)).expect("write");
    let e = csv_error(&dir);
    assert_eq!(
        (e.file.as_str(), e.line, e.column.as_str()),
        ("needs.csv", 1, "category")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
