//! Positions of a record's fields in its RON text.
//!
//! The `ron` crate reports positions only for syntax errors, so findings
//! about a well-formed record (a dangling claimant, a bad date, a stale
//! hash) find their field here: a small lexer walks the text once and maps
//! field paths such as `claimant`, `citations[1].quote` or `value` to byte
//! ranges. It never recurses, so deep nesting costs only a stack entry per
//! level. `hash` uses the same index to edit fields in place.
//!
//! The index is built only for files that have a finding or are rewritten:
//! a clean store never pays for it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Field path → byte ranges, for one record's text.
#[derive(Debug, Default, Clone)]
pub(crate) struct SpanIndex {
    fields: HashMap<String, FieldSpan>,
    /// The outer record name (`Claim`), if the text starts like a record.
    pub outer_name: Option<Range<usize>>,
    /// The byte offset of the outer record's closing parenthesis.
    pub outer_close: Option<usize>,
    /// Every comment (`// ...` to the end of its line, `/* ... */`), in
    /// text order: the merge driver keeps both sides' comments.
    pub comments: Vec<Range<usize>>,
}

/// Where one field sits: its name and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldSpan {
    pub key: Range<usize>,
    pub value: Range<usize>,
}

impl SpanIndex {
    /// Indexes `text`; tolerant of malformed input (the index is then
    /// partial, never wrong about what it did record).
    pub(crate) fn build(text: &str) -> SpanIndex {
        Builder::new(text).run()
    }

    /// [`SpanIndex::build`] keeping only the fields that [`SpanIndex::locate`]
    /// of one of `paths` can answer with (each path and its ancestors),
    /// and reading the text only until all of them are found (the first
    /// of a repeated field is the one kept either way): locating a few
    /// findings in each of tens of thousands of files then allocates a
    /// name for none of the other fields, and a claim's `value` is found
    /// without reading its citations. For those paths, `locate` answers
    /// as on the whole index; comments and `outer_close` are those seen
    /// until it stopped.
    pub(crate) fn build_for(text: &str, paths: &[&str]) -> SpanIndex {
        // Each path and each of its ancestors (the prefixes that end
        // before a `.` or a `[`), looked up per field in one probe: a file
        // with 130,000 findings would otherwise compare each of its
        // fields with each of their paths.
        let mut wanted = HashSet::new();
        for path in paths {
            wanted.insert(*path);
            for (i, b) in path.bytes().enumerate() {
                if b == b'.' || b == b'[' {
                    wanted.insert(&path[..i]);
                }
            }
        }
        let mut builder = Builder::new(text);
        builder.missing = wanted.len();
        builder.wanted = Some(wanted);
        builder.run()
    }

    /// The span of a field path (`citations[0].via[1]`).
    pub(crate) fn field(&self, path: &str) -> Option<&FieldSpan> {
        self.fields.get(path)
    }

    /// Where each top-level field's value ends.
    pub(crate) fn top_level_value_ends(&self) -> impl Iterator<Item = usize> + '_ {
        self.fields.iter().filter(|(k, _)| is_top_level(k)).map(|(_, f)| f.value.end)
    }

    /// Where each top-level field's name begins, in text order.
    pub(crate) fn top_level_keys(&self) -> impl Iterator<Item = usize> + '_ {
        let mut keys: Vec<usize> =
            self.fields.iter().filter(|(k, _)| is_top_level(k)).map(|(_, f)| f.key.start).collect();
        keys.sort_unstable();
        keys.into_iter()
    }

    /// The best span for a path: the field itself, else its nearest
    /// indexed ancestor (`citations[0].quote` → `citations[0]` →
    /// `citations`), else the record's name.
    pub(crate) fn locate(&self, path: &str) -> Option<Range<usize>> {
        let mut p = path;
        loop {
            if let Some(f) = self.fields.get(p) {
                return Some(f.value.clone());
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.outer_name.clone(),
            }
        }
    }
}

