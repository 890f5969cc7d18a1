//! Dump a compiled team problem to JSON, and solve a dump with any strategy: the two halves of
//! the team-problem peer benchmark (`benches/peers/team.sh`), where an exact MILP solver reads
//! the same dump and the objectives are compared.
//!
//! ```text
//! cargo run --release --example problem -- dump [SCENARIO.json] [--seed N] [--needs N]
//!     [--volunteers N] [--townships N] [--communities N] [--organizations N]
//!     [--policy POLICY.json] --out PROBLEM.json
//! cargo run --release --example problem -- solve PROBLEM.json --strategy NAME [--runs N]
//!     [--solution-out SOLUTION.json]
//! cargo run --release --example problem -- strategies
//! ```
//!
//! `dump` compiles a scenario file, or without one the built-in county generator
//! (`wushe::sim::CountyConfig::default()` with the seed and sizes given), under the default
//! [`MatchPolicy`] or one read from a JSON file (any subset of its fields), and writes
//!
//! ```text
//! {"format":"wushe-problem","version":1,"problem":{...},"tiers":["high",...],"communities":[101,...]}
//! ```
//!
//! with the `Problem` as serde writes it and, per need in problem order, its risk tier and the
//! id of the community it is served in. The file is the same bytes for the same input.
//!
//! `solve` runs a strategy `--runs` times (default 1), checks the solution against every hard
//! constraint of the problem, and prints one line:
//!
//! ```text
//! strategy=greedy objective=123 weighted_objective=117 bound=none status=feasible high_served=4 key_served=9 general_served=20 seconds=0.012
//! ```
//!
//! (`seconds` is the median solve time; `bound` is `none` when the strategy has none;
//! `weighted_objective` leaves out the tier bonuses of the lexicographic tier policy, so it
//! equals `objective` under the weighted one.) With `--solution-out` the checked solution is
//! also written as JSON (the `Solution` as serde writes it: units per candidate edge, served
//! flag per need, status and bound), so a plan can be compared need by need with another
//! solver's.
//! `strategies` lists the strategy names, one a line.
//!
//! Bad input (unknown flag, unreadable or malformed file, invalid scenario or policy) exits
//! with status 2 and one line on stderr; a solution that fails the check exits with status 1.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use wushe::model::{RegionId, RiskTier, Scenario, ScenarioIndex};
use wushe::problem::{Problem, Solution, compile};
use wushe::sim::CountyConfig;
use wushe::{MatchPolicy, StrategyKind};

const USAGE: &str = "usage: problem dump [SCENARIO.json] [--seed N] [--needs N] [--volunteers N] \
[--townships N] [--communities N] [--organizations N] [--policy POLICY.json] --out PROBLEM.json\n       \
problem solve PROBLEM.json --strategy NAME [--runs N] [--solution-out SOLUTION.json]\n       \
problem strategies";

/// The `format` tag of a dump.
const FORMAT: &str = "wushe-problem";
/// The dump version this program writes and reads.
const VERSION: u32 = 1;

/// A compiled problem with what a report needs per need (the JSON file).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Dump {
    format: String,
    version: u32,
    problem: Problem,
    /// Risk tier per need, in problem order.
    tiers: Vec<RiskTier>,
    /// Community served, per need in problem order.
    communities: Vec<RegionId>,
}

/// Where `dump` takes its scenario from.
enum Source {
    File(String),
    Generated(CountyConfig),
}

struct DumpArgs {
    source: Source,
    policy: Option<String>,
    out: String,
}

struct SolveArgs {
    file: String,
    strategy: StrategyKind,
    runs: u32,
    solution_out: Option<String>,
}

enum Command {
    Dump(DumpArgs),
    Solve(SolveArgs),
    Strategies,
    Help,
}

/// How a run failed: bad input (exit 2) or a solution that breaks the problem (exit 1).
enum Failure {
    Input(String),
    Check(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Input(message)
    }
}

/// The next argument as the value of `flag`.
fn value(argv: &mut impl Iterator<Item = String>, flag: &str) -> Result<String, String> {
    argv.next().ok_or(format!("{flag} needs a value"))
}

/// The next argument as a number of at most `max` for `flag`.
fn number<T>(argv: &mut impl Iterator<Item = String>, flag: &str, max: T) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    let v = value(argv, flag)?;
    v.parse()
        .ok()
        .filter(|n| *n <= max)
        .ok_or(format!("{flag} must be a number up to {max}, got {v:?}"))
}

/// The `dump` flags that size the built-in generator (meaningless with a scenario file).
const GENERATOR_FLAGS: [&str; 6] = [
    "--seed",
    "--needs",
    "--volunteers",
    "--townships",
    "--communities",
    "--organizations",
];

