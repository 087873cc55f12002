//! The session after `initialize`: one loop that takes the editor's
//! messages in order, keeps the buffers, answers requests, and publishes
//! the diagnostics of the files an edit touched once no message is
//! waiting (a burst of keystrokes is checked once, at its end).
//!
//! A request whose handling fails gets an error response; a bug that
//! panics is caught at the message, reported to the editor and survived,
//! so a hostile record can cost at most the answer it caused.

use std::collections::{BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, Completion, GotoDefinition, HoverRequest, RegisterCapability, Request as _,
};
use lsp_types::{
    ClientCapabilities, DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern,
    MessageType, PublishDiagnosticsParams, Registration, RegistrationParams, ShowMessageParams, Uri,
};

use crate::finding::Diagnostic;
use crate::lsp::actions::EditForm;
use crate::lsp::buffer::{Buffer, Parsed};
use crate::lsp::position::Encoding;
use crate::lsp::scope::Scope;
use crate::lsp::workspace::Workspace;
use crate::lsp::{Ending, actions, complete, definition, diagnostics, hover};
use crate::model::RecordKind;
use crate::store::contents::Entry;

pub(super) struct Server<'a> {
    connection: &'a Connection,
    ws: Workspace,
    encoding: Encoding,
    scope: Scope,
    edits: EditForm,
    /// Open files whose diagnostics are due.
    dirty: BTreeSet<String>,
    /// The findings last published for each open file, with the buffer
    /// version they are of (for code actions).
    published: HashMap<String, (i32, Vec<Diagnostic>)>,
    track_records: hover::TrackRecords,
    shut_down: bool,
}

/// A request's answer, or its error.
type Answer = Result<serde_json::Value, (ErrorCode, String)>;