/// What surrounds an offset of a record's text, for an editor's cursor:
/// the field whose value it is in, the constructors around it and the
/// token under it. Read by the same lexer as [`SpanIndex`], so a path here
/// names the same field as there; tolerant of half-typed text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cursor {
    /// The path of the value the offset is in (`claimant`,
    /// `citations[0].via[1]`); in a list, an element not begun yet has the
    /// next index. Empty outside every field.
    pub path: String,
    /// The names written before the parentheses that enclose the offset,
    /// outermost first: `["Claim", "Citation"]`, `["Claim", "Actor"]`.
    pub within: Vec<String>,
    /// The token under the offset (or, failing that, the one that ends
    /// right at it, as while typing); punctuation is none.
    pub token: Option<Token>,
}

/// One token of a record's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    /// Byte range in the whole text (a string with its quotes).
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// A name followed by `:`: a field's name.
    Key,
    /// Any other name: a constructor or an enum variant (`Exact`, `B`).
    Ident,
    /// A string literal, plain or raw.
    Str,
    /// Numbers and anything else that is not punctuation.
    Other,
}

/// The [`Cursor`] at a byte offset of `text` (clamped to the text, and to
/// a character boundary).
pub(crate) fn cursor_at(text: &str, offset: usize) -> Cursor {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    // The state of the lexer at the offset is the state after the text
    // before it.
    let mut before = Builder::new(&text[..offset]);
    let pending = before.feed();
    let whole_token_at = |start: usize| {
        let mut lexer = Builder::new(text);
        lexer.pos = start;
        lexer.next_token().filter(|(_, r)| r.start == start)
    };
    let gap_is_blank = text[before.last_token.as_ref().map_or(0, |r| r.end)..offset]
        .bytes()
        .all(|b| b.is_ascii_whitespace());
    let left = before.last_token.clone().filter(|r| r.end == offset).and_then(|r| whole_token_at(r.start));
    let right = if gap_is_blank { whole_token_at(offset) } else { None };
    // Punctuation is no token for an editor; of the rest, the token under
    // the offset, else one that starts there, else one that ends there (a
    // name or a string being typed).
    let word = |t: &(Tok, Range<usize>)| matches!(t.0, Tok::Ident | Tok::Str | Tok::Other);
    let (left, right) = (left.filter(word), right.filter(word));
    let token = match (left, right) {
        (Some(l), _) if l.1.contains(&offset) => Some(l),
        (l, r) => r.or(l),
    };
    let followed_by_colon = |end: usize| text[end..].trim_start().starts_with(':');
    let is_key = |range: &Range<usize>| {
        before.top_kind() == Some(b'(') && !before.top_active() && followed_by_colon(range.end)
    };
    let token = token.map(|(tok, range)| {
        let kind = match tok {
            Tok::Ident if is_key(&range) => TokenKind::Key,
            Tok::Ident => TokenKind::Ident,
            Tok::Str => TokenKind::Str,
            _ => TokenKind::Other,
        };
        Token { kind, range }
    });
    if let Some(ident) = pending
        && token.as_ref().is_none_or(|t| t.kind != TokenKind::Key)
    {
        // A name being typed as a value: it begins a list element.
        before.value_token(ident);
    }
    let mut path = join(text, &before.path);
    if let Some(frame) = before.frames.last()
        && frame.kind == b'['
        && frame.active.is_none()
    {
        path.push_str(&format!("[{}]", frame.index));
    }
    let within = before
        .frames
        .iter()
        .filter(|f| f.kind == b'(')
        .filter_map(|f| f.name.clone())
        .map(|name| text[name].to_owned())
        .collect();
    Cursor { path, within, token }
}

/// The text between a string literal's quotes, as a range of `text`
/// (`"knb"` → `knb`; `r#"a"#` → `a`; an unterminated string runs to its
/// end). `range` is the literal's, as in a [`Token`].
pub(crate) fn string_inner(text: &str, range: Range<usize>) -> Range<usize> {
    let literal = &text[range.clone()];
    let Some(open) = literal.find('"') else { return range.end..range.end };
    let hashes = literal[..open].bytes().filter(|&b| b == b'#').count();
    let start = range.start + open + 1;
    let closing = format!("\"{}", "#".repeat(hashes));
    let body = &text[start..range.end];
    let end = match body.strip_suffix(closing.as_str()) {
        // A lone `"` is an unterminated string, not an empty one.
        Some(inner) if literal.len() > open + closing.len() => start + inner.len(),
        _ => range.end,
    };
    start..end.max(start)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Ident,
    Str,
    Other,
    Open(u8),
    Close,
    Comma,
    Colon,
}

