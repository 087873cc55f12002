//! The JSON wire format of `check` (docs/reference.md section 9, schema version 1). The
//! wire types are their own serde structs, apart from the model, so the
//! model can change without breaking anyone's scripts.

use crate::render::wire::{CheckOutput, Summary, VERSION, WireDiagnostic, write_value};

use std::io::{self, Write};

use rayon::prelude::*;

use crate::finding::Diagnostic;

/// Findings serialized at once, on all cores, before they are written.
const CHUNK: usize = 512;

/// Writes `check`'s version-1 JSON: the summary and every finding.
///
/// The findings are serialized a chunk at a time on all cores, each on its
/// own and indented to its depth, and written in order: the bytes are
/// those of serializing the whole output at once (the pretty formatter's
/// indentation is the only state it carries from one value to the next,
/// and no JSON string holds a raw line break), which a contested store's
/// 33,000 findings made one thread's work.
pub fn check(out: &mut dyn Write, summary: Summary, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let output = CheckOutput { version: VERSION, summary, diagnostics: Vec::new() };
    if diagnostics.is_empty() {
        return write_value(out, &output);
    }
    // The output with no findings ends in `[]\n}\n`: what comes before the
    // `]` opens the list, and the findings go between.
    let mut head = Vec::new();
    write_value(&mut head, &output)?;
    let Some(open) = head.strip_suffix(b"]\n}\n") else {
        return Err(io::Error::other("unexpected shape of check's JSON"));
    };
    out.write_all(open)?;
    for (n, chunk) in diagnostics.chunks(CHUNK).enumerate() {
        let written: Vec<io::Result<Vec<u8>>> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, d)| {
                let mut one = Vec::with_capacity(1024);
                write_value(&mut one, &WireDiagnostic::from(d))?;
                one.pop(); // write_value's line break
                // `begin_array_value`, then the value two levels in.
                let mut item = Vec::with_capacity(one.len() + 256);
                item.extend_from_slice(if n == 0 && i == 0 { b"\n    " } else { b",\n    " });
                for line in one.split(|&b| b == b'\n').enumerate() {
                    if line.0 > 0 {
                        item.extend_from_slice(b"\n    ");
                    }
                    item.extend_from_slice(line.1);
                }
                Ok(item)
            })
            .collect();
        for item in written {
            out.write_all(&item?)?;
        }
    }
    out.write_all(b"\n  ]\n}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Code, Related, Tally};

    #[test]
    fn chunks_write_the_bytes_of_one_value() {
        let mut findings: Vec<Diagnostic> = (0..CHUNK * 2 + 3)
            .map(|i| {
                Diagnostic::new(
                    Code::Conflict,
                    format!("claims/f{i}.ron"),
                    format!("finding {i}\n\u{1b}[31m \u{2013}"),
                )
                .at_field("value")
                .at_position(i + 1, 3)
                .with_id(format!("id-{i}"))
            })
            .collect();
        findings[1] = findings[1].clone().with_help("help").with_related(Related::new(
            "claims/o.ron",
            "value",
            "o",
            "other",
        ));
        findings[2].new = Some(true);
        let summary = Summary::new(7, 1, 1, Tally { errors: 0, warnings: findings.len() });
        for n in [0, 1, 2, CHUNK, findings.len()] {
            let shown = &findings[..n];
            let whole = CheckOutput {
                version: VERSION,
                summary,
                diagnostics: shown.iter().map(WireDiagnostic::from).collect(),
            };
            let mut expected = Vec::new();
            write_value(&mut expected, &whole).unwrap();
            let mut got = Vec::new();
            check(&mut got, summary, shown).unwrap();
            assert_eq!(String::from_utf8(got).unwrap(), String::from_utf8(expected).unwrap(), "{n} findings");
        }
    }
}
