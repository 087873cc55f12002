//! Argument groups that several subcommands share through
//! `#[command(flatten)]`: a flag written once reads and means the same in
//! every command that has it. (`--rev` is not one of them: each command
//! says what its revision is of, and what it defaults to.)

use clap::ValueEnum;

use crate::failure::Result;
use crate::model::date::PartialDate;

/// `--format human|json`, for commands with no other output.
#[derive(Debug, clap::Args)]
pub(crate) struct HumanOrJson {
    /// Output format.
    #[arg(long, value_enum, default_value_t = HumanJson::Human)]
    pub format: HumanJson,
}

/// The formats of [`HumanOrJson`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum HumanJson {
    Human,
    Json,
}

/// `--format human|json|markdown`, for commands whose output also goes
/// into pull request comments.
#[derive(Debug, clap::Args)]
pub(crate) struct HumanJsonOrMarkdown {
    /// Output format.
    #[arg(long, value_enum, default_value_t = HumanJsonMarkdown::Human)]
    pub format: HumanJsonMarkdown,
}

/// The formats of [`HumanJsonOrMarkdown`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum HumanJsonMarkdown {
    Human,
    Json,
    Markdown,
}

/// `--at DATE` of `conflicts`, `report` and `sources`.
#[derive(Debug, clap::Args)]
pub(crate) struct AtDate {
    /// The store as it could be known at DATE: only citations of documents
    /// published on or before DATE (its end, for a partial date), only the
    /// claims left with a citation, and only the ratings given by then (a
    /// source rated only later is unrated at DATE).
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
}

impl AtDate {
    /// The date, checked (exit 2 with the fix when it is not one).
    pub(crate) fn date(&self) -> Result<Option<PartialDate>> {
        super::at_date(self.at.as_deref())
    }
}
