//! DIMACS `p min` / `p asn` / `.mat` readers and writers: exact parses of hand-written files,
//! one test per error variant with its line number, round trips, and no panic on any bytes.

use std::io::{BufReader, Read};

use proptest::prelude::*;
use wushe::ErrorKind;
use wushe::io::dimacs::{
    DimacsError, Instance, MAX_LINE_BYTES, parse_asn, parse_instance, parse_matrix, parse_min,
    write_asn, write_assignment_solution, write_flow_solution, write_matrix, write_min,
};
use wushe::solve::assignment::CostMatrix;
use wushe::solve::flow::network::{MAX_ABS_AMOUNT, MAX_ABS_COST};
use wushe::solve::flow::{FlowNetwork, UNCAPACITATED};

/// The DIMACS error inside a crate error (panics in the test if it is another kind).
fn dimacs_error(error: wushe::Error) -> DimacsError {
    match error.into_kind() {
        ErrorKind::Dimacs(e) => e,
        other => panic!("expected a DIMACS error, got {other:?}"),
    }
}

fn min_err(text: &str) -> DimacsError {
    dimacs_error(parse_min(text.as_bytes()).expect_err("must be rejected"))
}

fn asn_err(text: &str) -> DimacsError {
    dimacs_error(parse_asn(text.as_bytes()).expect_err("must be rejected"))
}

fn mat_err(text: &str) -> DimacsError {
    dimacs_error(parse_matrix(text.as_bytes()).expect_err("must be rejected"))
}

/// A file shaped like the peer benchmark's `mcf` family: 2 needs, 1 provider, 1 sink.
const SMALL_MIN: &str = "\
c needs -> providers, N=2 M=1
c total_demand=3 total_capacity=1
p min 4 5
n 1 1
n 2 2
n 4 -3
a 1 3 0 1 1200
a 1 4 0 1 5000
a 2 3 0 2 1450
a 2 4 0 2 5000
a 3 4 0 1 0
";

#[test]
fn parses_formats_style_min_file_exactly() {
    let net = parse_min(SMALL_MIN.as_bytes()).unwrap();
    let mut want = FlowNetwork::new(4);
    want.set_supply(0, 1).unwrap();
    want.set_supply(1, 2).unwrap();
    want.set_supply(3, -3).unwrap();
    want.add_arc(0, 2, 0, 1, 1200).unwrap();
    want.add_arc(0, 3, 0, 1, 5000).unwrap();
    want.add_arc(1, 2, 0, 2, 1450).unwrap();
    want.add_arc(1, 3, 0, 2, 5000).unwrap();
    want.add_arc(2, 3, 0, 1, 0).unwrap();
    assert_eq!(net, want);
}

#[test]
fn accepts_whitespace_variants_and_uncapacitated() {
    let text = "c x\r\n\r\n  p\tmin 2 1 \r\n\tn 1 +4\r\nn 2 -4\r\nc mid\r\na 1 2 -1 9223372036854775807 -7";
    let net = parse_min(text.as_bytes()).unwrap();
    assert_eq!(net.supplies(), &[4, -4]);
    assert_eq!(net.lowers(), &[-1]);
    assert_eq!(net.capacities(), &[UNCAPACITATED]);
    assert_eq!(net.costs(), &[-7]);
}

#[test]
fn parses_formats_style_asn_file() {
    let text = "c 2x2\np asn 4 4\nn 1\nn 2\na 1 3 10\na 1 4 20\na 2 3 30\na 2 4 40\n";
    let m = parse_asn(text.as_bytes()).unwrap();
    assert_eq!(m, CostMatrix::new(2, 2, vec![10, 20, 30, 40]).unwrap());
    // Without `n` lines the nodes split in halves.
    let text = "p asn 4 4\na 1 3 10\na 1 4 20\na 2 3 30\na 2 4 40\n";
    assert_eq!(parse_asn(text.as_bytes()).unwrap(), m);
}

#[test]
fn asn_listed_rows_missing_arcs_and_duplicates() {
    // Rows are nodes 4 and 2 (in id order: 2, 4), columns 1, 3, 5.
    let text = "p asn 5 4\nn 4\nn 2\na 2 1 7\na 4 5 9\na 4 5 3\na 2 1 8\n";
    let m = parse_asn(text.as_bytes()).unwrap();
    assert_eq!((m.rows(), m.cols()), (2, 3));
    let want = CostMatrix::with_allowed(
        2,
        3,
        vec![7, 0, 0, 0, 0, 3],
        vec![true, false, false, false, false, true],
    )
    .unwrap();
    assert_eq!(m, want);
}

