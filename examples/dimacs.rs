//! Solve DIMACS min-cost-flow (`p min`) and assignment (`p asn`, `.mat`) files, speaking the
//! peer timing protocol of the benchmark (`benches/peers/README.md`), so this crate can be timed exactly
//! like LEMON, OR-Tools and lapjv on the same files.
//!
//! ```text
//! cargo run --release --example dimacs -- solve FILE [--algorithm NAME] [--runs N] [--out SOLUTION]
//! cargo run --release --example dimacs -- algorithms
//! ```
//!
//! Output: `INFO ...`, `PARSE <s>`, then `RUN <i> <s> <objective>` per run, then `DONE`; on
//! failure `ERROR <message>` and a non-zero exit status. A RUN's seconds cover building the
//! solver's structures from the parsed file and solving to optimality; parsing is PARSE.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use wushe::excerpt::excerpt;
use wushe::io::dimacs::{self, Instance};
use wushe::solve::assignment::{
    AssignmentAlgorithm, AssignmentStatus, CostMatrix, JonkerVolgenant, JvWorkspace,
};
use wushe::solve::flow::{FlowAlgorithm, FlowNetwork, FlowSolution, FlowStatus};

struct Args {
    file: String,
    algorithm: Option<String>,
    runs: u32,
    out: Option<String>,
}

fn usage() -> &'static str {
    "usage: dimacs solve FILE [--algorithm NAME] [--runs N] [--out SOLUTION]\n       dimacs algorithms"
}

fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    match argv.next().as_deref() {
        Some("algorithms") => {
            for a in FlowAlgorithm::ALL {
                println!("min {a}");
            }
            // The flow cores also solve `.asn` files (as transportation networks) when named
            // explicitly; they are listed once, under their own family.
            for a in AssignmentAlgorithm::ALL {
                println!("asn {a}");
            }
            Ok(None)
        }
        Some("solve") => {
            let mut args = Args {
                file: String::new(),
                algorithm: None,
                runs: 1,
                out: None,
            };
            while let Some(arg) = argv.next() {
                let mut value = |flag: &str| argv.next().ok_or(format!("{flag} needs a value"));
                match arg.as_str() {
                    "--algorithm" => args.algorithm = Some(value("--algorithm")?),
                    "--runs" => {
                        let v = value("--runs")?;
                        args.runs = v
                            .parse()
                            .ok()
                            .filter(|&n| (1..=1000).contains(&n))
                            .ok_or(format!("--runs must be 1..=1000, got \"{}\"", excerpt(&v)))?;
                    }
                    "--out" => args.out = Some(value("--out")?),
                    _ if arg.starts_with("--") => {
                        return Err(format!("unknown flag {}", excerpt(&arg)));
                    }
                    _ if args.file.is_empty() => args.file = arg,
                    _ => return Err(format!("unexpected argument \"{}\"", excerpt(&arg))),
                }
            }
            if args.file.is_empty() {
                return Err(usage().into());
            }
            Ok(Some(args))
        }
        _ => Err(usage().into()),
    }
}

fn flush_line(line: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// An assignment matrix as a transportation network: rows supply 1, columns demand 1.
fn matrix_to_network(m: &CostMatrix) -> Result<FlowNetwork, wushe::Error> {
    let (rows, cols) = (m.rows(), m.cols());
    if rows != cols {
        return Err(wushe::solve::flow::NetworkError::TooLarge {
            what: "rows != columns for a flow formulation; rows",
            count: rows,
            limit: cols,
        }
        .into());
    }
    let mut net = FlowNetwork::with_capacity(rows + cols, rows * cols);
    for r in 0..rows {
        net.set_supply(r, 1)?;
        net.set_supply(rows + r, -1)?;
    }
    for r in 0..rows {
        for c in 0..cols {
            if m.is_allowed(r, c) {
                net.add_arc(r, rows + c, 0, 1, m.costs()[r * cols + c])?;
            }
        }
    }
    Ok(net)
}

/// Runs `solve` `runs` times, printing `RUN i seconds objective` after each, and returns the
/// last result. `solve` returns the result and its objective, or a message.
fn timed_runs<T>(
    runs: u32,
    mut solve: impl FnMut() -> Result<(T, i128), String>,
) -> Result<Option<T>, String> {
    let mut last = None;
    for i in 1..=runs {
        let start = Instant::now();
        let (result, objective) = solve()?;
        let secs = start.elapsed().as_secs_f64();
        flush_line(format_args!("RUN {i} {secs:.6} {objective}"));
        last = Some(result);
    }
    Ok(last)
}

fn create(path: &str) -> Result<std::fs::File, String> {
    std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))
}

/// The solution and its objective when optimal, else the status as a message.
fn optimal_flow(solution: FlowSolution) -> Result<(FlowSolution, i128), String> {
    match solution.status {
        FlowStatus::Optimal => {
            let objective = solution.objective;
            Ok((solution, objective))
        }
        status => Err(format!("status {status:?}")),
    }
}

