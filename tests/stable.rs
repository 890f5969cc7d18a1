//! Deferred acceptance against brute force: stability, capacities, acceptability, optimality
//! of the proposing side (and pessimality for the other), and the blocking-pair checker.

use proptest::prelude::*;
use wushe::ErrorKind;
use wushe::solve::stable::{
    AgentPrefs, DeferredAcceptance, ProposingSide, StableError, StableInstance, StableMatching,
    blocking_pairs,
};

use crate::support::brute_stable;

const PROPOSERS: DeferredAcceptance = DeferredAcceptance {
    proposing: ProposingSide::Proposers,
};
const RECEIVERS: DeferredAcceptance = DeferredAcceptance {
    proposing: ProposingSide::Receivers,
};

/// One side of `n` agents ranking a random subset of `others` agents, capacities in `caps`.
fn side(
    n: usize,
    others: usize,
    caps: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = Vec<AgentPrefs>> {
    let agent = (
        caps,
        Just((0..others).collect::<Vec<usize>>()).prop_shuffle(),
        // Mostly complete lists: they have several stable matchings far more often.
        prop_oneof![3 => Just(others), 1 => 0..=others],
    )
        .prop_map(|(capacity, order, len)| AgentPrefs::new(capacity, order[..len].to_vec()));
    prop::collection::vec(agent, n)
}

/// Both sides: up to `max_n` agents each, capacities up to `max_cap`.
fn instance(
    max_n: usize,
    max_cap: usize,
) -> impl Strategy<Value = (Vec<AgentPrefs>, Vec<AgentPrefs>)> {
    (0..=max_n, 0..=max_n)
        .prop_flat_map(move |(np, nr)| (side(np, nr, 0..=max_cap), side(nr, np, 0..=max_cap)))
}

/// Cyclic ("Latin square") preferences, which have several stable matchings, lightly
/// perturbed: proposer `p` ranks `p, p+1, ...`, receiver `r` ranks `r+1, r+2, ...` (mod n);
/// then a few adjacent swaps and truncations, and random capacities.
fn conflicted(
    max_n: usize,
    max_cap: usize,
) -> impl Strategy<Value = (Vec<AgentPrefs>, Vec<AgentPrefs>)> {
    (2..=max_n).prop_flat_map(move |n| {
        let cap = prop_oneof![4 => 1..=max_cap, 1 => Just(0)];
        let edit = (any::<bool>(), 0..n, 0..n, 0u8..3);
        (
            prop::collection::vec(cap, 2 * n),
            prop::collection::vec(edit, 0..4),
        )
            .prop_map(move |(caps, edits)| {
                let cyclic = |shift: usize| -> Vec<Vec<usize>> {
                    (0..n)
                        .map(|a| (0..n).map(|k| (a + shift + k) % n).collect())
                        .collect()
                };
                let (mut props, mut recvs) = (cyclic(0), cyclic(1));
                for (proposer_side, agent, pos, op) in edits {
                    let list = if proposer_side {
                        &mut props[agent]
                    } else {
                        &mut recvs[agent]
                    };
                    match op {
                        0 if pos + 1 < list.len() => list.swap(pos, pos + 1),
                        1 => list.truncate(pos.max(1)),
                        _ => {}
                    }
                }
                let with_caps = |lists: Vec<Vec<usize>>, caps: &[usize]| -> Vec<AgentPrefs> {
                    lists
                        .into_iter()
                        .zip(caps)
                        .map(|(l, &c)| AgentPrefs::new(c, l))
                        .collect()
                };
                (with_caps(props, &caps[..n]), with_caps(recvs, &caps[n..]))
            })
    })
}

/// Random or conflicted instances for the brute-force comparisons.
fn small(
    max_n: usize,
    max_cap: usize,
) -> impl Strategy<Value = (Vec<AgentPrefs>, Vec<AgentPrefs>)> {
    prop_oneof![1 => instance(max_n, max_cap), 2 => conflicted(max_n, max_cap)]
}

/// Asserts capacities, mutual acceptability and pair uniqueness of `m`.
fn assert_valid(props: &[AgentPrefs], recvs: &[AgentPrefs], m: &StableMatching) {
    let pairs = m.pairs();
    assert!(
        pairs.windows(2).all(|w| w[0] < w[1]),
        "pairs sorted, distinct"
    );
    for &(p, r) in pairs {
        assert!(
            brute_stable::acceptable(props, recvs, p, r),
            "({p}, {r}) unacceptable"
        );
    }
    for (p, prefs) in props.iter().enumerate() {
        let partners: Vec<usize> = pairs.iter().filter(|x| x.0 == p).map(|x| x.1).collect();
        assert!(partners.len() <= prefs.capacity);
        assert_eq!(m.proposer_partners(p), partners.as_slice());
    }
    for (r, prefs) in recvs.iter().enumerate() {
        let partners: Vec<usize> = pairs.iter().filter(|x| x.1 == r).map(|x| x.0).collect();
        assert!(partners.len() <= prefs.capacity);
        assert_eq!(m.receiver_partners(r), partners.as_slice());
    }
}

fn partners_in(
    pairs: &[(usize, usize)],
    proposer: Option<usize>,
    receiver: Option<usize>,
) -> Vec<usize> {
    pairs
        .iter()
        .filter_map(|&(p, r)| match (proposer, receiver) {
            (Some(q), _) if p == q => Some(r),
            (_, Some(q)) if r == q => Some(p),
            _ => None,
        })
        .collect()
}

#[test]
fn classic_marriage_example_both_sides() {
    // Gusfield–Irving style 3 x 3: men 0..3, women 0..3.
    let men = [vec![0, 1, 2], vec![1, 0, 2], vec![0, 1, 2]];
    let women = [vec![1, 0, 2], vec![0, 1, 2], vec![0, 1, 2]];
    let inst = StableInstance::one_to_one(&men, &women).unwrap();
    let man_opt = PROPOSERS.solve(&inst);
    let woman_opt = RECEIVERS.solve(&inst);
    assert_eq!(man_opt.pairs(), &[(0, 0), (1, 1), (2, 2)]);
    assert_eq!(woman_opt.pairs(), &[(0, 1), (1, 0), (2, 2)]);
    assert!(blocking_pairs(&inst, &man_opt).is_empty());
    assert!(blocking_pairs(&inst, &woman_opt).is_empty());
}

#[test]
fn hospitals_residents_example() {
    // Residents 0..4 (capacity 1), hospitals 0 (two seats) and 1 (one seat).
    let residents = [
        AgentPrefs::new(1, vec![0, 1]),
        AgentPrefs::new(1, vec![0, 1]),
        AgentPrefs::new(1, vec![1, 0]),
        AgentPrefs::new(1, vec![0]),
    ];
    let hospitals = [
        AgentPrefs::new(2, vec![3, 2, 1, 0]),
        AgentPrefs::new(1, vec![0, 1, 2]),
    ];
    let inst = StableInstance::new(&residents, &hospitals).unwrap();
    let m = PROPOSERS.solve(&inst);
    // Resident 3 displaces 0, who displaces 2 at hospital 1, who displaces 1 at hospital 0.
    assert_eq!(m.pairs(), &[(0, 1), (2, 0), (3, 0)]);
    assert_eq!(m.receiver_partners(0), &[2, 3]);
    assert_eq!(m.proposer_partners(1), &[] as &[usize]);
    assert_eq!(
        m.to_string(),
        "3 pairs; 3 of 4 proposers and 2 of 2 receivers matched"
    );
    assert!(blocking_pairs(&inst, &m).is_empty());
}

#[test]
fn zero_capacity_and_empty_instances() {
    let inst = StableInstance::new(
        &[AgentPrefs::new(0, vec![0])],
        &[AgentPrefs::new(3, vec![0])],
    )
    .unwrap();
    assert!(PROPOSERS.solve(&inst).is_empty());
    assert!(RECEIVERS.solve(&inst).is_empty());
    let empty = StableInstance::new(&[], &[]).unwrap();
    assert!(PROPOSERS.solve(&empty).is_empty());
}

#[test]
fn invalid_input_errors() {
    let err = |e: wushe::Error| match e.into_kind() {
        ErrorKind::Stable(s) => s,
        other => panic!("expected a stable error, got {other:?}"),
    };
    let unknown = StableInstance::new(
        &[AgentPrefs::new(1, vec![0, 2])],
        &[AgentPrefs::new(1, vec![])],
    );
    assert_eq!(
        err(unknown.unwrap_err()),
        StableError::UnknownAgent {
            side: "proposer",
            agent: 0,
            entry: 1,
            other: 2
        }
    );
    let unknown = StableInstance::new(
        &[AgentPrefs::new(1, vec![])],
        &[AgentPrefs::new(1, vec![1])],
    );
    assert_eq!(
        err(unknown.unwrap_err()),
        StableError::UnknownAgent {
            side: "receiver",
            agent: 0,
            entry: 0,
            other: 1
        }
    );
    let dup = StableInstance::new(
        &[
            AgentPrefs::new(1, vec![]),
            AgentPrefs::new(2, vec![1, 0, 1]),
        ],
        &[AgentPrefs::new(1, vec![]), AgentPrefs::new(1, vec![])],
    );
    assert_eq!(
        err(dup.unwrap_err()),
        StableError::DuplicateEntry {
            side: "proposer",
            agent: 1,
            first: 0,
            entry: 2,
            other: 1
        }
    );
    assert_eq!(
        err(StableMatching::from_pairs(2, 2, vec![(0, 1), (2, 0)]).unwrap_err()),
        StableError::PairOutOfRange {
            proposer: 2,
            receiver: 0,
            proposers: 2,
            receivers: 2
        }
    );
    assert_eq!(
        err(StableMatching::from_pairs(2, 2, vec![(1, 1), (0, 1), (1, 1)]).unwrap_err()),
        StableError::DuplicatePair {
            proposer: 1,
            receiver: 1
        }
    );
}

#[test]
fn checker_finds_planted_blocking_pair() {
    // Everyone prefers 0; matching 0 with 1 and 1 with 0 is blocked by (0, 0).
    let inst =
        StableInstance::one_to_one(&[vec![0, 1], vec![0, 1]], &[vec![0, 1], vec![0, 1]]).unwrap();
    let bad = StableMatching::from_pairs(2, 2, vec![(0, 1), (1, 0)]).unwrap();
    assert_eq!(blocking_pairs(&inst, &bad), vec![(0, 0)]);
    // Leaving a mutually acceptable pair with free seats unmatched blocks too.
    let empty = StableMatching::from_pairs(2, 2, vec![]).unwrap();
    assert_eq!(blocking_pairs(&inst, &empty).len(), 4);
    // An unacceptable matched partner is worse than any acceptable one.
    let inst = StableInstance::one_to_one(&[vec![1]], &[vec![0], vec![]]).unwrap();
    let forced = StableMatching::from_pairs(1, 2, vec![(0, 0)]).unwrap();
    assert_eq!(blocking_pairs(&inst, &forced), Vec::<(usize, usize)>::new());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn result_is_stable_valid_and_deterministic((props, recvs) in instance(25, 4)) {
        let inst = StableInstance::new(&props, &recvs).unwrap();
        for da in [PROPOSERS, RECEIVERS] {
            let m = da.solve(&inst);
            assert_valid(&props, &recvs, &m);
            prop_assert_eq!(blocking_pairs(&inst, &m), vec![]);
            prop_assert_eq!(&da.solve(&inst), &m);
        }
    }

    #[test]
    fn optimal_for_proposing_side_one_to_one((props, recvs) in small(5, 1)) {
        check_against_brute(&props, &recvs)?;
    }

    #[test]
    fn checker_agrees_with_definition((props, recvs) in small(3, 2)) {
        let inst = StableInstance::new(&props, &recvs).unwrap();
        for pairs in brute_stable::all_matchings(&props, &recvs) {
            let m = StableMatching::from_pairs(props.len(), recvs.len(), pairs.clone()).unwrap();
            prop_assert_eq!(
                blocking_pairs(&inst, &m).is_empty(),
                brute_stable::is_stable(&props, &recvs, &pairs)
            );
        }
    }

    #[test]
    fn checker_reports_a_planted_pair((props, recvs) in instance(8, 3)) {
        let inst = StableInstance::new(&props, &recvs).unwrap();
        let m = PROPOSERS.solve(&inst);
        // Pick an unmatched mutually acceptable pair of agents with seats, free both of them.
        let planted = (0..props.len())
            .flat_map(|p| (0..recvs.len()).map(move |r| (p, r)))
            .find(|&(p, r)| {
                brute_stable::acceptable(&props, &recvs, p, r)
                    && !m.pairs().contains(&(p, r))
                    && props[p].capacity > 0
                    && recvs[r].capacity > 0
            });
        if let Some((p, r)) = planted {
            let pairs: Vec<(usize, usize)> =
                m.pairs().iter().copied().filter(|&(a, b)| a != p && b != r).collect();
            let broken = StableMatching::from_pairs(props.len(), recvs.len(), pairs).unwrap();
            prop_assert!(blocking_pairs(&inst, &broken).contains(&(p, r)));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn optimal_for_proposing_side_capacitated((props, recvs) in small(5, 2)) {
        check_against_brute(&props, &recvs)?;
    }
}

/// Both proposing sides: the result is one of the brute-force stable matchings, the proposing
/// side weakly prefers it to every stable matching, and the other side weakly prefers every
/// stable matching to it.
fn check_against_brute(props: &[AgentPrefs], recvs: &[AgentPrefs]) -> Result<(), TestCaseError> {
    let inst = StableInstance::new(props, recvs).unwrap();
    let stable = brute_stable::all_stable(props, recvs);
    prop_assert!(!stable.is_empty(), "a stable matching always exists");
    let by_props = PROPOSERS.solve(&inst);
    let by_recvs = RECEIVERS.solve(&inst);
    for (m, mine_is_props) in [(&by_props, true), (&by_recvs, false)] {
        prop_assert!(stable.iter().any(|s| s.as_slice() == m.pairs()));
        for other in &stable {
            for (p, prefs) in props.iter().enumerate() {
                let (a, b) = (
                    partners_in(m.pairs(), Some(p), None),
                    partners_in(other, Some(p), None),
                );
                let (good, bad) = if mine_is_props { (&a, &b) } else { (&b, &a) };
                prop_assert!(
                    brute_stable::weakly_prefers(prefs, good, bad),
                    "proposer {}",
                    p
                );
            }
            for (r, prefs) in recvs.iter().enumerate() {
                let (a, b) = (
                    partners_in(m.pairs(), None, Some(r)),
                    partners_in(other, None, Some(r)),
                );
                let (good, bad) = if mine_is_props { (&b, &a) } else { (&a, &b) };
                prop_assert!(
                    brute_stable::weakly_prefers(prefs, good, bad),
                    "receiver {}",
                    r
                );
            }
        }
    }
    Ok(())
}
