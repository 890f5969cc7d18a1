//! Match a scenario and print a summary: the main job of a county platform's dispatch run.
//!
//! ```text
//! cargo run --release --bin wushe-match -- [SCENARIO.json] [--strategy NAME] [--out PLAN.json]
//!     [--tiers lexicographic|weighted] [--fairness POINTS] [--switching-cost POINTS]
//!     [--apply NEXT.json]
//! ```
//!
//! Without a file it matches the built-in default county (`wushe::sim::default_county()`)
//! with the default strategy (`decomposition`) and policy (lexicographic tiers, no fairness
//! term). It also reports the price of the policy against the plain weighted plan.
//! It prints coverage by risk tier and by category, fairness across communities and the unmet
//! needs by reason, and verifies the plan with the independent checker. `--out` writes the
//! plan file (`docs/plan-format.md`; byte-identical for the same input, whatever the thread
//! count). `--apply` writes the next snapshot: the scenario with the plan's assignments as
//! ongoing cases and loads and balances updated (`Scenario::apply`), to be matched again
//! tomorrow; its ongoing pairings are pinned unless `--switching-cost` lets a plan change them
//! at that many points each. The summary reports churn against the scenario's ongoing cases.
//!
//! A binary of the crate rather than an example, so that its first build compiles only the
//! library's dependencies, not the test and bench tool chain.
//!
//! Bad input (unreadable file, malformed JSON, invalid scenario, unknown strategy) exits with
//! status 2 and one line per problem on stderr, naming the entity and field.

use std::process::ExitCode;
use std::time::Instant;

use wushe::excerpt::excerpt;
use wushe::io::json::save_scenario_file;
use wushe::io::json::{load_scenario_file, save_plan_file};
use wushe::plan::{PlanMetrics, check_plan, policy_price};
use wushe::problem::compile;
use wushe::rules::{OngoingPolicy, TierOrder};
use wushe::{MatchPolicy, StrategyKind};

struct Args {
    scenario: Option<String>,
    strategy: StrategyKind,
    out: Option<String>,
    apply: Option<String>,
    policy: MatchPolicy,
}

const USAGE: &str = "usage: wushe-match [SCENARIO.json] [--strategy NAME] [--out PLAN.json] \
[--tiers lexicographic|weighted] [--fairness POINTS] [--switching-cost POINTS] [--apply NEXT.json]";

fn parse_args() -> Result<Args, Vec<String>> {
    let mut args = Args {
        scenario: None,
        strategy: StrategyKind::default(),
        out: None,
        apply: None,
        policy: MatchPolicy::default(),
    };
    let mut argv = std::env::args().skip(1);
    while let Some(arg) = argv.next() {
        match arg.as_str() {
            "--strategy" => {
                let name = argv
                    .next()
                    .ok_or(vec!["--strategy needs a name".to_owned()])?;
                args.strategy = name.parse().map_err(|e| vec![format!("--strategy: {e}")])?;
            }
            "--out" => {
                args.out = Some(argv.next().ok_or(vec!["--out needs a path".to_owned()])?);
            }
            "--tiers" => {
                let order = match argv.next().as_deref() {
                    Some("lexicographic") => TierOrder::Lexicographic,
                    Some("weighted") => TierOrder::Weighted,
                    _ => return Err(vec!["--tiers needs lexicographic or weighted".to_owned()]),
                };
                args.policy.tier_order = order;
            }
            "--fairness" => {
                let points = argv.next().and_then(|v| v.parse::<u32>().ok());
                args.policy.fairness =
                    points.ok_or(vec!["--fairness needs a number of points".to_owned()])?;
            }
            "--apply" => {
                args.apply = Some(argv.next().ok_or(vec!["--apply needs a path".to_owned()])?);
            }
            "--switching-cost" => {
                let points = argv.next().and_then(|v| v.parse::<u32>().ok());
                let switching_cost =
                    points.ok_or(vec!["--switching-cost needs a number of points".to_owned()])?;
                args.policy.ongoing = OngoingPolicy::Switchable { switching_cost };
            }
            "-h" | "--help" => return Err(vec![USAGE.to_owned()]),
            _ if arg.starts_with("--") => {
                return Err(vec![format!("unknown flag {}", excerpt(&arg))]);
            }
            _ if args.scenario.is_none() => args.scenario = Some(arg),
            _ => return Err(vec![format!("unexpected argument \"{}\"", excerpt(&arg))]),
        }
    }
    Ok(args)
}

/// A path for a message: escaped (a file name may hold control characters), not shortened.
fn shown_path(path: &str) -> String {
    wushe::excerpt::escape(path)
}

