//! Comparison (docs/reference.md section 4): claims grouped by subject and measure,
//! compared pair by pair within a group (conflict, agreement, independence),
//! graded on the Admiralty scale, and summed up per source. Pure functions of
//! a snapshot: no I/O, no formatting for a target.

pub mod analysis;
pub mod answer;
pub mod credibility;
pub mod groups;
pub mod known_at;
pub mod outgrown;
pub mod pair;
pub mod part_of;
pub mod report;
pub mod supersession;
pub mod sweep;
pub mod track_record;
pub mod wording;
