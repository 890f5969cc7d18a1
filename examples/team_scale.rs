//! The scale cases of the team strategies, timed stage by stage (compile, then each strategy's
//! solve), every plan checked by the independent checker.
//!
//! ```text
//! cargo run --release --example team_scale -- dense [N] [STRATEGY...]
//! cargo run --release --example team_scale -- county NEEDS VOLUNTEERS TOWNSHIPS [--lexicographic] [STRATEGY...]
//! cargo run --release --example team_scale -- prefecture [--lexicographic] [STRATEGY...]
//! cargo run --release --example team_scale -- default [STRATEGY...]
//! ```
//!
//! - `dense`: `N` needs × `N` volunteers (default 3,000) in one community, every pair eligible
//!   (`N²` candidate edges; the limits are raised to fit);
//! - `county`: the synthetic county generator at that size (17 communities per township);
//! - `prefecture`: [`CountyConfig::prefecture`] (100 townships, 100,000 needs, 100,000
//!   volunteers, 300 workers, 50 organizations, 200 funds);
//! - `default`: [`wushe::sim::default_county`] under the default policy (lexicographic tiers).
//!
//! Without strategy names every strategy runs (`decomposition` only for the county cases when
//! none is named). One line per stage:
//!
//! ```text
//! case=dense3000 stage=compile seconds=1.23 needs=3000 providers=3000 edges=9000000 tier_cap=none
//! case=dense3000 stage=min_cost_flow seconds=0.45 objective=... bound=... gap_pct=0.000 served=3000 high=... key=... work=27174042 reached=false check=ok
//! ```
//!
//! `tier_cap` is where the lexicographic tier bonuses are capped ([`wushe::problem::TierCap`]);
//! `high` and `key` count the served High-risk and Key-group needs. `work` is what the solve spent of its default work budget (`Limits::max_solve_work`),
//! `reached` whether the budget stopped it.
//!
//! Peak memory is what `/usr/bin/time -v` reports for the process. Exit status 1 when a plan
//! fails the checker, 2 on bad arguments.

use std::collections::HashMap;
use std::process::ExitCode;
use std::time::Instant;

use wushe::model::{Limits, NeedId, RiskTier, Scenario};
use wushe::plan::check_plan;
use wushe::problem::compile_with_limits;
use wushe::rules::TierOrder;
use wushe::sim::CountyConfig;
use wushe::solve::WorkBudget;
use wushe::{MatchPolicy, StrategyKind};

#[path = "../tests/support/adversarial_scale.rs"]
mod scale;

const USAGE: &str = "usage: team_scale dense [N] [STRATEGY...] | county NEEDS VOLUNTEERS TOWNSHIPS \
[--lexicographic] [STRATEGY...] | prefecture [--lexicographic] [STRATEGY...] | default [STRATEGY...] \
(each also takes --work UNITS, the solve's work budget)";

struct Case {
    name: String,
    scenario: Scenario,
    limits: Limits,
    policy: MatchPolicy,
    strategies: Vec<StrategyKind>,
}