/// One line per problem: a validation report lists every issue, other errors are one line.
fn run(args: &Args) -> Result<(), Vec<String>> {
    let started = Instant::now();
    let scenario = match &args.scenario {
        Some(path) => load_scenario_file(path).map_err(|e| e.lines(&shown_path(path)))?,
        None => wushe::sim::default_county(),
    };
    // matched in id order, as the library's entry points do: the plan does not depend on
    // the order the file lists its entities in
    let scenario = wushe::in_id_order(&scenario).into_owned();
    let loaded = started.elapsed();
    let policy = &args.policy;
    let compiled = compile(&scenario, policy).map_err(|e| e.lines("compile"))?;
    let compiled_at = started.elapsed();
    let solution = args
        .strategy
        .build()
        .solve(compiled.problem())
        .map_err(|e| e.lines("solve"))?;
    let mut plan = compiled.plan(&solution, args.strategy.name());
    let matched_at = started.elapsed();
    plan.policy_price = policy_price(&scenario, policy, &plan).map_err(|e| e.lines("price"))?;
    let priced_at = started.elapsed();
    let checked = check_plan(&scenario, &plan);
    let metrics = PlanMetrics::compute(&scenario, &plan);

    println!("scenario  {}", excerpt(&scenario.name));
    println!(
        "entities  {} regions, {} workers, {} volunteers, {} organizations, {} funds, {} needs",
        scenario.regions.len(),
        scenario.workers.len(),
        scenario.volunteers.len(),
        scenario.organizations.len(),
        scenario.funds.len(),
        scenario.needs.len()
    );
    let p = compiled.problem();
    println!(
        "problem   {} roles, {} providers, {} candidate edges",
        p.roles.len(),
        p.providers.len(),
        p.edges.len()
    );
    let gap = plan.bound.filter(|_| plan.objective > 0).map(|b| {
        format!(
            ", bound {b} (gap {:.2}%)",
            (b - plan.objective) as f64 / plan.objective as f64 * 100.0
        )
    });
    println!(
        "strategy  {} ({}), objective {}{}",
        plan.strategy,
        plan.status,
        plan.objective,
        gap.unwrap_or_default()
    );
    println!(
        "policy    tiers {}, fairness {}; plain weighted objective {}",
        policy.tier_order, policy.fairness, plan.weighted_objective
    );
    if let Some(cap) = p.tier_cap {
        println!(
            "tiers     capped in {} component(s) of up to {} needs: High first, Key before gains up to {} of the rest",
            cap.components, cap.largest_component_needs, cap.key_outweighs
        );
    }
    if let Some(price) = &plan.policy_price {
        println!(
            "price     {} ({:.2}% of the plain weighted plan {}; at most {})",
            price.price,
            price.relative() * 100.0,
            price.reference_objective,
            price
                .price_at_most
                .map_or_else(|| "-".to_owned(), |m| m.to_string())
        );
    }
    println!(
        "time      load {:.1} ms, compile {:.1} ms, match {:.1} ms, price {:.1} ms",
        loaded.as_secs_f64() * 1e3,
        (compiled_at - loaded).as_secs_f64() * 1e3,
        (matched_at - compiled_at).as_secs_f64() * 1e3,
        (priced_at - matched_at).as_secs_f64() * 1e3
    );
    println!("{metrics}");
    if !scenario.ongoing.is_empty() || plan.churn.new > 0 {
        println!(
            "ongoing   {} cases before the plan; {}",
            scenario.ongoing.len(),
            plan.churn
        );
    }
    let by_category: Vec<String> = metrics
        .by_category
        .iter()
        .map(|(category, c)| format!("{category} {}/{}", c.served, c.needs))
        .collect();
    println!("by category: {}", by_category.join(", "));
    match &checked {
        Ok(()) => println!("check     independent checker: every hard constraint holds"),
        Err(violations) => {
            println!("check     {} VIOLATIONS", violations.len());
            for v in violations.iter().take(20) {
                println!("  {v}");
            }
        }
    }
    if let Some(path) = &args.out {
        save_plan_file(&plan, path).map_err(|e| e.lines("--out"))?;
        println!("wrote     {path}");
    }
    if checked.is_err() {
        return Err(vec!["the plan failed the independent check".to_owned()]);
    }
    if let Some(path) = &args.apply {
        let next = scenario.apply(&plan).map_err(|e| e.lines("--apply"))?;
        save_scenario_file(&next, path).map_err(|e| e.lines("--apply"))?;
        println!(
            "wrote     {path} (next snapshot: {} ongoing cases)",
            next.ongoing.len()
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let result = parse_args().and_then(|args| run(&args));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(lines) => {
            for line in lines {
                eprintln!("error: {line}");
            }
            ExitCode::from(2)
        }
    }
}
