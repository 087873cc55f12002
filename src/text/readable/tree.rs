//! Parsing a page as HTML5 (html5ever's tokenizer and tree builder, into a
//! `dom_query` arena) in time proportional to its size.
//!
//! html5ever's tree builder looks through the stack of open elements for
//! many start tags (`<div>` first closes a `<p>` "in button scope", which
//! means walking the stack down to a scope boundary), so 100,000 nested
//! `<div>`s cost 100,000² steps: minutes. Browsers cap the depth instead
//! (Blink stops nesting at 512 and adds deeper elements as siblings). This
//! parse does the same at [`MAX_DEPTH`]: a token filter between the
//! tokenizer and the tree builder drops the start tags (and their end
//! tags) of elements that would open deeper than that, so their text goes
//! to the deepest element allowed. Pages people read never come near it.
//! Elements whose content is raw text (`script`, `style`, `textarea`...)
//! are never dropped, so what is a script stays a script.
//!
//! The depth is known from the sink: each node's depth is its parent's
//! plus one when it is appended, and the depth of the last append is
//! where the tree builder is inserting. Parse errors are not kept (the
//! default sink keeps every message: memory a hostile page would choose).
//!
//! Text comes from the tokenizer in pieces (`<<<<` is one piece per `<`),
//! and dom_query appends each piece to the text node before it by copying
//! that node: a megabyte of such pieces would cost a megabyte squared. The
//! sink gathers consecutive pieces for one place in a `String` and appends
//! them at once, before any other change to the tree (reads that do not
//! look at text need no flush): the same tree.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use dom_query::{Document, NodeId};
use html5ever::interface::TokenizerResult;
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{Attribute, LocalName, QualName};

/// Elements open deeper than this are not nested further (Blink's limit).
pub(super) const MAX_DEPTH: u32 = 512;

/// `text` parsed as an HTML5 document, its depth capped at [`MAX_DEPTH`].
pub(super) fn parse(text: &str) -> Document {
    let builder = TreeBuilder::new(
        Depths::new(Document::default()),
        // As a reader's browser: scripts run, so `noscript` is not shown
        // (the walk skips it either way).
        TreeBuilderOpts { scripting_enabled: false, ..TreeBuilderOpts::default() },
    );
    let tokenizer =
        Tokenizer::new(Capped { builder, dropped: RefCell::new(HashMap::new()) }, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(text));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    let Tokenizer { sink, .. } = tokenizer;
    sink.builder.sink.finish()
}

/// The token filter: drops start tags that would open deeper than the cap,
/// and as many end tags of the same name.
struct Capped {
    builder: TreeBuilder<NodeId, Depths>,
    /// End tags still to drop, by name.
    dropped: RefCell<HashMap<LocalName, usize>>,
}