#[test]
fn parses_matrix_file_and_sniffs() {
    let text = "2 3\n1 2 3\n-4 5 6\n";
    let m = parse_matrix(text.as_bytes()).unwrap();
    assert_eq!(m, CostMatrix::new(2, 3, vec![1, 2, 3, -4, 5, 6]).unwrap());
    assert_eq!(
        parse_instance(text.as_bytes()).unwrap(),
        Instance::Assignment(m)
    );
    let Instance::MinCostFlow(net) = parse_instance(SMALL_MIN.as_bytes()).unwrap() else {
        panic!("p min sniffed as something else");
    };
    assert_eq!(net.arc_count(), 5);
    let asn = "c\np asn 2 1\na 1 2 5\n";
    assert_eq!(
        parse_instance(asn.as_bytes()).unwrap(),
        Instance::Assignment(CostMatrix::new(1, 1, vec![5]).unwrap())
    );
    assert_eq!(
        dimacs_error(parse_instance("c only\n".as_bytes()).unwrap_err()),
        DimacsError::MissingProblemLine { line: 2 }
    );
    assert!(matches!(
        dimacs_error(parse_instance("p max 2 1\n".as_bytes()).unwrap_err()),
        DimacsError::WrongProblemKind { line: 1, .. }
    ));
    assert!(matches!(
        dimacs_error(parse_instance("x\n".as_bytes()).unwrap_err()),
        DimacsError::UnknownLineKind { line: 1, .. }
    ));
}

#[test]
fn empty_and_zero_sized_instances() {
    assert_eq!(
        parse_min("p min 0 0".as_bytes()).unwrap(),
        FlowNetwork::new(0)
    );
    assert_eq!(
        parse_asn("p asn 0 0\n".as_bytes()).unwrap(),
        CostMatrix::new(0, 0, vec![]).unwrap()
    );
    assert_eq!(
        parse_matrix("3 0\n".as_bytes()).unwrap(),
        CostMatrix::new(3, 0, vec![]).unwrap()
    );
    assert_eq!(
        parse_matrix("0 5\n".as_bytes()).unwrap(),
        CostMatrix::new(0, 5, vec![]).unwrap()
    );
}

