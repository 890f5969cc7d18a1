//! Explain a plan to a caseworker: why each unmet need was not served, who blocked it, and
//! the cheapest verified changes that would serve it; why each served need got its providers.
//!
//! ```text
//! cargo run --release --example explain -- [SCENARIO.json] [--need ID] [--strategy NAME]
//!                                          [--json OUT.json] [--resolves N]
//! ```
//!
//! Without a file it explains the built-in default county (`wushe::sim::default_county()`).
//! With `--need N12` (or `--need 12`) it prints the explanation of that need; otherwise a
//! summary of every need and the most urgent unmet ones. `--json` writes the explanations
//! printed (one need or all) in the versioned format of `docs/explain-format.md`,
//! byte-identical for the same input whatever the thread count. `--resolves N` sets the total
//! budget of verifying re-solves.
//!
//! Bad input (unreadable file, malformed JSON, invalid scenario, unknown strategy or need,
//! bad flag) exits with status 2 and a one-line message on stderr.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Instant;

use wushe::io::json::load_scenario_file;
use wushe::model::{NeedId, ProviderId, ResourceKind, RiskTier, Scenario};
use wushe::plan::explain::{
    Change, ExplainOptions, Explainer, Explanations, RoleBlock, RunnerUpState, ServedExplanation,
    UnmetExplanation, Verification, Versus,
};
use wushe::problem::compile;
use wushe::{MatchPolicy, StrategyKind};

struct Args {
    scenario: Option<String>,
    need: Option<NeedId>,
    strategy: StrategyKind,
    json: Option<String>,
    resolves: Option<u64>,
}

const USAGE: &str =
    "usage: explain [SCENARIO.json] [--need ID] [--strategy NAME] [--json OUT.json] [--resolves N]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        scenario: None,
        need: None,
        strategy: StrategyKind::default(),
        json: None,
        resolves: None,
    };
    let mut argv = std::env::args().skip(1);
    while let Some(arg) = argv.next() {
        let mut value = |flag: &str| argv.next().ok_or(format!("{flag} needs a value"));
        match arg.as_str() {
            "--need" => {
                let text = value("--need")?;
                let digits = text.strip_prefix(['N', 'n']).unwrap_or(&text);
                let id = digits
                    .parse()
                    .map_err(|_| format!("--need: {text:?} is not a need id (N12 or 12)"))?;
                args.need = Some(NeedId(id));
            }
            "--strategy" => {
                let name = value("--strategy")?;
                args.strategy = name.parse().map_err(|e| format!("--strategy: {e}"))?;
            }
            "--json" => args.json = Some(value("--json")?),
            "--resolves" => {
                let text = value("--resolves")?;
                let n = text
                    .parse()
                    .map_err(|_| format!("--resolves: {text:?} is not a count"))?;
                args.resolves = Some(n);
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            _ if arg.starts_with("--") => return Err(format!("unknown flag {arg} ({USAGE})")),
            _ if args.scenario.is_none() => args.scenario = Some(arg),
            _ => return Err(format!("unexpected argument {arg:?} ({USAGE})")),
        }
    }
    Ok(args)
}

fn one_line(context: &str, error: &wushe::Error) -> String {
    let text = error.to_string().replace('\n', "; ");
    format!("{context}: {text}")
}

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let scenario = match &args.scenario {
        Some(path) => load_scenario_file(path).map_err(|e| one_line(path, &e))?,
        None => wushe::sim::default_county(),
    };
    let compiled =
        compile(&scenario, &MatchPolicy::default()).map_err(|e| one_line("compile", &e))?;
    let mut options = ExplainOptions::default();
    if let Some(n) = args.resolves {
        options = options.with_max_resolves(n);
    }
    let explainer =
        Explainer::solve(&compiled, args.strategy, options).map_err(|e| one_line("solve", &e))?;
    let solved = started.elapsed();
    let explanations = match args.need {
        Some(need) => explainer.explain_needs(&[need]),
        None => explainer.explain_all(),
    }
    .map_err(|e| one_line("explain", &e))?;
    let explained = started.elapsed() - solved;
    match args.need {
        Some(_) => print_needs(&explanations, &scenario),
        None => print_summary(&explanations, &scenario, explained.as_secs_f64()),
    }
    if let Some(path) = &args.json {
        let mut json =
            serde_json::to_string_pretty(&explanations).map_err(|e| format!("{path}: {e}"))?;
        json.push('\n');
        std::fs::write(path, json).map_err(|e| format!("{path}: {e}"))?;
        println!("wrote {path}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(line) => {
            eprintln!("error: {line}");
            ExitCode::from(2)
        }
    }
}

