//! Fuzz campaign driver on the stable toolchain: runs one fuzz target for a given time with a
//! seeded mutator (or, for `strategies`, proptest's generator of small valid scenarios),
//! catching every panic; a failing input is saved under `fuzz/findings/`.
//!
//! ```text
//! scripts/fuzz.sh TARGET SECONDS [SEED]      # builds in release and runs this
//! cargo run --release --example fuzz -- TARGET SECONDS [SEED]
//! ```
//!
//! Targets: `scenario_json`, `dimacs`, `strategies`, `csv` (the last with the feature `csv`,
//! which `scripts/fuzz.sh` turns on; oracles in `tests/support/fuzz_targets.rs`). Prints one line: target, executions, seconds,
//! executions per second, failures. Exit status 1 when any input failed.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

#[path = "../tests/support"]
#[allow(unused_imports, dead_code)]
mod support {
    pub mod arbitrary_scenario;
    pub mod fuzz_targets;
}

use support::fuzz_targets::{self as fuzz, Mutator, Target};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let target = args
        .first()
        .and_then(|name| Target::ALL.into_iter().find(|t| t.name() == name));
    let seconds = args.get(1).and_then(|s| s.parse::<u64>().ok());
    let seed = args.get(2).and_then(|s| s.parse::<u64>().ok()).unwrap_or(1);
    let (Some(target), Some(seconds)) = (target, seconds) else {
        eprintln!("usage: fuzz scenario_json|dimacs|strategies|csv SECONDS [SEED]");
        return ExitCode::from(2);
    };
    let Some(run) = byte_target(target) else {
        eprintln!("the csv target needs the feature csv (scripts/fuzz.sh turns it on)");
        return ExitCode::from(2);
    };
    // a failing input is reported once, by the driver, not by the default hook
    std::panic::set_hook(Box::new(|_| {}));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let (mut runs, mut failures) = (0u64, 0u64);
    let mut mutator = Mutator::new(fuzz::seeds(target), seed);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let scenarios = support::arbitrary_scenario::arb_scenario();
    while Instant::now() < deadline {
        for _ in 0..64 {
            runs += 1;
            if target == Target::Strategies {
                let Ok(tree) = scenarios.new_tree(&mut runner) else {
                    continue;
                };
                let s = tree.current();
                if catch_unwind(AssertUnwindSafe(|| fuzz::strategies(&s))).is_err() {
                    failures += 1;
                    let text = wushe::io::json::scenario_to_string(&s).unwrap_or_default();
                    save(target, text.as_bytes());
                }
            } else {
                let input = mutator.next_input();
                if catch_unwind(AssertUnwindSafe(|| run(&input))).is_err() {
                    failures += 1;
                    save(target, &input);
                }
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} executions={runs} seconds={secs:.0} per_second={:.0} failures={failures} seed={seed}",
        target.name(),
        runs as f64 / secs.max(1e-9)
    );
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The function of a byte target (`strategies` is run from scenarios; `csv` only with the
/// feature).
fn byte_target(target: Target) -> Option<fn(&[u8])> {
    match target {
        Target::ScenarioJson | Target::Strategies => Some(fuzz::scenario_json),
        Target::Dimacs => Some(fuzz::dimacs),
        #[cfg(feature = "csv")]
        Target::Csv => Some(fuzz::csv),
        #[cfg(not(feature = "csv"))]
        Target::Csv => None,
    }
}

/// Keeps a failing input as `fuzz/findings/TARGET-HASH`.
fn save(target: Target, input: &[u8]) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    input.hash(&mut h);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/findings");
    let path = dir.join(format!("{}-{:016x}", target.name(), h.finish()));
    if std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, input))
        .is_ok()
    {
        eprintln!("failure saved to {}", path.display());
    }
}
