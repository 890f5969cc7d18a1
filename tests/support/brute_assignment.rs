//! Exhaustive reference for small assignment instances (rows, cols <= 7).

use wushe::solve::assignment::CostMatrix;

/// Minimum total cost over all matchings of size `min(rows, cols)` among the allowed pairs,
/// by enumerating every injective map of the smaller side; `None` when no such matching
/// exists. At most 7!/0! = 5040 maps.
pub fn brute_min_cost(matrix: &CostMatrix) -> Option<i128> {
    let (rows, cols) = (matrix.rows(), matrix.cols());
    assert!(rows <= 7 && cols <= 7, "brute force is for tiny instances");
    let cost = |r: usize, c: usize| -> Option<i128> {
        matrix
            .is_allowed(r, c)
            .then(|| i128::from(matrix.costs()[r * cols + c]))
    };
    if rows <= cols {
        let mut used = vec![false; cols];
        search(0, rows, cols, &mut used, &|a, b| cost(a, b))
    } else {
        let mut used = vec![false; rows];
        search(0, cols, rows, &mut used, &|a, b| cost(b, a))
    }
}

/// Best completion assigning `small` vertices `k..` to distinct unused `large` vertices.
fn search(
    k: usize,
    small: usize,
    large: usize,
    used: &mut [bool],
    cost: &dyn Fn(usize, usize) -> Option<i128>,
) -> Option<i128> {
    if k == small {
        return Some(0);
    }
    let mut best: Option<i128> = None;
    for t in 0..large {
        if used[t] {
            continue;
        }
        let Some(c) = cost(k, t) else { continue };
        used[t] = true;
        if let Some(rest) = search(k + 1, small, large, used, cost) {
            best = Some(best.map_or(c + rest, |b| b.min(c + rest)));
        }
        used[t] = false;
    }
    best
}

/// Size of a maximum matching among the allowed pairs, by enumeration over row subsets'
/// assignments (tiny instances only).
pub fn brute_max_matching(matrix: &CostMatrix) -> usize {
    let (rows, cols) = (matrix.rows(), matrix.cols());
    let mut used = vec![false; cols];
    best_size(0, rows, cols, matrix, &mut used)
}

fn best_size(r: usize, rows: usize, cols: usize, m: &CostMatrix, used: &mut [bool]) -> usize {
    if r == rows {
        return 0;
    }
    let mut best = best_size(r + 1, rows, cols, m, used);
    for c in 0..cols {
        if !used[c] && m.is_allowed(r, c) {
            used[c] = true;
            best = best.max(1 + best_size(r + 1, rows, cols, m, used));
            used[c] = false;
        }
    }
    best
}
