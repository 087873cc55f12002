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
use std::path::PathBuf;
use std::process::ExitCode;

use claimtrail::{Analysis, Scope, Store};

fn main() -> ExitCode {
    let dir = std::env::args_os().nth(1).map_or_else(|| PathBuf::from("."), PathBuf::from);
    match run(dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The error says what failed; its source says why.
            let why = std::error::Error::source(&e).map(|s| format!(": {s}")).unwrap_or_default();
            eprintln!("open_conflicts: {e}{why}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: PathBuf) -> Result<(), claimtrail::Error> {
    let store = Store::discover(&dir)?;
    let snapshot = store.load()?;
    let analysis = Analysis::graded(&snapshot, Scope::Current);
    // Entries by id: the analysis knows claims by their entry's index.
    let entries: HashMap<&str, usize> =
        snapshot.entries.iter().enumerate().map(|(i, e)| (e.record.id(), i)).collect();
    println!("{} open conflicts in {}", analysis.conflicts.len(), store.root.display());
    for conflict in &analysis.conflicts {
        println!("\n{} / {} ({})", conflict.subject, conflict.measure, conflict.kind.as_str());
        for id in &conflict.claims {
            let Some(&entry) = entries.get(id.as_str()) else { continue };
            let Some(claim) = snapshot.entries[entry].record.as_claim() else { continue };
            let grade = analysis
                .credibility(entry)
                .map_or_else(|| "not graded".to_owned(), |c| format!("grade {}", c.grade));
            println!(
                "  {:<48} {:<32} {:<12} {grade}",
                claim.id,
                claim.claimant,
                analysis.ratings.describe(&claim.claimant),
            );
        }
    }
    Ok(())
}
