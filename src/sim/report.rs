//! A study's output files: per-round CSV, summary CSV, coverage by community CSV, the whole
//! results as JSON, and the comparison table printed on stdout. Every file is a function of
//! the merged results only, so a study run whole and one run in shards write the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::shard::StudyResults;
use super::summary::ArmSummary;
use crate::error::{Error, Result};

/// The `format` of `results.json`.
pub const RESULTS_FORMAT: &str = "wushe-sim-results";

#[derive(Serialize)]
struct ResultsFile<'a> {
    format: &'static str,
    version: u32,
    results: &'a StudyResults,
    summary: &'a [ArmSummary],
}

/// `rounds.csv`: one line per run and week; columns `strategy, policy, replication, week`,
/// then every [`super::RoundMetrics`] figure in name order (empty where a wait has no value).
pub fn rounds_csv(results: &StudyResults) -> String {
    let mut out = String::new();
    let mut header_done = false;
    for run in &results.runs {
        for round in &run.rounds {
            let value = serde_json::to_value(round).unwrap_or_default();
            let Some(map) = value.as_object() else {
                continue;
            };
            if !header_done {
                out.push_str("strategy,policy,replication");
                for key in map.keys() {
                    out.push(',');
                    out.push_str(key);
                }
                out.push('\n');
                header_done = true;
            }
            let _ = write!(
                out,
                "{},{},{}",
                run.strategy,
                csv_text(&run.policy),
                run.replication
            );
            for v in map.values() {
                out.push(',');
                if !v.is_null() {
                    out.push_str(&v.to_string());
                }
            }
            out.push('\n');
        }
    }
    out
}

/// `summary.csv`: per arm and headline figure, the mean, the 95% interval and the replications.
pub fn summary_csv(summary: &[ArmSummary]) -> String {
    let mut out = String::from("strategy,policy,metric,n,mean,ci95_low,ci95_high\n");
    for arm in summary {
        for m in &arm.metrics {
            let e = &m.estimate;
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{}",
                arm.strategy,
                csv_text(&arm.policy),
                m.metric,
                e.n,
                e.mean,
                e.low(),
                e.high()
            );
        }
    }
    out
}

/// `communities.csv`: per arm and community, the time-averaged coverage and its interval.
pub fn communities_csv(summary: &[ArmSummary]) -> String {
    let mut out = String::from("strategy,policy,community,n,coverage,ci95_low,ci95_high\n");
    for arm in summary {
        for (community, e) in &arm.communities {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{}",
                arm.strategy,
                csv_text(&arm.policy),
                community.0,
                e.n,
                e.mean,
                e.low(),
                e.high()
            );
        }
    }
    out
}

/// `results.json`: the study, every run with its rounds and totals, and the summary.
pub fn results_json(results: &StudyResults, summary: &[ArmSummary]) -> Result<String> {
    let file = ResultsFile {
        format: RESULTS_FORMAT,
        version: 1,
        results,
        summary,
    };
    let mut text =
        serde_json::to_string_pretty(&file).map_err(|e| Error::from(std::io::Error::other(e)))?;
    text.push('\n');
    Ok(text)
}

/// The comparison table: one line per arm, the headline figures as mean ± half-width.
pub fn comparison_table(summary: &[ArmSummary]) -> String {
    let columns: [(&str, &str, f64); 8] = [
        ("coverage", "coverage", 100.0),
        ("priority_coverage", "priority", 100.0),
        ("coverage_high", "High", 100.0),
        ("min_community_coverage", "min comm.", 100.0),
        ("first_contact_sla", "1st contact", 100.0),
        ("visit_sla", "visits", 100.0),
        ("fund_utilisation", "funds used", 100.0),
        ("wait_p90_weeks", "wait p90 wk", 1.0),
    ];
    let mut out = format!("{:<16} {:<10}", "strategy", "policy");
    for (_, title, _) in columns {
        let _ = write!(out, " {title:>15}");
    }
    out.push('\n');
    for arm in summary {
        let _ = write!(out, "{:<16} {:<10}", arm.strategy, arm.policy);
        for (name, _, scale) in columns {
            let cell = arm.metric(name).map_or_else(String::new, |e| {
                let pct = if scale == 100.0 { "%" } else { "" };
                match e.ci95 {
                    Some(h) => format!("{:.1}±{:.1}{pct}", e.mean * scale, h * scale),
                    None => format!("{:.1}{pct}", e.mean * scale),
                }
            });
            let _ = write!(out, " {cell:>15}");
        }
        out.push('\n');
    }
    out
}

/// Writes `rounds.csv`, `summary.csv`, `communities.csv` and `results.json` into `dir`
/// (created if needed) and returns their paths.
///
/// # Errors
/// [`crate::ErrorKind::File`] naming the file that could not be written.
pub fn write_results(results: &StudyResults, dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::from(e).in_file(dir))?;
    let summary = results.summary();
    let files = [
        ("rounds.csv", rounds_csv(results)),
        ("summary.csv", summary_csv(&summary)),
        ("communities.csv", communities_csv(&summary)),
        ("results.json", results_json(results, &summary)?),
    ];
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| Error::from(e).in_file(&path))?;
        written.push(path);
    }
    Ok(written)
}

/// A policy name as a CSV field: quoted when it holds a comma, quote or line break.
fn csv_text(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