#[test]
fn min_errors_name_their_line() {
    use DimacsError::*;
    assert_eq!(min_err(""), MissingProblemLine { line: 1 });
    assert_eq!(min_err("c\na 1 2 0 1 1\n"), MissingProblemLine { line: 2 });
    assert_eq!(
        min_err("p min 2 0\np min 2 0\n"),
        DuplicateProblemLine { line: 2, first: 1 }
    );
    assert_eq!(
        min_err("p asn 2 0\n"),
        WrongProblemKind {
            line: 1,
            expected: "min",
            found: "asn".into()
        }
    );
    assert_eq!(
        min_err("p min 2 0\nx 1\n"),
        UnknownLineKind {
            line: 2,
            found: "x".into()
        }
    );
    assert_eq!(
        min_err("p min 2\n"),
        FieldCount {
            line: 1,
            kind: "p",
            expected: 3,
            found: 2
        }
    );
    assert_eq!(
        min_err("p min 2 1\na 1 2 0 1\n"),
        FieldCount {
            line: 2,
            kind: "a",
            expected: 5,
            found: 4
        }
    );
    assert_eq!(
        min_err("p min 2 0\nn 1 2 3\n"),
        FieldCount {
            line: 2,
            kind: "n",
            expected: 2,
            found: 3
        }
    );
    assert_eq!(
        min_err("p min 2 1\na 1 2 0 1 x7\n"),
        NotAnInteger {
            line: 2,
            field: "cost",
            found: "x7".into()
        }
    );
    assert_eq!(
        min_err("p min 2 1\na 1 - 0 1 7\n"),
        NotAnInteger {
            line: 2,
            field: "head",
            found: "-".into()
        }
    );
    assert_eq!(
        min_err("p min 2 1\na 1 2 0 99999999999999999999 7\n"),
        IntegerOverflow {
            line: 2,
            field: "capacity"
        }
    );
    assert_eq!(
        min_err("p min 2 0\nn 1 -9223372036854775809\n"),
        IntegerOverflow {
            line: 2,
            field: "supply"
        }
    );
    assert_eq!(
        min_err("p min -1 0\n"),
        ValueOutOfRange {
            line: 1,
            field: "nodes",
            value: -1,
            min: 0,
            max: i64::MAX
        }
    );
    let big_cost = format!("p min 2 1\na 1 2 0 1 {}\n", MAX_ABS_COST + 1);
    assert_eq!(
        min_err(&big_cost),
        ValueOutOfRange {
            line: 2,
            field: "cost",
            value: MAX_ABS_COST + 1,
            min: -MAX_ABS_COST,
            max: MAX_ABS_COST
        }
    );
    let big_cap = format!("p min 2 1\na 1 2 0 {} 1\n", MAX_ABS_AMOUNT + 1);
    assert!(matches!(
        min_err(&big_cap),
        ValueOutOfRange {
            line: 2,
            field: "capacity",
            ..
        }
    ));
    let big_supply = format!("p min 2 0\n\nn 2 {}\n", -MAX_ABS_AMOUNT - 1);
    assert!(matches!(
        min_err(&big_supply),
        ValueOutOfRange {
            line: 3,
            field: "supply",
            ..
        }
    ));
    assert_eq!(
        min_err("p min 2 1\na 1 3 0 1 1\n"),
        UnknownNode {
            line: 2,
            field: "head",
            node: 3,
            node_count: 2
        }
    );
    assert_eq!(
        min_err("p min 2 1\na 0 2 0 1 1\n"),
        UnknownNode {
            line: 2,
            field: "tail",
            node: 0,
            node_count: 2
        }
    );
    assert_eq!(
        min_err("p min 2 0\nn 5 1\n"),
        UnknownNode {
            line: 2,
            field: "node",
            node: 5,
            node_count: 2
        }
    );
    assert_eq!(
        min_err("p min 2 0\nn 2 1\nn 2 -1\n"),
        DuplicateNode { line: 3, node: 2 }
    );
    assert_eq!(
        min_err("p min 2 1\na 1 2 5 4 1\n"),
        LowerAboveCapacity {
            line: 2,
            lower: 5,
            capacity: 4
        }
    );
    assert_eq!(
        min_err("p min 2 1\na 1 2 0 4 1\na 2 1 0 4 1\n"),
        CountMismatch {
            line: 3,
            what: "arcs",
            declared: 1,
            found: 2
        }
    );
    assert_eq!(
        min_err("p min 2 2\na 1 2 0 4 1\n"),
        CountMismatch {
            line: 3,
            what: "arcs",
            declared: 2,
            found: 1
        }
    );
    assert!(matches!(
        min_err("p min 9999999999999 0\n"),
        TooLarge {
            line: 1,
            what: "nodes",
            ..
        }
    ));
    assert!(matches!(
        min_err("p min 2 99999999999999\n"),
        TooLarge {
            line: 1,
            what: "arcs",
            ..
        }
    ));
}

#[test]
fn asn_and_matrix_errors_name_their_line() {
    use DimacsError::*;
    assert_eq!(
        asn_err("p asn 3 1\na 1 2 5\n"),
        OddNodeCount { line: 2, nodes: 3 }
    );
    assert_eq!(
        asn_err("p asn 4 1\nn 1\na 1 3 5\nn 2\n"),
        NodeAfterArc { line: 4 }
    );
    assert_eq!(
        asn_err("p asn 4 1\na 3 1 5\n"),
        NotRowToColumn {
            line: 2,
            tail: 3,
            head: 1
        }
    );
    assert_eq!(
        asn_err("p asn 4 1\na 1 2 5\n"),
        NotRowToColumn {
            line: 2,
            tail: 1,
            head: 2
        }
    );
    assert_eq!(
        asn_err("p asn 4 0\nn 1\nn 1\n"),
        DuplicateNode { line: 3, node: 1 }
    );
    assert_eq!(
        asn_err("p asn 4 1\na 1 5 5\n"),
        UnknownNode {
            line: 2,
            field: "head",
            node: 5,
            node_count: 4
        }
    );
    assert!(matches!(
        asn_err("p asn 2000000 0\n"),
        TooLarge {
            line: 1,
            what: "matrix entries",
            ..
        }
    ));
    assert_eq!(
        asn_err("p asn 2 1\na 1 2 5\na 1 2 4\n"),
        CountMismatch {
            line: 3,
            what: "arcs",
            declared: 1,
            found: 2
        }
    );
    assert_eq!(
        asn_err("p asn 2 1\na 1 2\n"),
        FieldCount {
            line: 2,
            kind: "a",
            expected: 3,
            found: 2
        }
    );
    assert_eq!(
        mat_err("2 2\n1 2\n3\n"),
        FieldCount {
            line: 3,
            kind: "matrix row",
            expected: 2,
            found: 1
        }
    );
    assert_eq!(
        mat_err("2 2\n1 2 3 4\n"),
        FieldCount {
            line: 2,
            kind: "matrix row",
            expected: 2,
            found: 4
        }
    );
    assert_eq!(
        mat_err("2\n"),
        FieldCount {
            line: 1,
            kind: "matrix header",
            expected: 2,
            found: 1
        }
    );
    assert_eq!(
        mat_err("1 1\n5\n6\n"),
        CountMismatch {
            line: 3,
            what: "rows",
            declared: 1,
            found: 2
        }
    );
    assert_eq!(
        mat_err("2 1\n5\n"),
        CountMismatch {
            line: 3,
            what: "rows",
            declared: 2,
            found: 1
        }
    );
    assert_eq!(
        mat_err("c 1\n5\n"),
        NotAnInteger {
            line: 1,
            field: "rows",
            found: "c".into()
        }
    );
    assert!(matches!(
        mat_err("100000 100000\n"),
        TooLarge { line: 1, .. }
    ));
    assert_eq!(mat_err("\n\n"), MissingProblemLine { line: 3 });
    assert!(matches!(
        mat_err("1000000000000 0\n"),
        TooLarge {
            line: 1,
            what: "rows",
            ..
        }
    ));
}