impl<'a> Server<'a> {
    pub(super) fn new(
        connection: &'a Connection,
        ws: Workspace,
        encoding: Encoding,
        scope: Scope,
        client: &ClientCapabilities,
    ) -> Server<'a> {
        let workspace = client.workspace.as_ref();
        let versioned = workspace.and_then(|w| w.workspace_edit.as_ref()?.document_changes).unwrap_or(false);
        let server = Server {
            connection,
            ws,
            encoding,
            scope,
            edits: if versioned { EditForm::Versioned } else { EditForm::Plain },
            dirty: BTreeSet::new(),
            published: HashMap::new(),
            track_records: hover::TrackRecords::default(),
            shut_down: false,
        };
        if workspace.and_then(|w| w.did_change_watched_files?.dynamic_registration).unwrap_or(false) {
            server.watch_files();
        }
        server
    }

    /// Takes messages until `exit` or the end of the input.
    pub(super) fn run(&mut self) -> Ending {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(req) => self.request(req),
                Message::Notification(n) if n.method == lsp_types::notification::Exit::METHOD => {
                    return if self.shut_down { Ending::Clean } else { Ending::Abrupt };
                }
                Message::Notification(n) => {
                    let method = n.method.clone();
                    if catch_unwind(AssertUnwindSafe(|| self.notification(n))).is_err() {
                        self.show(
                            MessageType::ERROR,
                            format!("claimtrail lsp failed on {method}; please report it"),
                        );
                    }
                }
                // Answers to the server's own requests (registrations).
                Message::Response(_) => {}
            }
            if self.connection.receiver.is_empty() {
                self.publish_due();
            }
        }
        Ending::Abrupt
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let answer = if self.shut_down {
            Err((ErrorCode::InvalidRequest, "the server is shutting down".to_owned()))
        } else if req.method == lsp_types::request::Shutdown::METHOD {
            self.shut_down = true;
            Ok(serde_json::Value::Null)
        } else {
            let method = req.method.clone();
            catch_unwind(AssertUnwindSafe(|| self.answer(req))).unwrap_or_else(|_| {
                Err((
                    ErrorCode::InternalError,
                    format!("claimtrail lsp failed on {method}; please report it"),
                ))
            })
        };
        self.respond(id, answer);
    }

    fn answer(&mut self, req: Request) -> Answer {
        let encoding = self.encoding;
        match req.method.as_str() {
            Completion::METHOD => {
                let p: lsp_types::CompletionParams = params(req)?;
                let rel = self.open_file(&p.text_document_position.text_document.uri)?;
                let position = p.text_document_position.position;
                json(complete::complete(&self.ws, &rel, position, encoding))
            }
            HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = params(req)?;
                let rel = self.open_file(&p.text_document_position_params.text_document.uri)?;
                let position = p.text_document_position_params.position;
                json(hover::hover(&self.ws, &mut self.track_records, &rel, position, encoding))
            }
            GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = params(req)?;
                let rel = self.open_file(&p.text_document_position_params.text_document.uri)?;
                let position = p.text_document_position_params.position;
                json(definition::definition(&self.ws, &rel, position, encoding))
            }
            CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = params(req)?;
                let rel = self.open_file(&p.text_document.uri)?;
                let found = self.current_findings(&rel);
                json(actions::actions(&self.ws, &rel, &p, &found, encoding, self.edits))
            }
            other => Err((ErrorCode::MethodNotFound, format!("claimtrail lsp does not answer {other}"))),
        }
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params) else {
                    return;
                };
                let doc = p.text_document;
                let Some(rel) = self.rel_of(&doc.uri) else { return };
                let before = self.ws.record(&rel).cloned();
                let buffer = Buffer {
                    uri: doc.uri,
                    version: doc.version,
                    text: doc.text,
                    lost: None,
                    parsed: Parsed::Other,
                };
                self.ws.set_buffer(&rel, buffer);
                self.touched(&rel, before);
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params) else {
                    return;
                };
                let Some(rel) = self.rel_of(&p.text_document.uri) else { return };
                let before = self.ws.record(&rel).cloned();
                let Some(buffer) = self.ws.buffers.get_mut(&rel) else { return };
                buffer.version = p.text_document.version;
                buffer.apply(p.content_changes, self.encoding);
                self.ws.reparse(&rel);
                self.touched(&rel, before);
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params) else {
                    return;
                };
                let Some(rel) = self.rel_of(&p.text_document.uri) else { return };
                let before = self.ws.record(&rel).cloned();
                if let Some(buffer) = self.ws.close(&rel) {
                    self.dirty.remove(&rel);
                    self.published.remove(&rel);
                    self.send_diagnostics(buffer.uri, Vec::new(), None);
                    self.touched(&rel, before);
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(n.params) else {
                    return;
                };
                let changed: Vec<String> = p.changes.iter().filter_map(|c| self.rel_of(&c.uri)).collect();
                if changed.is_empty() {
                    return;
                }
                if let Err(e) = self.ws.reload(&changed) {
                    self.show(MessageType::ERROR, format!("claimtrail cannot read the store again: {e}"));
                }
                self.dirty.extend(self.ws.buffers.keys().cloned());
            }
            // Saving changes nothing the buffer did not have; the files
            // watched report what changed on disk.
            _ => {}
        }
    }

    /// Marks the files whose findings an edit of `rel` may change: itself,
    /// and the open records that name its id or share its group; every
    /// open file when a source, a document or the measures changed.
    fn touched(&mut self, rel: &str, before: Option<Entry>) {
        self.dirty.insert(rel.to_owned());
        let after = self.ws.record(rel);
        let changed: Vec<&Entry> = before.iter().chain(after).collect();
        let everything = changed.is_empty() || changed.iter().any(|e| e.record.kind() != RecordKind::Claim);
        let group = |e: &Entry| e.record.as_claim().map(|c| (c.subject.clone(), c.measure.clone()));
        let ids: Vec<&str> = changed.iter().map(|e| e.record.id()).collect();
        let groups: Vec<_> = changed.iter().filter_map(|e| group(e)).collect();
        let due: Vec<String> = self
            .ws
            .buffers
            .iter()
            .filter(|(other, b)| {
                other.as_str() != rel
                    && match &b.parsed {
                        Parsed::Record(e, strings) => {
                            everything
                                || ids.iter().any(|id| strings.contains(*id))
                                || group(e).is_some_and(|g| groups.contains(&g))
                        }
                        Parsed::Broken(_) | Parsed::Other => false,
                    }
            })
            .map(|(other, _)| other.clone())
            .collect();
        self.dirty.extend(due);
    }

    /// Publishes the diagnostics of every file marked due.
    fn publish_due(&mut self) {
        for rel in std::mem::take(&mut self.dirty) {
            let Some(found) = diagnostics::findings(&mut self.ws, &rel, self.scope) else { continue };
            let shown = diagnostics::to_protocol(&self.ws, &rel, &found, self.encoding);
            let Some(buffer) = self.ws.buffers.get(&rel) else { continue };
            let (uri, version) = (buffer.uri.clone(), buffer.version);
            self.send_diagnostics(uri, shown, Some(version));
            self.published.insert(rel, (version, found));
        }
    }

    /// The findings of an open file as of its current text.
    fn current_findings(&mut self, rel: &str) -> Vec<Diagnostic> {
        let version = self.ws.buffers.get(rel).map(|b| b.version);
        match self.published.get(rel) {
            Some((v, found)) if Some(*v) == version && !self.dirty.contains(rel) => found.clone(),
            _ => diagnostics::findings(&mut self.ws, rel, self.scope).unwrap_or_default(),
        }
    }

    fn send_diagnostics(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams { uri, diagnostics, version };
        self.notify(PublishDiagnostics::METHOD, params);
    }

    fn show(&self, typ: MessageType, message: String) {
        self.notify(ShowMessage::METHOD, ShowMessageParams { typ, message });
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        // The editor has gone when the channel is closed; the loop ends.
        let _ = self.connection.sender.send(Notification::new(method.to_owned(), params).into());
    }

    fn respond(&self, id: RequestId, answer: Answer) {
        let response = match answer {
            Ok(result) => Response { id, response_result: Ok(result) },
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        let _ = self.connection.sender.send(response.into());
    }

    /// Asks the editor to report changes on disk to records, measures,
    /// the configuration and snapshots.
    fn watch_files(&self) {
        let snapshots =
            format!("**/{}/**", self.ws.store.config.snapshots().rsplit('/').next().unwrap_or("snapshots"));
        let watchers = ["**/*.ron".to_owned(), snapshots]
            .into_iter()
            .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob), kind: None })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "claimtrail-watched-files".to_owned(),
            method: DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: serde_json::to_value(options).ok(),
        };
        let params = RegistrationParams { registrations: vec![registration] };
        let request = Request::new(
            RequestId::from("claimtrail-watch".to_owned()),
            RegisterCapability::METHOD.to_owned(),
            params,
        );
        let _ = self.connection.sender.send(request.into());
    }

    /// A file of the store, by the editor's name for it.
    fn rel_of(&self, uri: &Uri) -> Option<String> {
        self.ws.store.name_of(&crate::lsp::uri::to_path(uri)?)
    }

    /// An open file of the store; an error answer otherwise.
    fn open_file(&self, uri: &Uri) -> Result<String, (ErrorCode, String)> {
        self.rel_of(uri).filter(|rel| self.ws.buffers.contains_key(rel)).ok_or_else(|| {
            (ErrorCode::InvalidParams, format!("{} is not an open file of the store", uri.as_str()))
        })
    }
}

fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(req.params)
        .map_err(|e| (ErrorCode::InvalidParams, format!("cannot read the {} request: {e}", req.method)))
}

fn json(value: impl serde::Serialize) -> Answer {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}
