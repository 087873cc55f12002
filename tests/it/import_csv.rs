//! `import --format csv` end to end: an export imported into a store that
//! lost its claims gives the same records and hashes (`claimtrail diff`
//! against the commit sees no change); errors name their cell and nothing
//! is written; an import stopped half way finishes when run again.

use std::path::Path;

use crate::support::stores::{claimtrail, clean};
use crate::support::{Repo, output};

fn run(dir: &Path, args: &[&str]) -> (String, i32) {
    let (out, err, code) = output(claimtrail(dir).args(args));
    (format!("{out}{err}"), code)
}

/// The clean fixture store, committed, with its two CSV tables exported
/// outside it.
fn exported() -> (Repo, tempfile::TempDir) {
    let mut repo = Repo::new();
    let store = clean();
    crate::support::store::copy_dir(store.path(), repo.path());
    // A claim that supersedes another, and a joint attribution.
    let superseding = [
        "--id",
        "killed-jones-137",
        "--subject",
        "event",
        "--measure",
        "killed",
        "--value",
        "Exact(137)",
        "--as-of",
        "2024-03-24",
        "--claimant",
        "expert-jones",
        "--statement",
        "Jones now says 137.",
        "--cite",
        "ic-1",
        "--quote",
        "bodies of 137 people were found",
        "--supersedes",
        "killed-mchs-60",
    ];
    let joint = [
        "--id",
        "claimed-by-two",
        "--subject",
        "event-claims",
        "--measure",
        "claimed-by",
        "--value",
        "Actors([\"islamic-state\", \"baza\"])",
        "--claimant",
        "baza",
        "--statement",
        "Both, said Baza.",
        "--cite",
        "baza-1",
        "--quote",
        "a quote",
    ];
    for args in [&superseding[..], &joint[..]] {
        let (said, code) = run(repo.path(), &[&["new", "claim"][..], args].concat());
        assert_eq!(code, 0, "{said}");
    }
    repo.commit("Ada Editor", "The store");
    let tables = tempfile::tempdir().unwrap();
    for (table, file) in [("claims", "claims.csv"), ("citations", "citations.csv")] {
        let path = tables.path().join(file);
        let (said, code) =
            run(repo.path(), &["export", "--format", "csv", "--table", table, "-o", path.to_str().unwrap()]);
        assert_eq!(code, 0, "{said}");
    }
    (repo, tables)
}

fn import(repo: &Repo, tables: &Path, extra: &[&str]) -> (String, i32) {
    let claims = tables.join("claims.csv");
    let citations = tables.join("citations.csv");
    let mut args = vec![
        "import",
        "--format",
        "csv",
        claims.to_str().unwrap(),
        "--citations",
        citations.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(repo.path(), &args)
}

#[test]
fn export_then_import_gives_the_same_records_and_hashes() {
    let (repo, tables) = exported();
    let before = claimtrail::Store::open(repo.path().to_path_buf()).unwrap().load().unwrap();
    std::fs::remove_dir_all(repo.path().join("claims")).unwrap();
    let (said, code) = import(&repo, tables.path(), &["--dry-run"]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("would write 10 claims, skipped 0"), "{said}");
    assert!(!repo.path().join("claims").exists(), "a dry run writes nothing");
    let (said, code) = import(&repo, tables.path(), &[]);
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("wrote claims/event/killed-ic-137.ron") && said.contains("wrote 10 claims"),
        "{said}"
    );
    // Same ids, same records, same hashes, at the same paths: the diff of
    // the working tree against the commit has no change.
    let after = claimtrail::Store::open(repo.path().to_path_buf()).unwrap().load().unwrap();
    let claims =
        |s: &claimtrail::Contents| s.claims().map(|(e, c)| (e.file.clone(), c.clone())).collect::<Vec<_>>();
    assert_eq!(claims(&after), claims(&before));
    let superseding = after.claims().find(|(_, c)| c.id == "killed-jones-137").unwrap().1;
    assert_eq!(superseding.supersedes, ["killed-mchs-60"]);
    let joint = after.claims().find(|(_, c)| c.id == "claimed-by-two").unwrap().1;
    assert_eq!(joint.value, claimtrail::Value::Actors(vec!["islamic-state".into(), "baza".into()]));
    let (said, code) = run(repo.path(), &["diff", "--exit-code"]);
    assert_eq!(code, 0, "no change: {said}");
    let (said, code) = run(repo.path(), &["check"]);
    assert!(code < 2 && !said.contains("error"), "{said}");
}

