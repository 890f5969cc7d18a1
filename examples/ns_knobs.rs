use std::time::Instant;
use wushe::io::dimacs::{self, Instance};
use wushe::solve::flow::MinCostFlowSolver;
use wushe::solve::flow::network_simplex::NetworkSimplex;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Instance::MinCostFlow(net) = dimacs::read_path(&args[0]).unwrap() else {
        panic!()
    };
    for spec in &args[1..] {
        let (b, s) = spec.split_once(',').unwrap();
        let p = |x: &str| {
            if x == "a" {
                None
            } else {
                Some(x.parse().unwrap())
            }
        };
        let ns = NetworkSimplex::default()
            .with_block_size(p(b))
            .with_pricing_stride(p(s));
        let t = Instant::now();
        let sol = ns.solve(&net).unwrap();
        println!(
            "{spec}: {:.3}s obj {}",
            t.elapsed().as_secs_f64(),
            sol.objective
        );
    }
}
