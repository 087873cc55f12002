//! PDF snapshots (docs/reference.md section 2.1): the text of the text layer, page by page
//! (pages apart by a blank line), read by `pdf-extract` on a document
//! loaded by `lopdf`. A PDF without a text layer (a scan) has no text.
//!
//! Both crates trust their input more than a store of pull requests may:
//! `pdf-extract` panics on some malformed files, decompresses every stream
//! in full, follows `/Parent` links and form XObjects by recursion, and
//! decompresses a form again each time a page draws it. So before it runs,
//! the document is measured: every stream's decompressed size is counted
//! (never stored) against a budget in proportion to the file's size, a page
//! whose `/Parent` chain loops or runs deep is refused, and the forms that
//! pages draw must not loop and may not be drawn more than the budget
//! allows. Then the extraction runs under `catch_unwind`, with its panic
//! message kept off the terminal; a panic is a reason, not a crash.
//!
//! pdf-extract does not know the text operators `'` and `"` (move to the
//! next line and show a string), which Ghostscript writes for every line
//! after a text object's first: it would drop all those lines. They are
//! rewritten first as the `T*` and `Tj` (and `Tw`, `Tc`) they stand for.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{Document, Object, ObjectId, OutputDev, OutputError, Transform};

use super::{Kind, Readable, Unreadable, whole};

/// Decompressed bytes a PDF of `len` bytes may make the reader handle, in
/// all: enough for text-heavy files (content streams compress about 5:1),
/// never more than a fixed multiple of the file.
fn budget(len: usize) -> u64 {
    (len as u64).saturating_mul(32).max(64 * 1024 * 1024)
}

/// `/Parent` links followed from a page at most (real page trees are a
/// few levels deep).
const MAX_PARENT_CHAIN: usize = 64;

/// The text layer of a PDF.
pub(crate) fn read(bytes: &[u8]) -> Result<Readable, Unreadable> {
    let budget = budget(bytes.len());
    raw_streams_within(bytes, budget)?;
    let mut doc = quiet(|| Document::load_mem(bytes))
        .map_err(|_| Unreadable::new("the PDF could not be read (the reader failed on it)"))?
        .map_err(|e| Unreadable::new(format!("the PDF could not be read: {e}")))?;
    if doc.is_encrypted() && quiet(|| doc.decrypt("")).map_or(true, |r| r.is_err()) {
        return Err(Unreadable::new("the PDF is encrypted with a password"));
    }
    measure(&doc, budget)?;
    quote_operators(&mut doc);
    let mut out = Pages::default();
    let done = quiet(|| pdf_extract::output_doc(&doc, &mut out));
    match done {
        Err(_) => {
            return Err(Unreadable::new("the PDF's text layer could not be read (the reader failed on it)"));
        }
        Ok(Err(e)) => return Err(Unreadable::new(format!("the PDF's text layer could not be read: {e}"))),
        Ok(Ok(())) => {}
    }
    let text = out.finish();
    if text.trim().is_empty() {
        return Err(Unreadable::new(
            "the PDF has no text layer (a scan or images only): run it through OCR and archive the result",
        ));
    }
    Ok(whole(text, Kind::Pdf))
}

/// Rewrites the `'` and `"` operators of every page's and form's content
/// as the operators they abbreviate (PDF 32000-1, table 107), which
/// pdf-extract reads. A stream it cannot decode is left as it is.
fn quote_operators(doc: &mut Document) {
    use pdf_extract::content::{Content, Operation};
    let mut ids: Vec<ObjectId> = doc.get_pages().values().flat_map(|&p| doc.get_page_contents(p)).collect();
    ids.extend(doc.objects.iter().filter_map(|(id, o)| match o {
        Object::Stream(s) if s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Form") => {
            Some(*id)
        }
        _ => None,
    }));
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) else { continue };
        let Ok(data) = stream.decompressed_content() else { continue };
        if !data.iter().any(|&b| b == b'\'' || b == b'"') {
            continue;
        }
        let Ok(content) = quiet(|| Content::decode(&data)).map_err(|_| ()).and_then(|r| r.map_err(|_| ()))
        else {
            continue;
        };
        if !content.operations.iter().any(|op| op.operator == "'" || op.operator == "\"") {
            continue;
        }
        let mut operations = Vec::with_capacity(content.operations.len() + 8);
        for op in content.operations {
            match (op.operator.as_str(), op.operands.as_slice()) {
                ("'", [text]) => {
                    operations.push(Operation::new("T*", vec![]));
                    operations.push(Operation::new("Tj", vec![text.clone()]));
                }
                ("\"", [word, char, text]) => {
                    operations.push(Operation::new("Tw", vec![word.clone()]));
                    operations.push(Operation::new("Tc", vec![char.clone()]));
                    operations.push(Operation::new("T*", vec![]));
                    operations.push(Operation::new("Tj", vec![text.clone()]));
                }
                _ => operations.push(op),
            }
        }
        if let Ok(bytes) = (Content { operations }).encode() {
            stream.set_plain_content(bytes);
        }
    }
}

