//! Assignment cores: Jonker–Volgenant and auction against brute force, the dual certificate,
//! parallel == sequential, typed input errors.

use proptest::prelude::*;
use wushe::ErrorKind;
use wushe::solve::assignment::{
    AssignmentSolution, AssignmentSolver, AssignmentStatus, Auction, Bidding, CertificateViolation,
    CostMatrix, JonkerVolgenant, MatrixError, SparseCosts, check_assignment_duals, cost_limit,
    maximum_matching,
};

use crate::support::brute_assignment::{brute_max_matching, brute_min_cost};

/// Every solver under test, parallel auction included.
fn solvers() -> Vec<Box<dyn AssignmentSolver>> {
    vec![
        Box::new(JonkerVolgenant),
        Box::new(Auction::default()),
        Box::new(Auction::default().with_bidding(Bidding::Parallel)),
        Box::new(Auction::default().with_scaling_factor(2)),
    ]
}

/// Solves with every solver and checks each against the brute-force optimum and the
/// certificate; returns the JV solution.
fn check_all(m: &CostMatrix) -> AssignmentSolution {
    let expected = brute_min_cost(m);
    let mut first: Option<AssignmentSolution> = None;
    for solver in solvers() {
        let s = solver.solve(m).expect("valid matrix");
        match expected {
            None => assert_eq!(s.status, AssignmentStatus::Infeasible, "{}", solver.name()),
            Some(obj) => {
                assert_eq!(s.status, AssignmentStatus::Optimal, "{}", solver.name());
                assert_eq!(s.objective, obj, "{} on {m:?}", solver.name());
                if let Err(e) = check_assignment_duals(m, &s) {
                    panic!(
                        "{}: certificate rejected: {e} on {m:?}: {s:?}",
                        solver.name()
                    );
                }
            }
        }
        if let Some(f) = &first {
            assert_eq!(f.status, s.status);
            assert_eq!(f.objective, s.objective);
        } else {
            first = Some(s);
        }
    }
    first.expect("at least one solver")
}

