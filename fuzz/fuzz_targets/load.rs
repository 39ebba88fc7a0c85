//! The plan loader on arbitrary bytes: it must return a plan or a clear
//! error, never panic, hang or run out of memory. Run with
//! `cargo +nightly fuzz run load fuzz/corpus/load assets/plans tests/corpus`
//! from the repository root (see fuzz/README.md).

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // The loader reads UTF-8 text; what is not UTF-8 is refused before parsing.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let path = Path::new("fuzz.ron");
    if let Ok(plan) = commitments::storage::load::parse_checked(text, path) {
        // A plan that loads writes back to text that loads to the same plan.
        let again = commitments::storage::format::to_ron(&plan).expect("a loaded plan serializes");
        let back = commitments::storage::load::parse_checked(&again, path)
            .expect("what was written loads");
        assert!(back == plan, "the plan changed on a round trip");
    }
});
