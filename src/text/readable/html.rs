//! HTML snapshots (docs/reference.md section 2.1): bytes decoded as a browser decodes them,
//! parsed as HTML5 (html5ever, through `dom_query`), and the visible text
//! taken in document order.
//!
//! **Visible**: everything but `head`, `script`, `style`, `noscript`,
//! `template`, `title`, the fallback content of `iframe`, `canvas`,
//! `audio` and `video`, and any element with the `hidden` attribute or an
//! inline style of `display: none` or `visibility: hidden`. Character
//! references are decoded by the parser. Whitespace collapses as a browser
//! collapses it (kept inside `pre`, `textarea` and `listing`); block
//! elements, table cells and list items break lines, paragraphs and
//! headings leave a blank line, `<br>` is a line break, and inline
//! elements (`b`, `a`, `span`, `em`...) break nothing, so `at least
//! <b>143 people</b> were killed&nbsp;in` reads `at least 143 people were
//! killed in` (with a no-break space, which quotes fold as a space).
//!
//! **Main content** (what `coverage` lists figures of): the `<article>`
//! with the most text, else `<main>`, else (when asked) what dom_smoothie's
//! readability finds, placed in the visible text by its first and last
//! lines, else the whole visible text.
//!
//! Bounded: the parse caps the tree's depth as browsers do (`tree.rs`),
//! the tree is an arena (dropping it never recurses) and it is walked with
//! parent links, without recursion or a stack; readability, which does
//! recurse and slows down on long texts, only runs on pages of modest
//! depth and size.

use std::borrow::Cow;
use std::ops::Range;

use dom_query::{Document, NodeData, NodeId, Tree};
use encoding_rs::Encoding;

use super::{Kind, MainBy, Readable, Want};

/// Readability runs only on trees no deeper than this (it recurses) …
const READABILITY_MAX_DEPTH: usize = 256;
/// … on pages no larger than this (it is many passes over the tree) …
const READABILITY_MAX_BYTES: usize = 8 * 1024 * 1024;
/// … and of no more visible text than this: its cost grows with the square
/// of a long text's length (256 KiB, a book chapter, takes about a second).
const READABILITY_MAX_TEXT: usize = 256 * 1024;

/// The readable text of an HTML page.
pub(crate) fn read(bytes: &[u8], want: Want) -> Readable {
    let (source, _) = decode(bytes);
    let doc = super::tree::parse(&source);
    let walked = visible_text(&doc.tree);
    let mut main = walked.main.clone();
    let mut main_by = if main.is_some() { MainBy::Element } else { MainBy::Whole };
    if main.is_none()
        && want == Want::Main
        && walked.depth <= READABILITY_MAX_DEPTH
        && bytes.len() <= READABILITY_MAX_BYTES
        && walked.text.len() <= READABILITY_MAX_TEXT
        && let Some(found) = readability(doc, &walked.text)
    {
        main = Some(found);
        main_by = MainBy::Readability;
    }
    let text = walked.text;
    let main = main.unwrap_or(0..text.len());
    Readable { text, main, main_by, kind: Kind::Html }
}

/// The page's text decoded as a browser decodes it: by its byte-order
/// mark, else the `<meta charset>` or `http-equiv` declaration in its first
/// 1024 bytes, else UTF-8. Bytes that the encoding cannot decode become
/// U+FFFD, as in a browser. Also returns the encoding used.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static Encoding) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text, encoding);
    }
    let encoding = prescan(&bytes[..bytes.len().min(1024)]).unwrap_or(encoding_rs::UTF_8);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text, encoding)
}

/// Whether a file's first bytes, after a BOM, whitespace and comments,
/// are `<!doctype html` or `<html` (case-insensitive).
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Bounded: each turn drops a comment or whitespace.
    loop {
        let trimmed = rest.trim_ascii_start();
        if let Some(after) = trimmed.strip_prefix(b"<!--") {
            match memchr::memmem::find(after, b"-->") {
                Some(end) => rest = &after[end + 3..],
                None => return false,
            }
            continue;
        }
        let starts = |prefix: &[u8]| {
            trimmed.len() >= prefix.len() && trimmed[..prefix.len()].eq_ignore_ascii_case(prefix)
        };
        return starts(b"<!doctype html") || starts(b"<html");
    }
}

