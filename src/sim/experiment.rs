//! Experiments: strategies × policies × replications on common random numbers, in parallel,
//! whole or as shards.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::config::SimConfig;
use super::policy::SimPolicy;
use super::round::Simulation;
use super::run::RunResult;
use super::shard::{Shard, StudyPart};
use super::streams::replication_seed;
use crate::error::Result;
use crate::model::Scenario;
use crate::solve::StrategyKind;

/// A study: every strategy under every policy, `replications` times, each replication on its
/// own seed shared by all arms (common random numbers).
///
/// Jobs are numbered policy-major, then strategy, then replication; shard `i` of `n` runs the
/// jobs whose number is `i` modulo `n`, so shards are balanced across arms.
///
/// # Example
/// ```
/// use wushe::sim::{CountyConfig, SimConfig, SimPolicy, Shard, Study};
/// use wushe::StrategyKind;
/// # fn main() -> Result<(), wushe::Error> {
/// let county = CountyConfig::default().with_townships(2).with_communities(8)
///     .with_volunteers(60).with_needs(40).generate();
/// let study = Study {
///     config: SimConfig::default().with_weeks(2).with_arrivals_per_week(5),
///     strategies: vec![StrategyKind::Greedy, StrategyKind::MinCostFlow],
///     policies: vec![SimPolicy::default()],
///     replications: 2,
///     seed: 1,
/// };
/// let part = study.run(&county, Shard::WHOLE, &|| {})?;
/// let results = wushe::sim::merge(vec![part])?;
/// assert_eq!(results.runs.len(), 4);
/// assert_eq!(results.summary().len(), 2);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Study {
    /// Dynamics and length of every run.
    pub config: SimConfig,
    /// Strategies compared.
    pub strategies: Vec<StrategyKind>,
    /// Policies compared.
    pub policies: Vec<SimPolicy>,
    /// Replications per arm.
    pub replications: u32,
    /// Seed of the study; replication `r` runs on [`replication_seed`]`(seed, r)`.
    pub seed: u64,
}

/// One run of a study.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    /// Number of the job in the study.
    pub index: u32,
    /// Position of its policy in [`Study::policies`].
    pub policy: usize,
    /// Its strategy.
    pub strategy: StrategyKind,
    /// Its replication.
    pub replication: u32,
}

impl Study {
    /// Every job, in number order.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = Vec::new();
        for policy in 0..self.policies.len() {
            for &strategy in &self.strategies {
                for replication in 0..self.replications {
                    jobs.push(Job {
                        index: jobs.len() as u32,
                        policy,
                        strategy,
                        replication,
                    });
                }
            }
        }
        jobs
    }

    /// Runs the jobs of `shard` in parallel (rayon; results in job order, identical for any
    /// thread count) on `scenario`, calling `progress` after each round of each job.
    ///
    /// # Errors
    /// The first failing job's error (an invalid scenario or policy); a shard index not below
    /// its count ([`crate::sim::SimError::BadShard`]).
    pub fn run(
        &self,
        scenario: &Scenario,
        shard: Shard,
        progress: &(dyn Fn() + Sync),
    ) -> Result<StudyPart> {
        shard.check()?;
        let jobs: Vec<Job> = self
            .jobs()
            .into_iter()
            .filter(|j| shard.owns(j.index))
            .collect();
        let runs = jobs
            .par_iter()
            .map(|job| self.run_job(scenario, job, progress))
            .collect::<Result<Vec<_>>>()?;
        Ok(StudyPart::new(self, scenario, shard, runs))
    }

    /// Runs one job to the end, calling `progress` after each round.
    ///
    /// # Errors
    /// As [`Simulation::new`] and [`Simulation::step`].
    pub fn run_job(
        &self,
        scenario: &Scenario,
        job: &Job,
        progress: &(dyn Fn() + Sync),
    ) -> Result<RunResult> {
        let policy = self.policies.get(job.policy).cloned().unwrap_or_default();
        let seed = replication_seed(self.seed, job.replication);
        let mut sim = Simulation::new(
            scenario.clone(),
            self.config.clone(),
            policy,
            job.strategy,
            seed,
        )?;
        while sim.step()?.is_some() {
            progress();
        }
        let mut run = sim.finish();
        run.replication = job.replication;
        Ok(run)
    }
}
