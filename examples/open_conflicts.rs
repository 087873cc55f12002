//! A newsroom script on the claimtrail library: the open conflicts of a
//! store (its current claims that cannot all be true), each with the
//! claimants on either side, their current Admiralty ratings and the
//! grade claimtrail suggests for each claim.
//!
//! ```sh
//! cargo run --example open_conflicts            # the store of the working directory
//! cargo run --example open_conflicts -- DIR     # the store holding DIR
//! ```

use std::collections::HashMap;
use std::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimtrail::{Analysis, Scope, Store};

fn main() -> ExitCode {
    let dir = std::env::args_os().nth(1).map_or_else(|| PathBuf::from("."), PathBuf::from);
    match run(&dir, &mut std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that went away (`| head`) has what it wanted.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            // claimtrail's error says what failed; its source says why.
            let why = e.source().map(|s| format!(": {s}")).unwrap_or_default();
            eprintln!("open_conflicts: {e}{why}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, out: &mut impl Write) -> Result<(), Box<dyn Error>> {
    let store = Store::discover(dir).map_err(claimtrail::Error::from)?;
    let contents = store.load().map_err(claimtrail::Error::from)?;
    let analysis = Analysis::graded(&contents, Scope::Current);
    // Entries by id: the analysis knows claims by their entry's index.
    let entries: HashMap<&str, usize> =
        contents.entries.iter().enumerate().map(|(i, e)| (e.record.id(), i)).collect();
    writeln!(out, "{} open conflicts in {}", analysis.conflicts.len(), store.root.display())?;
    for conflict in &analysis.conflicts {
        writeln!(out, "\n{} / {} ({})", conflict.subject, conflict.measure, conflict.kind.as_str())?;
        for id in &conflict.claims {
            let Some(&entry) = entries.get(id.as_str()) else { continue };
            let Some(claim) = contents.entries[entry].record.as_claim() else { continue };
            let grade = analysis
                .credibility(entry)
                .map_or_else(|| "not graded".to_owned(), |c| format!("grade {}", c.grade));
            writeln!(
                out,
                "  {:<48} {:<32} {:<12} {grade}",
                claim.id,
                claim.claimant,
                analysis.ratings.describe(&claim.claimant),
            )?;
        }
    }
    Ok(())
}