/// What the plan did with a runner-up, in words.
fn state_text(state: RunnerUpState) -> &'static str {
    match state {
        RunnerUpState::InSameTeam => "fills another role of this need",
        RunnerUpState::NoCapacity => "had no capacity left",
        RunnerUpState::HadCapacity => "still had capacity",
    }
}

/// Travel distance of a worker or volunteer; organizations and funds do not travel.
fn km(provider: ProviderId, distance_m: Option<u64>) -> String {
    match (provider, distance_m) {
        (ProviderId::Organization(_) | ProviderId::Fund(_), _) => String::new(),
        (_, None) => "unreachable".to_owned(),
        (_, Some(d)) => format!("{:.1} km", d as f64 / 1000.0),
    }
}

fn change_text(change: &Change, scenario: &Scenario) -> String {
    match change {
        Change::Radius { provider, km } => format!("+{km} km of travel radius for {provider}"),
        Change::ExtraCases { provider, cases } => {
            format!(
                "{cases} more case{} for {provider}",
                if *cases == 1 { "" } else { "s" }
            )
        }
        Change::ExtraMinutes { volunteer, minutes } => {
            format!("{minutes} more weekly minutes for {volunteer}")
        }
        Change::RenewVetting { provider, through } => {
            format!("renew the vetting of {provider} through {through}")
        }
        Change::Insure { volunteer, through } => {
            format!("insure {volunteer} through {through}")
        }
        Change::EarmarkCategory { fund, category } => {
            format!("allow {fund} for {category}")
        }
        Change::EarmarkRegion { fund, region } => format!("allow {fund} in {region}"),
        Change::EarmarkGroup { fund, group } => format!("allow {fund} for {group}"),
        Change::FundBalance { fund, add } => {
            let goods = scenario
                .funds
                .iter()
                .any(|f| f.id == *fund && f.kind != ResourceKind::Money);
            if goods {
                format!(
                    "{add} more unit{} in {fund}",
                    if *add == 1 { "" } else { "s" }
                )
            } else {
                format!("¥{:.2} more in {fund}", *add as f64 / 100.0)
            }
        }
        other => other.name().replace('_', " "),
    }
}

fn print_needs(explanations: &Explanations, scenario: &Scenario) {
    for s in &explanations.served {
        print_served(s);
    }
    for u in &explanations.unmet {
        print_unmet(u, &explanations.strategy, scenario);
    }
}

fn print_served(s: &ServedExplanation) {
    println!("{} ({}): served", s.need, s.risk);
    for c in &s.choices {
        println!(
            "  role {} {}: {} x{}, score {}",
            c.role, c.kind, c.provider, c.amount, c.score
        );
        match &c.versus {
            Versus::OnlyEligible => println!("    the only eligible provider"),
            Versus::RunnerUp {
                provider,
                score,
                difference,
                state,
            } => println!(
                "    runner-up {provider}: score {}, {difference:+} for the chosen; runner-up {}",
                score,
                state_text(*state)
            ),
            _ => {}
        }
    }
}

