//! The simulation: byte-identical files for any thread count and for a study run whole or in
//! shards; conservation of needs and money every round; common random numbers.

use std::path::Path;

use wushe::model::{ResourceKind, Vetting};
use wushe::plan::check_plan;
use wushe::sim::{
    CaseState, CountyConfig, Shard, SimConfig, SimPolicy, Simulation, Study, StudyPart, merge,
    report,
};
use wushe::{Scenario, StrategyKind};

fn small_county() -> Scenario {
    CountyConfig::default()
        .with_seed(5)
        .with_townships(3)
        .with_communities(18)
        .with_volunteers(160)
        .with_needs(150)
        .generate()
}

fn small_study() -> Study {
    Study {
        config: SimConfig::default()
            .with_weeks(6)
            .with_arrivals_per_week(12)
            .with_latent_per_week(4)
            .with_screening_percent(40),
        strategies: vec![StrategyKind::Greedy, StrategyKind::MinCostFlow],
        policies: vec![
            SimPolicy::default(),
            SimPolicy::named("reserve").expect("preset"),
        ],
        replications: 2,
        seed: 11,
    }
}

/// Every output file of `results` written to a fresh folder, read back by name.
fn files(results: &wushe::sim::StudyResults, dir: &Path) -> Vec<(String, Vec<u8>)> {
    let _ = std::fs::remove_dir_all(dir);
    let written = report::write_results(results, dir).expect("write");
    let mut out: Vec<(String, Vec<u8>)> = written
        .iter()
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read(p).expect("read"))
        })
        .collect();
    out.sort();
    let _ = std::fs::remove_dir_all(dir);
    out
}

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("wushe-sim-test-{}-{name}", std::process::id()))
}

fn run_with_threads(threads: usize) -> wushe::sim::StudyResults {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    pool.install(|| {
        let part = small_study()
            .run(&small_county(), Shard::WHOLE, &|| {})
            .expect("run");
        merge(vec![part]).expect("merge")
    })
}

#[test]
fn same_seed_gives_byte_identical_files_with_one_and_two_threads() {
    let one = files(&run_with_threads(1), &temp("t1"));
    let two = files(&run_with_threads(2), &temp("t2"));
    assert_eq!(one.len(), 4);
    for ((name_a, a), (name_b, b)) in one.iter().zip(&two) {
        assert_eq!(name_a, name_b);
        assert!(a == b, "{name_a} differs between 1 and 2 threads");
        assert!(!a.is_empty(), "{name_a} is empty");
    }
}

#[test]
fn three_shards_merged_give_the_files_of_the_whole_study() {
    let study = small_study();
    let county = small_county();
    let whole = merge(vec![
        study.run(&county, Shard::WHOLE, &|| {}).expect("whole"),
    ])
    .expect("merge");
    // Shards go through their part files' JSON, as on a cluster, and merge in any order.
    let mut parts: Vec<StudyPart> = (0..3)
        .rev()
        .map(|i| {
            let part = study
                .run(&county, Shard { index: i, count: 3 }, &|| {})
                .expect("shard");
            let text = serde_json::to_string(&part).expect("to json");
            serde_json::from_str(&text).expect("from json")
        })
        .collect();
    assert_eq!(
        parts.iter().map(|p| p.runs.len()).sum::<usize>(),
        whole.runs.len()
    );
    let merged = merge(parts.clone()).expect("merge shards");
    assert_eq!(
        files(&whole, &temp("whole")),
        files(&merged, &temp("merged"))
    );

    // A missing shard, a repeated one, and a part of another study are refused.
    let last = parts.pop().expect("part");
    assert!(merge(parts.clone()).is_err());
    parts.push(parts[0].clone());
    assert!(merge(parts.clone()).is_err());
    parts.pop();
    let mut other = last;
    other.fingerprint = "0000000000000000".into();
    parts.push(other);
    assert!(merge(parts).is_err());
}