#[derive(Debug)]
struct Frame {
    /// `(`, `[` or `{`.
    kind: u8,
    /// The path segment being read inside this frame, with where its value
    /// began; popped at the next `,` or at the close.
    active: Option<Active>,
    /// The index of the next element, in a `[` frame.
    index: usize,
    /// The name written right before a `(` (`Claim`, `Citation`, `Actor`).
    name: Option<Range<usize>>,
}

#[derive(Debug)]
struct Active {
    key: Range<usize>,
    value_start: Option<usize>,
}

struct Builder<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    index: SpanIndex,
    frames: Vec<Frame>,
    path: Vec<Segment>,
    last_end: usize,
    /// The range of the token read last.
    last_token: Option<Range<usize>>,
    /// With [`SpanIndex::build_for`]: the paths whose fields (and
    /// ancestors) are kept.
    wanted: Option<HashSet<&'a str>>,
    /// How many of `wanted` are not recorded yet: at none, reading stops.
    missing: usize,
    /// The path being recorded, joined (reused from field to field).
    joined: String,
}

/// One step of a field path: a field's name (its range in the text) or a
/// list element's index.
#[derive(Debug, Clone)]
enum Segment {
    Key(Range<usize>),
    Index(usize),
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        Builder {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            index: SpanIndex::default(),
            frames: Vec::new(),
            path: Vec::new(),
            last_end: 0,
            last_token: None,
            wanted: None,
            missing: 0,
            joined: String::new(),
        }
    }

    fn run(mut self) -> SpanIndex {
        // A name at the very end, with nothing after it, is no field and
        // no value: the index ignores it.
        self.feed();
        self.index
    }

    /// Reads every token, recording fields as their values end. Returns
    /// the identifier read last if nothing came after it yet (whether it
    /// names a field depends on a `:` that has not been seen).
    fn feed(&mut self) -> Option<Range<usize>> {
        let mut pending_ident: Option<Range<usize>> = None;
        while let Some((tok, range)) = self.next_token() {
            if self.wanted.is_some() && self.missing == 0 && self.index.outer_name.is_some() {
                // Every field asked for is recorded; what follows could
                // only repeat one (the first is kept) or be unwanted.
                break;
            }
            self.last_token = Some(range.clone());
            // An identifier followed by `:` inside `(` is a field name.
            let mut constructor = None;
            if let Some(ident) = pending_ident.take() {
                if tok == Tok::Colon && self.top_kind() == Some(b'(') && !self.top_active() {
                    self.start_field(ident);
                    continue;
                }
                self.value_token(ident.clone());
                if self.frames.is_empty() && self.index.outer_name.is_none() {
                    self.index.outer_name = Some(ident.clone());
                }
                constructor = Some(ident);
            }
            match tok {
                Tok::Ident => pending_ident = Some(range),
                Tok::Str | Tok::Other => self.value_token(range),
                Tok::Open(kind) => {
                    self.value_token(range.clone());
                    self.frames.push(Frame { kind, active: None, index: 0, name: constructor });
                }
                Tok::Close => {
                    self.finish_active();
                    if self.frames.pop().is_some() && self.frames.is_empty() {
                        self.index.outer_close.get_or_insert(range.start);
                    }
                    self.last_end = range.end;
                }
                Tok::Comma => {
                    self.finish_active();
                    if let Some(f) = self.frames.last_mut()
                        && f.kind == b'['
                    {
                        f.index += 1;
                    }
                }
                Tok::Colon => {}
            }
        }
        pending_ident
    }

    fn top_kind(&self) -> Option<u8> {
        self.frames.last().map(|f| f.kind)
    }

    fn top_active(&self) -> bool {
        self.frames.last().is_some_and(|f| f.active.is_some())
    }

    fn start_field(&mut self, key: Range<usize>) {
        let frame = self.frames.last_mut().expect("start_field is called inside a frame");
        frame.active = Some(Active { key: key.clone(), value_start: None });
        self.path.push(Segment::Key(key));
    }

    /// A token that is (part of) a value: it may begin a list element, and
    /// it begins the value of a field that has just been named.
    fn value_token(&mut self, range: Range<usize>) {
        if let Some(frame) = self.frames.last_mut() {
            match &mut frame.active {
                None if frame.kind == b'[' => {
                    frame.active = Some(Active { key: range.clone(), value_start: Some(range.start) });
                    self.path.push(Segment::Index(frame.index));
                }
                Some(active) if active.value_start.is_none() => active.value_start = Some(range.start),
                _ => {}
            }
        }
        self.last_end = range.end;
    }

    fn finish_active(&mut self) {
        let Some(frame) = self.frames.last_mut() else { return };
        let Some(active) = frame.active.take() else { return };
        let start = active.value_start.unwrap_or(active.key.end);
        let end = self.last_end.max(start);
        let mut joined = std::mem::take(&mut self.joined);
        join_into(self.text, &self.path, &mut joined);
        self.path.pop();
        if self.wanted.as_ref().is_none_or(|wanted| wanted.contains(joined.as_str())) {
            let span = FieldSpan { key: active.key, value: start..end };
            if !self.index.fields.contains_key(joined.as_str()) {
                self.index.fields.insert(joined.clone(), span);
                self.missing = self.missing.saturating_sub(1);
            }
        }
        self.joined = joined;
    }

    /// The next token, skipping whitespace and comments.
    fn next_token(&mut self) -> Option<(Tok, Range<usize>)> {
        loop {
            let b = *self.bytes.get(self.pos)?;
            let start = self.pos;
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    self.pos = memchr::memchr(b'\n', &self.bytes[self.pos..])
                        .map_or(self.bytes.len(), |i| self.pos + i);
                    let end = if self.bytes[..self.pos].ends_with(b"\r") { self.pos - 1 } else { self.pos };
                    self.index.comments.push(start..end);
                }
                b'/' if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    self.skip_block_comment();
                    self.index.comments.push(start..self.pos);
                }
                // `#![enable(...)]` attributes before the record are not
                // part of it: their brackets must not open frames.
                b'#' if self.frames.is_empty() && self.bytes.get(self.pos + 1) == Some(&b'!') => {
                    self.skip_attribute()
                }
                b'(' | b'[' | b'{' => {
                    self.pos += 1;
                    return Some((Tok::Open(b), start..self.pos));
                }
                b')' | b']' | b'}' => {
                    self.pos += 1;
                    return Some((Tok::Close, start..self.pos));
                }
                b',' => {
                    self.pos += 1;
                    return Some((Tok::Comma, start..self.pos));
                }
                b':' => {
                    self.pos += 1;
                    return Some((Tok::Colon, start..self.pos));
                }
                b'"' => {
                    self.skip_quoted(b'"');
                    return Some((Tok::Str, start..self.pos));
                }
                b'\'' => {
                    self.skip_quoted(b'\'');
                    return Some((Tok::Other, start..self.pos));
                }
                b'r' | b'b' if self.raw_string_ahead() => {
                    self.skip_raw_string();
                    return Some((Tok::Str, start..self.pos));
                }
                b'b' if self.bytes.get(self.pos + 1) == Some(&b'"') => {
                    self.pos += 1;
                    self.skip_quoted(b'"');
                    return Some((Tok::Str, start..self.pos));
                }
                c if c == b'_' || c.is_ascii_alphabetic() => {
                    while self.bytes.get(self.pos).is_some_and(|c| *c == b'_' || c.is_ascii_alphanumeric()) {
                        self.pos += 1;
                    }
                    return Some((Tok::Ident, start..self.pos));
                }
                _ => {
                    // Numbers, signs, and anything else: one run of bytes
                    // up to the next delimiter, stepping whole characters.
                    self.pos += 1;
                    while let Some(&c) = self.bytes.get(self.pos) {
                        if b" \t\r\n()[]{},:\"'/".contains(&c) {
                            break;
                        }
                        self.pos += 1;
                    }
                    while !self.text.is_char_boundary(self.pos) {
                        self.pos += 1;
                    }
                    return Some((Tok::Other, start..self.pos));
                }
            }
        }
    }

    fn skip_attribute(&mut self) {
        self.pos += 2;
        let mut depth = 0usize;
        while let Some(&c) = self.bytes.get(self.pos) {
            self.pos += 1;
            match c {
                b'[' => depth += 1,
                b']' if depth <= 1 => break,
                b']' => depth -= 1,
                b'\n' if depth == 0 => break,
                _ => {}
            }
        }
    }

    fn skip_block_comment(&mut self) {
        let mut depth = 0usize;
        while self.pos < self.bytes.len() {
            if self.bytes[self.pos..].starts_with(b"/*") {
                depth += 1;
                self.pos += 2;
            } else if self.bytes[self.pos..].starts_with(b"*/") {
                depth -= 1;
                self.pos += 2;
                if depth == 0 {
                    return;
                }
            } else {
                self.pos += 1;
            }
        }
    }

    fn skip_quoted(&mut self, quote: u8) {
        self.pos += 1;
        while let Some(&c) = self.bytes.get(self.pos) {
            self.pos += 1;
            if c == b'\\' {
                self.pos += 1;
            } else if c == quote {
                break;
            }
        }
        self.pos = self.pos.min(self.bytes.len());
        while !self.text.is_char_boundary(self.pos) {
            self.pos += 1;
        }
    }

    fn raw_string_ahead(&self) -> bool {
        let rest = &self.bytes[self.pos..];
        let rest = rest.strip_prefix(b"b").unwrap_or(rest);
        let Some(rest) = rest.strip_prefix(b"r") else { return false };
        let hashes = rest.iter().take_while(|&&c| c == b'#').count();
        rest.get(hashes) == Some(&b'"')
    }

    fn skip_raw_string(&mut self) {
        if self.bytes[self.pos] == b'b' {
            self.pos += 1;
        }
        self.pos += 1; // r
        let hashes = self.bytes[self.pos..].iter().take_while(|&&c| c == b'#').count();
        self.pos += hashes + 1;
        let mut closing = vec![b'"'];
        closing.extend(std::iter::repeat_n(b'#', hashes));
        match memchr::memmem::find(&self.bytes[self.pos..], &closing) {
            Some(i) => self.pos += i + closing.len(),
            None => self.pos = self.bytes.len(),
        }
    }
}

