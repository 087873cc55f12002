//! The citations of `new claim` as flag groups: each `--cite DOCUMENT`
//! starts a citation, and the `--quote`, `--via` and `--locator` after it
//! (before the next `--cite`) belong to it. clap's derive has no groups
//! that repeat, so this reads the flags' positions from the parsed
//! matches: the order on the command line is the grouping.

use clap::{Arg, ArgAction, ArgMatches, Command, error::ErrorKind};

use crate::model::Citation;

/// The citations given on the command line, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Citations(pub Vec<Citation>);

const CITE: &str = "cite";
const QUOTE: &str = "quote";
const VIA: &str = "via";
const LOCATOR: &str = "locator";

impl clap::Args for Citations {
    fn augment_args(cmd: Command) -> Command {
        cmd.arg(
            Arg::new(CITE)
                .long(CITE)
                .visible_alias("document")
                .value_name("DOCUMENT")
                .action(ArgAction::Append)
                .required(true)
                .help_heading("Citations")
                .help("Start a citation of this document (repeatable)")
                .long_help(
                    "Start a citation of the document with this id (repeatable: one --cite per \
                     citation). The --quote, --via and --locator that follow it, up to the next \
                     --cite, belong to it. Example: --cite irna-2024-01-04 --quote \"84 people\" \
                     --cite mehr-2024-01-03 --quote \"at least 103\" --via mehr --locator \"para 2\"",
                ),
        )
        .arg(
            Arg::new(QUOTE)
                .long(QUOTE)
                .value_name("TEXT")
                .action(ArgAction::Append)
                .required(true)
                .help_heading("Citations")
                .help("The exact passage of the cited document (one per --cite)")
                .long_help(
                    "The exact passage of the document of the --cite before it that carries the \
                     claim, as it reads in the document's snapshot (exactly one per --cite)",
                ),
        )
        .arg(
            Arg::new(VIA)
                .long(VIA)
                .value_name("SOURCE")
                .action(ArgAction::Append)
                .help_heading("Citations")
                .help("An intermediary of the citation, nearest to the claimant first (repeatable)")
                .long_help(
                    "A source between the claimant and the document of the --cite before it, \
                     nearest to the claimant first (repeatable): Orda reporting what The Guardian \
                     reported is --via the-guardian",
                ),
        )
        .arg(
            Arg::new(LOCATOR)
                .long(LOCATOR)
                .value_name("WHERE")
                .action(ArgAction::Append)
                .help_heading("Citations")
                .help("Where in the document the quote is, such as \"para 3\" (at most one per --cite)"),
        )
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl clap::FromArgMatches for Citations {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let mut flags: Vec<(usize, &'static str, String)> = Vec::new();
        for id in [CITE, QUOTE, VIA, LOCATOR] {
            let (Some(values), Some(indices)) = (m.get_many::<String>(id), m.indices_of(id)) else {
                continue;
            };
            flags.extend(indices.zip(values).map(|(i, v)| (i, id, v.clone())));
        }
        flags.sort_by_key(|f| f.0);
        group(flags.into_iter().map(|(_, id, v)| (id, v))).map(Citations)
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

/// Groups flags, in command-line order, into citations.
fn group(flags: impl Iterator<Item = (&'static str, String)>) -> Result<Vec<Citation>, clap::Error> {
    let mut out: Vec<Citation> = Vec::new();
    let mut quoted: Vec<bool> = Vec::new();
    for (id, value) in flags {
        if id == CITE {
            out.push(Citation { document: value.into(), locator: None, quote: String::new(), via: vec![] });
            quoted.push(false);
            continue;
        }
        let Some(cit) = out.last_mut() else {
            return Err(usage(format!(
                "--{id} `{value}` comes before any --cite: put it after the --cite of its document"
            )));
        };
        match id {
            QUOTE if quoted.last() == Some(&true) => {
                return Err(usage(format!(
                    "the citation of `{}` has two --quote: give each quote its own --cite",
                    cit.document
                )));
            }
            QUOTE => {
                cit.quote = value;
                *quoted.last_mut().expect("one flag per citation") = true;
            }
            VIA => cit.via.push(value.into()),
            _ if cit.locator.is_some() => {
                return Err(usage(format!("the citation of `{}` has two --locator", cit.document)));
            }
            _ => cit.locator = Some(value),
        }
    }
    if let Some(i) = quoted.iter().position(|q| !q) {
        return Err(usage(format!(
            "the citation of `{}` has no --quote: add --quote \"...\" after its --cite",
            out[i].document
        )));
    }
    Ok(out)
}

fn usage(message: String) -> clap::Error {
    clap::Error::raw(ErrorKind::ArgumentConflict, format!("{message}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{FromArgMatches, Parser};

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        citations: Citations,
        #[arg(long)]
        other: Option<String>,
    }

    fn parse(args: &[&str]) -> Result<Vec<String>, String> {
        let m = <Cli as clap::CommandFactory>::command()
            .try_get_matches_from(std::iter::once("x").chain(args.iter().copied()))
            .map_err(|e| e.to_string())?;
        let cli = Cli::from_arg_matches(&m).map_err(|e| e.to_string())?;
        Ok(cli
            .citations
            .0
            .iter()
            .map(|c| {
                format!(
                    "{}|{}|{}|{}",
                    c.document,
                    c.quote,
                    c.via.join(">"),
                    c.locator.as_deref().unwrap_or("-")
                )
            })
            .collect())
    }

    #[test]
    fn flags_after_a_cite_belong_to_it() {
        assert_eq!(
            parse(&[
                "--cite",
                "a",
                "--quote",
                "qa",
                "--other",
                "o",
                "--via",
                "v1",
                "--via",
                "v2",
                "--document",
                "b",
                "--locator",
                "p 3",
                "--quote",
                "qb",
            ]),
            Ok(vec!["a|qa|v1>v2|-".to_owned(), "b|qb||p 3".to_owned()])
        );
    }

    #[test]
    fn ambiguous_groups_are_refused() {
        for (args, says) in [
            (&["--quote", "q", "--cite", "a"][..], "before any --cite"),
            (&["--cite", "a", "--quote", "q", "--quote", "r"][..], "two --quote"),
            (
                &[
                    "--cite",
                    "a",
                    "--quote",
                    "q",
                    "--cite",
                    "b",
                    "--quote",
                    "r",
                    "--cite",
                    "c",
                    "--quote",
                    "s",
                    "--locator",
                    "1",
                    "--locator",
                    "2",
                ][..],
                "two --locator",
            ),
            (&["--cite", "a", "--cite", "b", "--quote", "q"][..], "`a` has no --quote"),
        ] {
            let e = parse(args).unwrap_err();
            assert!(e.contains(says), "{args:?}: {e}");
        }
    }
}
