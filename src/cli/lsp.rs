use super::Ctx;
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::lsp::{Ending, Scope};

/// Run a language server on standard input and output, for editors.
///
/// Speaks the Language Server Protocol (3.17) over stdio: diagnostics of
/// `check` for each open record as it is edited (unsaved text, within the
/// whole store), completion of ids and variants, hover, go to definition,
/// and code actions that reseal the hash or fix a mistyped id. It never
/// writes a file. The store is found from the editor's workspace folder
/// (else from the working directory, or -C DIR). docs/editors.md shows the
/// set-up for VS Code, Neovim and Helix.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Check the whole store on every edit instead of the records that
    /// decide the edited file's findings (for benchmarks).
    #[arg(long, hide = true)]
    pub check_whole_store: bool,
}

/// Serves until the editor exits: 0 after `shutdown` and `exit`, 1 when
/// the editor exits or goes away without `shutdown` (as LSP asks).
pub fn run(args: Args, ctx: &Ctx) -> Result<u8> {
    let scope = if args.check_whole_store { Scope::Store } else { Scope::Record };
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let ending = crate::lsp::serve(&connection, &ctx.dir, scope);
    // The writer thread ends once every sender is gone.
    drop(connection);
    let ending = ending?;
    if ending == Ending::Clean {
        io_threads.join().map_err(|e| Failure::new(format!("language server input or output: {e}")))?;
    }
    Ok(if ending == Ending::Clean { exit::OK } else { exit::FINDINGS })
}
