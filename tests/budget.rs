//! The per-solve work budget (`Limits::max_solve_work`, `Strategy::solve_within`): a budget
//! that runs out stops every strategy with a feasible plan and status `BudgetReached`; a
//! budget that does not run out changes nothing; budgeted solves are deterministic.

use wushe::model::{Limits, Scenario};
use wushe::plan::check_plan;
use wushe::problem::{Compiled, Solution, SolveStatus, compile};
use wushe::sim::CountyConfig;
use wushe::solve::{Strategy, StrategyKind, WorkBudget};
use wushe::{MatchPolicy, Rematcher, match_scenario_within};

fn county() -> Scenario {
    CountyConfig::default()
        .with_communities(40)
        .with_volunteers(250)
        .with_needs(300)
        .generate()
}

/// Both forms of every strategy: with the final upgrade pass and without.
fn strategies() -> Vec<(String, Box<dyn Strategy>)> {
    StrategyKind::ALL
        .iter()
        .flat_map(|&k| {
            [
                (format!("{k}"), k.build()),
                (format!("{k} (alone)"), k.build_alone()),
            ]
        })
        .collect()
}

/// The solution passes the numeric check, its plan the independent checker, and every need
/// is served or unmet exactly once.
fn assert_sound(scenario: &Scenario, compiled: &Compiled<'_>, solution: &Solution, what: &str) {
    compiled
        .problem()
        .check(solution)
        .unwrap_or_else(|e| panic!("{what}: numeric check: {e}"));
    let plan = compiled.plan(solution, what);
    if let Err(violations) = check_plan(scenario, &plan) {
        panic!("{what}: checker: {violations:?}");
    }
    let mut ids: Vec<_> = plan
        .served
        .iter()
        .copied()
        .chain(plan.unmet.iter().map(|u| u.need))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), scenario.needs.len(), "{what}: every need once");
    assert_eq!(
        plan.served.len() + plan.unmet.len(),
        scenario.needs.len(),
        "{what}: no need twice"
    );
}

#[test]
fn a_tiny_budget_stops_every_strategy_with_a_feasible_plan() {
    let scenario = county();
    let compiled = compile(&scenario, &MatchPolicy::default()).expect("compiles");
    let problem = compiled.problem();
    for (name, strategy) in strategies() {
        for limit in [0, 1_000] {
            let mut budget = WorkBudget::new(limit);
            let solution = strategy.solve_within(problem, &mut budget).expect("solves");
            let what = format!("{name} within {limit}");
            assert_eq!(solution.status, Some(SolveStatus::BudgetReached), "{what}");
            assert!(budget.reached(), "{what}");
            assert_eq!(solution.stats.work, budget.spent(), "{what}");
            if let Some(bound) = solution.bound {
                assert!(
                    i128::from(bound) >= problem.objective(&solution),
                    "{what}: the bound is below the plan"
                );
            }
            assert_sound(&scenario, &compiled, &solution, &what);
        }
    }
}

#[test]
fn greedy_within_part_of_its_work_serves_a_prefix_of_its_full_plan() {
    let scenario = county();
    let compiled = compile(&scenario, &MatchPolicy::default()).expect("compiles");
    let problem = compiled.problem();
    let greedy = StrategyKind::Greedy.build_alone();
    let full = greedy.solve(problem).expect("solves");
    let mut half = WorkBudget::new(full.stats.work / 2);
    let part = greedy.solve_within(problem, &mut half).expect("solves");
    assert_eq!(part.status, Some(SolveStatus::BudgetReached));
    let served = |s: &Solution| s.served.iter().filter(|&&b| b).count();
    assert!(served(&part) > 0, "half the work serves some needs");
    assert!(served(&part) < served(&full), "and fewer than the full run");
    // the needs served in part are served in full too (greedy goes by value, same teams)
    for (p, f) in part.served.iter().zip(&full.served) {
        assert!(!p || *f);
    }
    assert_sound(&scenario, &compiled, &part, "greedy within half");
}

#[test]
fn a_large_budget_gives_the_same_solution_as_the_default() {
    let scenario = county();
    let compiled = compile(&scenario, &MatchPolicy::default()).expect("compiles");
    let problem = compiled.problem();
    for (name, strategy) in strategies() {
        let mut budget = WorkBudget::default();
        let default = strategy.solve_within(problem, &mut budget).expect("solves");
        assert!(
            !budget.reached(),
            "{name}: the default budget is not reached on a small county"
        );
        assert_eq!(default, strategy.solve(problem).expect("solves"), "{name}");
        let mut large = WorkBudget::unlimited();
        let unlimited = strategy.solve_within(problem, &mut large).expect("solves");
        assert!(!large.reached(), "{name}");
        assert_eq!(unlimited, default, "{name}");
        // the strategies that ask before each step: exactly the work spent is enough (the
        // decomposition asks for its worst case up front, see `worst_work`)
        if !name.starts_with("decomposition") && !name.starts_with("branch_and_bound") {
            let mut exact = WorkBudget::new(default.stats.work);
            let just = strategy.solve_within(problem, &mut exact).expect("solves");
            assert_eq!(just, default, "{name}: a budget of exactly the work spent");
            let mut less = WorkBudget::new(default.stats.work - 1);
            let cut = strategy.solve_within(problem, &mut less).expect("solves");
            assert_eq!(
                cut.status,
                Some(SolveStatus::BudgetReached),
                "{name}: one unit less"
            );
        }
    }
}