/// The encoding a page declares in its first bytes, as the HTML
/// standard's "prescan a byte stream" finds it (simplified: `<meta
/// charset=X>` or `<meta http-equiv="content-type" content="...;
/// charset=X">`, comments skipped). UTF-16 declared in a meta is UTF-8, and
/// `x-user-defined` is windows-1252, as the standard says.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    while at < head.len() {
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            at += memchr::memmem::find(&rest[4..], b"-->").map_or(head.len(), |e| 4 + e + 3);
            continue;
        }
        if rest.len() > 5
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && matches!(rest[5], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/')
        {
            let (attrs, used) = attributes(&rest[5..]);
            at += 5 + used;
            if let Some(encoding) = meta_encoding(&attrs) {
                return Some(encoding);
            }
            continue;
        }
        if rest.starts_with(b"<") && rest.len() > 1 && (rest[1].is_ascii_alphabetic() || rest[1] == b'/') {
            let start = if rest[1] == b'/' { 2 } else { 1 };
            let name_end = rest[start..]
                .iter()
                .position(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'>'))
                .map_or(rest.len(), |p| start + p);
            let (_, used) = attributes(&rest[name_end..]);
            at += name_end + used;
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            at += memchr::memchr(b'>', rest).map_or(rest.len(), |e| e + 1);
            continue;
        }
        at += 1;
    }
    None
}

/// An attribute's name and value, lowercased.
type Attr = (Vec<u8>, Vec<u8>);

/// The attributes of a tag from just after its name, lowercased, and the
/// bytes read (through the closing `>`).
fn attributes(bytes: &[u8]) -> (Vec<Attr>, usize) {
    let mut attrs = Vec::new();
    let mut i = 0;
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C');
    loop {
        while i < bytes.len() && (space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (attrs, i);
        }
        if bytes[i] == b'>' {
            return (attrs, i + 1);
        }
        let name_start = i;
        while i < bytes.len() && !space(bytes[i]) && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = bytes[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && space(bytes[i]) {
            i += 1;
        }
        let mut value = Vec::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && space(bytes[i]) {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let end = memchr::memchr(quote, &bytes[i + 1..]).map_or(bytes.len(), |e| i + 1 + e);
                value = bytes[i + 1..end].to_ascii_lowercase();
                i = (end + 1).min(bytes.len());
            } else {
                let start = i;
                while i < bytes.len() && !space(bytes[i]) && bytes[i] != b'>' {
                    i += 1;
                }
                value = bytes[start..i].to_ascii_lowercase();
            }
        }
        if !name.is_empty() {
            attrs.push((name, value));
        }
    }
}

/// The encoding a `<meta>`'s attributes declare.
fn meta_encoding(attrs: &[Attr]) -> Option<&'static Encoding> {
    let get = |name: &[u8]| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_slice());
    let label = if let Some(charset) = get(b"charset") {
        charset
    } else if get(b"http-equiv").is_some_and(|v| v.trim_ascii() == b"content-type") {
        charset_of_content(get(b"content")?)?
    } else {
        return None;
    };
    let encoding = Encoding::for_label(label.trim_ascii())?;
    Some(if encoding == encoding_rs::UTF_16BE || encoding == encoding_rs::UTF_16LE {
        encoding_rs::UTF_8
    } else if encoding == encoding_rs::X_USER_DEFINED {
        encoding_rs::WINDOWS_1252
    } else {
        encoding
    })
}

/// `charset=X` in a `content-type` value (`text/html; charset=koi8-r`).
fn charset_of_content(content: &[u8]) -> Option<&[u8]> {
    let at = memchr::memmem::find(content, b"charset")?;
    let rest = content[at + 7..].trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let (rest, quote) = match rest.first() {
        Some(&q @ (b'"' | b'\'')) => (&rest[1..], Some(q)),
        _ => (rest, None),
    };
    let end = rest
        .iter()
        .position(|&b| {
            Some(b) == quote || (quote.is_none() && matches!(b, b';' | b' ' | b'\t' | b'\n' | b'\r'))
        })
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The visible text of a parsed page, where its `<article>`/`<main>` lies
/// in it, and how deep its tree is.
#[derive(Debug)]
struct Walked {
    text: String,
    main: Option<Range<usize>>,
    depth: usize,
}

/// How an element takes part in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Not shown: skipped with everything inside it.
    Hidden,
    /// Breaks lines before and after (`blank`: leaves an empty line).
    Block { blank: bool },
    /// A line break (`<br>`).
    Break,
    /// Keeps its whitespace (`pre`, `textarea`, `listing`), and is a block.
    Pre,
    /// Breaks nothing.
    Inline,
}

