//! Incremental re-matching against a cold solve, on the default county after a 1 % change
//! (1 % of the needs close and as many arrive, 1 % of the volunteers leave, a fund is topped
//! up: `wushe::sim::small_change`).
//!
//! - `rematch/cold`: compile + decomposition solve of the changed county from scratch;
//! - `rematch/warm`: `Rematcher::rematch` of the changed county, the re-matcher having matched
//!   the county before the change (its prices and plan kept);
//! - `rematch/warm_after_apply` / `rematch/cold_after_apply`: the same, the first plan applied
//!   as ongoing cases before the change (`Scenario::apply`), as a platform's next day;
//! - `rematch/exact_cold` / `rematch/exact_warm`: the same change for branch and bound (cold:
//!   compile + solve; warm: `Rematcher` with the exact strategy), whose objectives must agree
//!   when both prove the optimum.
//!
//! Objectives, bounds and the churn are printed once outside the timed loops.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use wushe::problem::compile;
use wushe::sim::{default_county, small_change};
use wushe::{MatchPolicy, Rematcher, Scenario, StrategyKind};

fn cold(scenario: &Scenario, policy: &MatchPolicy) -> wushe::MatchPlan {
    cold_with(scenario, policy, StrategyKind::Decomposition)
}

fn cold_with(scenario: &Scenario, policy: &MatchPolicy, kind: StrategyKind) -> wushe::MatchPlan {
    let compiled = compile(scenario, policy).expect("compiles");
    let solution = kind.build().solve(compiled.problem()).expect("solves");
    compiled.plan(&solution, kind.name())
}

fn report(label: &str, plan: &wushe::MatchPlan) {
    eprintln!(
        "rematch/{label}: served {}, objective {}, bound {:?}, {}",
        plan.served.len(),
        plan.objective,
        plan.bound,
        plan.churn
    );
}

fn rematch(c: &mut Criterion) {
    let policy = MatchPolicy::default();
    let mut group = c.benchmark_group("rematch");
    group.sample_size(10);
    for apply in [false, true] {
        let before = default_county();
        let mut warmed = Rematcher::new(policy.clone(), StrategyKind::Decomposition);
        let first = warmed.rematch(&before).expect("matches");
        let mut changed = if apply {
            before.apply(&first).expect("applies")
        } else {
            before.clone()
        };
        small_change(&mut changed, 0.01, 1);
        let suffix = if apply { "_after_apply" } else { "" };
        report(&format!("cold{suffix}"), &cold(&changed, &policy));
        report(
            &format!("warm{suffix}"),
            &warmed.clone().rematch(&changed).expect("matches"),
        );
        group.bench_function(format!("cold{suffix}"), |b| {
            b.iter(|| cold(&changed, &policy))
        });
        group.bench_function(format!("warm{suffix}"), |b| {
            b.iter_batched(
                || warmed.clone(),
                |mut m| m.rematch(&changed).expect("matches"),
                BatchSize::LargeInput,
            )
        });
    }
    let before = default_county();
    let exact = StrategyKind::BranchAndBound;
    let mut warmed = Rematcher::new(policy.clone(), exact);
    warmed.rematch(&before).expect("matches");
    let mut changed = before.clone();
    small_change(&mut changed, 0.01, 1);
    let (cold_plan, warm_plan) = (
        cold_with(&changed, &policy, exact),
        warmed.clone().rematch(&changed).expect("matches"),
    );
    report("exact_cold", &cold_plan);
    report("exact_warm", &warm_plan);
    eprintln!(
        "rematch/exact: status cold {} warm {}, same objective: {}",
        cold_plan.status,
        warm_plan.status,
        cold_plan.objective == warm_plan.objective
    );
    group.bench_function("exact_cold", |b| {
        b.iter(|| cold_with(&changed, &policy, exact))
    });
    group.bench_function("exact_warm", |b| {
        b.iter_batched(
            || warmed.clone(),
            |mut m| m.rematch(&changed).expect("matches"),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, rematch);
criterion_main!(benches);
