//! A platform over time: match the county, write the plan back as ongoing cases, let a day
//! pass (1 % of the cases close, as many new needs arrive, 1 % of the volunteers leave, a fund
//! is topped up), and match again — once cold (compile + solve from scratch) and once warm
//! (`wushe::Rematcher`, from the previous prices and plan) — for several days.
//!
//! ```text
//! cargo run --release --example platform -- [--days N] [--change SHARE] [--strategy NAME]
//! ```
//!
//! Prints one line per day: the churn against the ongoing cases, the plain weighted objective
//! and gap of both solves, their times and the speed-up. Both plans pass the independent
//! checker. Deterministic apart from the times.

use std::time::Instant;

use wushe::plan::check_plan;
use wushe::sim::{default_county, small_change};
use wushe::{MatchPlan, MatchPolicy, Rematcher, Scenario, StrategyKind};

struct Args {
    days: u32,
    change: f64,
    strategy: StrategyKind,
    apply: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        days: 5,
        change: 0.01,
        strategy: StrategyKind::Decomposition,
        apply: false,
    };
    let mut argv = std::env::args().skip(1);
    while let Some(arg) = argv.next() {
        if arg == "--apply" {
            args.apply = true;
            continue;
        }
        let value = argv.next().ok_or(format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--days" => args.days = value.parse().map_err(|_| "--days needs a number")?,
            "--change" => args.change = value.parse().map_err(|_| "--change needs a share")?,
            "--strategy" => args.strategy = value.parse().map_err(|e| format!("{e}"))?,
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    Ok(args)
}

/// A cold match: compile and solve from scratch (no policy price).
fn cold(scenario: &Scenario, policy: &MatchPolicy, kind: StrategyKind) -> wushe::Result<MatchPlan> {
    let compiled = wushe::problem::compile(scenario, policy)?;
    let solution = kind.build().solve(compiled.problem())?;
    Ok(compiled.plan(&solution, kind.name()))
}

fn gap(plan: &MatchPlan) -> String {
    match plan.bound {
        Some(b) if plan.objective > 0 => {
            format!(
                "{:.2}%",
                (b - plan.objective) as f64 / plan.objective as f64 * 100.0
            )
        }
        _ => "-".into(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let policy = MatchPolicy::default();
    let mut matcher = Rematcher::new(policy.clone(), args.strategy);
    let mut scenario = default_county();
    let started = Instant::now();
    let plan = matcher.rematch(&scenario)?;
    println!(
        "day 0: {} needs, {} served, objective {}, {:.0} ms",
        scenario.needs.len(),
        plan.served.len(),
        plan.weighted_objective,
        started.elapsed().as_secs_f64() * 1e3
    );
    if args.apply {
        scenario = scenario.apply(&plan)?;
    }
    println!(
        "{:>3}  {:>30}  {:>26}  {:>26}  {:>7}",
        "day", "churn (warm plan)", "cold: objective gap ms", "warm: objective gap ms", "speed-up"
    );
    for day in 1..=args.days {
        small_change(&mut scenario, args.change, u64::from(day));
        let t = Instant::now();
        let cold_plan = cold(&scenario, &policy, args.strategy)?;
        let cold_ms = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let warm_plan = matcher.rematch(&scenario)?;
        let warm_ms = t.elapsed().as_secs_f64() * 1e3;
        check_plan(&scenario, &cold_plan).map_err(wushe::Error::from)?;
        check_plan(&scenario, &warm_plan).map_err(wushe::Error::from)?;
        let c = &warm_plan.churn;
        println!(
            "{day:>3}  {:>30}  {:>12} {:>6} {:>6.0}  {:>12} {:>6} {:>6.0}  {:>7.1}x",
            format!(
                "{} kept {} sw {} rel {} new",
                c.kept, c.switched, c.released, c.new
            ),
            cold_plan.weighted_objective,
            gap(&cold_plan),
            cold_ms,
            warm_plan.weighted_objective,
            gap(&warm_plan),
            warm_ms,
            cold_ms / warm_ms.max(1e-3)
        );
        if args.apply {
            scenario = scenario.apply(&warm_plan)?;
        }
    }
    Ok(())
}
