//! Chunked line splitting, field splitting and integer parsing on bytes.

use std::io::{ErrorKind, Read};

use super::DimacsError;
use crate::error::Result;

/// Longest accepted line in bytes (a `.mat` row of about two million costs).
pub const MAX_LINE_BYTES: usize = 1 << 24;
/// Bytes asked from the reader at a time.
const CHUNK_BYTES: usize = 1 << 20;

/// Receives the lines of a file one at a time (without the `\n`).
pub(super) trait LineSink {
    /// Handles line number `line` (1-based).
    fn line(&mut self, line: usize, bytes: &[u8]) -> Result<(), DimacsError>;
}

/// Feeds every line of `reader` to `sink`; returns the line number after the last line (the
/// "end of file" position used by the final checks).
///
/// One buffer of [`CHUNK_BYTES`] is reused; it grows only for a line longer than itself, up to
/// [`MAX_LINE_BYTES`].
pub(super) fn drive(mut reader: impl Read, sink: &mut impl LineSink) -> Result<usize> {
    let mut buf = vec![0u8; CHUNK_BYTES];
    let mut end = 0; // bytes of data in buf, starting at 0 (a partial line)
    let mut line = 0;
    loop {
        if end == buf.len() {
            if buf.len() >= MAX_LINE_BYTES {
                let limit = MAX_LINE_BYTES;
                return Err(DimacsError::LineTooLong {
                    line: line + 1,
                    limit,
                }
                .into());
            }
            buf.resize((buf.len() * 2).min(MAX_LINE_BYTES), 0);
        }
        let read = match reader.read(&mut buf[end..]) {
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        if read == 0 {
            if end > 0 {
                line += 1;
                sink.line(line, &buf[..end])?;
            }
            return Ok(line + 1);
        }
        let scan_from = end;
        end += read;
        let consumed = split_lines(&buf[..end], scan_from, &mut line, sink)?;
        buf.copy_within(consumed..end, 0);
        end -= consumed;
    }
}

/// Hands every complete line of `data` to `sink`; `scan_from` is where new bytes start (no
/// `\n` before it). Returns the number of bytes consumed.
fn split_lines(
    data: &[u8],
    scan_from: usize,
    line: &mut usize,
    sink: &mut impl LineSink,
) -> Result<usize, DimacsError> {
    let mut start = 0;
    let mut pos = scan_from;
    while let Some(off) = find_newline(&data[pos..]) {
        *line += 1;
        sink.line(*line, &data[start..pos + off])?;
        start = pos + off + 1;
        pos = start;
    }
    Ok(start)
}

/// Position of the first `\n` in `data`, eight bytes at a time.
#[inline]
fn find_newline(data: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = data.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // A zero byte of `x` is a newline of the chunk; the lowest flagged byte is exact.
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(b'\n'));
        let found = x.wrapping_sub(ONES) & !x & HIGH;
        if found != 0 {
            return Some(offset + (found.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    let rest = chunks.remainder();
    rest.iter().position(|&b| b == b'\n').map(|i| offset + i)
}

/// Whether `b` separates fields.
#[inline]
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c)
}

/// Iterator over the whitespace-separated fields of one line.
pub(super) struct Fields<'a> {
    rest: &'a [u8],
}

impl<'a> Fields<'a> {
    /// Fields of `line`.
    pub(super) fn new(line: &'a [u8]) -> Self {
        Fields { rest: line }
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        let start = self.rest.iter().position(|&b| !is_space(b))?;
        let rest = &self.rest[start..];
        let len = rest.iter().position(|&b| is_space(b)).unwrap_or(rest.len());
        let (field, tail) = rest.split_at(len);
        self.rest = tail;
        Some(field)
    }
}

/// Splits `line` (whose first field, the kind, is skipped) into exactly `N` fields.
///
/// # Errors
/// [`DimacsError::FieldCount`] with the number of fields found.
pub(super) fn exact_fields<'a, const N: usize>(
    line_bytes: &'a [u8],
    line: usize,
    kind: &'static str,
) -> Result<[&'a [u8]; N], DimacsError> {
    let mut fields = Fields::new(line_bytes);
    fields.next();
    let mut out: [&[u8]; N] = [&[]; N];
    let mut found = 0;
    for field in fields {
        if let Some(slot) = out.get_mut(found) {
            *slot = field;
        }
        found += 1;
    }
    if found != N {
        return Err(DimacsError::FieldCount {
            line,
            kind,
            expected: N,
            found,
        });
    }
    Ok(out)
}