impl TokenSink for Capped {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        if let Token::TagToken(tag) = &token {
            match tag.kind {
                TagKind::StartTag
                    if self.builder.sink.insertion_depth.get() >= MAX_DEPTH
                        && !tag.self_closing
                        && !keeps_its_content(&tag.name) =>
                {
                    *self.dropped.borrow_mut().entry(tag.name.clone()).or_default() += 1;
                    return TokenSinkResult::Continue;
                }
                TagKind::EndTag => {
                    let mut dropped = self.dropped.borrow_mut();
                    if let Some(n) = dropped.get_mut(&tag.name)
                        && *n > 0
                    {
                        *n -= 1;
                        return TokenSinkResult::Continue;
                    }
                }
                TagKind::StartTag => {}
            }
        }
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Elements that are void (no content to nest) or whose content the
/// tokenizer reads as raw text: never dropped.
fn keeps_its_content(name: &LocalName) -> bool {
    matches!(
        &**name,
        "script"
            | "style"
            | "textarea"
            | "title"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "plaintext"
            | "template"
            | "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Where gathered text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Appended to this parent.
    In(NodeId),
    /// Inserted before this sibling (foster parenting).
    Before(NodeId),
}

/// dom_query's sink, knowing each node's depth.
struct Depths {
    doc: Document,
    /// Text pieces not appended yet, and where they go.
    text: RefCell<Option<(Place, String)>>,
    /// Depth by node; absent (0) for the document and for nodes not
    /// appended yet.
    depth: RefCell<foldhash::HashMap<NodeId, u32>>,
    /// The depth of the node last appended: where the tree builder inserts.
    insertion_depth: Cell<u32>,
}

impl Depths {
    fn new(doc: Document) -> Depths {
        Depths {
            doc,
            text: RefCell::new(None),
            depth: RefCell::new(foldhash::HashMap::default()),
            insertion_depth: Cell::new(0),
        }
    }

    /// Appends the gathered text, if any.
    fn flush(&self) {
        let Some((place, text)) = self.text.borrow_mut().take() else { return };
        let text = NodeOrText::AppendText(StrTendril::from(text));
        match place {
            Place::In(parent) => self.doc.append(&parent, text),
            Place::Before(sibling) => self.doc.append_before_sibling(&sibling, text),
        }
    }

    /// Gathers a piece of text for `place`.
    fn gather(&self, place: Place, piece: &str) {
        {
            let mut text = self.text.borrow_mut();
            if let Some((at, gathered)) = text.as_mut()
                && *at == place
            {
                gathered.push_str(piece);
                return;
            }
        }
        self.flush();
        *self.text.borrow_mut() = Some((place, piece.to_owned()));
    }

    fn depth_of(&self, id: NodeId) -> u32 {
        self.depth.borrow().get(&id).copied().unwrap_or(0)
    }

    /// Notes that `child` now sits at `depth`.
    fn place(&self, child: &NodeOrText<NodeId>, depth: u32) {
        if let NodeOrText::AppendNode(id) = child {
            self.depth.borrow_mut().insert(*id, depth);
        }
        self.insertion_depth.set(depth);
    }
}

impl TreeSink for Depths {
    type Handle = NodeId;
    type Output = Document;
    type ElemName<'a> = <Document as TreeSink>::ElemName<'a>;

    fn finish(self) -> Document {
        self.flush();
        self.doc
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        self.doc.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.doc.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.doc.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.doc.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.doc.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.place(&child, self.depth_of(*parent).saturating_add(1));
        match child {
            NodeOrText::AppendText(piece) => self.gather(Place::In(*parent), &piece),
            node @ NodeOrText::AppendNode(_) => {
                self.flush();
                self.doc.append(parent, node);
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        self.flush();
        self.place(&child, self.depth_of(*element).max(self.depth_of(*prev_element).saturating_add(1)));
        self.doc.append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.flush();
        self.doc.append_doctype_to_document(name, public_id, system_id);
    }

    fn mark_script_already_started(&self, node: &NodeId) {
        self.doc.mark_script_already_started(node);
    }

    fn pop(&self, node: &NodeId) {
        self.doc.pop(node);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.doc.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.doc.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.doc.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.place(&new_node, self.depth_of(*sibling));
        match new_node {
            NodeOrText::AppendText(piece) => self.gather(Place::Before(*sibling), &piece),
            node @ NodeOrText::AppendNode(_) => {
                self.flush();
                self.doc.append_before_sibling(sibling, node);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.doc.add_attrs_if_missing(target, attrs);
    }

    fn associate_with_form(&self, target: &NodeId, form: &NodeId, nodes: (&NodeId, Option<&NodeId>)) {
        self.doc.associate_with_form(target, form, nodes);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.flush();
        self.doc.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.flush();
        self.doc.reparent_children(node, new_parent);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.doc.is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line_number: u64) {
        self.doc.set_current_line(line_number);
    }

    fn allow_declarative_shadow_roots(&self, intended_parent: &NodeId) -> bool {
        self.doc.allow_declarative_shadow_roots(intended_parent)
    }

    fn attach_declarative_shadow(&self, location: &NodeId, template: &NodeId, attrs: &[Attribute]) -> bool {
        self.flush();
        self.doc.attach_declarative_shadow(location, template, attrs)
    }

    fn maybe_clone_an_option_into_selectedcontent(&self, option: &NodeId) {
        self.flush();
        self.doc.maybe_clone_an_option_into_selectedcontent(option);
    }
}
