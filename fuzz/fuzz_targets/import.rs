//! Bytes as the claims table of `import --format csv`, run by the built
//! binary (CLAIMTRAIL_BIN, default `claimtrail` on the PATH) in a fresh
//! store, with the property of tests/it/support/surface.rs: all or nothing,
//! and a second run writes nothing new.

#![no_main]

#[allow(dead_code)]
#[path = "../../tests/it/support/pipeline.rs"]
mod pipeline;
#[allow(dead_code)]
#[path = "../../tests/it/support/env.rs"]
mod env;
#[allow(dead_code)]
#[path = "../../tests/it/support/surface.rs"]
mod surface;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let bin = std::env::var_os("CLAIMTRAIL_BIN").unwrap_or_else(|| "claimtrail".into());
    // The in-memory reader first: it must never panic on any table.
    let _ = claimtrail::internals::export::csv_import::read(
        claimtrail::internals::export::csv_import::Table { name: "claims.csv", bytes: data },
        None,
        &|_| None::<&claimtrail::Record>,
    );
    surface::import(std::path::Path::new(&bin), data);
});
