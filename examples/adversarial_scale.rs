//! Runs one scale case of the adversarial corpus at the issue's full size, for the
//! reliability figures (`/usr/bin/time -v cargo run --release --example adversarial_scale --
//! CASE`): every case must give a plan or a named limit error within 10 s and 2 GB.
//!
//! ```text
//! cargo run --release --example adversarial_scale -- [CASE|all] [N]
//! ```
//!
//! Cases: dense_all_eligible, dense3000, one_volunteer_every_need,
//! communities_without_providers, long_road_chain, deep_json, long_string,
//! served_everywhere, deep_json, long_string, dimacs_huge_header. `N` replaces the case's size
//! (default limits). Exit status 0 when the case gave its expected outcome.

use std::process::ExitCode;
use std::time::Instant;

#[path = "../tests/support/adversarial_scale.rs"]
mod scale;

fn name(case: scale::Case) -> String {
    let debug = format!("{case:?}");
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn main() -> ExitCode {
    let wanted = std::env::args().nth(1).unwrap_or_else(|| "all".to_owned());
    let size = match std::env::args().nth(2).map(|n| n.parse::<usize>()) {
        None => scale::Size::Full,
        Some(Ok(n)) => scale::Size::Custom(n),
        Some(Err(_)) => {
            eprintln!("N must be a number");
            return ExitCode::from(2);
        }
    };
    let cases: Vec<scale::Case> = scale::Case::ALL
        .into_iter()
        .filter(|&c| wanted == "all" || name(c) == wanted)
        .collect();
    if cases.is_empty() {
        let known: Vec<String> = scale::Case::ALL.into_iter().map(name).collect();
        eprintln!("unknown case (known: {}, all)", known.join(", "));
        return ExitCode::from(2);
    }
    let mut ok = true;
    for case in cases {
        let started = Instant::now();
        let outcome = scale::run(case, size);
        let seconds = started.elapsed().as_secs_f64();
        let (good, text) = match &outcome {
            Ok(summary) => (case.plans(), format!("plan: {summary}")),
            Err(err) => (case.expected_error(err), format!("error: {err}")),
        };
        ok &= good;
        let verdict = if good { "ok" } else { "UNEXPECTED" };
        println!(
            "{} n={} {seconds:.2} s {verdict} {text}",
            name(case),
            case.n(size)
        );
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