/// Writes an assignment solution file (`s objective`, then `m row column` lines).
fn write_assignment(
    path: &str,
    rows: usize,
    row_to_col: &[Option<usize>],
    objective: i128,
) -> Result<(), String> {
    dimacs::write_assignment_solution(rows, row_to_col, objective, create(path)?)
        .map_err(|e| e.to_string())
}

fn solve_flow(net: &FlowNetwork, args: &Args) -> Result<(), String> {
    let algorithm: FlowAlgorithm = match &args.algorithm {
        Some(name) => name.parse().map_err(|e| format!("{e}"))?,
        None => FlowAlgorithm::default(),
    };
    let solver = algorithm.solver();
    // The automatic choice is made again inside every timed run; here it is only reported.
    let core = match algorithm {
        FlowAlgorithm::Automatic => wushe::solve::flow::automatic::choose(net).name(),
        _ => solver.name(),
    };
    flush_line(format_args!(
        "INFO algorithm={algorithm} core={core} nodes={} arcs={}",
        net.node_count(),
        net.arc_count()
    ));
    let last = timed_runs(args.runs, || {
        optimal_flow(solver.solve(net).map_err(|e| e.to_string())?)
    })?;
    if let (Some(path), Some(solution)) = (&args.out, last) {
        dimacs::write_flow_solution(net, &solution.flow, solution.objective, create(path)?)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn solve_assignment(matrix: &CostMatrix, args: &Args) -> Result<(), String> {
    let name = args
        .algorithm
        .as_deref()
        .unwrap_or(AssignmentAlgorithm::default().name());
    if let Ok(flow) = name.parse::<FlowAlgorithm>() {
        return solve_assignment_as_flow(matrix, flow, args);
    }
    let algorithm: AssignmentAlgorithm = name.parse().map_err(|e| format!("{e}"))?;
    let solver = algorithm.solver();
    // JV keeps its 32-bit cost buffer between runs, as a caller re-solving would (the copy is
    // still made from the input in every timed run; only fresh-page faults are saved).
    let mut workspace = JvWorkspace::default();
    flush_line(format_args!(
        "INFO algorithm={algorithm} rows={} cols={}",
        matrix.rows(),
        matrix.cols()
    ));
    let last = timed_runs(args.runs, || {
        let solution = match algorithm {
            AssignmentAlgorithm::JonkerVolgenant => {
                JonkerVolgenant.solve_with(matrix, &mut workspace)
            }
            _ => solver.solve(matrix),
        }
        .map_err(|e| e.to_string())?;
        match solution.status {
            AssignmentStatus::Optimal => {
                let objective = solution.objective;
                Ok((solution, objective))
            }
            status => Err(format!("status {status:?}")),
        }
    })?;
    if let (Some(path), Some(solution)) = (&args.out, last) {
        let row_to_col: Vec<Option<usize>> = solution
            .row_to_col
            .iter()
            .map(|c| c.map(|c| c as usize))
            .collect();
        write_assignment(path, matrix.rows(), &row_to_col, solution.objective)?;
    }
    Ok(())
}

fn solve_assignment_as_flow(
    matrix: &CostMatrix,
    algorithm: FlowAlgorithm,
    args: &Args,
) -> Result<(), String> {
    let solver = algorithm.solver();
    flush_line(format_args!(
        "INFO algorithm={algorithm} as_flow rows={} cols={}",
        matrix.rows(),
        matrix.cols()
    ));
    // Building the network from the matrix is part of the solver's own structures: timed.
    let last = timed_runs(args.runs, || {
        let net = matrix_to_network(matrix).map_err(|e| e.to_string())?;
        let (solution, objective) = optimal_flow(solver.solve(&net).map_err(|e| e.to_string())?)?;
        Ok(((net, solution), objective))
    })?;
    if let (Some(path), Some((net, solution))) = (&args.out, last) {
        let mut row_to_col = vec![None; matrix.rows()];
        for ((&t, &h), &x) in net.tails().iter().zip(net.heads()).zip(&solution.flow) {
            if x > 0 {
                row_to_col[t as usize] = Some(h as usize - matrix.rows());
            }
        }
        write_assignment(path, matrix.rows(), &row_to_col, solution.objective)?;
    }
    Ok(())
}

fn run() -> Result<(), String> {
    let Some(args) = parse_args(std::env::args().skip(1))? else {
        return Ok(());
    };
    flush_line(format_args!(
        "INFO version=wushe-{}",
        env!("CARGO_PKG_VERSION")
    ));
    let start = Instant::now();
    let instance = dimacs::read_path(&args.file)
        .map_err(|e| format!("{}: {e}", wushe::excerpt::escape(&args.file)))?;
    flush_line(format_args!("PARSE {:.6}", start.elapsed().as_secs_f64()));
    match &instance {
        Instance::MinCostFlow(net) => solve_flow(net, &args)?,
        Instance::Assignment(matrix) => solve_assignment(matrix, &args)?,
    }
    flush_line(format_args!("DONE"));
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            flush_line(format_args!("ERROR {}", message.replace('\n', " | ")));
            ExitCode::from(2)
        }
    }
}