fn is_top_level(path: &str) -> bool {
    !path.contains(['.', '['])
}

fn join(text: &str, path: &[Segment]) -> String {
    let mut out = String::new();
    join_into(text, path, &mut out);
    out
}

/// The path of segments as written (`citations[0].quote`), into `out`.
fn join_into(text: &str, path: &[Segment], out: &mut String) {
    use std::fmt::Write as _;
    out.clear();
    for seg in path {
        match seg {
            Segment::Key(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&text[name.clone()]);
            }
            Segment::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let col = text[line_start..floor_char_boundary(text, offset)].chars().count() + 1;
    (line, col)
}

/// The start of every line of a text, found once, so that each of many
/// positions costs a binary search instead of a scan from the start (a
/// 15 MB file with 130,000 findings took a minute the other way).
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    /// Byte offset of each line's first byte; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and character column of a byte offset (as [`line_col`]).
    pub(crate) fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = text[start..floor_char_boundary(text, offset)].chars().count() + 1;
        (line, col)
    }

    /// The byte offset of a 1-based line and character column (as
    /// [`offset_of`]).
    pub(crate) fn offset_of(&self, text: &str, line: usize, col: usize) -> usize {
        match self.starts.get(line.saturating_sub(1)) {
            Some(&start) => {
                text[start..].char_indices().nth(col.saturating_sub(1)).map_or(text.len(), |(i, _)| start + i)
            }
            None => text.len(),
        }
    }
}

