//! Fuzz targets and a seeded byte mutator, shared by the smoke test (`tests/fuzz.rs`, a few
//! hundred executions per target in CI) and the campaign driver (`examples/fuzz.rs`, run for a
//! given time by `scripts/fuzz.sh TARGET SECONDS`).
//!
//! Each target panics when its oracle fails; the drivers catch the panic and keep the input:
//! - [`scenario_json`]: loading arbitrary bytes never panics; an error's message holds no
//!   control character and no line over 400 characters; a loaded scenario is valid, saves and
//!   reloads to itself, and every strategy's solution passes `Problem::check` and its plan the
//!   independent checker, accounting for every need;
//! - [`dimacs`]: reading arbitrary bytes as any DIMACS format never panics; messages as above;
//!   a network is solved by both flow cores with equal status and objective, the optimum
//!   certified by its potentials; a matrix by both assignment cores, the optimum certified by
//!   its duals;
//! - [`strategies`]: on an arbitrary small valid scenario, every strategy's solution passes
//!   `Problem::check`, its plan the independent checker, and every need is accounted for;
//! - `csv` (feature `csv`): a folder of CSV tables, given as one byte string
//!   ([`csv_folder_bytes`]), never panics the loader; messages as above; a loaded scenario
//!   that is valid saves and reloads to itself (as CSV) and goes through [`strategies`].

#![allow(dead_code)]

use std::path::Path;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use wushe::io::dimacs::{Instance, parse_instance};
use wushe::io::json::{load_scenario_from_slice, scenario_to_string};
use wushe::model::Scenario;
use wushe::plan::check_plan;
use wushe::problem::compile;
use wushe::solve::assignment::{AssignmentAlgorithm, AssignmentStatus, check_assignment_duals};
use wushe::solve::flow::certificate::check_certificate;
use wushe::solve::flow::{FlowAlgorithm, FlowStatus};
use wushe::{MatchPolicy, StrategyKind};

/// The fuzz targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Scenario JSON bytes.
    ScenarioJson,
    /// DIMACS `p min` / `p asn` / `.mat` bytes.
    Dimacs,
    /// Every strategy on arbitrary small scenarios.
    Strategies,
    /// A folder of scenario CSV tables (feature `csv`).
    Csv,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 4] = [
        Target::ScenarioJson,
        Target::Dimacs,
        Target::Strategies,
        Target::Csv,
    ];

    /// The name used by `scripts/fuzz.sh`.
    pub fn name(self) -> &'static str {
        match self {
            Target::ScenarioJson => "scenario_json",
            Target::Dimacs => "dimacs",
            Target::Strategies => "strategies",
            Target::Csv => "csv",
        }
    }
}

/// Panics unless `message` is one printable line per issue of bounded length.
fn check_message(message: &str) {
    assert!(
        !message.chars().any(|c| c.is_control() && c != '\n'),
        "control character in message: {message:?}"
    );
    assert!(
        message.lines().all(|l| l.chars().count() <= 400),
        "over-long message line: {message:.500}"
    );
}

/// The scenario JSON target.
pub fn scenario_json(bytes: &[u8]) {
    match load_scenario_from_slice(bytes) {
        Err(e) => check_message(&e.to_string()),
        Ok(s) => {
            assert!(s.validate().is_ok(), "a loaded scenario is valid");
            let text = scenario_to_string(&s).expect("saves");
            let again = load_scenario_from_slice(text.as_bytes()).expect("reloads");
            assert_eq!(again, s, "save and reload gives the same scenario");
            strategies(&s);
        }
    }
}

