//! Brute-force reference for stable matching: enumerates every matching of a small instance
//! (each pair mutually acceptable, at most once, within capacities) and tests stability from
//! the definition, sharing no code with the library.

use wushe::solve::stable::AgentPrefs;

/// Position of `x` in `list`.
fn rank(list: &[usize], x: usize) -> Option<usize> {
    list.iter().position(|&y| y == x)
}

/// Whether `p` and `r` list each other.
pub fn acceptable(props: &[AgentPrefs], recvs: &[AgentPrefs], p: usize, r: usize) -> bool {
    rank(&props[p].ranking, r).is_some() && rank(&recvs[r].ranking, p).is_some()
}

/// Whether an agent with `partners` (ranked in `prefs`) would take `other`.
fn wants(prefs: &AgentPrefs, partners: &[usize], other: usize) -> bool {
    let Some(k) = rank(&prefs.ranking, other) else {
        return false;
    };
    partners.len() < prefs.capacity
        || partners
            .iter()
            .any(|&q| rank(&prefs.ranking, q).is_none_or(|kq| k < kq))
}

/// Whether `pairs` is pairwise stable, straight from the definition.
pub fn is_stable(props: &[AgentPrefs], recvs: &[AgentPrefs], pairs: &[(usize, usize)]) -> bool {
    for p in 0..props.len() {
        for r in 0..recvs.len() {
            if pairs.contains(&(p, r)) || !acceptable(props, recvs, p, r) {
                continue;
            }
            let of_p: Vec<usize> = pairs.iter().filter(|m| m.0 == p).map(|m| m.1).collect();
            let of_r: Vec<usize> = pairs.iter().filter(|m| m.1 == r).map(|m| m.0).collect();
            if wants(&props[p], &of_p, r) && wants(&recvs[r], &of_r, p) {
                return false;
            }
        }
    }
    true
}

/// Every matching: sorted pair lists, each pair mutually acceptable, capacities respected.
pub fn all_matchings(props: &[AgentPrefs], recvs: &[AgentPrefs]) -> Vec<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    let mut load = vec![0usize; recvs.len()];
    extend(props, recvs, 0, &mut Vec::new(), &mut load, &mut out);
    out
}

fn extend(
    props: &[AgentPrefs],
    recvs: &[AgentPrefs],
    p: usize,
    current: &mut Vec<(usize, usize)>,
    load: &mut Vec<usize>,
    out: &mut Vec<Vec<(usize, usize)>>,
) {
    if p == props.len() {
        out.push(current.clone());
        return;
    }
    let options: Vec<usize> = (0..recvs.len())
        .filter(|&r| acceptable(props, recvs, p, r))
        .collect();
    // Every subset of `options` of size <= capacity, as a bitmask.
    for mask in 0u32..(1 << options.len()) {
        if mask.count_ones() as usize > props[p].capacity {
            continue;
        }
        let chosen: Vec<usize> = (0..options.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| options[i])
            .collect();
        if chosen.iter().any(|&r| load[r] >= recvs[r].capacity) {
            continue;
        }
        for &r in &chosen {
            load[r] += 1;
            current.push((p, r));
        }
        extend(props, recvs, p + 1, current, load, out);
        for &r in &chosen {
            load[r] -= 1;
            current.pop();
        }
    }
}

/// All stable matchings (sorted pair lists).
pub fn all_stable(props: &[AgentPrefs], recvs: &[AgentPrefs]) -> Vec<Vec<(usize, usize)>> {
    let mut all: Vec<Vec<(usize, usize)>> = all_matchings(props, recvs)
        .into_iter()
        .filter(|m| is_stable(props, recvs, m))
        .collect();
    for m in &mut all {
        m.sort_unstable();
    }
    all
}

/// Whether agent `prefs` with partners `a` weakly prefers them to partners `b` in the
/// responsive sense: for every `k`, the `k`-th best of `a` exists and is at least as good as
/// the `k`-th best of `b` (when `b` has one).
pub fn weakly_prefers(prefs: &AgentPrefs, a: &[usize], b: &[usize]) -> bool {
    let ranks = |set: &[usize]| {
        let mut v: Vec<usize> = set
            .iter()
            .map(|&x| rank(&prefs.ranking, x).unwrap_or(usize::MAX))
            .collect();
        v.sort_unstable();
        v
    };
    let (ra, rb) = (ranks(a), ranks(b));
    rb.iter()
        .enumerate()
        .all(|(k, &y)| ra.get(k).is_some_and(|&x| x <= y))
}
