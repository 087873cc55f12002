//! The `claimtrail` binary: everything but the process's start lives in the
//! library.

fn main() -> std::process::ExitCode {
    // SAFETY: this is the first statement of `main`: no other thread has
    // started (nor can one, before this returns), so none can be using
    // git2 while libgit2's global search path changes.
    let skipped = unsafe { claimtrail::internals::skip_unreadable_global_config() };
    claimtrail::internals::cli_main(skipped)
}