/// The strategies target: every strategy on a valid scenario, checked twice.
pub fn strategies(s: &Scenario) {
    let compiled = match compile(s, &MatchPolicy::default()) {
        Ok(c) => c,
        Err(e) => return check_message(&e.to_string()),
    };
    for &kind in StrategyKind::ALL {
        let solution = match kind.build().solve(compiled.problem()) {
            Ok(solution) => solution,
            Err(e) => panic!("{kind} failed on a compiled problem: {e}"),
        };
        if let Err(e) = compiled.problem().check(&solution) {
            panic!("{kind}: Problem::check: {e:?}");
        }
        let plan = compiled.plan(&solution, kind.name());
        if let Err(v) = check_plan(s, &plan) {
            panic!("{kind}: independent checker: {v:?}");
        }
        assert_eq!(
            plan.served.len() + plan.unmet.len(),
            s.needs.len(),
            "{kind}: every need accounted for"
        );
    }
}

/// The DIMACS target.
pub fn dimacs(bytes: &[u8]) {
    match parse_instance(bytes) {
        Err(e) => check_message(&e.to_string()),
        Ok(Instance::MinCostFlow(net)) => {
            let mut solutions = Vec::new();
            for alg in FlowAlgorithm::ALL {
                match alg.solver().solve(&net) {
                    Ok(s) => solutions.push(s),
                    Err(e) => return check_message(&e.to_string()),
                }
            }
            let a = &solutions[0];
            for b in &solutions[1..] {
                assert_eq!(a.status, b.status, "flow cores disagree on the status");
                if a.status == FlowStatus::Optimal {
                    assert_eq!(
                        a.objective, b.objective,
                        "flow cores disagree on the optimum"
                    );
                }
            }
            if a.status == FlowStatus::Optimal {
                for s in &solutions {
                    if let Err(v) = check_certificate(&net, s) {
                        panic!("flow certificate: {v:?}");
                    }
                }
            }
        }
        Ok(Instance::Assignment(matrix)) => {
            let [a, b] = AssignmentAlgorithm::ALL.map(|alg| alg.solver().solve(&matrix));
            let (a, b) = match (a, b) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(e), _) | (_, Err(e)) => return check_message(&e.to_string()),
            };
            assert_eq!(
                a.status, b.status,
                "assignment cores disagree on the status"
            );
            if a.status == AssignmentStatus::Optimal {
                assert_eq!(a.objective, b.objective, "assignment cores disagree");
                for s in [&a, &b] {
                    if let Err(v) = check_assignment_duals(&matrix, s) {
                        panic!("assignment duals: {v:?}");
                    }
                }
            }
        }
    }
}

/// The tables of a scenario CSV folder, in the order a folder is written as bytes.
pub const CSV_TABLES: [&str; 13] = [
    "scenario.csv",
    "counties.csv",
    "stations.csv",
    "communities.csv",
    "roads.csv",
    "organizations.csv",
    "workers.csv",
    "volunteers.csv",
    "funds.csv",
    "residents.csv",
    "needs.csv",
    "roles.csv",
    "ongoing.csv",
];

/// The line that starts a table in a folder's byte string: `=== NAME.csv`.
const CSV_MARK: &[u8] = b"=== ";

/// A CSV folder as one byte string: each table present as `=== NAME.csv`, a newline, then
/// its bytes.
pub fn csv_folder_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for name in CSV_TABLES {
        if let Ok(content) = std::fs::read(dir.join(name)) {
            bytes.extend_from_slice(CSV_MARK);
            bytes.extend_from_slice(name.as_bytes());
            bytes.push(b'\n');
            bytes.extend_from_slice(&content);
        }
    }
    bytes
}

/// The tables of a folder's byte string (tables of unknown names are dropped; a later table
/// of the same name replaces an earlier one).
fn csv_tables(bytes: &[u8]) -> Vec<(&'static str, &[u8])> {
    let mut tables: Vec<(&'static str, &[u8])> = Vec::new();
    // (start of the mark line, end of the name, start of the content)
    let mut marks: Vec<(usize, usize, usize)> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let line_end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |k| at + k);
        if bytes[at..line_end].starts_with(CSV_MARK) {
            marks.push((at, line_end, (line_end + 1).min(bytes.len())));
        }
        at = line_end + 1;
    }
    for (k, &(mark, name_end, content)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(bytes.len(), |&(next, _, _)| next);
        let name = &bytes[mark + CSV_MARK.len()..name_end];
        let Some(&known) = CSV_TABLES.iter().find(|t| t.as_bytes() == name) else {
            continue;
        };
        tables.retain(|(t, _)| *t != known);
        tables.push((known, &bytes[content..end]));
    }
    tables
}