#[test]
fn a_budgeted_solve_is_the_same_on_one_and_two_threads() {
    let scenario = county();
    let compiled = compile(&scenario, &MatchPolicy::default()).expect("compiles");
    let problem = compiled.problem();
    let run = |threads: usize, name: &str, strategy: &dyn Strategy, limit: u64| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        pool.install(|| {
            strategy
                .solve_within(problem, &mut WorkBudget::new(limit))
                .unwrap_or_else(|e| panic!("{name}: {e}"))
        })
    };
    for (name, strategy) in strategies() {
        let full = strategy.solve(problem).expect("solves").stats.work;
        for limit in [full / 3, full / 2] {
            let one = run(1, &name, strategy.as_ref(), limit);
            let two = run(2, &name, strategy.as_ref(), limit);
            assert_eq!(one, two, "{name} within {limit}");
        }
    }
}

#[test]
fn the_entry_points_take_the_budget_from_the_limits() {
    let scenario = county();
    let tight = Limits {
        max_solve_work: 100,
        ..Limits::default()
    };
    for &kind in StrategyKind::ALL {
        let plan = match_scenario_within(&scenario, &MatchPolicy::default(), kind, &tight)
            .expect("matches");
        assert_eq!(plan.status, SolveStatus::BudgetReached, "{kind}");
        assert!(check_plan(&scenario, &plan).is_ok(), "{kind}");
        let mut matcher = Rematcher::new(MatchPolicy::default(), kind).with_limits(tight);
        let plan = matcher.rematch(&scenario).expect("rematches");
        assert_eq!(plan.status, SolveStatus::BudgetReached, "{kind}: rematch");
        assert!(check_plan(&scenario, &plan).is_ok(), "{kind}: rematch");
        let warm = matcher.rematch(&scenario).expect("rematches warm");
        assert_eq!(warm.status, SolveStatus::BudgetReached, "{kind}: warm");
        assert!(check_plan(&scenario, &warm).is_ok(), "{kind}: warm");
    }
    let roomy = match_scenario_within(
        &scenario,
        &MatchPolicy::default(),
        StrategyKind::Greedy,
        &Limits::default(),
    )
    .expect("matches");
    assert_ne!(roomy.status, SolveStatus::BudgetReached);
    assert!(roomy.stats.work > 0, "the plan reports the work spent");
}

#[test]
fn limits_without_the_solve_budget_read_with_the_default() {
    let mut value = serde_json::to_value(Limits::default()).expect("serializes");
    let removed = value
        .as_object_mut()
        .and_then(|o| o.remove("max_solve_work"));
    assert!(removed.is_some(), "the field is serialized");
    let back: Limits = serde_json::from_value(value).expect("reads");
    assert_eq!(back, Limits::default());
    assert_eq!(
        WorkBudget::default().limit(),
        Limits::default().max_solve_work
    );
}

/// A budget below the decomposition's worst case scales its knobs, but the solve reports the
/// budget reached only when a scaled limit stopped it: just below the worst case nothing
/// changes; far below it, the status says so.
#[test]
fn the_decomposition_reports_the_budget_only_when_it_stopped_the_solve() {
    use wushe::solve::decomposition::LagrangianDecomposition;
    let scenario = county();
    let compiled = compile(&scenario, &MatchPolicy::default()).expect("compiles");
    let problem = compiled.problem();
    // without the exact polish, whose node limit this county reaches even unscaled
    let strategy = LagrangianDecomposition {
        polish_nodes: 0,
        ..LagrangianDecomposition::default()
    };
    let default = strategy.solve(problem).expect("solves");
    assert_ne!(
        default.status,
        Some(SolveStatus::Optimal),
        "not decided by optimality"
    );
    let worst = strategy.worst_work(problem);
    assert!(
        default.stats.work < worst / 2,
        "the worst case is far from what is spent"
    );
    let mut near = WorkBudget::new(worst - 1);
    let scaled = strategy.solve_within(problem, &mut near).expect("solves");
    assert!(!near.reached(), "scaled knobs no part of the solve reaches");
    assert_eq!(scaled, default);
    let mut reached = 0;
    for divisor in [8, 64, 512, 4096] {
        let mut budget = WorkBudget::new(default.stats.work / divisor);
        let solution = strategy.solve_within(problem, &mut budget).expect("solves");
        assert_sound(
            &scenario,
            &compiled,
            &solution,
            &format!("work / {divisor}"),
        );
        if solution.status == Some(SolveStatus::BudgetReached) {
            reached += 1;
        } else {
            assert_eq!(
                solution, default,
                "work / {divisor}: not stopped, so unchanged"
            );
        }
    }
    assert!(reached > 0, "a small enough budget stops the solve");
}