#[test]
fn line_too_long_is_an_error() {
    let mut text = b"p min 2 0\nc ".to_vec();
    text.resize(text.len() + MAX_LINE_BYTES + 1, b'x');
    assert_eq!(
        dimacs_error(parse_min(text.as_slice()).unwrap_err()),
        DimacsError::LineTooLong {
            line: 2,
            limit: MAX_LINE_BYTES
        }
    );
}

/// A reader failing after some bytes.
struct Failing(usize);

impl Read for Failing {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.0 == 0 {
            return Err(std::io::Error::other("disk on fire"));
        }
        let n = buf.len().min(self.0);
        buf[..n].fill(b'c');
        self.0 -= n;
        Ok(n)
    }
}

#[test]
fn io_errors_are_reported() {
    let err = parse_min(BufReader::new(Failing(10))).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io(_)));
}

/// A reader handing out `sizes` bytes per call in turn, to cut lines at every place.
struct Trickle<'a> {
    data: &'a [u8],
    sizes: Vec<usize>,
    call: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let want = self.sizes[self.call % self.sizes.len()].max(1);
        self.call += 1;
        let n = want.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn lines_across_chunk_boundaries() {
    // More than one 1 MiB chunk: 60 000 arcs of ~25 bytes.
    let n = 300;
    let mut net = FlowNetwork::new(n);
    for i in 0..60_000usize {
        let (t, h) = (i % n, (i * 7 + 1) % n);
        net.add_arc(t, h, 0, (i % 13) as i64, (i as i64) * 31 - 900_000)
            .unwrap();
    }
    let mut text = Vec::new();
    write_min(&net, &mut text).unwrap();
    assert!(text.len() > 1 << 20);
    assert_eq!(parse_min(text.as_slice()).unwrap(), net);
}

#[test]
fn writes_solutions_in_formats_syntax() {
    let net = parse_min(SMALL_MIN.as_bytes()).unwrap();
    let mut out = Vec::new();
    write_flow_solution(&net, &[1, 0, 0, 2, 1], 11200, &mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "s 11200\nf 1 3 1\nf 2 4 2\nf 3 4 1\n"
    );
    let err = write_flow_solution(&net, &[1], 0, Vec::new()).unwrap_err();
    assert_eq!(
        dimacs_error(err),
        DimacsError::SolutionLength {
            expected: 5,
            found: 1
        }
    );
    let mut out = Vec::new();
    write_assignment_solution(3, &[Some(2), None, Some(0)], 42, &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "s 42\nm 1 6\nm 3 4\n");
    let forbidden = CostMatrix::with_allowed(1, 2, vec![1, 2], vec![true, false]).unwrap();
    assert_eq!(
        dimacs_error(write_matrix(&forbidden, Vec::new()).unwrap_err()),
        DimacsError::ForbiddenInMatrix { row: 0, col: 1 }
    );
}

fn network_strategy() -> impl Strategy<Value = FlowNetwork> {
    (1usize..6).prop_flat_map(|n| {
        let supplies = prop::collection::vec(-5i64..=5, n);
        let arc = (
            0..n,
            0..n,
            -3i64..3,
            prop_oneof![0i64..10, Just(UNCAPACITATED)],
            -MAX_ABS_COST..=MAX_ABS_COST,
        );
        (supplies, prop::collection::vec(arc, 0..12)).prop_map(move |(supplies, arcs)| {
            let mut net = FlowNetwork::new(n);
            for (v, b) in supplies.into_iter().enumerate() {
                net.set_supply(v, b).unwrap();
            }
            for (t, h, l, u, c) in arcs {
                net.add_arc(t, h, l.min(u), u, c).unwrap();
            }
            net
        })
    })
}

