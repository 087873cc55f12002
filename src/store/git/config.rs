//! git's configuration as the store needs it: who the user is (the default
//! rater and reviewer of `new`), and registering claimtrail's textconv and
//! merge driver in a repository's own config (`init --git`), read and
//! written through libgit2's config API as `git config` would; and leaving
//! out the user's global configuration files when they cannot be read.

use std::path::Path;

use git2::{ConfigLevel, ErrorCode, Repository};

use crate::failure::{Failure, Result};

/// The git config entries that `diff=claimtrail` and `merge=claimtrail` in
/// .gitattributes name: the textconv of `git diff` and the merge driver of
/// `git merge`, as `git config KEY VALUE` would set them. `%O %A %B %P`
/// are git's placeholders for the base, ours (also the result), theirs and
/// the path.
pub const DRIVERS: [(&str, &str); 3] = [
    ("diff.claimtrail.textconv", "claimtrail textconv"),
    ("merge.claimtrail.name", "claimtrail: field-by-field merge of records"),
    ("merge.claimtrail.driver", "claimtrail merge %O %A %B %P"),
];

/// What registering the drivers did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    /// The repository's git folder.
    pub git_dir: String,
    /// Whether the repository was created by this call.
    pub created: bool,
}

/// Writes [`DRIVERS`] to the config of the repository holding `dir`
/// (`.git/config`), creating a repository at `dir` when it is in none.
pub fn register_drivers(dir: &Path) -> Result<Registered> {
    let (repo, created) = match Repository::discover(dir) {
        Ok(repo) => (repo, false),
        Err(e) if e.code() == ErrorCode::NotFound => {
            let repo = Repository::init(dir).map_err(|e| {
                Failure::new(format!("cannot create a git repository at {}: {}", dir.display(), e.message()))
            })?;
            (repo, true)
        }
        Err(e) => {
            return Err(Failure::new(format!(
                "cannot open the git repository of {}: {}",
                dir.display(),
                e.message()
            )));
        }
    };
    let cannot = |e: git2::Error| {
        Failure::new(format!("cannot write the repository's git config: {}", e.message()))
            .with_help("check the permissions of .git/config")
    };
    let mut config = repo.config().and_then(|c| c.open_level(ConfigLevel::Local)).map_err(cannot)?;
    for (key, value) in DRIVERS {
        config.set_str(key, value).map_err(cannot)?;
    }
    Ok(Registered { git_dir: repo.path().display().to_string(), created })
}

/// Makes libgit2 leave out the user's global configuration files
/// (`~/.gitconfig`, `$XDG_CONFIG_HOME/git/config` or `~/.config/git/config`)
/// when one exists but cannot be read: an unreadable home folder, or a
/// link loop. libgit2 would refuse to open any repository then, so every
/// command that reads history would fail; git itself warns and goes on.
/// Returns each file left out with the reason, for a warning. Files that
/// are missing or readable change nothing (the usual case: no effect).
///
/// # Safety
///
/// libgit2's search paths are global state that it reads without a lock:
/// call this before any other thread can use git2 (at the start of
/// `main`).
pub unsafe fn skip_unreadable_global_config() -> Vec<String> {
    let mut skipped = Vec::new();
    for (level, path) in global_config_files() {
        let Err(why) = readable(&path) else { continue };
        // SAFETY: the caller runs this before any other thread uses git2.
        // An empty search path makes libgit2 look for no file of that level.
        if unsafe { git2::opts::set_search_path(level, "") }.is_ok() {
            skipped.push(format!(
                "{} cannot be read ({why}); git's settings in it are left out",
                path.display()
            ));
        }
    }
    skipped
}

/// The global configuration files libgit2 reads, by level.
fn global_config_files() -> Vec<(ConfigLevel, std::path::PathBuf)> {
    #[allow(deprecated)] // HOME, else the password database: as libgit2 finds it
    let Some(home) = std::env::home_dir() else { return Vec::new() };
    let xdg = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => Path::new(&dir).join("git/config"),
        None => home.join(".config/git/config"),
    };
    vec![(ConfigLevel::Global, home.join(".gitconfig")), (ConfigLevel::XDG, xdg)]
}

/// Whether libgit2 can use the file at `path`: missing is fine, so is a
/// folder (it is not read); one that exists must open.
fn readable(path: &Path) -> std::result::Result<(), std::io::Error> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => std::fs::File::open(path).map(drop),
    }
}

/// git's `user.name` for commits made in `dir`: the repository's config if
/// `dir` is in one, else the user's and the system's; `None` when unset or
/// empty.
pub fn user_name(dir: &Path) -> Option<String> {
    let config = match Repository::discover(dir) {
        Ok(repo) => repo.config().ok()?,
        Err(_) => git2::Config::open_default().ok()?,
    };
    let name = config.get_string("user.name").ok()?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registers_in_a_new_repository_and_reads_the_user() {
        let dir = tempfile::tempdir().unwrap();
        let registered = register_drivers(dir.path()).unwrap();
        assert!(registered.created);
        let repo = Repository::open(dir.path()).unwrap();
        let mut local = repo.config().unwrap().open_level(ConfigLevel::Local).unwrap();
        assert_eq!(local.get_string("merge.claimtrail.driver").unwrap(), "claimtrail merge %O %A %B %P");
        local.set_str("user.name", "  Ada Editor ").unwrap();
        assert_eq!(user_name(dir.path()).as_deref(), Some("Ada Editor"));
        // Registering again changes nothing and creates nothing.
        assert!(!register_drivers(dir.path()).unwrap().created);
    }
}
