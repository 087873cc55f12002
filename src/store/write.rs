//! Atomic file writes: a temporary file in the same folder, written,
//! fsynced, given the old file's permissions, then renamed over the target;
//! the folder is fsynced after. A crash leaves the old file or the new one,
//! never a torn one, and `tempfile` removes its file on every error path.
//!
//! Only a kill (SIGKILL, power loss) between creating the temp file and the
//! rename can leave one behind: a hidden `.claimtrail-XXXXXX.tmp` next to
//! the record. The walk never reads hidden files, and every command that
//! writes to the store removes such leftovers before it writes (under the
//! store lock, so never one that a running writer still needs; see
//! `store::leftovers`).

use std::io::{self, Write};
use std::path::Path;

const TEMP_PREFIX: &str = ".claimtrail-";
const TEMP_SUFFIX: &str = ".tmp";

/// Whether a file name is one of [`write_atomic`]'s temp files.
pub(crate) fn is_temp_name(name: &str) -> bool {
    name.len() > TEMP_PREFIX.len() + TEMP_SUFFIX.len()
        && name.starts_with(TEMP_PREFIX)
        && name.ends_with(TEMP_SUFFIX)
}

/// How to treat an existing file at the target path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Existing<'a> {
    /// Replace it only if its bytes are still these (it was not changed
    /// by someone else since we read it).
    MustEqual(&'a [u8]),
    /// There must be no file there.
    MustNotExist,
    /// Whatever is there is replaced (an output file the user named).
    Replace,
}

/// Writes `bytes` to `path` atomically.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], existing: Existing) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let permissions = match std::fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let mut tmp = temp_in(dir, permissions.is_none())?;
    tmp.write_all(bytes)?;
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p)?;
    }
    tmp.as_file().sync_all()?;
    match existing {
        Existing::MustEqual(old) => {
            let now = std::fs::read(path)?;
            if now != old {
                return Err(io::Error::other(format!(
                    "{} changed while claimtrail was working on it; run again",
                    path.display()
                )));
            }
            tmp.persist(path).map_err(|e| e.error)?;
        }
        Existing::Replace => {
            tmp.persist(path).map_err(|e| e.error)?;
        }
        Existing::MustNotExist => {
            tmp.persist_noclobber(path).map_err(|e| {
                if e.error.kind() == io::ErrorKind::AlreadyExists {
                    io::Error::new(io::ErrorKind::AlreadyExists, format!("{} already exists", path.display()))
                } else {
                    e.error
                }
            })?;
        }
    }
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all(); // best effort: not every filesystem syncs folders
    }
    Ok(())
}

/// Writes an output the user named with `-o PATH`. A regular file (or no
/// file yet) is replaced atomically. Anything else that is there is never
/// replaced: a character device (a terminal, `/dev/null`, `/dev/stdout`) or
/// a FIFO is opened and written in place, with no rename and no permission
/// copy, and so is the one a symlink at the path leads to; a directory, a
/// block device or a socket is refused. (Renaming over them, as root, would
/// replace the machine's `/dev/stdout` with a report.)
///
/// A FIFO is opened only once a process has it open for reading: one that
/// none opens within [`FIFO_WAIT`] is an error, not a write that blocks
/// forever.
pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match output_kind(path)? {
        OutputKind::File => write_atomic(path, bytes, Existing::Replace),
        OutputKind::Stream => write_in_place(path, bytes),
    }
}

/// How long an output FIFO may go without a reader.
pub(crate) const FIFO_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// What an output path holds.
enum OutputKind {
    /// A regular file, a symlink to one, or nothing yet: replaced atomically.
    File,
    /// A character device or a FIFO (or a symlink to one): written in place.
    Stream,
}

fn output_kind(path: &Path) -> io::Result<OutputKind> {
    let link = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(OutputKind::File),
        Err(e) => return Err(e),
    };
    if link.is_file() {
        return Ok(OutputKind::File);
    }
    // A symlink: what it leads to decides; a dangling one is replaced.
    let target = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound && link.file_type().is_symlink() => {
            return Ok(OutputKind::File);
        }
        Err(e) => return Err(e),
    };
    if target.is_file() {
        return Ok(OutputKind::File);
    }
    if is_stream(&target) {
        return Ok(OutputKind::Stream);
    }
    let what = if target.is_dir() { "a directory" } else { "neither a file, a FIFO nor a character device" };
    Err(io::Error::new(io::ErrorKind::InvalidInput, format!("{} is {what}", path.display())))
}