fn parse_dump(mut argv: impl Iterator<Item = String>) -> Result<DumpArgs, String> {
    let mut file = None;
    let mut county = CountyConfig::default();
    let mut generator_flag = None;
    let mut policy = None;
    let mut out = None;
    const MAX: u32 = 10_000_000;
    while let Some(arg) = argv.next() {
        let flag = arg.as_str();
        if GENERATOR_FLAGS.contains(&flag) {
            generator_flag = Some(arg.clone());
        }
        match flag {
            "--seed" => county.seed = number(&mut argv, flag, u64::MAX)?,
            "--needs" => county.needs = number(&mut argv, flag, MAX)?,
            "--volunteers" => county.volunteers = number(&mut argv, flag, MAX)?,
            "--townships" => county.townships = number(&mut argv, flag, MAX)?,
            "--communities" => county.communities = number(&mut argv, flag, MAX)?,
            "--organizations" => county.organizations = number(&mut argv, flag, MAX)?,
            "--policy" => policy = Some(value(&mut argv, flag)?),
            "--out" => out = Some(value(&mut argv, flag)?),
            _ if flag.starts_with("--") => return Err(format!("dump: unknown flag {flag}")),
            _ if file.is_none() => file = Some(arg),
            _ => return Err(format!("dump: unexpected argument {arg:?}")),
        }
    }
    let source = match (file, generator_flag) {
        (Some(_), Some(flag)) => {
            return Err(format!(
                "dump: {flag} sets the generator, not a scenario file"
            ));
        }
        (Some(path), None) => Source::File(path),
        (None, _) => Source::Generated(county),
    };
    let out = out.ok_or("dump: --out PROBLEM.json is required")?;
    Ok(DumpArgs {
        source,
        policy,
        out,
    })
}

fn parse_solve(mut argv: impl Iterator<Item = String>) -> Result<SolveArgs, String> {
    let mut file = None;
    let mut strategy = None;
    let mut runs = 1;
    let mut solution_out = None;
    while let Some(arg) = argv.next() {
        let flag = arg.as_str();
        match flag {
            "--strategy" => {
                let name = value(&mut argv, flag)?;
                strategy = Some(name.parse().map_err(|e| format!("--strategy: {e}"))?);
            }
            "--runs" => runs = number(&mut argv, flag, 1000)?,
            "--solution-out" => solution_out = Some(value(&mut argv, flag)?),
            _ if flag.starts_with("--") => return Err(format!("solve: unknown flag {flag}")),
            _ if file.is_none() => file = Some(arg),
            _ => return Err(format!("solve: unexpected argument {arg:?}")),
        }
    }
    if runs == 0 {
        return Err("--runs must be at least 1".to_owned());
    }
    Ok(SolveArgs {
        file: file.ok_or("solve: PROBLEM.json is required")?,
        strategy: strategy.ok_or("solve: --strategy NAME is required")?,
        runs,
        solution_out,
    })
}

fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Command, String> {
    let args: Vec<String> = argv.by_ref().collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        return Ok(Command::Help);
    }
    let mut argv = args.into_iter();
    match argv.next().as_deref() {
        Some("dump") => parse_dump(argv).map(Command::Dump),
        Some("solve") => parse_solve(argv).map(Command::Solve),
        Some("strategies") => match argv.next() {
            None => Ok(Command::Strategies),
            Some(arg) => Err(format!("strategies: unexpected argument {arg:?}")),
        },
        Some(other) => Err(format!(
            "unknown command {other:?} (dump, solve, strategies)"
        )),
        None => Err("a command is required (dump, solve, strategies); see --help".to_owned()),
    }
}

/// A `wushe::Error` as one line naming where it came from.
fn one_line(context: &str, error: &wushe::Error) -> String {
    format!("{context}: {}", error.to_string().replace('\n', "; "))
}

/// Parses JSON bytes, naming the field path on failure.
fn from_json<T: serde::de::DeserializeOwned>(path: &str, bytes: &[u8]) -> Result<T, String> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| format!("{path}: {e}"))
}

fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{path}: {e}"))
}

fn load_policy(path: Option<&str>) -> Result<MatchPolicy, String> {
    match path {
        Some(path) => from_json(path, &read(path)?),
        None => Ok(MatchPolicy::default()),
    }
}

fn load_scenario(source: &Source) -> Result<Scenario, String> {
    match source {
        Source::File(path) => {
            wushe::io::json::load_scenario_file(path).map_err(|e| one_line(path, &e))
        }
        Source::Generated(county) => Ok(county.generate()),
    }
}

/// Risk tier and community of every need of `problem`, looked up in `scenario` by need id.
fn need_labels(
    scenario: &Scenario,
    problem: &Problem,
) -> Result<(Vec<RiskTier>, Vec<RegionId>), String> {
    let index = ScenarioIndex::new(scenario);
    problem
        .need_ids
        .iter()
        .map(|&id| {
            let need = index
                .need(id)
                .ok_or(format!("need {id} is not in the scenario"))?;
            let resident = index
                .resident(need.resident)
                .ok_or(format!("need {id}: resident {} is missing", need.resident))?;
            Ok((need.risk, resident.community))
        })
        .collect::<Result<Vec<_>, String>>()
        .map(|pairs| pairs.into_iter().unzip())
}