fn parse() -> Result<Case, String> {
    let mut args = std::env::args().skip(1).peekable();
    let kind = args.next().ok_or(USAGE)?;
    let mut numbers = Vec::new();
    while let Some(n) = args.peek().and_then(|a| a.parse::<u32>().ok()) {
        numbers.push(n);
        args.next();
    }
    let mut order = TierOrder::Weighted;
    let mut strategies = Vec::new();
    let mut work = None;
    while let Some(a) = args.next() {
        if a == "--lexicographic" {
            order = TierOrder::Lexicographic;
        } else if a == "--work" {
            let n = args.next().and_then(|n| n.parse::<u64>().ok());
            work = Some(n.ok_or("--work takes a number of work units")?);
        } else {
            strategies.push(a.parse::<StrategyKind>().map_err(|e| e.to_string())?);
        }
    }
    let policy = if kind == "default" {
        MatchPolicy::default()
    } else {
        MatchPolicy::default().with_tier_order(order)
    };
    let tag = if order == TierOrder::Lexicographic {
        "_lex"
    } else {
        ""
    };
    let (name, scenario, limits) = match (kind.as_str(), numbers.as_slice()) {
        ("dense", []) | ("dense", [_]) => {
            let n = numbers.first().copied().unwrap_or(3_000) as usize;
            let scenario = scale::scenario(scale::Case::Dense3000, scale::Size::Custom(n))
                .ok_or("no dense scenario")?;
            let edges = n * n;
            let limits = Limits {
                max_candidate_edges: edges.max(Limits::default().max_candidate_edges),
                max_edges_per_provider: n.max(Limits::default().max_edges_per_provider),
                max_compile_work: (edges as u64 * 64).max(Limits::default().max_compile_work),
                ..Limits::default()
            };
            (format!("dense{n}"), scenario, limits)
        }
        ("county", [needs, volunteers, townships]) => {
            let scenario = CountyConfig::default()
                .with_needs(*needs)
                .with_volunteers(*volunteers)
                .with_townships(*townships)
                .with_communities(townships * 17)
                .generate();
            (format!("county{needs}{tag}"), scenario, Limits::default())
        }
        ("default", []) => (
            "default".to_owned(),
            wushe::sim::default_county(),
            Limits::default(),
        ),
        ("prefecture", []) => {
            let scenario = CountyConfig::prefecture().generate();
            (format!("prefecture{tag}"), scenario, Limits::default())
        }
        _ => return Err(USAGE.to_owned()),
    };
    if strategies.is_empty() {
        strategies = if kind == "dense" {
            StrategyKind::ALL.to_vec()
        } else {
            vec![StrategyKind::Decomposition]
        };
    }
    let limits = Limits {
        max_solve_work: work.unwrap_or(limits.max_solve_work),
        ..limits
    };
    Ok(Case {
        name,
        scenario,
        limits,
        policy,
        strategies,
    })
}

fn main() -> ExitCode {
    let case = match parse() {
        Ok(case) => case,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let name = &case.name;
    let started = Instant::now();
    let compiled = match compile_with_limits(&case.scenario, &case.policy, &case.limits) {
        Ok(compiled) => compiled,
        Err(err) => {
            eprintln!("{name}: compile: {err}");
            return ExitCode::from(2);
        }
    };
    let p = compiled.problem();
    let tier_cap = p.tier_cap.map_or("none".to_owned(), |c| {
        format!(
            "components:{},largest:{},key_outweighs:{}",
            c.components, c.largest_component_needs, c.key_outweighs
        )
    });
    println!(
        "case={name} stage=compile seconds={:.2} needs={} providers={} edges={} tier_cap={tier_cap}",
        started.elapsed().as_secs_f64(),
        p.needs.len(),
        p.providers.len(),
        p.edges.len()
    );
    let risk: HashMap<NeedId, RiskTier> =
        case.scenario.needs.iter().map(|n| (n.id, n.risk)).collect();
    let mut ok = true;
    for kind in case.strategies {
        let started = Instant::now();
        let mut budget = WorkBudget::new(case.limits.max_solve_work);
        let solution = match kind.build().solve_within(p, &mut budget) {
            Ok(solution) => solution,
            Err(err) => {
                eprintln!("{name}: {kind}: {err}");
                ok = false;
                continue;
            }
        };
        let seconds = started.elapsed().as_secs_f64();
        let plan = compiled.plan(&solution, kind.name());
        let check = check_plan(&case.scenario, &plan).is_ok() && p.check(&solution).is_ok();
        ok &= check;
        let objective = p.objective(&solution);
        let gap = solution.bound.map_or("none".to_owned(), |b| {
            format!(
                "{:.3}",
                100.0 * (i128::from(b) - objective) as f64 / objective.abs().max(1) as f64
            )
        });
        let served_of = |tier| {
            plan.served
                .iter()
                .filter(|id| risk.get(id) == Some(&tier))
                .count()
        };
        println!(
            "case={name} stage={kind} seconds={seconds:.2} objective={objective} bound={} gap_pct={gap} served={} high={} key={} work={} reached={} check={}",
            solution.bound.map_or("none".to_owned(), |b| b.to_string()),
            plan.served.len(),
            served_of(RiskTier::High),
            served_of(RiskTier::Key),
            solution.stats.work,
            budget.reached(),
            if check { "ok" } else { "FAILED" }
        );
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
