use std::io::Write;
use std::path::PathBuf;

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::Result;
use crate::render::init as render;
use crate::store::git::config::{claimtrail_on_path, drivers, register_drivers};

/// Start a store in DIR (default: the working directory).
///
/// Writes claimtrail.ron, schemas/measures.ron with a starter vocabulary
/// (killed, wounded, missing, displaced, arrested, responsible, claimed-by,
/// occurred, recruits and more, each with its kind, unit, trend and
/// description), the folders claims/ and sources/snapshots/, and a
/// .gitattributes that sends records through `claimtrail textconv` for
/// `git diff` and `claimtrail merge` for `git merge`. With `--git`, the
/// drivers registered run this binary by its absolute path (else
/// `claimtrail` on the PATH), and the merge driver falls back to
/// `git merge-file` (git's line merge, with conflict markers) when
/// claimtrail cannot run, so a merge never loses an edit. init warns when
/// claimtrail is not on the PATH. A file that exists is
/// kept as it is: init never overwrites, and is safe to run again. `check`
/// passes right after it; `new source`, `new document` and `new claim`
/// fill the store.
///
/// Example: `claimtrail init kerman-2024 --git`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The folder of the new store; created if needed.
    #[arg(id = "store_dir", value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Also register the textconv and the merge driver in the git
    /// repository's config (.git/config) that holds DIR, as `git config`
    /// would; a repository is created at DIR when it is in none.
    #[arg(long)]
    pub git: bool,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let dir = match &args.dir {
        Some(d) => ctx.dir.join(d),
        None => ctx.dir.clone(),
    };
    // Like every writer, init holds the store lock (on the folder, once
    // it exists) and first removes what killed writes left.
    std::fs::create_dir_all(&dir)
        .map_err(|e| crate::failure::Failure::new(format!("cannot create {}: {e}", dir.display())))?;
    let mut existing = ctx_store(&dir)?;
    existing.lock_wait = ctx.lock_wait;
    let lock = super::lock_store(&existing)?;
    lock.report(out)?;
    let (store, steps) = crate::store::init::init(&dir)?;
    // The drivers name this binary by its path, so that git finds it
    // without the PATH; and fall back to git's line merge without it.
    let exe = std::env::current_exe().ok().filter(|p| p.is_absolute());
    let registered = if args.git { Some(register_drivers(&store.root, exe.as_deref())?) } else { None };
    let (named, portable) = (drivers(exe.as_deref()), drivers(None));
    let git = render::Git {
        exe: (named[0].1 != portable[0].1).then(|| exe.as_ref().map(|p| p.display().to_string())).flatten(),
        drivers: named.into(),
        portable: portable.into(),
        on_path: claimtrail_on_path(),
    };
    let shown = args.dir.as_ref().map_or_else(|| ".".to_owned(), |d| d.display().to_string());
    render::human(out, ctx.style, &shown, &steps, registered.as_ref(), &git).map_err(io_failure)?;
    Ok(exit::OK)
}

/// The store at `dir` as it is before init writes anything.
fn ctx_store(dir: &std::path::Path) -> Result<crate::store::Store> {
    crate::store::Store::open(dir.to_path_buf())
        .map_err(|e| crate::failure::Failure::new(format!("cannot open {}: {e}", dir.display())))
}