/// The byte offset of a 1-based line and character column.
pub(crate) fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match memchr::memchr(b'\n', &text.as_bytes()[start..]) {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    text[start..].char_indices().nth(col.saturating_sub(1)).map_or(text.len(), |(i, _)| start + i)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLAIM: &str = r##"// a comment with "quotes" and (parens
Claim(
    id: "a",
    /* block /* nested */ comment */
    value: Between(1, 2),
    citations: [
        Citation(document: "doc", quote: r#"raw " quote"#, via: ["x", "y"]),
        Citation(document: "d2", quote: "q:(", locator: "p"),
    ],
    hash: "sha256:00",
)
"##;

    #[test]
    fn an_index_for_some_paths_locates_them_as_the_whole_index_does() {
        let broken = "Claim(id: \"a\", citations: [Citation(document: \"d\", quote: ";
        let paths = [
            "value",
            "id",
            "citations",
            "citations[0]",
            "citations[0].quote",
            "citations[0].via[1]",
            "citations[1].locator",
            "citations[7].quote",
            "hash",
            "nothing",
            "nothing.deeper[2]",
            "cit",
        ];
        let repeated =
            "Claim(value: 1, id: \"a\", value: 2, citations: [Citation(value: 3)], value: Between(4, 5))";
        for text in [CLAIM, broken, "", "Source(id: \"s\")", repeated] {
            let whole = SpanIndex::build(text);
            for path in paths {
                let lean = SpanIndex::build_for(text, &[path]);
                assert_eq!(lean.locate(path), whole.locate(path), "{path} in {text}");
            }
            let lean = SpanIndex::build_for(text, &paths);
            for path in paths {
                assert_eq!(lean.locate(path), whole.locate(path), "{path} in {text}");
            }
            // Only the paths and their ancestors are kept.
            assert!(SpanIndex::build_for(text, &["value"]).field("id").is_none());
        }
    }

    fn text_of<'a>(index: &SpanIndex, text: &'a str, path: &str) -> &'a str {
        &text[index.field(path).unwrap_or_else(|| panic!("{path} in {index:?}")).value.clone()]
    }

    #[test]
    fn indexes_fields() {
        let index = SpanIndex::build(CLAIM);
        assert_eq!(text_of(&index, CLAIM, "id"), "\"a\"");
        assert_eq!(text_of(&index, CLAIM, "value"), "Between(1, 2)");
        assert_eq!(text_of(&index, CLAIM, "citations[0].document"), "\"doc\"");
        assert_eq!(text_of(&index, CLAIM, "citations[0].quote"), "r#\"raw \" quote\"#");
        assert_eq!(text_of(&index, CLAIM, "citations[0].via[1]"), "\"y\"");
        assert_eq!(text_of(&index, CLAIM, "citations[1].quote"), "\"q:(\"");
        assert_eq!(text_of(&index, CLAIM, "citations[1].locator"), "\"p\"");
        assert_eq!(text_of(&index, CLAIM, "hash"), "\"sha256:00\"");
        assert!(text_of(&index, CLAIM, "citations[1]").starts_with("Citation(document: \"d2\""));
        assert_eq!(&CLAIM[index.outer_name.clone().unwrap()], "Claim");
        assert_eq!(&CLAIM[index.outer_close.unwrap()..], ")\n");
    }

    #[test]
    fn locate_falls_back_to_ancestors() {
        let index = SpanIndex::build(CLAIM);
        let span = index.locate("citations[0].via[7]").unwrap();
        assert_eq!(&CLAIM[span], "[\"x\", \"y\"]");
        let span = index.locate("review.verdict").unwrap();
        assert_eq!(&CLAIM[span], "Claim");
    }

    #[test]
    fn skips_attributes() {
        let text = "#![enable(unwrap_newtypes)]\nClaim(id: \"a\", tags: [\"t\"])\n";
        let index = SpanIndex::build(text);
        assert_eq!(&text[index.outer_name.clone().unwrap()], "Claim");
        assert_eq!(&text[index.outer_close.unwrap()..], ")\n");
        assert_eq!(text_of(&index, text, "tags[0]"), "\"t\"");
    }

    #[test]
    fn survives_deep_nesting_and_garbage() {
        let deep = "[".repeat(100_000);
        let index = SpanIndex::build(&deep);
        assert!(index.field("x").is_none());
        for junk in
            ["\"unterminated", "r#\"raw", "/* open", "é(ü:", "b'", ")))", "Claim(id:", "#!", "#![[[", "#!]]"]
        {
            SpanIndex::build(junk);
        }
    }

    /// The cursor at `|` in `marked`: its path, constructors and token text.
    fn cursor(marked: &str) -> (String, String, Option<(TokenKind, String)>) {
        let offset = marked.find('|').expect("a cursor mark");
        let text = marked.replacen('|', "", 1);
        let c = cursor_at(&text, offset);
        let token = c.token.map(|t| (t.kind, text[t.range].to_owned()));
        (c.path, c.within.join(">"), token)
    }

    #[test]
    fn cursors() {
        use TokenKind::*;
        let t = |kind, s: &str| Some((kind, s.to_owned()));
        let s = |v: &str| v.to_owned();
        // In a string, at its quote, after it, and where a value is due.
        assert_eq!(cursor("Claim(claimant: \"kn|b\")"), (s("claimant"), s("Claim"), t(Str, "\"knb\"")));
        assert_eq!(cursor("Claim(claimant: |\"knb\")"), (s("claimant"), s("Claim"), t(Str, "\"knb\"")));
        assert_eq!(cursor("Claim(claimant: \"knb\"|, id: \"a\")").2, t(Str, "\"knb\""));
        assert_eq!(cursor("Claim(claimant: |, id: \"a\")"), (s("claimant"), s("Claim"), None));
        assert_eq!(cursor("Claim(claimant: \"kn|"), (s("claimant"), s("Claim"), t(Str, "\"kn")));
        // Lists: the element being written, begun or not.
        let via = "Claim(citations: [Citation(document: \"d\", via: [\"a\", |])])";
        assert_eq!(cursor(via), (s("citations[0].via[1]"), s("Claim>Citation"), None));
        let via = "Claim(citations: [C(), Citation(via: [\"a\", \"b|\"])])";
        assert_eq!(cursor(via), (s("citations[1].via[1]"), s("Claim>Citation"), t(Str, "\"b\"")));
        assert_eq!(cursor("Source(part_of: [|])").0, "part_of[0]");
        // Constructors and variants being typed; names of fields are keys.
        assert_eq!(cursor("Claim(value: Exa|)"), (s("value"), s("Claim"), t(Ident, "Exa")));
        assert_eq!(cursor("Claim(value: Actor(\"i|s\"))"), (s("value"), s("Claim>Actor"), t(Str, "\"is\"")));
        assert_eq!(cursor("Claim(value: Actors([\"a\", |]))").1, "Claim>Actors");
        assert_eq!(cursor("Claim(rank: |)"), (s("rank"), s("Claim"), None));
        assert_eq!(cursor("Claim(ra|nk: Normal)").2, t(Key, "rank"));
        assert_eq!(cursor("Claim(\n    rank|\n    : Normal)").2, t(Key, "rank"));
        assert_eq!(cursor("Claim(review: Review(verdict: Fa|))").0, "review.verdict");
        // Comments and the text's edges.
        assert_eq!(cursor("Claim(claimant: // \"kn|b\"\n)").2, None);
        assert_eq!(cursor("|"), (s(""), s(""), None));
        assert_eq!(cursor("Claim(id: \"a\")|").0, "");
        assert_eq!(cursor_at("é", 1), cursor_at("é", 0));
        assert_eq!(cursor_at("x", 99), cursor_at("x", 1));
    }

    #[test]
    fn string_insides() {
        fn inner(literal: &str) -> &str {
            &literal[string_inner(literal, 0..literal.len())]
        }
        assert_eq!(inner("\"knb\""), "knb");
        assert_eq!(inner("\"\""), "");
        assert_eq!(inner("\""), "");
        assert_eq!(inner("\"kn"), "kn");
        assert_eq!(inner("r#\"a\"b\"#"), "a\"b");
        assert_eq!(inner("r#\"ab"), "ab");
        assert_eq!(inner("b\"x\""), "x");
    }

    #[test]
    fn positions() {
        let text = "ab\ncdé f\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 8), (2, 5));
        assert_eq!(offset_of(text, 2, 5), 8);
        assert_eq!(offset_of(text, 9, 1), text.len());
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(index.line_col(text, offset), line_col(text, offset), "{offset}");
        }
        for (line, col) in [(1, 1), (2, 5), (9, 1), (2, 99), (0, 0)] {
            assert_eq!(index.offset_of(text, line, col), offset_of(text, line, col), "{line}:{col}");
        }
    }
}