fn print_block(b: &RoleBlock) {
    println!(
        "  role {} {} (demand {}): {} eligible, {} available after the plan",
        b.role, b.kind, b.demand, b.eligible, b.available
    );
    for e in &b.nearest_eligible {
        // Takers come high tiers first: one group of ids per tier.
        let mut groups: Vec<(RiskTier, Vec<String>)> = Vec::new();
        for t in &e.taken_by {
            match groups.last_mut() {
                Some((risk, ids)) if *risk == t.risk => ids.push(t.need.to_string()),
                _ => groups.push((t.risk, vec![t.need.to_string()])),
            }
        }
        let listed: Vec<String> = groups
            .iter()
            .map(|(risk, ids)| format!("{} ({risk})", ids.join(", ")))
            .collect();
        let more = e.takers as usize - e.taken_by.len().min(e.takers as usize);
        let taken = match (listed.is_empty(), more) {
            (true, _) => String::new(),
            (false, 0) => format!("; taken by {}", listed.join(", ")),
            (false, more) => format!("; taken by {} and {more} more", listed.join(", ")),
        };
        println!(
            "    eligible {:<6} {:>11}  free {} (needs {}){taken}",
            e.provider.to_string(),
            km(e.provider, e.distance_m),
            e.free,
            e.usage
        );
    }
    for r in &b.nearest_rejected {
        let fails: Vec<String> = r.fails.iter().map(ToString::to_string).collect();
        println!(
            "    rejected {:<6} {:>11}  {}",
            r.provider.to_string(),
            km(r.provider, r.distance_m),
            fails.join(", ")
        );
    }
}

fn print_unmet(u: &UnmetExplanation, strategy: &str, scenario: &Scenario) {
    let reasons: Vec<String> = u.reasons.iter().map(ToString::to_string).collect();
    println!("{} ({}): unmet: {}", u.need, u.risk, reasons.join("; "));
    for b in &u.roles {
        print_block(b);
    }
    if u.relaxations.is_empty() {
        println!(
            "  no verified relaxation ({} candidates, {} re-solved{})",
            u.search.candidates,
            u.search.tried,
            if u.search.cut_by_budget {
                ", cut by the budget"
            } else {
                ""
            }
        );
    }
    for (k, r) in u.relaxations.iter().enumerate() {
        let changes: Vec<String> = r.changes.iter().map(|c| change_text(c, scenario)).collect();
        println!(
            "  fix {}: {} (cost {}; verified by re-solving with {strategy})",
            k + 1,
            changes.join(" and "),
            r.cost
        );
    }
}

fn print_summary(explanations: &Explanations, scenario: &Scenario, seconds: f64) {
    let unmet = &explanations.unmet;
    let fixed = unmet.iter().filter(|u| !u.relaxations.is_empty()).count();
    println!("scenario   {}", explanations.scenario);
    println!(
        "plan       {}: {} served, {} unmet",
        explanations.strategy,
        explanations.served.len(),
        unmet.len()
    );
    println!(
        "explained  {} needs in {:.2} s: {} re-solves ({}), {} needs cut by the budget",
        explanations.served.len() + unmet.len(),
        seconds,
        explanations.work.resolves,
        match explanations.work.verification {
            Verification::GreedyPrefix => "greedy, restricted to the needs that can matter",
            _ => "whole problem",
        },
        explanations.work.needs_cut_by_budget
    );
    println!(
        "fixable    {fixed} of {} unmet needs have a verified relaxation",
        unmet.len()
    );
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for u in unmet {
        if let Some(best) = u.relaxations.first() {
            for c in &best.changes {
                *kinds.entry(c.name()).or_default() += 1;
            }
        }
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!("cheapest   fixes use: {}", kinds.join(", "));
    let mut rules: BTreeMap<String, usize> = BTreeMap::new();
    for b in unmet.iter().flat_map(|u| &u.roles) {
        for r in b.nearest_rejected.iter().flat_map(|r| &r.fails) {
            *rules.entry(r.to_string()).or_default() += 1;
        }
    }
    let mut rules: Vec<(String, usize)> = rules.into_iter().collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let rules: Vec<String> = rules.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!(
        "blocking   rules failed by the nearest rejected providers: {}",
        rules.join(", ")
    );
    let mut urgent: Vec<&UnmetExplanation> = unmet.iter().collect();
    urgent.sort_by_key(|u| (u.risk, u.need));
    println!("\nmost urgent unmet needs (run with --need ID for the full explanation):");
    for u in urgent.iter().take(8) {
        let fix = u.relaxations.first().map_or_else(
            || "no verified relaxation".to_owned(),
            |r| {
                let changes: Vec<String> =
                    r.changes.iter().map(|c| change_text(c, scenario)).collect();
                format!("{} (cost {})", changes.join(" and "), r.cost)
            },
        );
        let reason = u
            .reasons
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        println!("  {} ({}): {reason}; fix: {fix}", u.need, u.risk);
    }
}