/// A matrix of the given shape; `allowed` density in percent (100: no mask).
fn matrix_strategy(
    max_side: usize,
    costs: std::ops::RangeInclusive<i64>,
    density: u32,
) -> impl Strategy<Value = CostMatrix> {
    (0..=max_side, 0..=max_side).prop_flat_map(move |(r, c)| {
        (
            proptest::collection::vec(costs.clone(), r * c),
            proptest::collection::vec(0u32..100, r * c),
        )
            .prop_map(move |(w, a)| {
                if density >= 100 {
                    CostMatrix::new(r, c, w).expect("shape")
                } else {
                    let allowed = a.iter().map(|&x| x < density).collect();
                    CostMatrix::with_allowed(r, c, w, allowed).expect("shape")
                }
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn dense_matches_brute_force(m in matrix_strategy(6, -1_000..=1_000, 100)) {
        check_all(&m);
    }

    #[test]
    fn forbidden_pairs_match_brute_force(
        m in matrix_strategy(6, -50..=50, 60),
    ) {
        check_all(&m);
    }

    #[test]
    fn sparse_often_infeasible_matches_brute_force(m in matrix_strategy(6, 0..=9, 30)) {
        check_all(&m);
    }

    #[test]
    fn tie_heavy_costs_match_brute_force(m in matrix_strategy(7, 0..=2, 100)) {
        check_all(&m);
    }

    #[test]
    fn costs_near_the_limit_match_brute_force(
        (r, c, w) in (1usize..=5, 1usize..=5).prop_flat_map(|(r, c)| {
            let lim = cost_limit(r.max(c)) as i64;
            (Just(r), Just(c), proptest::collection::vec(
                prop_oneof![Just(lim), Just(-lim), lim - 3..=lim, -lim..=lim], r * c))
        }),
    ) {
        check_all(&CostMatrix::new(r, c, w).expect("shape"));
    }

    #[test]
    fn transposing_keeps_the_objective(m in matrix_strategy(7, -100..=100, 80)) {
        let a = JonkerVolgenant.solve(&m).expect("valid");
        let b = JonkerVolgenant.solve(&m.transposed()).expect("valid");
        prop_assert_eq!(a.status, b.status);
        prop_assert_eq!(a.objective, b.objective);
    }

    #[test]
    fn hopcroft_karp_is_maximum(m in matrix_strategy(6, 0..=1, 40)) {
        let sparse = SparseCosts::try_from(&m).expect("small");
        let matching = maximum_matching(&sparse);
        let mut used = vec![false; m.cols()];
        for (r, c) in matching.iter().enumerate() {
            if let Some(c) = c {
                prop_assert!(m.is_allowed(r, *c as usize));
                prop_assert!(!std::mem::replace(&mut used[*c as usize], true));
            }
        }
        prop_assert_eq!(matching.iter().flatten().count(), brute_max_matching(&m));
    }
}

/// Deterministic pseudo-random matrix (xorshift), for instances beyond brute force.
fn random_matrix(rows: usize, cols: usize, range: i64, density: u64, seed: u64) -> CostMatrix {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let costs = (0..rows * cols)
        .map(|_| (next() % range as u64) as i64)
        .collect();
    let allowed = (0..rows * cols).map(|_| next() % 100 < density).collect();
    if density >= 100 {
        CostMatrix::new(rows, cols, costs).expect("shape")
    } else {
        CostMatrix::with_allowed(rows, cols, costs, allowed).expect("shape")
    }
}

#[test]
fn jv_and_auction_agree_on_larger_instances() {
    let cases = [
        (40, 40, 1_000_000, 100),
        (35, 50, 1_000, 100),
        (50, 30, 10, 100),
        (45, 45, 1_000, 15),
        (30, 60, 100, 10),
        (60, 40, 1_000_000, 20),
    ];
    for (seed, &(r, c, range, density)) in cases.iter().enumerate() {
        let m = random_matrix(r, c, range, density, seed as u64 + 1);
        let jv = JonkerVolgenant.solve(&m).expect("valid");
        let auction = Auction::default().solve(&m).expect("valid");
        assert_eq!(jv.status, auction.status, "case {seed}");
        assert_eq!(jv.objective, auction.objective, "case {seed}");
        if jv.status == AssignmentStatus::Optimal {
            check_assignment_duals(&m, &jv).expect("jv certificate");
            check_assignment_duals(&m, &auction).expect("auction certificate");
        }
    }
}

/// Matrices of at least 65,536 entries take JV's 32-bit fast path (costs copied to `i32`,
/// column minima fused into the copy); costs beyond `i32` fall back to the 64-bit path.
/// Both must agree with the auction and carry a valid dual certificate.
#[test]
fn jv_fast_path_and_its_fallback_agree_with_the_auction() {
    let cases = [
        (300, 300, 1_000_000),
        (300, 300, 3),
        (260, 400, 1_000_000),
        (400, 260, 2),
        (300, 300, 3_000_000_000),
    ];
    for (seed, &(r, c, range)) in cases.iter().enumerate() {
        let m = random_matrix(r, c, range, 100, seed as u64 + 11);
        let jv = JonkerVolgenant.solve(&m).expect("valid");
        let auction = Auction::default().solve(&m).expect("valid");
        assert_eq!(jv.status, AssignmentStatus::Optimal, "case {seed}");
        assert_eq!(jv.objective, auction.objective, "case {seed}");
        check_assignment_duals(&m, &jv).expect("jv certificate");
    }
}

/// A kept workspace gives exactly the answers of fresh solves, across shapes and sizes (the
/// buffer is cleared and refilled every time, never trusted).
#[test]
fn jv_workspace_reuse_equals_fresh_solves() {
    let mut workspace = wushe::solve::assignment::JvWorkspace::default();
    for (seed, &(r, c, range)) in [
        (300, 300, 1_000_000),
        (5, 7, 10),
        (260, 400, 50),
        (300, 300, 3),
    ]
    .iter()
    .enumerate()
    {
        let m = random_matrix(r, c, range, 100, seed as u64 + 21);
        let fresh = JonkerVolgenant.solve(&m).expect("valid");
        let reused = JonkerVolgenant
            .solve_with(&m, &mut workspace)
            .expect("valid");
        assert_eq!(fresh, reused, "case {seed}");
    }
}

#[test]
fn parallel_auction_equals_sequential_for_any_thread_count() {
    for (seed, &(r, c, density)) in [(120, 120, 100), (90, 150, 30), (150, 100, 25)]
        .iter()
        .enumerate()
    {
        let m = random_matrix(r, c, 1_000, density, 77 + seed as u64);
        let sequential = Auction::default().solve(&m).expect("valid");
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool");
            let parallel = pool.install(|| {
                Auction::default()
                    .with_bidding(Bidding::Parallel)
                    .solve(&m)
                    .expect("valid")
            });
            assert_eq!(parallel, sequential, "case {seed}, {threads} threads");
        }
    }
}

#[test]
fn all_equal_costs_are_optimal_with_zero_reduced_costs() {
    let m = CostMatrix::new(5, 7, vec![42; 35]).expect("shape");
    let s = check_all(&m);
    assert_eq!(s.objective, 5 * 42);
}

#[test]
fn empty_and_degenerate_shapes() {
    for (r, c) in [(0, 0), (0, 4), (3, 0), (1, 1), (1, 5), (5, 1)] {
        let m = CostMatrix::new(r, c, vec![-7; r * c]).expect("shape");
        let s = check_all(&m);
        assert_eq!(s.objective, -7 * r.min(c) as i128);
    }
}

#[test]
fn infeasible_when_two_rows_share_their_only_column() {
    let m = CostMatrix::with_allowed(
        2,
        3,
        vec![1; 6],
        vec![true, false, false, true, false, false],
    )
    .expect("shape");
    for solver in solvers() {
        let s = solver.solve(&m).expect("valid");
        assert_eq!(s.status, AssignmentStatus::Infeasible, "{}", solver.name());
        assert_eq!(s.row_to_col, vec![None, None]);
    }
}

#[test]
fn costs_above_the_limit_overflow() {
    let lim = cost_limit(3) as i64;
    let m = CostMatrix::new(2, 3, vec![0, lim + 1, 0, 0, 0, 0]).expect("shape");
    for solver in solvers() {
        let s = solver.solve(&m).expect("valid");
        assert_eq!(s.status, AssignmentStatus::Overflow, "{}", solver.name());
    }
    let extreme = CostMatrix::new(2, 2, vec![i64::MIN, i64::MAX, 0, 0]).expect("shape");
    assert_eq!(
        JonkerVolgenant.solve(&extreme).expect("valid").status,
        AssignmentStatus::Overflow
    );
}

#[test]
fn forbidden_entries_with_huge_costs_are_ignored() {
    let m = CostMatrix::with_allowed(
        2,
        2,
        vec![i64::MAX, 5, 3, i64::MIN],
        vec![false, true, true, false],
    )
    .expect("shape");
    let s = check_all(&m);
    assert_eq!(s.objective, 8);
    assert_eq!(s.row_to_col, vec![Some(1), Some(0)]);
}

#[test]
fn certificate_rejects_wrong_solutions() {
    let m = CostMatrix::new(3, 3, vec![7, 2, 9, 1, 8, 8, 5, 5, 3]).expect("shape");
    let good = JonkerVolgenant.solve(&m).expect("valid");
    assert_eq!(good.objective, 6);
    check_assignment_duals(&m, &good).expect("optimal");

    let mut swapped = good.clone();
    swapped.row_to_col.swap(0, 1);
    swapped.objective = 7 + 8 + 3;
    assert!(check_assignment_duals(&m, &swapped).is_err());

    let mut wrong_objective = good.clone();
    wrong_objective.objective += 1;
    assert!(matches!(
        check_assignment_duals(&m, &wrong_objective),
        Err(CertificateViolation::Objective { .. })
    ));

    let mut loose_dual = good.clone();
    loose_dual.row_dual[0] -= 1;
    assert!(matches!(
        check_assignment_duals(&m, &loose_dual),
        Err(CertificateViolation::NotTight { .. })
    ));

    let mut infeasible_dual = good.clone();
    infeasible_dual.col_dual[2] += 100;
    assert!(matches!(
        check_assignment_duals(&m, &infeasible_dual),
        Err(CertificateViolation::DualInfeasible { .. })
    ));

    let mut twice = good.clone();
    twice.row_to_col[1] = twice.row_to_col[0];
    assert!(check_assignment_duals(&m, &twice).is_err());

    let wide = CostMatrix::new(1, 2, vec![0, 0]).expect("shape");
    let mut positive = JonkerVolgenant.solve(&wide).expect("valid");
    positive.row_dual[0] -= 1;
    positive.col_dual[positive.row_to_col[0].expect("assigned") as usize] += 1;
    assert!(matches!(
        check_assignment_duals(&wide, &positive),
        Err(CertificateViolation::Sign { .. })
    ));

    let infeasible = AssignmentSolution::unsolved(AssignmentStatus::Infeasible, 3);
    assert!(check_assignment_duals(&m, &infeasible).is_err());
}

fn matrix_error(e: wushe::Error) -> MatrixError {
    match e.into_kind() {
        ErrorKind::Matrix(m) => m,
        other => panic!("expected a matrix error, got {other:?}"),
    }
}

#[test]
fn invalid_input_gives_typed_errors() {
    let e = CostMatrix::new(2, 2, vec![1, 2, 3]).expect_err("short");
    assert!(matches!(matrix_error(e), MatrixError::Shape { len: 3, .. }));

    let e = SparseCosts::new(2, 2, vec![0, 1], vec![0], vec![1]).expect_err("offsets");
    assert!(matches!(matrix_error(e), MatrixError::RowStart { .. }));
    let e = SparseCosts::new(2, 2, vec![0, 2, 1], vec![0, 1], vec![1, 1]).expect_err("order");
    assert!(matches!(matrix_error(e), MatrixError::RowStart { row: 1 }));
    let e = SparseCosts::new(1, 2, vec![0, 1], vec![2], vec![1]).expect_err("range");
    assert!(matches!(
        matrix_error(e),
        MatrixError::ColumnOutOfRange {
            row: 0,
            col: 2,
            cols: 2
        }
    ));
    let e = SparseCosts::new(1, 3, vec![0, 2], vec![1, 1], vec![1, 1]).expect_err("dup");
    assert!(matches!(
        matrix_error(e),
        MatrixError::UnsortedRow { row: 0, col: 1 }
    ));
    let e = SparseCosts::new(1, 3, vec![0, 2], vec![0, 1], vec![1]).expect_err("len");
    assert!(matches!(matrix_error(e), MatrixError::Shape { .. }));
    let e = SparseCosts::new(usize::MAX, 1, vec![], vec![], vec![]).expect_err("huge");
    assert!(matches!(matrix_error(e), MatrixError::TooLarge { .. }));

    let wide = CostMatrix::new(0, u32::MAX as usize + 1, vec![]).expect("empty");
    let e = JonkerVolgenant.solve(&wide).expect_err("too wide");
    assert!(matches!(matrix_error(e), MatrixError::TooLarge { .. }));
    let e = Auction::default().solve(&wide).expect_err("too wide");
    assert!(matches!(matrix_error(e), MatrixError::TooLarge { .. }));
}

#[test]
fn sparse_and_dense_auction_agree() {
    let m = random_matrix(20, 25, 50, 40, 5);
    let sparse = SparseCosts::try_from(&m).expect("small");
    assert_eq!(sparse.transposed().transposed(), sparse);
    let a = Auction::default().solve(&m).expect("valid");
    let b = Auction::default().solve_sparse(&sparse).expect("valid");
    assert_eq!(a, b);
}

#[test]
fn wide_sparse_auction_without_dummy_rows_matches_jv() {
    // Regression: padding 300 x 3000 with zero-cost dummy rows made the auction crawl
    // (a price war between dummy and real rows); the reverse pass replaces the padding.
    for (r, c) in [(300, 3000), (200, 210)] {
        let m = random_matrix(r, c, 1_000_000, 1, 11);
        let mut allowed = m.allowed().expect("mask").to_vec();
        for i in 0..r {
            allowed[i * c + i] = true;
        }
        let m = CostMatrix::with_allowed(r, c, m.costs().to_vec(), allowed).expect("shape");
        let jv = JonkerVolgenant.solve(&m).expect("valid");
        let auction = Auction::default().solve(&m).expect("valid");
        assert_eq!(jv.status, AssignmentStatus::Optimal);
        assert_eq!(auction.objective, jv.objective);
        check_assignment_duals(&m, &auction).expect("auction certificate");
        let tall = m.transposed();
        let auction_t = Auction::default().solve(&tall).expect("valid");
        assert_eq!(auction_t.objective, jv.objective);
        check_assignment_duals(&tall, &auction_t).expect("transposed certificate");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn permuting_rows_keeps_the_objective(
        m in matrix_strategy(7, -20..=20, 70),
        seed in any::<u64>(),
    ) {
        let (r, c) = (m.rows(), m.cols());
        let mut order: Vec<usize> = (0..r).collect();
        let mut state = seed | 1;
        for k in (1..r).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(k, (state % (k as u64 + 1)) as usize);
        }
        let costs = order.iter().flat_map(|&i| m.costs()[i * c..(i + 1) * c].to_vec()).collect();
        let allowed = order
            .iter()
            .flat_map(|&i| (0..c).map(move |j| (i, j)))
            .map(|(i, j)| m.is_allowed(i, j))
            .collect();
        let permuted = CostMatrix::with_allowed(r, c, costs, allowed).expect("shape");
        for solver in solvers() {
            let a = solver.solve(&m).expect("valid");
            let b = solver.solve(&permuted).expect("valid");
            prop_assert_eq!(a.status, b.status);
            prop_assert_eq!(a.objective, b.objective);
        }
    }
}
