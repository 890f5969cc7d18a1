//! The simulation for researchers: steps a county week by week under several strategies and
//! policies, with replications on common random numbers, and writes CSV, JSON and SVG charts.
//!
//! ```text
//! cargo run --release --features cli -- [--scenario FILE.json|CSV_DIR] [--weeks N]
//!     [--strategies A,B] [--policies P,Q] [--replications R] [--seed S] [--shard i/n]
//!     [--out DIR]
//! cargo run --release --features cli -- merge PART.json... [--out DIR]
//! ```
//!
//! Without options it runs the built-in default county for 52 weeks with greedy, min-cost
//! flow and the decomposition under the default policy, 3 replications, shows a progress bar,
//! prints the comparison table and writes `rounds.csv`, `summary.csv`, `communities.csv`,
//! `results.json`, `coverage.svg` and `communities.svg` to `./out`. With `--shard i/n` it
//! runs only its share of the jobs and writes `part-i-of-n.json`; `merge` combines the parts
//! into the same files a whole run writes, byte for byte. Bad input exits with status 2.

mod charts;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use ordered_float::OrderedFloat;
use wushe::sim::{
    ArmSummary, Shard, SimConfig, SimPolicy, Study, StudyPart, StudyResults, merge, report,
};
use wushe::{Scenario, StrategyKind};

/// Round-based simulation of a county's five-party linkage (one round = one week).
#[derive(Parser)]
#[command(name = "wushe-sim", version)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Combine the part files of every shard of a study into its results.
    Merge {
        /// The part files (`part-i-of-n.json`), one per shard, in any order.
        #[arg(required = true)]
        parts: Vec<PathBuf>,
        /// Output folder.
        #[arg(long, default_value = "out")]
        out: PathBuf,
    },
}

#[derive(Args)]
struct RunArgs {
    /// Scenario: a JSON file or a folder of CSV tables (default: the built-in default county).
    #[arg(long)]
    scenario: Option<PathBuf>,
    /// Weeks to simulate.
    #[arg(long, default_value_t = 52)]
    weeks: u32,
    /// Strategies, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "greedy,min_cost_flow,decomposition"
    )]
    strategies: Vec<String>,
    /// Policies, comma-separated: default, weighted, fair, reserve.
    #[arg(long, value_delimiter = ',', default_value = "default")]
    policies: Vec<String>,
    /// Replications per strategy and policy.
    #[arg(long, default_value_t = 3)]
    replications: u32,
    /// Seed of the study.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Run only shard i of n (0-based) and write its part file.
    #[arg(long)]
    shard: Option<String>,
    /// Dynamics as a JSON file of `SimConfig` fields (missing fields keep their defaults;
    /// `--weeks` overrides its `weeks`).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Output folder.
    #[arg(long, default_value = "out")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Merge { parts, out }) => merge_parts(&parts, &out),
        None => run(&cli.run),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(lines) => {
            for line in lines {
                eprintln!("wushe-sim: {line}");
            }
            ExitCode::from(2)
        }
    }
}

type Fallible<T> = Result<T, Vec<String>>;

fn shown(path: &Path) -> String {
    wushe::excerpt::escape(&path.display().to_string())
}

fn load_scenario(path: Option<&Path>) -> Fallible<Scenario> {
    match path {
        None => Ok(wushe::sim::default_county()),
        Some(p) if p.is_dir() => {
            wushe::io::csv::load_scenario_dir(p).map_err(|e| e.lines(&shown(p)))
        }
        Some(p) => wushe::io::json::load_scenario_file(p).map_err(|e| e.lines(&shown(p))),
    }
}