fn role(name: &str, hidden: bool) -> Role {
    if hidden {
        return Role::Hidden;
    }
    match name {
        "head" | "script" | "style" | "noscript" | "template" | "title" | "iframe" | "canvas" | "audio"
        | "video" | "datalist" => Role::Hidden,
        "br" => Role::Break,
        "pre" | "textarea" | "listing" | "plaintext" | "xmp" => Role::Pre,
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "figure" | "table" | "hr" => {
            Role::Block { blank: true }
        }
        "address" | "article" | "aside" | "body" | "caption" | "center" | "dd" | "details" | "dialog"
        | "dir" | "div" | "dl" | "dt" | "fieldset" | "figcaption" | "footer" | "form" | "header"
        | "hgroup" | "html" | "legend" | "li" | "main" | "menu" | "nav" | "ol" | "section" | "summary"
        | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr" | "ul" | "option" | "optgroup" | "select"
        | "frameset" | "search" => Role::Block { blank: false },
        _ => Role::Inline,
    }
}

/// Whether an inline `style` hides the element.
fn style_hides(style: &str) -> bool {
    let squeezed: String =
        style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    squeezed.split(';').any(|d| d.starts_with("display:none") || d.starts_with("visibility:hidden"))
}

/// The text being written, with the break or space owed before the next
/// character, and the landmarks (`<article>`, `<main>`) open around it.
struct Out {
    text: String,
    /// 0: nothing, 1: a space, 2: a line break, 3: a blank line.
    owed: u8,
    /// Open landmarks and where their text starts ([`UNSET`] until their
    /// first character is written). Landmarks nest rarely; a hostile page
    /// that nests thousands pays for them in its own size.
    open: Vec<(Landmark, usize)>,
}

/// The start of a landmark that has no text yet.
const UNSET: usize = usize::MAX;

impl Out {
    fn owe(&mut self, what: u8) {
        self.owed = self.owed.max(what);
    }

    /// Pays what is owed before a visible character, and starts the
    /// landmarks waiting for one.
    fn pay(&mut self) {
        if !self.text.is_empty() {
            let newlines = self.text.len() - self.text.trim_end_matches('\n').len();
            match self.owed {
                1 if newlines == 0 => self.text.push(' '),
                2 if newlines == 0 => self.text.push('\n'),
                3 => {
                    for _ in newlines.min(2)..2 {
                        self.text.push('\n');
                    }
                }
                _ => {}
            }
        }
        self.owed = 0;
        let at = self.text.len();
        for (_, start) in self.open.iter_mut().rev() {
            if *start != UNSET {
                break;
            }
            *start = at;
        }
    }

    /// Text of a text node, its whitespace collapsed.
    fn collapsed(&mut self, text: &str) {
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
                self.owe(1);
            } else {
                self.pay();
                self.text.push(c);
            }
        }
    }

    /// Text inside `pre`: as written.
    fn kept(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.pay();
        self.text.push_str(text);
    }

    fn line_break(&mut self) {
        if self.owed >= 2 {
            self.pay();
        }
        self.owed = 0;
        self.text.push('\n');
    }
}

/// What the walk needs of one node.
enum Seen {
    Text(String),
    Element { role: Role, name: Landmark },
    Other,
}

/// The elements that mark main content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Landmark {
    Article,
    Main,
    None,
}