#[cfg(unix)]
fn is_stream(m: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    m.file_type().is_char_device() || m.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_stream(_: &std::fs::Metadata) -> bool {
    false
}

/// Opens an existing device or FIFO for writing and writes `bytes`.
fn write_in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = open_in_place(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Opens a device or FIFO for writing. Opening a FIFO blocks until a
/// process opens it for reading, so it is opened without blocking, again
/// every 50 ms while none has (ENXIO), for at most [`FIFO_WAIT`]; once
/// open, writes block as usual while the reader reads.
#[cfg(unix)]
fn open_in_place(path: &Path) -> io::Result<std::fs::File> {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    let deadline = std::time::Instant::now() + FIFO_WAIT;
    loop {
        let opened =
            std::fs::OpenOptions::new().write(true).custom_flags(OFlags::NONBLOCK.bits() as i32).open(path);
        match opened {
            Ok(file) => {
                rustix::fs::fcntl_setfl(&file, OFlags::empty())?;
                return Ok(file);
            }
            Err(e) if e.raw_os_error() == Some(rustix::io::Errno::NXIO.raw_os_error()) => {
                if std::time::Instant::now() >= deadline {
                    return Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        format!(
                            "it is a FIFO that no process opened for reading within {} seconds",
                            FIFO_WAIT.as_secs()
                        ),
                    ));
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(e) => return Err(e),
        }
    }
}

#[cfg(not(unix))]
fn open_in_place(path: &Path) -> io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).open(path)
}

/// Replaces the file at `path` with one that `fill` writes at the path it
/// is given (a temporary file in the same folder, for writers such as
/// SQLite that want a path, not bytes), then renames it into place. On any
/// error the temporary file is removed and `path` is untouched. A device or
/// FIFO at `path` (see [`write_output`]) gets the filled file's bytes
/// written in place instead.
pub(crate) fn replace_with(path: &Path, fill: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
    if let OutputKind::Stream = output_kind(path)? {
        let tmp = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).tempfile()?;
        fill(tmp.path())?;
        return write_in_place(path, &std::fs::read(tmp.path())?);
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    let tmp = temp_in(dir, permissions.is_none())?;
    fill(tmp.path())?;
    if let Some(p) = permissions {
        std::fs::set_permissions(tmp.path(), p)?;
    }
    std::fs::File::open(tmp.path())?.sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all(); // best effort, as above
    }
    Ok(())
}

/// A temporary file in `dir`. One that becomes a new file is created with
/// mode 0666 less the umask, as any program's new file would be (a temp
/// file's own default, 0600, would hide a report from the user's group).
fn temp_in(dir: &Path, new_file: bool) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    if new_file {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = new_file;
    builder.tempfile_in(dir)
}

/// Appends `bytes` to the file at `path`, creating it if needed (GitHub's
/// $GITHUB_STEP_SUMMARY is appended to by every step).
pub(crate) fn append(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_unchanged_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        write_atomic(&path, b"one", Existing::MustNotExist).unwrap();
        assert!(write_atomic(&path, b"two", Existing::MustNotExist).is_err());
        write_atomic(&path, b"two", Existing::MustEqual(b"one")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let err = write_atomic(&path, b"three", Existing::MustEqual(b"one")).unwrap_err();
        assert!(err.to_string().contains("changed while"));
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temp files left");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_the_usual_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("plain"), b"x").unwrap();
        write_atomic(&dir.path().join("a.ron"), b"x", Existing::MustNotExist).unwrap();
        let mode =
            |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode("a.ron"), mode("plain"));
    }

    #[cfg(unix)]
    #[cfg(unix)]
    #[test]
    fn outputs_never_replace_devices_fifos_or_links_to_them() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        // A symlink to /dev/null is written through and stays a link.
        let null = dir.path().join("null");
        std::os::unix::fs::symlink("/dev/null", &null).unwrap();
        write_output(&null, b"report").unwrap();
        assert!(std::fs::symlink_metadata(&null).unwrap().file_type().is_symlink());
        assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
        replace_with(&null, |p| std::fs::write(p, b"db")).unwrap();
        assert!(std::fs::symlink_metadata(&null).unwrap().file_type().is_symlink());
        // A FIFO is written in place, to its reader.
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(&fifo).unwrap())
        };
        write_output(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        // A directory is refused; a regular file and a new one are written.
        assert!(write_output(dir.path(), b"x").is_err());
        let file = dir.path().join("out.txt");
        write_output(&file, b"one").unwrap();
        write_output(&file, b"two").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"two");
        // A symlink to a regular file is replaced, as before: the link is
        // the user's name for the output.
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        write_output(&link, b"three").unwrap();
        assert_eq!(std::fs::read(&link).unwrap(), b"three");
    }

    #[test]
    fn keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, b"one").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"two", Existing::MustEqual(b"one")).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }
}