fn dump(args: &DumpArgs) -> Result<(), Failure> {
    let policy = load_policy(args.policy.as_deref())?;
    let scenario = load_scenario(&args.source)?;
    let compiled = compile(&scenario, &policy).map_err(|e| one_line("compile", &e))?;
    let problem = compiled.problem();
    let (tiers, communities) = need_labels(&scenario, problem)?;
    let dump = Dump {
        format: FORMAT.to_owned(),
        version: VERSION,
        problem: problem.clone(),
        tiers,
        communities,
    };
    let path = &args.out;
    write_json(path, &dump)?;
    eprintln!(
        "wrote {path}: {} needs, {} roles, {} providers, {} candidate edges",
        problem.needs.len(),
        problem.roles.len(),
        problem.providers.len(),
        problem.edges.len()
    );
    Ok(())
}

/// Writes `value` as one line of JSON to the file at `path`.
fn write_json(path: &str, value: &impl Serialize) -> Result<(), String> {
    let file = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = std::io::BufWriter::new(file);
    serde_json::to_writer(&mut out, value).map_err(|e| format!("{path}: {e}"))?;
    writeln!(out)
        .and_then(|()| out.flush())
        .map_err(|e| format!("{path}: {e}"))
}

fn load_dump(path: &str) -> Result<Dump, String> {
    let dump: Dump = from_json(path, &read(path)?)?;
    if dump.format != FORMAT || dump.version != VERSION {
        return Err(format!(
            "{path}: format {:?} version {}, expected {FORMAT:?} version {VERSION}",
            dump.format, dump.version
        ));
    }
    let needs = dump.problem.needs.len();
    if dump.tiers.len() != needs || dump.communities.len() != needs {
        return Err(format!(
            "{path}: {} tiers and {} communities for {needs} needs",
            dump.tiers.len(),
            dump.communities.len()
        ));
    }
    dump.problem
        .validate()
        .map_err(|e| one_line(&format!("{path}: problem"), &e))?;
    Ok(dump)
}

/// Served needs per tier, in [`RiskTier::ALL`] order.
fn served_by_tier(tiers: &[RiskTier], solution: &Solution) -> [usize; 3] {
    let mut counts = [0; 3];
    for (tier, _) in tiers.iter().zip(&solution.served).filter(|(_, s)| **s) {
        if let Some(i) = RiskTier::ALL.iter().position(|t| t == tier) {
            counts[i] += 1;
        }
    }
    counts
}

/// The median of `seconds` (not empty).
fn median(mut seconds: Vec<f64>) -> f64 {
    seconds.sort_by(f64::total_cmp);
    let n = seconds.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => seconds[n / 2],
        _ => (seconds[n / 2 - 1] + seconds[n / 2]) / 2.0,
    }
}

/// The serde name of a value (`"budget_reached"` for `SolveStatus::BudgetReached`).
fn serde_name(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .trim_matches('"')
        .to_owned()
}

fn solve(args: &SolveArgs) -> Result<(), Failure> {
    let dump = load_dump(&args.file)?;
    let problem = &dump.problem;
    let strategy = args.strategy.build();
    let mut seconds = Vec::new();
    let mut solution = Solution::default();
    for _ in 0..args.runs {
        let started = Instant::now();
        solution = strategy
            .solve(problem)
            .map_err(|e| one_line(&args.file, &e))?;
        seconds.push(started.elapsed().as_secs_f64());
    }
    problem
        .check(&solution)
        .map_err(|e| Failure::Check(format!("{}: solution fails the check: {e}", args.strategy)))?;
    if let Some(path) = &args.solution_out {
        write_json(path, &solution)?;
    }
    let [high, key, general] = served_by_tier(&dump.tiers, &solution);
    let bound = solution.bound.map_or("none".to_owned(), |b| b.to_string());
    let status = solution
        .status
        .map_or("none".to_owned(), |s| serde_name(&s));
    println!(
        "strategy={} objective={} weighted_objective={} bound={bound} status={status} \
         high_served={high} key_served={key} general_served={general} seconds={:.6}",
        args.strategy,
        problem.objective(&solution),
        problem.weighted_objective(&solution),
        median(seconds)
    );
    Ok(())
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Dump(args) => dump(&args),
        Command::Solve(args) => solve(&args),
        Command::Strategies => {
            for kind in StrategyKind::ALL {
                println!("{kind}");
            }
            Ok(())
        }
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    let result = parse_args(std::env::args().skip(1))
        .map_err(Failure::Input)
        .and_then(run);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(line)) => {
            eprintln!("error: {line}");
            ExitCode::from(2)
        }
        Err(Failure::Check(line)) => {
            eprintln!("error: {line}");
            ExitCode::from(1)
        }
    }
}