fn visible_text(tree: &Tree) -> Walked {
    let mut out = Out { text: String::new(), owed: 0, open: Vec::new() };
    let mut walk = Landmarks::default();
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut in_pre = 0usize;
    let root = tree.root().id;
    let mut id = root;
    // Iterative pre-order walk over the arena's links: enter a node, then
    // go to its first child, else leave it and climb (leaving each
    // ancestor) to the nearest next sibling. No recursion, no stack.
    'walk: loop {
        let (seen, first_child) = look(tree, id);
        let mut descend = true;
        match &seen {
            Seen::Text(t) if in_pre > 0 => out.kept(t),
            Seen::Text(t) => out.collapsed(t),
            Seen::Element { role, name } => {
                match role {
                    Role::Hidden => descend = false,
                    Role::Break => out.line_break(),
                    Role::Block { blank } => out.owe(if *blank { 3 } else { 2 }),
                    Role::Pre => {
                        out.owe(3);
                        in_pre += 1;
                    }
                    Role::Inline => {}
                }
                if descend && *name != Landmark::None {
                    out.open.push((*name, UNSET));
                }
            }
            Seen::Other => {}
        }
        if descend && let Some(child) = first_child {
            depth += 1;
            deepest = deepest.max(depth);
            id = child;
            continue 'walk;
        }
        let mut at = id;
        loop {
            leave(tree, at, &mut out, &mut in_pre, &mut walk);
            if at == root {
                break 'walk;
            }
            if let Some(next) = tree.query_node(&at, |n| n.next_sibling).flatten() {
                id = next;
                continue 'walk;
            }
            match tree.query_node(&at, |n| n.parent).flatten() {
                Some(parent) => {
                    depth = depth.saturating_sub(1);
                    at = parent;
                }
                None => break 'walk,
            }
        }
    }
    let main = walk.article.or(walk.main).filter(|r| !r.is_empty());
    Walked { text: out.text, main, depth: deepest }
}

/// The landmarks found so far: the `<article>` with the most text, the
/// first `<main>`.
#[derive(Debug, Default)]
struct Landmarks {
    article: Option<Range<usize>>,
    main: Option<Range<usize>>,
}

/// What the walk needs of node `id`, and its first child.
fn look(tree: &Tree, id: NodeId) -> (Seen, Option<NodeId>) {
    tree.query_node(&id, |n| {
        let seen = match &n.data {
            NodeData::Text { contents } => Seen::Text(contents.to_string()),
            NodeData::Element(el) => {
                let name: &str = &el.name.local;
                let hidden = el.attrs.iter().any(|a| {
                    let attr: &str = &a.name.local;
                    attr == "hidden" || (attr == "style" && style_hides(&a.value))
                });
                let landmark = match name {
                    "article" => Landmark::Article,
                    "main" => Landmark::Main,
                    _ => Landmark::None,
                };
                Seen::Element { role: role(name, hidden), name: landmark }
            }
            _ => Seen::Other,
        };
        (seen, n.first_child)
    })
    .unwrap_or((Seen::Other, None))
}

/// Leaves node `at`: a block owes a line break after it, `pre` ends, a
/// landmark closes. A hidden element was never entered: nothing happens.
fn leave(tree: &Tree, at: NodeId, out: &mut Out, in_pre: &mut usize, found: &mut Landmarks) {
    let (seen, _) = look(tree, at);
    let Seen::Element { role, name } = seen else { return };
    match role {
        Role::Hidden => return,
        Role::Block { blank } => out.owe(if blank { 3 } else { 2 }),
        Role::Pre => {
            *in_pre = in_pre.saturating_sub(1);
            out.owe(3);
        }
        Role::Break | Role::Inline => {}
    }
    if name == Landmark::None {
        return;
    }
    let Some((landmark, start)) = out.open.pop() else { return };
    let end = out.text.len();
    let range = if start == UNSET { end..end } else { start..end };
    match landmark {
        Landmark::Article if found.article.as_ref().is_none_or(|b| b.len() < range.len()) => {
            found.article = Some(range);
        }
        Landmark::Main if found.main.is_none() => found.main = Some(range),
        _ => {}
    }
}

/// Readability's main content, placed in `text` by its first and last
/// lines; `None` when it finds nothing or its text is not found there.
fn readability(doc: Document, text: &str) -> Option<Range<usize>> {
    let mut reader = dom_smoothie::Readability::with_document(doc, None, None).ok()?;
    let article = reader.parse().ok()?;
    let found = visible_text(&super::tree::parse(&article.content).tree).text;
    let mut lines = found.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    let last = lines.next_back().unwrap_or(first);
    let start = memchr::memmem::find(text.as_bytes(), first.as_bytes())?;
    let end = memchr::memmem::rfind(&text.as_bytes()[start..], last.as_bytes())? + start + last.len();
    Some(start..end)
}
