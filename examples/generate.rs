//! Writes the peer benchmark's instances: every min-cost-flow family of
//! [`wushe::solve::flow::families`] at sizes S, M and L as DIMACS `p min` files
//! (`netgen_M.min`, ...), and dense assignment matrices with uniform costs in
//! `0..1,000,000` as `p asn` plus text-matrix files (`asn_n2000.asn`, `asn_n2000.mat`).
//!
//! ```text
//! cargo run --release --example generate -- --out DIR [--only NAME,NAME] [--skip-large] [--seed N]
//! cargo run --release --example generate -- list [--skip-large]
//! ```
//!
//! Same seed, same files. An existing file is kept (delete it to regenerate).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wushe::excerpt::excerpt;
use wushe::io::dimacs;
use wushe::solve::assignment::CostMatrix;
use wushe::solve::flow::families::{Family, Size};

/// Sides of the dense assignment instances; the last one is the large size.
const ASSIGNMENT_SIDES: [usize; 4] = [500, 1_000, 2_000, 4_000];
/// Default seed.
const SEED: u64 = 20_261_202;

enum Item {
    Flow(Family, Size),
    Assignment(usize),
}

impl Item {
    fn name(&self) -> String {
        match self {
            Item::Flow(family, size) => format!("{family}_{}", size.name()),
            Item::Assignment(n) => format!("asn_n{n}"),
        }
    }

    fn large(&self) -> bool {
        match self {
            Item::Flow(_, size) => *size == Size::L,
            Item::Assignment(n) => *n == ASSIGNMENT_SIDES[3],
        }
    }
}

fn items(skip_large: bool, only: &[String]) -> Vec<Item> {
    let mut all: Vec<Item> = ASSIGNMENT_SIDES
        .iter()
        .map(|&n| Item::Assignment(n))
        .collect();
    for family in Family::ALL {
        all.extend(Size::ALL.map(|size| Item::Flow(family, size)));
    }
    all.into_iter()
        .filter(|i| !(skip_large && i.large()))
        .filter(|i| only.is_empty() || only.contains(&i.name()))
        .collect()
}

fn create(path: &Path) -> Result<std::fs::File, String> {
    std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(item: &Item, dir: &Path, seed: u64) -> Result<(), String> {
    let name = item.name();
    match item {
        Item::Flow(family, size) => {
            let path = dir.join(format!("{name}.min"));
            if path.exists() {
                return Ok(());
            }
            let net = family.generate(*size, seed).map_err(|e| e.to_string())?;
            eprintln!(
                "{name}: {} nodes, {} arcs",
                net.node_count(),
                net.arc_count()
            );
            let tmp = dir.join(format!("{name}.min.part"));
            dimacs::write_min(&net, create(&tmp)?).map_err(|e| e.to_string())?;
            std::fs::rename(&tmp, &path).map_err(|e| e.to_string())
        }
        Item::Assignment(n) => {
            let (asn, mat) = (
                dir.join(format!("{name}.asn")),
                dir.join(format!("{name}.mat")),
            );
            if asn.exists() && mat.exists() {
                return Ok(());
            }
            let mut rng = ChaCha8Rng::seed_from_u64(seed ^ *n as u64);
            let costs = (0..n * n).map(|_| rng.random_range(0..1_000_000)).collect();
            let matrix = CostMatrix::new(*n, *n, costs).map_err(|e| e.to_string())?;
            eprintln!("{name}: {n} × {n}");
            dimacs::write_asn(&matrix, create(&asn)?).map_err(|e| e.to_string())?;
            dimacs::write_matrix(&matrix, create(&mat)?).map_err(|e| e.to_string())
        }
    }
}

fn run() -> Result<(), String> {
    let mut argv = std::env::args().skip(1);
    let (mut out, mut only, mut skip_large, mut seed, mut list) =
        (None::<PathBuf>, Vec::new(), false, SEED, false);
    while let Some(arg) = argv.next() {
        let mut value = |flag: &str| argv.next().ok_or(format!("{flag} needs a value"));
        match arg.as_str() {
            "list" => list = true,
            "--out" => out = Some(value("--out")?.into()),
            "--only" => {
                only = value("--only")?
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
            }
            "--skip-large" => skip_large = true,
            "--seed" => {
                let v = value("--seed")?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed needs an integer, got \"{}\"", excerpt(&v)))?;
            }
            _ => return Err(format!("unknown argument \"{}\"", excerpt(&arg))),
        }
    }
    let chosen = items(skip_large, &only);
    if let Some(unknown) = only
        .iter()
        .find(|name| !items(false, &[]).iter().any(|i| &i.name() == *name))
    {
        return Err(format!("unknown instance \"{}\"", excerpt(unknown)));
    }
    if list {
        for item in &chosen {
            println!("{}", item.name());
        }
        return Ok(());
    }
    let dir = out.ok_or("--out DIR is required (or `list`)")?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for item in &chosen {
        write(item, &dir, seed)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("generate: {message}");
            ExitCode::from(2)
        }
    }
}