#[test]
fn an_import_stopped_half_way_finishes_when_run_again() {
    let (repo, tables) = exported();
    std::fs::remove_dir_all(repo.path().join("claims")).unwrap();
    assert_eq!(import(&repo, tables.path(), &[]).1, 0);
    // As if killed after some files: two are missing, and a temp file of
    // the atomic write is left behind.
    std::fs::remove_file(repo.path().join("claims/event/killed-ic-137.ron")).unwrap();
    std::fs::remove_dir_all(repo.path().join("claims/event-claims")).unwrap();
    std::fs::write(repo.path().join("claims/event/.claimtrail-abc123.tmp"), "Claim(id: ").unwrap();
    let (said, code) = import(&repo, tables.path(), &[]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("wrote 3 claims, skipped 7"), "{said}");
    assert_eq!(run(repo.path(), &["diff", "--exit-code"]).1, 0);
}

#[test]
fn errors_name_their_cell_and_nothing_is_written() {
    let (repo, tables) = exported();
    std::fs::remove_dir_all(repo.path().join("claims")).unwrap();
    let path = tables.path().join("claims.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    // A figure mistyped, a row edited after export with its hash left,
    // and one edited with its hash cleared, to a claimant that does not
    // exist.
    let text: String = text
        .replace("AtLeast,at least 115", "AtLeast,at least 11S")
        .replace(",12 dead.,", ",13 dead.,")
        .lines()
        .map(|line| match line.strip_prefix("killed-jones-about-140,") {
            Some(_) => {
                let mut cells: Vec<&str> = line.split(',').collect();
                cells[9] = "expert-jonas";
                cells[13] = "";
                format!("{}\n", cells.join(","))
            }
            None => format!("{line}\n"),
        })
        .collect();
    std::fs::write(&path, text).unwrap();
    let (said, code) = import(&repo, tables.path(), &[]);
    assert_eq!(code, 1, "{said}");
    let claims = path.display().to_string();
    assert!(
        said.contains(&format!("{claims}:4:value: error: `at least 11S` is not a count of kind AtLeast")),
        "{said}"
    );
    assert!(said.contains(&format!("{claims}:5:hash: error: the row is not what was sealed")), "{said}");
    assert!(said.contains("clear its hash cell"), "{said}");
    // Only once the rows read can the records be checked in the store.
    let fixed = std::fs::read_to_string(&path)
        .unwrap()
        .replace("at least 11S", "at least 115")
        .replace(",13 dead.,", ",12 dead.,");
    std::fs::write(&path, fixed).unwrap();
    let (said, code) = import(&repo, tables.path(), &[]);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains(":claimant: error[dangling-reference]:"), "{said}");
    assert!(said.contains("nothing written: 1 error"), "{said}");
    assert!(!repo.path().join("claims").exists(), "all or nothing");
}

/// The claims table with the row of `id` passed through `edit` (its cells
/// as CSV fields).
fn edit_row(tables: &Path, id: &str, edit: impl Fn(&mut Vec<String>)) {
    let path = tables.join("claims.csv");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_path(&path).unwrap();
    let mut rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    let row = rows.iter_mut().find(|r| r[0] == id).unwrap();
    edit(row);
    let mut w = csv::Writer::from_path(&path).unwrap();
    for row in rows {
        w.write_record(&row).unwrap();
    }
    w.flush().unwrap();
}

/// Column indexes of the claims table.
const VALUE: usize = 4;
const STATEMENT: usize = 8;
const HASH: usize = 13;