/// A scratch folder of this process and thread for the CSV target.
#[cfg(feature = "csv")]
fn csv_scratch() -> std::path::PathBuf {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::thread::current().id().hash(&mut h);
    let base = if Path::new("/dev/shm").is_dir() {
        std::path::PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    base.join(format!(
        "wushe-fuzz-csv-{}-{:x}",
        std::process::id(),
        h.finish()
    ))
}

/// The CSV target: the folder in `bytes` ([`csv_folder_bytes`]) written out and loaded.
#[cfg(feature = "csv")]
pub fn csv(bytes: &[u8]) {
    use wushe::io::csv::{load_scenario_dir, save_scenario_dir};
    thread_local! {
        /// What the scratch folder of this thread holds: the tables written last.
        static ON_DISK: std::cell::RefCell<Vec<(&'static str, Vec<u8>)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    let dir = csv_scratch();
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let tables = csv_tables(bytes);
    // write only the tables that changed since the last input (a mutant changes a few)
    ON_DISK.with_borrow_mut(|disk| {
        for name in CSV_TABLES {
            let now = tables.iter().find(|(t, _)| *t == name).map(|(_, c)| *c);
            let before = disk.iter().position(|(t, _)| *t == name);
            match (now, before) {
                (Some(c), Some(k)) if disk[k].1 == c => {}
                (Some(c), _) => {
                    std::fs::write(dir.join(name), c).expect("scratch table");
                    disk.retain(|(t, _)| *t != name);
                    disk.push((name, c.to_vec()));
                }
                (None, Some(k)) => {
                    let _ = std::fs::remove_file(dir.join(name));
                    disk.remove(k);
                }
                (None, None) => {}
            }
        }
    });
    let loaded = load_scenario_dir(&dir);
    match loaded {
        Err(e) => check_message(&e.to_string()),
        Ok(s) => {
            if let Err(e) = s.validate() {
                return check_message(&e.to_string());
            }
            let again = dir.join("again");
            save_scenario_dir(&s, &again).expect("saves");
            let back = load_scenario_dir(&again).expect("reloads");
            assert!(back == s, "save and reload gives the same scenario");
            strategies(&s);
        }
    }
}

/// Seed folders of the CSV target: every demo scenario and the small test scenario, written
/// as CSV tables.
#[cfg(feature = "csv")]
fn csv_seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut scenarios: Vec<Scenario> = wushe::demo::all().into_iter().map(|(_, s)| s).collect();
    for file in ["small-scenario.json", "small-valid-scenario.json"] {
        if let Some(s) = std::fs::read(root.join(file))
            .ok()
            .and_then(|b| load_scenario_from_slice(&b).ok())
        {
            scenarios.push(s);
        }
    }
    let dir = csv_scratch().join("seed");
    scenarios
        .iter()
        .filter_map(|s| {
            let _ = std::fs::remove_dir_all(&dir);
            wushe::io::csv::save_scenario_dir(s, &dir).ok()?;
            Some(csv_folder_bytes(&dir))
        })
        .collect()
}

#[cfg(not(feature = "csv"))]
fn csv_seeds() -> Vec<Vec<u8>> {
    Vec::new()
}

/// Seed inputs of a byte target: the corpus files of its kind and the documented example.
pub fn seeds(target: Target) -> Vec<Vec<u8>> {
    if target == Target::Csv {
        return csv_seeds();
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = Vec::new();
    let groups: &[&str] = match target {
        Target::ScenarioJson => &["structural", "numeric", "semantic", "serialization"],
        Target::Dimacs => &["dimacs"],
        Target::Strategies | Target::Csv => &[],
    };
    for group in groups {
        let Ok(dir) = std::fs::read_dir(root.join("adversarial").join(group)) else {
            continue;
        };
        let mut paths: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        files.extend(paths);
    }
    if target == Target::ScenarioJson {
        files.push(root.join("data/small-scenario.json"));
    }
    files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter(|b| b.len() <= MAX_INPUT)
        .collect()
}

/// Largest input the mutator produces, bytes.
pub const MAX_INPUT: usize = 1 << 16;

/// Tokens that are likely to reach new code when spliced into JSON or DIMACS text.
const TOKENS: &[&[u8]] = &[
    b"[",
    b"]",
    b"{",
    b"}",
    b"\"",
    b",",
    b":",
    b"null",
    b"true",
    b"-1",
    b"0",
    b"1e400",
    b"4294967296",
    b"9223372036854775808",
    b"\"\\u001b\"",
    b"\"\\ud800\"",
    b"{}",
    b"[]",
    b"\"passed\"",
    b"{\"passed\":{\"expires\":\"2027-01-01\"}}",
    b"\"2026-02-30\"",
    b"\n",
    b"\r\n",
    b"\x00",
    b"\x1b",
    b"\xff",
    b"p min 2 1\n",
    b"a 1 2 0 1 1\n",
    b"n 1 1\n",
    b"p asn 4 1\n",
    b" 67108864",
    b" -9223372036854775808",
    b"=== roles.csv\n",
    b"=== needs.csv\n",
    b";",
    b"passed:2027-01-01",
    b"worker:1",
    b"goods:rice",
    b"child_in_difficulty:left_behind",
];

/// A seeded mutator: each input is a seed with 1–8 random edits (bit flips, byte and token
/// insertions, deletions, chunk duplication, splices with another seed).
pub struct Mutator {
    rng: ChaCha8Rng,
    seeds: Vec<Vec<u8>>,
}

impl Mutator {
    /// A mutator over `seeds`, seeded with `seed`.
    pub fn new(seeds: Vec<Vec<u8>>, seed: u64) -> Self {
        Mutator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            seeds,
        }
    }

    /// The next input.
    pub fn next_input(&mut self) -> Vec<u8> {
        let mut input = if self.seeds.is_empty() {
            Vec::new()
        } else {
            self.seeds[self.rng.random_range(0..self.seeds.len())].clone()
        };
        for _ in 0..self.rng.random_range(1..=8) {
            self.edit(&mut input);
        }
        input.truncate(MAX_INPUT);
        input
    }

    fn edit(&mut self, input: &mut Vec<u8>) {
        let at = if input.is_empty() {
            0
        } else {
            self.rng.random_range(0..input.len())
        };
        match self.rng.random_range(0..7) {
            0 if !input.is_empty() => input[at] ^= 1 << self.rng.random_range(0..8),
            1 => input.insert(at, self.rng.random()),
            2 if !input.is_empty() => {
                let end = (at + self.rng.random_range(1..=16)).min(input.len());
                input.drain(at..end);
            }
            3 if !input.is_empty() => {
                let end = (at + self.rng.random_range(1..=64)).min(input.len());
                let chunk = input[at..end].to_vec();
                let to = self.rng.random_range(0..=input.len());
                input.splice(to..to, chunk);
            }
            4 if !self.seeds.is_empty() => {
                let other = &self.seeds[self.rng.random_range(0..self.seeds.len())];
                let from = self.rng.random_range(0..=other.len());
                input.truncate(at);
                input.extend_from_slice(&other[from..]);
            }
            _ => {
                let token = TOKENS[self.rng.random_range(0..TOKENS.len())];
                let at = at.min(input.len());
                input.splice(at..at, token.iter().copied());
            }
        }
    }
}