fn study(args: &RunArgs) -> Fallible<Study> {
    let mut config = match &args.config {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| vec![format!("{}: {e}", shown(path))])?;
            serde_json::from_str::<SimConfig>(&text)
                .map_err(|e| vec![format!("{}: {e}", shown(path))])?
        }
        None => SimConfig::default(),
    };
    config.weeks = args.weeks;
    let strategies = args
        .strategies
        .iter()
        .map(|s| {
            s.parse::<StrategyKind>()
                .map_err(|e| vec![format!("--strategies: {e}")])
        })
        .collect::<Fallible<Vec<_>>>()?;
    let policies = args
        .policies
        .iter()
        .map(|p| {
            SimPolicy::named(p).ok_or_else(|| {
                vec![format!(
                    "--policies: unknown policy \"{}\" (known: {})",
                    wushe::excerpt::excerpt(p),
                    SimPolicy::PRESETS.join(", ")
                )]
            })
        })
        .collect::<Fallible<Vec<_>>>()?;
    if args.replications == 0 {
        return Err(vec!["--replications must be at least 1".to_owned()]);
    }
    Ok(Study {
        config,
        strategies,
        policies,
        replications: args.replications,
        seed: args.seed,
    })
}

fn run(args: &RunArgs) -> Fallible<()> {
    let started = Instant::now();
    let shard = match &args.shard {
        Some(text) => text
            .parse::<Shard>()
            .map_err(|e| vec![format!("--shard: {e}")])?,
        None => Shard::WHOLE,
    };
    let study = study(args)?;
    let scenario = load_scenario(args.scenario.as_deref())?;
    let jobs = study.jobs().iter().filter(|j| shard.owns(j.index)).count() as u64;
    let bar = ProgressBar::new(jobs * u64::from(study.config.weeks));
    bar.set_style(
        ProgressStyle::with_template(
            "{elapsed_precise} [{bar:40}] {pos}/{len} rounds ({eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let part = study
        .run(&scenario, shard, &|| bar.inc(1))
        .map_err(|e| e.lines("simulation"))?;
    bar.finish_and_clear();
    eprintln!(
        "ran {jobs} runs of {} weeks in {:.1} s",
        study.config.weeks,
        started.elapsed().as_secs_f64()
    );
    if args.shard.is_some() {
        std::fs::create_dir_all(&args.out)
            .map_err(|e| vec![format!("{}: {e}", shown(&args.out))])?;
        let path = args
            .out
            .join(format!("part-{}-of-{}.json", shard.index, shard.count));
        let text = serde_json::to_string(&part).map_err(|e| vec![format!("part: {e}")])?;
        std::fs::write(&path, text).map_err(|e| vec![format!("{}: {e}", shown(&path))])?;
        println!("wrote {}", path.display());
        return Ok(());
    }
    let results = merge(vec![part]).map_err(|e| e.lines("merge"))?;
    publish(&results, &args.out)
}

fn merge_parts(paths: &[PathBuf], out: &Path) -> Fallible<()> {
    let mut parts = Vec::new();
    for path in paths {
        let text =
            std::fs::read_to_string(path).map_err(|e| vec![format!("{}: {e}", shown(path))])?;
        let part: StudyPart =
            serde_json::from_str(&text).map_err(|e| vec![format!("{}: {e}", shown(path))])?;
        parts.push(part);
    }
    let results = merge(parts).map_err(|e| e.lines("merge"))?;
    publish(&results, out)
}

/// Writes every output file and prints the comparison table, arms ranked by coverage.
fn publish(results: &StudyResults, out: &Path) -> Fallible<()> {
    let mut written = report::write_results(results, out).map_err(|e| e.lines(&shown(out)))?;
    let summary = results.summary();
    for (name, svg) in [
        ("coverage.svg", charts::coverage_over_time(&summary)),
        ("communities.svg", charts::coverage_by_community(&summary)),
    ] {
        let path = out.join(name);
        let svg = svg.map_err(|e| vec![format!("{name}: {e}")])?;
        std::fs::write(&path, svg).map_err(|e| vec![format!("{}: {e}", shown(&path))])?;
        written.push(path);
    }
    print!("{}", report::comparison_table(&ranked(summary)));
    for path in written {
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// Arms from the highest mean coverage down (ties keep the study's order).
fn ranked(mut summary: Vec<ArmSummary>) -> Vec<ArmSummary> {
    summary.sort_by_key(|arm| {
        std::cmp::Reverse(OrderedFloat(arm.metric("coverage").map_or(0.0, |e| e.mean)))
    });
    summary
}