#[test]
fn a_corrected_row_imports_with_update_and_a_stale_one_is_refused() {
    let (repo, tables) = exported();
    let rel = "claims/event/killed-baza-old.ron";
    let sealed = repo.read(rel).unwrap();
    let old_hash =
        claimtrail::internals::text::parse::parse_record(&sealed).unwrap().stored_hash().unwrap().to_owned();
    // A comment in the record: the correction keeps it.
    repo.write(rel, &format!("// Baza's first figure.\n{sealed}"));
    let stale_tables = tempfile::tempdir().unwrap();
    for file in ["claims.csv", "citations.csv"] {
        std::fs::copy(tables.path().join(file), stale_tables.path().join(file)).unwrap();
    }
    edit_row(tables.path(), "killed-baza-old", |row| {
        row[VALUE] = "13".into();
        row[STATEMENT] = "13 dead.".into();
    });
    let (said, code) = import(&repo, tables.path(), &[]);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains(&format!("the row corrects `killed-baza-old` ({rel}, version {old_hash})")),
        "{said}"
    );
    assert!(said.contains("run the import with --update"), "{said}");
    let (said, code) = import(&repo, tables.path(), &["--update"]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains(&format!("corrected {rel} (sealed with revises)")), "{said}");
    assert!(said.contains("wrote 0 claims, corrected 1, skipped 9"), "{said}");
    let text = repo.read(rel).unwrap();
    assert!(text.starts_with("// Baza's first figure.\n"), "in place: {text}");
    let record = claimtrail::internals::text::parse::parse_record(&text).unwrap();
    let claim = record.as_claim().unwrap();
    assert_eq!((&claim.value, claim.statement.as_str()), (&claimtrail::Value::Exact(13), "13 dead."));
    assert_eq!(record.revises(), Some(old_hash.text().as_str()), "revises the version the row came from");
    let (said, code) = run(repo.path(), &["hash", "--check"]);
    assert_eq!(code, 0, "sealed: {said}");
    // The same import again finds its correction there.
    let (said, code) = import(&repo, tables.path(), &["--update"]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("wrote 0 claims, skipped 10"), "{said}");
    // Another edit of the first export is stale now: both versions named.
    edit_row(stale_tables.path(), "killed-baza-old", |row| row[VALUE] = "14".into());
    let new_hash = record.stored_hash().unwrap();
    let (said, code) = import(&repo, stale_tables.path(), &["--update"]);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains(&format!(
            ":hash: error: a stale edit: the row was exported from version {old_hash} of `killed-baza-old`, but the store's `killed-baza-old` is now version {new_hash}"
        )),
        "{said}"
    );
    assert!(
        said.contains("export again, redo the edit on the new row, and import it with --update"),
        "{said}"
    );
    // A cleared hash cell on a row that differs: the refusal says how to
    // correct.
    edit_row(stale_tables.path(), "killed-baza-old", |row| row[HASH].clear());
    let (said, code) = import(&repo, stale_tables.path(), &["--update"]);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("fill the hash cell with the version the row was exported from"), "{said}");
    assert!(said.contains(&format!("({new_hash}) and import with --update")), "{said}");
    assert_eq!(repo.read(rel).unwrap(), text, "nothing written by the refused imports");
}

#[test]
fn values_as_people_write_them_are_refused_with_the_value_they_mean() {
    let store = crate::support::stores::clean();
    let dir = store.path();
    let table = tempfile::tempdir().unwrap();
    let path = table.path().join("new.csv");
    let write = |kind: &str, value: &str| {
        let text = format!(
            "id,subject,measure,value_kind,value,statement,claimant,document,quote\nnew-1,event,killed,{kind},\"{value}\",More than 900 dead.,ic,ic-1,bodies of 137 people were found\n"
        );
        std::fs::write(&path, text).unwrap();
        let (out, err, code) =
            output(claimtrail(dir).args(["import", "--format", "csv", path.to_str().unwrap()]));
        (format!("{out}{err}"), code)
    };
    for (kind, value, means, write_kind, write_value) in [
        ("AtLeast", "more than 900", "AtLeast(901)", "AtLeast", "at least 901"),
        ("", "more than 900", "AtLeast(901)", "AtLeast", "at least 901"),
        ("Exact", "fewer than 11", "AtMost(10)", "AtMost", "at most 10"),
        ("About", "around 800", "About(800)", "About", "about 800"),
        ("Between", "137 to 145", "Between(137, 145)", "Between", "137–145"),
        ("Exact", "4,000", "Exact(4000)", "Exact", "4000"),
    ] {
        let (said, code) = write(kind, value);
        assert_eq!(code, 1, "{said}");
        assert!(said.contains(&format!(":value: error: `{value}` means {means}")), "{said}");
        assert!(
            said.contains(&format!("write value_kind `{write_kind}` and value `{write_value}`")),
            "{said}"
        );
    }
    // Written as the refusal says, it is the value it meant.
    let (said, code) = write("AtLeast", "at least 901");
    assert_eq!(code, 0, "{said}");
    let text = std::fs::read_to_string(dir.join("claims/event/new-1.ron")).unwrap();
    assert!(text.contains("value: AtLeast(901),"), "{text}");
}

