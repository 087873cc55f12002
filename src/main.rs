//! The `claimtrail` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    claimtrail::cli::main()
}