/// Parses the `N` integer fields after the kind of a data line, named `names`.
///
/// A fused single pass handles well-formed lines; anything irregular goes through
/// [`exact_fields`] and [`int`] again, so the error is the same as a field-by-field parse
/// would report (field count first, then the first bad field).
///
/// # Errors
/// [`DimacsError::FieldCount`], [`DimacsError::NotAnInteger`], [`DimacsError::IntegerOverflow`].
#[inline]
pub(super) fn ints<const N: usize>(
    bytes: &[u8],
    line: usize,
    kind: &'static str,
    names: [&'static str; N],
) -> Result<[i64; N], DimacsError> {
    if let Some(values) = fast_ints::<N>(bytes) {
        return Ok(values);
    }
    let fields = exact_fields::<N>(bytes, line, kind)?;
    let mut values = [0i64; N];
    for ((value, field), name) in values.iter_mut().zip(fields).zip(names) {
        *value = int(field, line, name)?;
    }
    Ok(values)
}

/// The happy path of [`ints`]: `None` on anything but exactly `N` in-range integers.
#[inline]
fn fast_ints<const N: usize>(line: &[u8]) -> Option<[i64; N]> {
    let mut out = [0i64; N];
    let n = line.len();
    let mut i = 0;
    while i < n && is_space(line[i]) {
        i += 1;
    }
    while i < n && !is_space(line[i]) {
        i += 1;
    }
    for slot in &mut out {
        while i < n && is_space(line[i]) {
            i += 1;
        }
        let negative = line.get(i) == Some(&b'-');
        if negative || line.get(i) == Some(&b'+') {
            i += 1;
        }
        let start = i;
        let mut value: u64 = 0;
        while i < n {
            let d = line[i].wrapping_sub(b'0');
            if d > 9 {
                break;
            }
            value = value.checked_mul(10)?.checked_add(u64::from(d))?;
            i += 1;
        }
        if i == start || (i < n && !is_space(line[i])) {
            return None;
        }
        *slot = if negative {
            if value > 1 << 63 {
                return None;
            }
            (value as i64).wrapping_neg()
        } else {
            i64::try_from(value).ok()?
        };
    }
    while i < n && is_space(line[i]) {
        i += 1;
    }
    (i == n).then_some(out)
}

/// A short escaped excerpt of `bytes`, for an error message ([`crate::excerpt::excerpt_bytes`]).
pub(super) fn shown(bytes: &[u8]) -> String {
    crate::excerpt::excerpt_bytes(bytes)
}

/// Parses a decimal integer with an optional sign.
///
/// # Errors
/// [`DimacsError::NotAnInteger`] or [`DimacsError::IntegerOverflow`].
#[inline]
pub(super) fn int(field: &[u8], line: usize, name: &'static str) -> Result<i64, DimacsError> {
    let (negative, digits) = match field.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, field),
    };
    let not_int = || DimacsError::NotAnInteger {
        line,
        field: name,
        found: shown(field),
    };
    if digits.is_empty() {
        return Err(not_int());
    }
    let mut value: u64 = 0;
    for &b in digits {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return Err(not_int());
        }
        match value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(d)))
        {
            Some(v) => value = v,
            None if digits.iter().all(u8::is_ascii_digit) => {
                return Err(DimacsError::IntegerOverflow { line, field: name });
            }
            None => return Err(not_int()),
        }
    }
    let limit = if negative {
        1u64 << 63
    } else {
        i64::MAX as u64
    };
    if value > limit {
        return Err(DimacsError::IntegerOverflow { line, field: name });
    }
    // `value as i64` is i64::MIN only for value = 2^63 (negative case), whose negation wraps
    // back to itself, which is the right answer.
    Ok(if negative {
        (value as i64).wrapping_neg()
    } else {
        value as i64
    })
}

/// Parses an integer and checks `min <= value <= max`.
///
/// # Errors
/// As [`int`], plus [`DimacsError::ValueOutOfRange`].
#[inline]
pub(super) fn int_in(
    field: &[u8],
    line: usize,
    name: &'static str,
    min: i64,
    max: i64,
) -> Result<i64, DimacsError> {
    let value = int(field, line, name)?;
    if value < min || value > max {
        return Err(DimacsError::ValueOutOfRange {
            line,
            field: name,
            value,
            min,
            max,
        });
    }
    Ok(value)
}

/// Parses a `p <kind> <nodes> <arcs>` line; returns `(nodes, arcs)` as non-negative numbers.
///
/// # Errors
/// [`DimacsError::FieldCount`], [`DimacsError::WrongProblemKind`], integer errors.
pub(super) fn problem_line(
    bytes: &[u8],
    line: usize,
    expected: &'static str,
) -> Result<(u64, u64), DimacsError> {
    let [kind, nodes, arcs] = exact_fields::<3>(bytes, line, "p")?;
    if kind != expected.as_bytes() {
        return Err(DimacsError::WrongProblemKind {
            line,
            expected,
            found: shown(kind),
        });
    }
    let nodes = int_in(nodes, line, "nodes", 0, i64::MAX)?;
    let arcs = int_in(arcs, line, "arcs", 0, i64::MAX)?;
    Ok((nodes as u64, arcs as u64))
}

/// A lazily allocated set of node ids (`1..=nodes`), for duplicate `n` lines.
#[derive(Debug, Default)]
pub(super) struct NodeSet {
    words: Vec<u64>,
}

impl NodeSet {
    /// Inserts `id` (in `0..nodes`); returns false when it was already present.
    pub(super) fn insert(&mut self, id: usize, nodes: usize) -> bool {
        if self.words.is_empty() {
            self.words = vec![0; nodes / 64 + 1];
        }
        let (word, bit) = (id / 64, 1u64 << (id % 64));
        match self.words.get_mut(word) {
            Some(w) if *w & bit == 0 => {
                *w |= bit;
                true
            }
            _ => false,
        }
    }
}
