//! claimtrail.ron, the optional store configuration (docs/reference.md section 8).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The name of the configuration file; it also marks the store root.
pub(crate) const FILE_NAME: &str = "claimtrail.ron";

/// The default limit on one record file's size.
pub(crate) const DEFAULT_MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// No configuration raises the file limit above this: a pull request that
/// edits claimtrail.ron still cannot make `check` read a gigabyte.
pub(crate) const HARD_MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The default limit on a body fetched by `archive` and `recheck`, after
/// its content encoding is removed: 50 MiB.
pub(crate) const DEFAULT_ARCHIVE_MAX_BYTES: u64 = 50 * 1024 * 1024;

/// How many conflicting pairs of one group `check` reports and
/// `conflicts` lists by default (docs/reference.md section 4, "Large groups").
pub(crate) const DEFAULT_MAX_PAIRS_PER_GROUP: usize = 100;

/// `Config(claims: "claims", sources: "sources", measures: "schemas/measures.ron")`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Folder of claim records, relative to the store root.
    #[serde(default = "default_claims")]
    pub claims: String,
    /// Folder of source and document records; snapshots live in its
    /// `snapshots/` subfolder.
    #[serde(default = "default_sources")]
    pub sources: String,
    /// The measures vocabulary.
    #[serde(default = "default_measures")]
    pub measures: String,
    /// Record files larger than this are a `parse` finding, not read (at
    /// most `HARD_MAX_FILE_BYTES`).
    #[serde(default = "default_max_file_bytes")]
    pub max_file_bytes: u64,
    /// How many conflicting pairs of one group are reported and listed;
    /// a group with more gets one summary finding and an `omitted` entry.
    #[serde(default = "default_max_pairs_per_group", skip_serializing_if = "is_default_max_pairs_per_group")]
    pub max_pairs_per_group: usize,
    /// Base URL of published reviews, for ClaimReview export
    /// (`<review_url>/<claim-id>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_url: Option<String>,
    /// The report's title; the store folder's name when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The largest body `archive` and `recheck` take from the web, counted
    /// after its gzip or br encoding is removed (docs/reference.md section 6, Network).
    #[serde(default = "default_archive_max_bytes")]
    pub archive_max_bytes: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            claims: default_claims(),
            sources: default_sources(),
            measures: default_measures(),
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_pairs_per_group: DEFAULT_MAX_PAIRS_PER_GROUP,
            review_url: None,
            title: None,
            archive_max_bytes: DEFAULT_ARCHIVE_MAX_BYTES,
        }
    }
}

impl Config {
    /// The size limit of record files in force.
    pub fn file_limit(&self) -> u64 {
        self.max_file_bytes.min(HARD_MAX_FILE_BYTES)
    }

    /// The configured paths that leave the store (absolute, or climbing
    /// out with `..`), each with the reason.
    pub fn escaping_paths(&self) -> Vec<String> {
        [("claims", &self.claims), ("sources", &self.sources), ("measures", &self.measures)]
            .into_iter()
            .filter_map(|(name, path)| {
                crate::store::lexically_inside(path).err().map(|why| format!("{name}: `{path}` {why}"))
            })
            .collect()
    }

    /// The snapshots folder: `<sources>/snapshots`.
    pub fn snapshots(&self) -> String {
        format!("{}/snapshots", self.sources.trim_end_matches('/'))
    }
}

fn default_max_pairs_per_group() -> usize {
    DEFAULT_MAX_PAIRS_PER_GROUP
}

#[expect(clippy::trivially_copy_pass_by_ref, reason = "serde's skip_serializing_if passes a reference")]
fn is_default_max_pairs_per_group(n: &usize) -> bool {
    *n == DEFAULT_MAX_PAIRS_PER_GROUP
}

fn default_claims() -> String {
    "claims".to_owned()
}

fn default_sources() -> String {
    "sources".to_owned()
}

fn default_measures() -> String {
    "schemas/measures.ron".to_owned()
}

fn default_archive_max_bytes() -> u64 {
    DEFAULT_ARCHIVE_MAX_BYTES
}

fn default_max_file_bytes() -> u64 {
    DEFAULT_MAX_FILE_BYTES
}
