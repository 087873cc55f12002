//! The store lock: commands that write records (`hash`, `new`) hold an
//! exclusive advisory lock (flock) on the store's root folder while they
//! read and write, so two of them never interleave: a second one waits a
//! bounded time for the first (`--lock-wait`), then stops with a clear
//! message instead of racing it. Locking the
//! folder itself leaves no lock file behind, and the kernel releases the
//! lock when the process dies, even by SIGKILL, so a lock is never stale.
//!
//! Readers (`check`, `hash --check`) take no lock: every write is an atomic
//! rename, so they see each file old or new. The lock is advisory: other
//! programs that edit records are caught by `write_atomic`'s check that the
//! file is unchanged since it was read.

use std::fs::File;
use std::io;
use std::path::Path;

/// Held while a command writes to the store; dropping it unlocks.
#[derive(Debug)]
pub struct StoreLock {
    _folder: Option<File>,
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it.
    Busy,
    Io(io::Error),
}

impl StoreLock {
    /// Takes the lock on `root`, failing at once if another process holds it.
    #[cfg(unix)]
    pub fn acquire(root: &Path) -> Result<StoreLock, LockError> {
        let folder = File::open(root).map_err(LockError::Io)?;
        match folder.try_lock() {
            Ok(()) => Ok(StoreLock { _folder: Some(folder) }),
            Err(std::fs::TryLockError::WouldBlock) => Err(LockError::Busy),
            Err(std::fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                // A filesystem without flock: writes are still atomic and
                // checked against concurrent change.
                Ok(StoreLock { _folder: None })
            }
            Err(std::fs::TryLockError::Error(e)) => Err(LockError::Io(e)),
        }
    }

    /// Takes the lock, waiting up to `wait` for another process to release
    /// it (polled, so no thread is left blocked in the kernel).
    pub fn acquire_within(root: &Path, wait: std::time::Duration) -> Result<StoreLock, LockError> {
        let deadline = std::time::Instant::now() + wait;
        loop {
            match StoreLock::acquire(root) {
                Err(LockError::Busy) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                other => return other,
            }
        }
    }

    /// Folders cannot be opened as files here; writes stay atomic and
    /// checked against concurrent change, without the lock.
    #[cfg(not(unix))]
    pub fn acquire(_root: &Path) -> Result<StoreLock, LockError> {
        Ok(StoreLock { _folder: None })
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = StoreLock::acquire(dir.path()).unwrap();
        assert!(matches!(StoreLock::acquire(dir.path()), Err(LockError::Busy)));
        let waited = std::time::Instant::now();
        let short = std::time::Duration::from_millis(200);
        assert!(matches!(StoreLock::acquire_within(dir.path(), short), Err(LockError::Busy)));
        assert!(waited.elapsed() >= short, "it waited");
        drop(first);
        StoreLock::acquire(dir.path()).unwrap();
        // A writer that waits gets the lock once the holder lets go.
        let held = StoreLock::acquire(dir.path()).unwrap();
        let root = dir.path().to_owned();
        let waiter =
            std::thread::spawn(move || StoreLock::acquire_within(&root, std::time::Duration::from_secs(10)));
        std::thread::sleep(std::time::Duration::from_millis(100));
        drop(held);
        assert!(waiter.join().unwrap().is_ok());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no lock file");
    }
}
