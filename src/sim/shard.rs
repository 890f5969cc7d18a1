//! Shards of a study and their merge: a batch scheduler (Slurm array jobs) spreads the jobs of
//! a study over machines; `merge` puts the parts back into the results a whole run gives, byte
//! for byte.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::experiment::Study;
use super::run::RunResult;
use crate::error::Result;
use crate::model::Scenario;

/// The `format` of a shard's partial results file.
pub const PART_FORMAT: &str = "wushe-sim-part";
/// The version of the partial results file.
pub const PART_VERSION: u32 = 1;

/// Shard `index` of `count` (`i/n` on command lines, 0-based): the jobs whose number is
/// `index` modulo `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shard {
    /// This shard, from 0.
    pub index: u32,
    /// Shards in the study (≥ 1).
    pub count: u32,
}

impl Shard {
    /// The whole study as one shard.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// Whether job `job` belongs to this shard.
    pub fn owns(self, job: u32) -> bool {
        self.count > 0 && job % self.count == self.index
    }

    /// A shard whose index is below its positive count.
    ///
    /// # Errors
    /// [`SimError::BadShard`] otherwise.
    pub fn check(self) -> Result<()> {
        if self.count == 0 || self.index >= self.count {
            return Err(SimError::BadShard {
                text: self.to_string(),
            }
            .into());
        }
        Ok(())
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = SimError;

    /// Parses `i/n`.
    ///
    /// ```
    /// use wushe::sim::Shard;
    /// assert_eq!("2/3".parse::<Shard>().ok(), Some(Shard { index: 2, count: 3 }));
    /// assert!("3/3".parse::<Shard>().is_err());
    /// ```
    fn from_str(s: &str) -> std::result::Result<Shard, SimError> {
        let bad = || SimError::BadShard {
            text: crate::excerpt::excerpt(s),
        };
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let shard = Shard {
            index: i.trim().parse().map_err(|_| bad())?,
            count: n.trim().parse().map_err(|_| bad())?,
        };
        shard.check().map_err(|_| bad())?;
        Ok(shard)
    }
}

/// What can go wrong setting up, sharding or merging a study.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SimError {
    /// A shard is not `i/n` with `0 ≤ i < n`.
    #[error("shard \"{text}\" is not i/n with 0 <= i < n")]
    BadShard {
        /// The text given (an escaped excerpt).
        text: String,
    },
    /// Parts of different studies (another configuration, scenario or seed).
    #[error("part {shard} belongs to another study (fingerprint {found}, expected {expected})")]
    OtherStudy {
        /// The part.
        shard: String,
        /// Its fingerprint.
        found: String,
        /// The first part's fingerprint.
        expected: String,
    },
    /// A shard is missing or given twice.
    #[error("shards of {count}: {problem}")]
    Shards {
        /// Shards in the study.
        count: u32,
        /// Which are missing or repeated.
        problem: String,
    },
    /// A part's file is not a partial results file of this version.
    #[error("not a {PART_FORMAT} file of version {PART_VERSION}")]
    NotAPart,
    /// No part was given.
    #[error("no part to merge")]
    Empty,
}

/// The partial results of one shard: the study, the fingerprint of study and scenario, and
/// the runs of the shard's jobs in job order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudyPart {
    /// Always [`PART_FORMAT`].
    pub format: String,
    /// Always [`PART_VERSION`].
    pub version: u32,
    /// FNV-1a hash of the study and scenario JSON, hex: parts merge only with their own kind.
    pub fingerprint: String,
    /// The study.
    pub study: Study,
    /// Which shard.
    pub shard: Shard,
    /// Runs of its jobs, in job order.
    pub runs: Vec<RunResult>,
}

impl StudyPart {
    pub(super) fn new(
        study: &Study,
        scenario: &Scenario,
        shard: Shard,
        runs: Vec<RunResult>,
    ) -> Self {
        StudyPart {
            format: PART_FORMAT.to_owned(),
            version: PART_VERSION,
            fingerprint: fingerprint(study, scenario),
            study: study.clone(),
            shard,
            runs,
        }
    }
}

/// FNV-1a (64 bit) over the JSON of the study and the scenario.
pub fn fingerprint(study: &Study, scenario: &Scenario) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed(&serde_json::to_vec(study).unwrap_or_default());
    feed(&serde_json::to_vec(scenario).unwrap_or_default());
    format!("{hash:016x}")
}

/// Every run of a study, in job order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudyResults {
    /// The study.
    pub study: Study,
    /// Fingerprint of study and scenario.
    pub fingerprint: String,
    /// Every run, in job order.
    pub runs: Vec<RunResult>,
}

/// Combines the parts of every shard of one study into its results (the same, value for
/// value, as running it whole).
///
/// # Errors
/// [`SimError::Empty`], [`SimError::NotAPart`], [`SimError::OtherStudy`] for parts of
/// different studies, [`SimError::Shards`] when a shard is missing or repeated.
pub fn merge(parts: Vec<StudyPart>) -> Result<StudyResults> {
    let first = parts.first().ok_or(SimError::Empty)?;
    let (study, fingerprint, count) = (
        first.study.clone(),
        first.fingerprint.clone(),
        first.shard.count,
    );
    let mut seen = vec![false; count as usize];
    for part in &parts {
        if part.format != PART_FORMAT || part.version != PART_VERSION {
            return Err(SimError::NotAPart.into());
        }
        if part.fingerprint != fingerprint || part.shard.count != count || part.study != study {
            return Err(SimError::OtherStudy {
                shard: part.shard.to_string(),
                found: part.fingerprint.clone(),
                expected: fingerprint,
            }
            .into());
        }
        part.shard.check()?;
        let slot = seen
            .get_mut(part.shard.index as usize)
            .ok_or(SimError::NotAPart)?;
        if *slot {
            return Err(SimError::Shards {
                count,
                problem: format!("shard {} given twice", part.shard),
            }
            .into());
        }
        *slot = true;
    }
    if let Some(missing) = seen.iter().position(|s| !s) {
        return Err(SimError::Shards {
            count,
            problem: format!("shard {missing}/{count} missing"),
        }
        .into());
    }
    let jobs = study.jobs();
    let mut cursors = vec![0usize; count as usize];
    let mut by_shard: Vec<Option<StudyPart>> = (0..count).map(|_| None).collect();
    for part in parts {
        let i = part.shard.index as usize;
        if let Some(slot) = by_shard.get_mut(i) {
            *slot = Some(part);
        }
    }
    let mut runs = Vec::with_capacity(jobs.len());
    for job in &jobs {
        let i = (job.index % count) as usize;
        let run = by_shard
            .get(i)
            .and_then(|p| p.as_ref())
            .and_then(|p| p.runs.get(cursors[i]))
            .ok_or_else(|| SimError::Shards {
                count,
                problem: format!("shard {i}/{count} lacks job {}", job.index),
            })?;
        cursors[i] += 1;
        runs.push(run.clone());
    }
    Ok(StudyResults {
        study,
        fingerprint,
        runs,
    })
}