/// Runs `f`, catching a panic without letting the panic hook print it.
fn quiet<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    hush::install();
    hush::QUIET.with(|q| q.set(q.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    hush::QUIET.with(|q| q.set(q.get() - 1));
    result
}

/// A panic hook that stays silent on a thread inside [`quiet`] and
/// otherwise does what the hook before it did.
mod hush {
    use std::cell::Cell;
    use std::sync::Once;

    thread_local! {
        pub static QUIET: Cell<u32> = const { Cell::new(0) };
    }

    pub(super) fn install() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            let before = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if QUIET.with(Cell::get) == 0 {
                    before(info);
                }
            }));
        });
    }
}

/// Every stream of the file as written (`stream` … `endstream`), inflated
/// where it is zlib data, counted against the budget: `lopdf` inflates
/// object streams while it loads, before [`measure`] can look.
fn raw_streams_within(bytes: &[u8], budget: u64) -> Result<(), Unreadable> {
    let mut spent = 0u64;
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"stream") {
        let start = at + found + b"stream".len();
        at = start;
        let Some([b'\r', b'\n', body @ ..] | [b'\n' | b'\r', body @ ..]) = bytes.get(start..) else {
            continue;
        };
        let end = memchr::memmem::find(body, b"endstream").unwrap_or(body.len());
        spent = spent.saturating_add(inflated_size(&body[..end], budget - spent.min(budget)));
        if spent > budget {
            return Err(too_big(budget));
        }
        at = start + (bytes.len() - start - body.len()) + end;
    }
    Ok(())
}

fn too_big(budget: u64) -> Unreadable {
    Unreadable::new(format!(
        "the PDF's streams decompress to more than {budget} bytes (a decompression bomb?); it is not read"
    ))
}

/// The size `data` inflates to as zlib (or raw deflate after a 2-byte
/// header, as lopdf retries), counting at most `cap + 1` bytes; 0 when it
/// is not compressed data.
fn inflated_size(data: &[u8], cap: u64) -> u64 {
    let count = |reader: &mut dyn Read| -> u64 {
        let mut sink = [0u8; 16 * 1024];
        let mut total = 0u64;
        let mut limited = reader.take(cap.saturating_add(1));
        loop {
            match limited.read(&mut sink) {
                Ok(0) | Err(_) => return total,
                Ok(n) => total += n as u64,
            }
        }
    };
    let zlib = count(&mut flate2::read::ZlibDecoder::new(data));
    if zlib > 0 || data.len() <= 2 {
        return zlib;
    }
    count(&mut flate2::read::DeflateDecoder::new(&data[2..]))
}

/// Checks the loaded document before `pdf-extract` walks it: page parent
/// chains, the forms pages draw, and the bytes all of it decompresses to.
fn measure(doc: &Document, budget: u64) -> Result<(), Unreadable> {
    let pages = doc.get_pages();
    let mut sizes: HashMap<ObjectId, u64> = HashMap::new();
    let mut size_of = |id: ObjectId| -> Result<u64, Unreadable> {
        if let Some(&n) = sizes.get(&id) {
            return Ok(n);
        }
        let n = match doc.objects.get(&id) {
            Some(Object::Stream(s)) => stream_size(s, budget)?,
            _ => 0,
        };
        sizes.insert(id, n);
        Ok(n)
    };
    let mut forms = Forms::default();
    let mut spent = 0u64;
    for &page in pages.values() {
        parent_chain(doc, page)?;
        for content in doc.get_page_contents(page) {
            spent = spent.saturating_add(size_of(content)?);
        }
        let Ok(dict) = doc.get_dictionary(page) else { continue };
        for form in xobjects_of(doc, dict) {
            spent = spent.saturating_add(forms.cost(doc, form, &mut size_of, budget)?);
        }
        if spent > budget {
            return Err(too_big(budget));
        }
    }
    Ok(())
}

/// The decompressed size of one stream, refusing the filters the reader
/// cannot bound.
fn stream_size(s: &pdf_extract::Stream, budget: u64) -> Result<u64, Unreadable> {
    let Ok(filters) = s.filters() else { return Ok(s.content.len() as u64) };
    match filters.as_slice() {
        [] => Ok(s.content.len() as u64),
        [b"FlateDecode"] => Ok(inflated_size(&s.content, budget)),
        f if f.iter().any(|f| *f == b"LZWDecode" || *f == b"FlateDecode") => Err(Unreadable::new(
            "the PDF uses a chain of stream filters that this reader does not open (LZW, or Flate after another)",
        )),
        // ASCII85 and the image filters lopdf leaves alone: about the
        // stored size.
        _ => Ok((s.content.len() as u64).saturating_mul(5) / 4 + 4),
    }
}

