use std::io::{self, BufRead, Write};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;

use lsp_server::{Connection, Message};

use super::Ctx;
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::lsp::{Ending, Scope, frame};

/// Run a language server on standard input and output, for editors.
///
/// Speaks the Language Server Protocol (3.17) over stdio: diagnostics of
/// `check` for each open record as it is edited (unsaved text, within the
/// whole store), completion of ids and variants, hover, go to definition,
/// and code actions that reseal the hash or fix a mistyped id. It never
/// writes a file. The store is found from the editor's workspace folder
/// (else from the working directory, or -C DIR). docs/editors.md shows the
/// set-up for VS Code, Neovim and Helix. A message over 64 MiB, or a
/// malformed header, ends the session with exit status 2.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Check the whole store on every edit instead of the records that
    /// decide the edited file's findings (for benchmarks).
    #[arg(long, hide = true)]
    pub check_whole_store: bool,
}

/// Serves until the editor exits: 0 after `shutdown` and `exit`, 1 when
/// the editor exits or goes away without `shutdown` (as LSP asks), 2 when
/// its input cannot be read as the protocol's frames (`lsp::frame`).
pub(super) fn run(args: Args, ctx: &Ctx) -> Result<u8> {
    let scope = if args.check_whole_store { Scope::Store } else { Scope::Record };
    let (connection, transport) = stdio();
    let ending = crate::lsp::serve(&connection, &ctx.dir, scope, crate::store::text_cache::folder());
    // The writer thread ends once every sender is gone.
    drop(connection);
    if let Some(refused) = transport.refused.get() {
        return Err(Failure::new(format!("language server protocol: {refused}"))
            .with_help("claimtrail lsp reads messages of at most 64 MiB with well-formed headers"));
    }
    let ending = ending?;
    if ending == Ending::Clean {
        transport.join().map_err(|e| Failure::new(format!("language server input or output: {e}")))?;
    }
    Ok(if ending == Ending::Clean { exit::OK } else { exit::FINDINGS })
}

/// The threads that carry messages between standard input and output and
/// the session, and why the input was refused, if it was.
struct Transport {
    reader: JoinHandle<io::Result<()>>,
    writer: JoinHandle<io::Result<()>>,
    refused: Arc<OnceLock<String>>,
}

impl Transport {
    fn join(self) -> io::Result<()> {
        let joined =
            |h: JoinHandle<io::Result<()>>| h.join().unwrap_or_else(|_| Err(io::Error::other("panicked")));
        joined(self.reader)?;
        joined(self.writer)
    }
}

/// How many read messages may wait for the session: enough that a burst
/// of edits is seen as one (the session publishes once none is waiting),
/// few enough that the input held stays a few messages.
const WAITING: usize = 8;

/// A connection over standard input and output whose input is read by
/// `lsp::frame` (lsp_server's own reader trusts `Content-Length`), and
/// whose output is written by lsp_server's framing.
fn stdio() -> (Connection, Transport) {
    let (to_session, from_client) = crossbeam_channel::bounded::<Message>(WAITING);
    let (to_client, from_session) = crossbeam_channel::bounded::<Message>(0);
    let refused = Arc::new(OnceLock::new());
    let why = Arc::clone(&refused);
    let reader = std::thread::Builder::new()
        .name("lsp-reader".to_owned())
        .spawn(move || {
            let mut input = io::stdin().lock();
            read_frames(&mut input, &to_session, &why);
            // Dropping `to_session` (after the refusal is recorded) ends the session.
            Ok(())
        })
        .expect("a thread starts");
    let writer = std::thread::Builder::new()
        .name("lsp-writer".to_owned())
        .spawn(move || {
            let mut output = io::stdout().lock();
            for message in from_session {
                message.write(&mut output)?;
                output.flush()?;
            }
            Ok(())
        })
        .expect("a thread starts");
    (Connection { sender: to_client, receiver: from_client }, Transport { reader, writer, refused })
}

/// Passes each message to the session until `exit`, the end of the input,
/// the session's end, or a refusal (recorded in `refused`).
fn read_frames(
    input: &mut impl BufRead,
    to_session: &crossbeam_channel::Sender<Message>,
    refused: &OnceLock<String>,
) {
    loop {
        match frame::read(input) {
            Ok(Some(message)) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if to_session.send(message).is_err() || exit {
                    return;
                }
            }
            Ok(None) => return,
            Err(e) => {
                let _ = refused.set(e.to_string());
                return;
            }
        }
    }
}