#[test]
fn needs_and_money_are_conserved_every_round() {
    for policy in ["default", "reserve"] {
        let mut sim = Simulation::new(
            small_county(),
            small_study().config.with_weeks(10),
            SimPolicy::named(policy).expect("preset"),
            StrategyKind::Greedy,
            3,
        )
        .expect("simulation");
        let mut served_ever = 0u64;
        while let Some(round) = sim.step().expect("step").cloned() {
            served_ever += u64::from(round.served);
            let counts = sim.state_counts();
            let total: u64 = counts.values().sum();
            assert_eq!(total, round.arrived_total, "week {}", round.week);
            assert_eq!(counts[&CaseState::Active], u64::from(round.active));
            assert_eq!(counts[&CaseState::Expired], round.expired_total);
            // money in = spent + expired + balance
            let m = sim.money();
            assert_eq!(m.initial + m.donated, m.spent + m.expired + m.balance);
            let held: i64 = sim
                .world()
                .funds
                .iter()
                .filter(|f| f.kind == ResourceKind::Money)
                .map(|f| f.remaining)
                .sum();
            assert_eq!(held, m.balance);
            // every running case keeps every hard rule, and is one of the world's needs
            let plan = sim.ongoing_plan();
            assert_eq!(plan.served.len() as u32, round.active);
            check_plan(sim.world(), &plan).expect("running cases are feasible");
            let open = round.active + round.waiting + round.escalated_waiting;
            assert_eq!(sim.world().needs.len() as u32, open);
            assert!(round.visits_made <= round.visits_due);
            assert_eq!(
                round.served,
                round.served_community + round.served_township + round.served_county
            );
            assert!(round.high_first_contact <= round.high_arrivals);
        }
        assert!(served_ever > 0);
        let run = sim.finish();
        assert_eq!(run.rounds.len(), 10);
        let t = &run.totals;
        assert_eq!(
            t.money_in,
            t.money_spent + t.money_expired + t.money_balance
        );
        assert!(t.money_spent > 0 && t.money_expired > 0, "{t:?}");
    }
}

#[test]
fn every_strategy_meets_the_same_arrivals() {
    let study = small_study();
    let results = merge(vec![
        study
            .run(&small_county(), Shard::WHOLE, &|| {})
            .expect("run"),
    ])
    .expect("merge");
    let arrivals = |strategy: &str, replication: u32| -> Vec<u32> {
        results
            .runs
            .iter()
            .find(|r| {
                r.strategy == strategy && r.replication == replication && r.policy == "default"
            })
            .map(|r| r.rounds.iter().map(|m| m.arrived).collect())
            .expect("run")
    };
    assert_eq!(arrivals("greedy", 0), arrivals("min_cost_flow", 0));
    assert_eq!(arrivals("greedy", 1), arrivals("min_cost_flow", 1));
    assert_ne!(arrivals("greedy", 0), arrivals("greedy", 1));
    let summary = results.summary();
    assert_eq!(summary.len(), 4);
    let coverage = summary[0].metric("coverage").expect("coverage");
    assert_eq!(coverage.n, 2);
    assert!(coverage.ci95.is_some());
    assert!(report::comparison_table(&summary).lines().count() == 5);
}

#[test]
fn county_knobs_move_the_shares_they_name() {
    let base = CountyConfig::default()
        .with_townships(4)
        .with_communities(20)
        .with_volunteers(400)
        .with_needs(50);
    let all_vetted = base.clone().with_vetted_percent(100).generate();
    assert!(
        all_vetted.volunteers.iter().all(
            |v| matches!(v.vetting, Vetting::Passed { expires } if expires >= all_vetted.as_of)
        )
    );
    let none_licensed = base.clone().with_licensed_percent(0).generate();
    assert!(
        none_licensed
            .workers
            .iter()
            .all(|w| w.licence == wushe::model::Licence::Unlicensed)
    );
    let double = base.clone().with_fund_percent(200).generate();
    let plain = base.clone().generate();
    for (d, p) in double.funds.iter().zip(&plain.funds) {
        assert_eq!(d.remaining, 2 * p.remaining);
    }
    let dense = base.with_volunteers_per_10k(10).generate();
    let residents: u64 = dense
        .regions
        .iter()
        .filter(|r| r.level == wushe::model::RegionLevel::Community)
        .map(|r| u64::from(r.population))
        .sum();
    assert_eq!(dense.volunteers.len() as u64, residents * 10 / 10_000);
    assert_eq!(
        CountyConfig::default().generate(),
        wushe::sim::default_county()
    );
}