#[test]
fn input_files_may_be_anywhere() {
    let (repo, tables) = exported();
    std::fs::remove_dir_all(repo.path().join("claims")).unwrap();
    assert_eq!(repo.path().parent(), tables.path().parent(), "both in the temp folder");
    let name = tables.path().file_name().unwrap().to_str().unwrap();
    let (claims, citations) = (format!("../{name}/claims.csv"), format!("../{name}/citations.csv"));
    let (said, code) = run(repo.path(), &["import", "--format", "csv", &claims, "--citations", &citations]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("wrote 10 claims"), "{said}");
    assert_eq!(run(repo.path(), &["diff", "--exit-code"]).1, 0);
}

#[test]
fn a_workbook_saved_by_another_program_imports_back_with_the_same_hashes() {
    let (repo, _tables) = exported();
    let books = tempfile::tempdir().unwrap();
    let book = books.path().join("claims.xlsx");
    let (said, code) = run(repo.path(), &["export", "--format", "xlsx", "-o", book.to_str().unwrap()]);
    assert_eq!(code, 0, "{said}");
    let Some(python) = crate::support::judges::python() else { return };
    // openpyxl reads every cell and saves the workbook anew, as a
    // spreadsheet program would; text cells must still be text.
    let saved = books.path().join("saved.xlsx");
    let script = r#"
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
assert book.sheetnames == ["claims", "citations"], book.sheetnames
claims = book["claims"]
header = [c.value for c in claims[1]]
for row in claims.iter_rows(min_row=2):
    cells = dict(zip(header, row))
    for name in ("statement", "as_of", "hash", "id", "tags"):
        cell = cells[name]
        assert cell.value is None or cell.data_type == "s", (name, cell.value, cell.data_type)
    if cells["value_kind"].value == "Exact":
        assert isinstance(cells["value"].value, int), cells["value"].value
book.save(sys.argv[2])
"#;
    let out =
        std::process::Command::new(python).arg("-c").arg(script).arg(&book).arg(&saved).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(repo.path().join("claims")).unwrap();
    let (said, code) = run(repo.path(), &["import", "--format", "xlsx", saved.to_str().unwrap()]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("wrote 10 claims"), "{said}");
    let (said, code) = run(repo.path(), &["diff", "--exit-code"]);
    assert_eq!(code, 0, "the same records and hashes: {said}");
    // A correction made in the workbook: the same rule as for CSV.
    let edited = books.path().join("edited.xlsx");
    let script = r#"
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
claims = book["claims"]
header = [c.value for c in claims[1]]
for row in claims.iter_rows(min_row=2):
    cells = dict(zip(header, row))
    if cells["id"].value == "killed-baza-old":
        cells["value"].value = 13
        cells["statement"].value = "13 dead."
book.save(sys.argv[2])
"#;
    let python = crate::support::judges::python().expect("found above");
    let out =
        std::process::Command::new(python).arg("-c").arg(script).arg(&saved).arg(&edited).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (said, code) = run(repo.path(), &["import", "--format", "xlsx", edited.to_str().unwrap()]);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("edited.xlsx[claims]:5:hash: error: the row corrects `killed-baza-old`"), "{said}");
    let (said, code) =
        run(repo.path(), &["import", "--format", "xlsx", edited.to_str().unwrap(), "--update"]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("corrected claims/event/killed-baza-old.ron"), "{said}");
    let text = repo.read("claims/event/killed-baza-old.ron").unwrap();
    assert!(text.contains("value: Exact(13),") && text.contains("revises: \"sha256:"), "{text}");
}