fn matrix_strategy() -> impl Strategy<Value = CostMatrix> {
    (0usize..5, 0usize..5, any::<bool>()).prop_flat_map(|(r, c, masked)| {
        let costs = prop::collection::vec(any::<i64>(), r * c);
        let mask = prop::collection::vec(any::<bool>(), r * c);
        (costs, mask).prop_map(move |(costs, mask)| {
            if masked {
                // Canonical form: forbidden costs are 0.
                let costs = costs
                    .iter()
                    .zip(&mask)
                    .map(|(&x, &a)| if a { x } else { 0 })
                    .collect();
                CostMatrix::with_allowed(r, c, costs, mask).unwrap()
            } else {
                CostMatrix::new(r, c, costs).unwrap()
            }
        })
    })
}

/// The canonical form `parse_asn` returns: no mask when every pair is allowed.
fn canonical(m: &CostMatrix) -> CostMatrix {
    match m.allowed() {
        Some(mask) if mask.iter().all(|&a| a) => {
            CostMatrix::new(m.rows(), m.cols(), m.costs().to_vec()).unwrap()
        }
        _ => m.clone(),
    }
}

/// A valid file text of either kind, for mutation.
fn valid_file() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        network_strategy().prop_map(|n| {
            let mut out = Vec::new();
            write_min(&n, &mut out).unwrap();
            out
        }),
        matrix_strategy().prop_map(|m| {
            let mut out = Vec::new();
            write_asn(&m, &mut out).unwrap();
            out
        }),
        matrix_strategy().prop_map(|m| {
            let m = CostMatrix::new(m.rows(), m.cols(), m.costs().to_vec()).unwrap();
            let mut out = Vec::new();
            write_matrix(&m, &mut out).unwrap();
            out
        }),
    ]
}

/// Runs every reader; none may panic.
fn parse_all(bytes: &[u8]) {
    let _ = parse_min(bytes);
    let _ = parse_asn(bytes);
    let _ = parse_matrix(bytes);
    let _ = parse_instance(bytes);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn min_round_trip(net in network_strategy(), sizes in prop::collection::vec(1usize..9, 1..4)) {
        let mut text = Vec::new();
        write_min(&net, &mut text).unwrap();
        prop_assert_eq!(&parse_min(text.as_slice()).unwrap(), &net);
        let trickle = Trickle { data: &text, sizes, call: 0 };
        prop_assert_eq!(&parse_min(BufReader::with_capacity(4, trickle)).unwrap(), &net);
    }

    #[test]
    fn asn_and_matrix_round_trip(m in matrix_strategy()) {
        // A matrix without rows but with columns has no `p asn` form (documented).
        if m.rows() > 0 || m.cols() == 0 {
            let mut text = Vec::new();
            write_asn(&m, &mut text).unwrap();
            prop_assert_eq!(parse_asn(text.as_slice()).unwrap(), canonical(&m));
        }
        if m.allowed().is_none() {
            let mut text = Vec::new();
            write_matrix(&m, &mut text).unwrap();
            prop_assert_eq!(&parse_matrix(text.as_slice()).unwrap(), &m);
            prop_assert_eq!(parse_instance(text.as_slice()).unwrap(), Instance::Assignment(m));
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        parse_all(&bytes);
    }

    #[test]
    fn random_tokens_never_panic(
        lines in prop::collection::vec(
            prop::collection::vec(
                prop_oneof![
                    Just("p".to_string()), Just("min".to_string()), Just("asn".to_string()),
                    Just("a".to_string()), Just("n".to_string()), Just("c".to_string()),
                    Just("-".to_string()), Just("9223372036854775808".to_string()),
                    (-3i64..6).prop_map(|x| x.to_string()),
                ],
                0..7,
            ),
            0..10,
        )
    ) {
        let text: Vec<String> = lines.iter().map(|l| l.join(" ")).collect();
        parse_all(text.join("\n").as_bytes());
    }

    #[test]
    fn mutated_valid_files_never_panic(
        file in valid_file(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..6),
    ) {
        let mut bytes = file;
        for (at, byte, op) in edits {
            if bytes.is_empty() { break; }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                2 => bytes.insert(i, byte),
                _ => bytes.truncate(i),
            }
        }
        parse_all(&bytes);
        // A parse that succeeds yields a consistent value.
        if let Ok(net) = parse_min(bytes.as_slice()) {
            prop_assert!(net.validate().is_ok());
        }
    }
}
