//! git's configuration as the store needs it: who the user is (the default
//! rater and reviewer of `new`), and registering claimtrail's textconv and
//! merge driver in a repository's own config (`init --git`), read and
//! written through libgit2's config API as `git config` would.

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