/// Refuses a page whose `/Parent` links loop or run deeper than
/// [`MAX_PARENT_CHAIN`]: pdf-extract follows them by recursion.
fn parent_chain(doc: &Document, page: ObjectId) -> Result<(), Unreadable> {
    let mut seen = HashSet::new();
    let mut at = page;
    for _ in 0..MAX_PARENT_CHAIN {
        if !seen.insert(at) {
            return Err(Unreadable::new("the PDF's page tree loops (a page is its own ancestor)"));
        }
        let Ok(dict) = doc.get_dictionary(at) else { return Ok(()) };
        match dict.get(b"Parent").and_then(Object::as_reference) {
            Ok(parent) => at = parent,
            Err(_) => return Ok(()),
        }
    }
    Err(Unreadable::new("the PDF's page tree is too deep"))
}

/// The form XObjects a page or form may draw: the references in its
/// `/Resources /XObject` dictionary.
fn xobjects_of(doc: &Document, dict: &pdf_extract::Dictionary) -> Vec<ObjectId> {
    let resolve = |o: &Object| -> Option<pdf_extract::Dictionary> {
        match o {
            Object::Dictionary(d) => Some(d.clone()),
            Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
            _ => None,
        }
    };
    let Some(resources) = dict.get(b"Resources").ok().and_then(resolve) else { return Vec::new() };
    let Some(xobjects) = resources.get(b"XObject").ok().and_then(resolve) else { return Vec::new() };
    xobjects.iter().filter_map(|(_, v)| v.as_reference().ok()).collect()
}

/// The cost of drawing each form: its own decompressed size plus the cost
/// of every form it may draw, found once each (depth-first without
/// recursion); a form that may draw itself, directly or not, is refused.
#[derive(Default)]
struct Forms {
    cost: HashMap<ObjectId, u64>,
}

impl Forms {
    fn cost(
        &mut self,
        doc: &Document,
        form: ObjectId,
        size_of: &mut impl FnMut(ObjectId) -> Result<u64, Unreadable>,
        budget: u64,
    ) -> Result<u64, Unreadable> {
        if let Some(&c) = self.cost.get(&form) {
            return Ok(c);
        }
        // (form, its children, whether they were pushed)
        let mut stack: Vec<(ObjectId, bool)> = vec![(form, false)];
        let mut on_path: HashSet<ObjectId> = HashSet::new();
        while let Some((id, expanded)) = stack.pop() {
            if self.cost.contains_key(&id) {
                continue;
            }
            let children = match doc.objects.get(&id) {
                Some(Object::Stream(s)) => xobjects_of(doc, &s.dict),
                _ => Vec::new(),
            };
            if !expanded {
                if !on_path.insert(id) {
                    return Err(Unreadable::new(
                        "the PDF's drawings draw themselves (a loop of form XObjects)",
                    ));
                }
                stack.push((id, true));
                for child in children {
                    if on_path.contains(&child) {
                        return Err(Unreadable::new(
                            "the PDF's drawings draw themselves (a loop of form XObjects)",
                        ));
                    }
                    if !self.cost.contains_key(&child) {
                        stack.push((child, false));
                    }
                }
                continue;
            }
            on_path.remove(&id);
            let mut total = size_of(id)?;
            for child in children {
                total = total.saturating_add(self.cost.get(&child).copied().unwrap_or(0));
            }
            if total > budget {
                return Err(too_big(budget));
            }
            self.cost.insert(id, total);
        }
        Ok(self.cost.get(&form).copied().unwrap_or(0))
    }
}

/// Text written page by page, words and lines placed much as
/// pdf-extract's plain-text output places them (which puts a blank line
/// after every line of text).
#[derive(Default)]
struct Pages {
    text: String,
    page: String,
    page_height: f64,
    last_end: f64,
    last_y: f64,
    first_char: bool,
}

impl Pages {
    fn finish(mut self) -> String {
        self.end_page_text();
        self.text
    }

    fn end_page_text(&mut self) {
        let page = std::mem::take(&mut self.page);
        let page = page.trim_matches(|c: char| c.is_whitespace());
        if page.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.text.push_str(page);
    }
}

impl OutputDev for Pages {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.end_page_text();
        self.page_height = media_box.ury - media_box.lly;
        self.last_end = 100000.0;
        self.last_y = 0.0;
        self.first_char = false;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // The page flipped upside down (y grows downwards), as pdf-extract's
        // PlainTextOutput does with its `flip_ctm`.
        let (x, y) = (trm.m31, self.page_height - trm.m32);
        let sx = font_size * trm.m11 + font_size * trm.m21;
        let sy = font_size * trm.m12 + font_size * trm.m22;
        let size = (sx * sy).abs().sqrt();
        if self.first_char {
            // Down a line: a line break; down more than two lines' worth:
            // a blank line (a new paragraph); onwards on the line: a space
            // where the gap is wider than a tenth of the font.
            let down = (y - self.last_y).abs();
            if down > size * 0.5 {
                self.page.push('\n');
                if down > size * 2.0 {
                    self.page.push('\n');
                }
            } else if x > self.last_end + size * 0.1 {
                self.page.push(' ');
            }
        }
        self.page.push_str(char);
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.first_char = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
