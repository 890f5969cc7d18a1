//! Short, escaped excerpts of untrusted input for error messages and logs.
//!
//! Every error of this crate that quotes input (a JSON field name or value, a DIMACS field, a
//! scenario's `format`, a strategy name) quotes it through [`excerpt`] or [`excerpt_bytes`]:
//! at most [`EXCERPT_CHARS`] characters, with every control character (ESC, CR, LF, NUL...),
//! every invisible formatting character (bidirectional overrides, zero-width spaces), quotes
//! and backslashes escaped the way Rust writes them (`\u{1b}`, `\r`, `\"`), and a trailing `…`
//! when the input was cut. An excerpt is therefore one printable line: a hostile file cannot
//! forge log lines, recolour a terminal or fill a log with megabytes.
//!
//! Messages produced by other libraries that may quote input (serde_json's "invalid type:
//! string ..." and the like) go through [`sanitize`], which applies the same treatment to every
//! quoted part and caps the whole message at [`MESSAGE_CHARS`].
//!
//! # Example
//! ```
//! use wushe::excerpt::{excerpt, excerpt_bytes};
//! assert_eq!(excerpt("mon_morning"), "mon_morning");
//! assert_eq!(excerpt("\u{1b}[31mred\r\nforged"), "\\u{1b}[31mred\\r\\nforged");
//! assert_eq!(excerpt(&"x".repeat(100)).chars().count(), 65); // 64 characters and `…`
//! assert_eq!(excerpt_bytes(b"n\xff\x00"), "n\\u{fffd}\\0");
//! ```

/// Most characters of input quoted by one excerpt (escapes not counted).
pub const EXCERPT_CHARS: usize = 64;

/// Most characters of a sanitized third-party message.
pub const MESSAGE_CHARS: usize = 240;

/// At most [`EXCERPT_CHARS`] characters of `text`, escaped (see the module docs), with `…`
/// appended when `text` is longer.
pub fn excerpt(text: &str) -> String {
    let mut out = String::new();
    push_excerpt(&mut out, text.chars());
    out
}

/// All of `text`, escaped like an excerpt but not cut: for text the caller chose and needs
/// whole, such as a file path in an error message.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    out
}

/// [`excerpt`] of bytes that may not be UTF-8: invalid sequences become `\u{fffd}` (the
/// replacement character, escaped so that it is visible as such).
pub fn excerpt_bytes(bytes: &[u8]) -> String {
    // a UTF-8 character is at most 4 bytes: this many bytes hold the excerpt and one more
    let cut = &bytes[..bytes.len().min(4 * (EXCERPT_CHARS + 1))];
    let text = String::from_utf8_lossy(cut);
    let mut out = String::new();
    let truncated = push_excerpt(&mut out, text.chars());
    if !truncated && cut.len() < bytes.len() {
        out.push('…');
    }
    out
}

/// Appends the escaped excerpt of `chars` to `out`; returns whether it was cut.
fn push_excerpt(out: &mut String, mut chars: impl Iterator<Item = char>) -> bool {
    for c in chars.by_ref().take(EXCERPT_CHARS) {
        push_escaped(out, c);
    }
    let truncated = chars.next().is_some();
    if truncated {
        out.push('…');
    }
    truncated
}

/// Appends `c`, escaped when it is not plainly printable.
fn push_escaped(out: &mut String, c: char) {
    if c == char::REPLACEMENT_CHARACTER || is_invisible(c) {
        out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
    } else {
        out.extend(c.escape_debug());
    }
}

/// Format characters that `escape_debug` leaves alone but that change how a line reads:
/// bidirectional embeddings, overrides and isolates, zero-width characters, the byte-order
/// mark, and line and paragraph separators.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{061c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{feff}'
    )
}

/// A message from another library, made safe to show: every part quoted with backticks or
/// double quotes becomes an [`excerpt`], every control character elsewhere is escaped, and the
/// result is cut at [`MESSAGE_CHARS`] characters.
pub fn sanitize(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let (before, tail) = rest.split_at(open);
        for c in before.chars() {
            push_escaped(&mut out, c);
        }
        let quote = if tail.starts_with('`') { '`' } else { '"' };
        let body = &tail[1..];
        let (quoted, after) = split_quoted(body, quote);
        out.push(quote);
        push_excerpt(&mut out, unescape_debug(quoted, quote).chars());
        out.push(quote);
        rest = after;
    }
    for c in rest.chars() {
        push_escaped(&mut out, c);
    }
    if out.chars().count() > MESSAGE_CHARS {
        out = out.chars().take(MESSAGE_CHARS).collect();
        out.push('…');
    }
    out
}

/// Splits `body` at the closing `quote` (a backslash escapes the next character inside double
/// quotes, as serde's messages write strings with `{:?}`); an unclosed quote runs to the end.
fn split_quoted(body: &str, quote: char) -> (&str, &str) {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' && quote == '"' {
            escaped = true;
        } else if c == quote {
            return (&body[..i], &body[i + c.len_utf8()..]);
        }
    }
    (body, "")
}

/// Undoes the simple escapes of a `{:?}`-quoted string (`\"`, `\\`, `\n`, `\r`, `\t`, `\0`)
/// so that [`excerpt`] escapes each character once; other escapes (`\u{..}`) stay as text and
/// are escaped again, which keeps them visible.
fn unescape_debug(quoted: &str, quote: char) -> String {
    if quote != '"' {
        return quoted.to_owned();
    }
    let mut out = String::with_capacity(quoted.len().min(4 * EXCERPT_CHARS));
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        if out.len() > 4 * (EXCERPT_CHARS + 1) {
            break;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('0') => out.push('\0'),
            Some(other @ ('"' | '\\' | '\'')) => out.push(other),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_escape_controls_and_cut() {
        assert_eq!(excerpt("a\u{0}b\u{7f}"), "a\\0b\\u{7f}");
        assert_eq!(excerpt("\u{202e}evil"), "\\u{202e}evil");
        let long = "é".repeat(70);
        let e = excerpt(&long);
        assert!(e.ends_with('…'));
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
        assert_eq!(
            excerpt_bytes(&[b'a'; 1000]).chars().count(),
            EXCERPT_CHARS + 1
        );
        // escape keeps everything (a path is shown whole), escaped the same way
        let path = format!("/tmp/{}\u{1b}x", "d".repeat(100));
        assert_eq!(escape(&path), format!("/tmp/{}\\u{{1b}}x", "d".repeat(100)));
    }

    #[test]
    fn sanitize_cuts_quoted_parts_and_escapes_the_rest() {
        let long = format!(
            "invalid type: string \"{}\\u{{1b}}\", expected u32",
            "a".repeat(500)
        );
        let s = sanitize(&long);
        assert!(s.len() < 120, "{s}");
        assert!(s.starts_with("invalid type: string \"aaaa") && s.ends_with("…\", expected u32"));
        assert_eq!(sanitize("unknown field `x\ry`"), "unknown field `x\\ry`");
        assert_eq!(sanitize("raw \u{1b} esc"), "raw \\u{1b} esc");
        assert!(!sanitize(&"z".repeat(10_000)).contains('\n'));
        assert!(sanitize(&"z".repeat(10_000)).chars().count() <= MESSAGE_CHARS + 1);
    }
}
