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
///
/// `exe` is the claimtrail that registers them (its absolute path): both
/// run it while it is there, else `claimtrail` on the PATH. The merge
/// driver never loses an edit when neither can run (removed, not on the
/// PATH of the git that merges, failing): it falls back to `git merge-file`,
/// git's own line merge with its markers, exactly as without the driver
/// (a binary file is then a conflict with ours left as it is).
pub(crate) fn drivers(exe: Option<&Path>) -> [(&'static str, String); 3] {
    // `%` would be read as one of git's placeholders; a path with one (or
    // a line break) is not written in, and the PATH alone finds claimtrail.
    let exe = exe
        .filter(|p| p.is_absolute())
        .and_then(Path::to_str)
        .filter(|p| !p.contains(['%', '\n', '\r', '\0']));
    let run = match exe {
        Some(path) => format!("c={}; [ -x \"$c\" ] || c=claimtrail; \"$c\"", shell_quoted(path)),
        None => "claimtrail".to_owned(),
    };
    [
        ("diff.claimtrail.textconv", format!("{run} textconv")),
        ("merge.claimtrail.name", "claimtrail: field-by-field merge of records".to_owned()),
        (
            "merge.claimtrail.driver",
            format!(
                "{run} merge %O %A %B %P; s=$?; [ $s -le 1 ] && exit $s; \
                 echo \"claimtrail merge did not run: git merge-file merges\" %P \"line by line\" >&2; \
                 git merge-file -L ours -L base -L theirs %A %O %B && exit 0; exit 1"
            ),
        ),
    ]
}

/// `text` as one word of the POSIX shell, in single quotes.
pub(crate) fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// Whether a program named `claimtrail` is on the `PATH` (an executable
/// file in one of its folders), as the git that runs the drivers would
/// find it.
pub(crate) fn claimtrail_on_path() -> bool {
    let Some(path) = std::env::var_os("PATH") else { return false };
    std::env::split_paths(&path).any(|dir| {
        let candidate = dir.join("claimtrail");
        std::fs::metadata(&candidate).is_ok_and(|m| m.is_file() && is_executable(&m))
    })
}

#[cfg(unix)]
fn is_executable(m: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    m.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_: &std::fs::Metadata) -> bool {
    true
}

/// What registering the drivers did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Registered {
    /// The repository's git folder.
    pub git_dir: String,
    /// Whether the repository was created by this call.
    pub created: bool,
}

/// Writes [`drivers`] (of `exe`) to the config of the repository holding
/// `dir` (`.git/config`), creating a repository at `dir` when it is in none.
pub(crate) fn register_drivers(dir: &Path, exe: Option<&Path>) -> Result<Registered> {
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
    for (key, value) in drivers(exe) {
        config.set_str(key, &value).map_err(cannot)?;
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
pub(crate) fn user_name(dir: &Path) -> Option<String> {
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
    fn the_drivers_run_the_registering_binary_then_the_path_then_git() {
        let [textconv, _, merge] = drivers(Some(Path::new("/opt/it's here/claimtrail")));
        assert_eq!(
            textconv.1,
            "c='/opt/it'\\''s here/claimtrail'; [ -x \"$c\" ] || c=claimtrail; \"$c\" textconv"
        );
        assert!(merge.1.starts_with("c='/opt/it'\\''s here/claimtrail'; [ -x \"$c\" ] || c=claimtrail; \"$c\" merge %O %A %B %P; s=$?; [ $s -le 1 ] && exit $s; "), "{}", merge.1);
        // A path git would expand is left out.
        assert!(drivers(Some(Path::new("/odd%Opath/claimtrail")))[2].1.starts_with("claimtrail merge"));
        assert!(drivers(Some(Path::new("relative/claimtrail")))[0].1 == "claimtrail textconv");
    }

    #[test]
    fn registers_in_a_new_repository_and_reads_the_user() {
        let dir = tempfile::tempdir().unwrap();
        let registered = register_drivers(dir.path(), None).unwrap();
        assert!(registered.created);
        let repo = Repository::open(dir.path()).unwrap();
        let mut local = repo.config().unwrap().open_level(ConfigLevel::Local).unwrap();
        let driver = local.get_string("merge.claimtrail.driver").unwrap();
        assert!(driver.starts_with("claimtrail merge %O %A %B %P; "), "{driver}");
        assert!(driver.contains("git merge-file -L ours -L base -L theirs %A %O %B"), "{driver}");
        local.set_str("user.name", "  Ada Editor ").unwrap();
        assert_eq!(user_name(dir.path()).as_deref(), Some("Ada Editor"));
        // Registering again changes nothing and creates nothing.
        assert!(!register_drivers(dir.path(), None).unwrap().created);
    }
}
