//! The language server (`claimtrail lsp`, docs/reference.md section 6.1): this stage
//! owns the protocol session with one editor over a `lsp_server`
//! connection. It loads the store once at `initialize`, keeps the
//! editor's open buffers over it, and answers with the pure analysis of the
//! stages before it: the findings of `check` (on a part of the store, see
//! [`scope`]), ids and details from the records, track records from
//! `compare`, resealing from `text::reseal_text`, suggestions from
//! `text::suggest`.
//!
//! It never writes a file: fixes are edits the editor applies to its
//! buffer. Files are read only through `store`. Record text reaches the
//! editor escaped as the renderers escape it (`render::escape`).

mod actions;
mod buffer;
mod complete;
mod definition;
mod diagnostics;
mod fields;
pub(crate) mod frame;
mod hover;
mod position;
pub(crate) mod scope;
mod server;
mod uri;
mod workspace;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, InitializeParams, InitializeResult, OneOf, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
};

use crate::failure::Failure;
use crate::store::Store;

pub(crate) use scope::Scope;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// `shutdown`, then `exit`.
    Clean,
    /// `exit` without `shutdown`, or the editor went away (LSP: exit 1).
    Abrupt,
}

/// Serves one editor on `connection` until it exits. The store is the
/// one found from the client's workspace folder (or root), else from
/// `dir`. Fails (after answering `initialize` with the error) when the
/// store cannot be read.
pub(crate) fn serve(
    connection: &Connection,
    dir: &Path,
    scope: Scope,
    text_cache: Option<PathBuf>,
) -> Result<Ending, Failure> {
    let protocol = |e: lsp_server::ProtocolError| Failure::new(format!("language server protocol: {e}"));
    let (id, params) = connection.initialize_start().map_err(protocol)?;
    let params: InitializeParams = match serde_json::from_value(params) {
        Ok(p) => p,
        Err(e) => {
            let message = format!("cannot read the initialize request: {e}");
            let _ = connection
                .sender
                .send(Response::new_err(id, ErrorCode::InvalidParams as i32, message.clone()).into());
            return Err(Failure::new(message));
        }
    };
    let root = client_root(&params).unwrap_or_else(|| dir.to_path_buf());
    let store = Store::discover(&root).map(|mut store| {
        store.text_cache = text_cache;
        store
    });
    let workspace = match store.and_then(workspace::Workspace::load) {
        Ok(ws) => ws,
        Err(e) => {
            let message = format!("cannot load the store at {}: {e}", root.display());
            let _ = connection
                .sender
                .send(Response::new_err(id, ErrorCode::RequestFailed as i32, message.clone()).into());
            return Err(Failure::new(message));
        }
    };
    let encoding = position::Encoding::negotiate(
        params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref()),
    );
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "claimtrail".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    let result = serde_json::to_value(result).expect("the initialize result serializes");
    connection.initialize_finish(id, result).map_err(protocol)?;
    let mut server = server::Server::new(connection, workspace, encoding, scope, &params.capabilities);
    let ending = server.run();
    // The process ends right after the session, and the system takes the
    // memory back at once: freeing 100,000 records one by one would only
    // delay the editor's exit (as `cli::exit::free_at_exit` does for the
    // commands). The server holds nothing that must be flushed.
    std::mem::forget(server);
    Ok(ending)
}

/// The folder the client opened: its first workspace folder, else its
/// root.
fn client_root(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params.workspace_folders.as_ref().and_then(|f| f.first()).map(|f| &f.uri);
    #[allow(deprecated)] // `rootUri` is what older clients send.
    let folder = folder.or(params.root_uri.as_ref());
    uri::to_path(folder?)
}

fn capabilities(encoding: position::Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            ..TextDocumentSyncOptions::default()
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".to_owned(), "(".to_owned(), "[".to_owned()]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}
