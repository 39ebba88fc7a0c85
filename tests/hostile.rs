//! Hostile and broken plan files: the loader under bounded fuzzing (byte and
//! structural mutations of the shipped plan), a committed corpus of nasty
//! inputs, size and depth limits, and Unicode that must survive saving and
//! every export.

mod common;

use std::fs;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use commitments::export::{Format, Snapshot, html};
use commitments::generate::{Profile, generate};
use commitments::model::{Commitment, CommitmentId, Department, DeptId, Kind, Plan, ProgressEntry};
use commitments::pace;
use commitments::query::Filter;
use commitments::storage::load::{MAX_PLAN_BYTES, load, parse_checked};
use commitments::storage::{StorageError, save};
use proptest::prelude::*;

const SHIPPED: &str = include_str!("../assets/plans/taiyuan-2023.ron");

/// The longest one parse of a fuzzed input may take.
const PARSE_BUDGET: Duration = Duration::from_secs(2);

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, m, d).unwrap()
}

// ------------------------------------------------------------- the oracle

/// Where an input that broke the loader is kept for a regression test.
fn save_failure(bytes: &[u8], why: &str) -> PathBuf {
    let dir = std::env::temp_dir().join("commitments-hostile-failures");
    fs::create_dir_all(&dir).unwrap();
    let name = format!(
        "{}-{}.ron",
        why,
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// What every refusal must say: the file, and for parse errors a place.
fn check_error(err: &StorageError, path: &Path) -> Result<(), String> {
    let shown = err.to_string();
    let name = path.display().to_string();
    if !shown.contains(&name) {
        return Err(format!("the message does not name {name}: {shown}"));
    }
    match err {
        StorageError::Parse { line, column, .. }
        | StorageError::NotUtf8 { line, column, .. }
        | StorageError::Truncated { line, column, .. } => {
            if *line == 0 || *column == 0 {
                return Err(format!("no place (line {line}, column {column}): {shown}"));
            }
            if !shown.starts_with(&format!("{name}:{line}:{column}: ")) {
                return Err(format!("the place is not in the message: {shown}"));
            }
        }
        StorageError::Io { .. }
        | StorageError::IsDirectory { .. }
        | StorageError::NotRegular { .. }
        | StorageError::WouldNotLoad { .. }
        | StorageError::OutputIsFolder { .. }
        | StorageError::WouldOverwrite { .. }
        | StorageError::OutputExists { .. }
        | StorageError::ReadOnlyFile { .. }
        | StorageError::Locked { .. }
        | StorageError::FolderNotWritable { .. }
        | StorageError::Serialize { .. }
        | StorageError::SnapshotExists { .. } => {
            return Err(format!(
                "a loader error that reading text cannot give: {err:?}"
            ));
        }
        StorageError::Empty { .. }
        | StorageError::FutureVersion { .. }
        | StorageError::UnknownVersion { .. }
        | StorageError::Invalid { .. }
        | StorageError::TooLarge { .. } => {}
    }
    Ok(())
}

/// Runs `load_it` on `bytes` with panics caught and time measured: Ok or a
/// well-formed `StorageError`, in under [`PARSE_BUDGET`]. A failure keeps
/// the input and names where.
fn survive(
    bytes: &[u8],
    path: &Path,
    load_it: impl FnOnce() -> Result<Plan, StorageError>,
) -> Result<Option<Plan>, String> {
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(load_it));
    let took = started.elapsed();
    let failure = match outcome {
        Err(ref panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Some(format!("the loader panicked: {message}"))
        }
        Ok(_) if took > PARSE_BUDGET => Some(format!("the loader took {took:?}")),
        Ok(Err(ref e)) => check_error(e, path).err(),
        Ok(Ok(_)) => None,
    };
    match failure {
        Some(why) => {
            let kept = save_failure(bytes, "loader");
            Err(format!("{why}; input kept at {}", kept.display()))
        }
        None => Ok(outcome.unwrap().ok()),
    }
}

/// Parses text as the file `plan.ron` would be.
fn survive_text(text: &str) -> Result<Option<Plan>, String> {
    let path = Path::new("/plans/fuzzed plan.ron");
    survive(text.as_bytes(), path, || parse_checked(text, path))
}

/// Loads bytes through a real file.
fn survive_file(bytes: &[u8]) -> Result<Option<Plan>, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzzed.ron");
    fs::write(&path, bytes).unwrap();
    survive(bytes, &path, || load(&path))
}

// ------------------------------------------------ byte-level mutations

#[derive(Debug, Clone)]
enum ByteMutation {
    Flip { at: usize, bit: u8 },
    Insert { at: usize, bytes: Vec<u8> },
    Delete { at: usize, len: usize },
    Truncate { at: usize },
    Duplicate { at: usize, len: usize, to: usize },
    Overwrite { at: usize, bytes: Vec<u8> },
}

fn byte_mutation() -> impl Strategy<Value = ByteMutation> {
    // Positions are fractions of the text, so any mutation fits any length.
    let at = any::<usize>();
    prop_oneof![
        (at, 0u8..8).prop_map(|(at, bit)| ByteMutation::Flip { at, bit }),
        (at, prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| ByteMutation::Insert { at, bytes }),
        (at, 1usize..200).prop_map(|(at, len)| ByteMutation::Delete { at, len }),
        at.prop_map(|at| ByteMutation::Truncate { at }),
        (at, 1usize..2_000, any::<usize>()).prop_map(|(at, len, to)| ByteMutation::Duplicate {
            at,
            len,
            to
        }),
        (
            at,
            prop::collection::vec(
                prop_oneof![
                    any::<u8>(),
                    Just(0xFF),
                    Just(0xC0),
                    Just(0x80),
                    Just(b'"'),
                    Just(b'('),
                    Just(b')'),
                    Just(b'['),
                    Just(b','),
                    Just(0),
                ],
                1..8
            )
        )
            .prop_map(|(at, bytes)| ByteMutation::Overwrite { at, bytes }),
    ]
}

fn apply_bytes(mut bytes: Vec<u8>, m: &ByteMutation) -> Vec<u8> {
    let n = bytes.len();
    let pos = |at: usize| if n == 0 { 0 } else { at % (n + 1) };
    match m {
        ByteMutation::Flip { at, bit } => {
            if n > 0 {
                bytes[at % n] ^= 1 << bit;
            }
        }
        ByteMutation::Insert { at, bytes: new } => {
            let at = pos(*at);
            bytes.splice(at..at, new.iter().copied());
        }
        ByteMutation::Delete { at, len } => {
            let at = pos(*at);
            let end = (at + len).min(n);
            bytes.drain(at..end);
        }
        ByteMutation::Truncate { at } => bytes.truncate(pos(*at)),
        ByteMutation::Duplicate { at, len, to } => {
            let at = pos(*at);
            let end = (at + len).min(n);
            let range: Vec<u8> = bytes[at..end].to_vec();
            let to = pos(*to);
            bytes.splice(to..to, range);
        }
        ByteMutation::Overwrite { at, bytes: new } => {
            if n > 0 {
                let at = at % n;
                for (i, b) in new.iter().enumerate() {
                    if let Some(slot) = bytes.get_mut(at + i) {
                        *slot = *b;
                    }
                }
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    /// One to four byte mutations of the shipped plan: text goes through
    /// `parse_checked`; text that is not UTF-8, and every fourth input, goes
    /// through `load` of a real file.
    #[test]
    fn byte_mutations_never_break_the_loader(
        mutations in prop::collection::vec(byte_mutation(), 1..5),
        through_file in any::<u8>(),
    ) {
        let mut bytes = SHIPPED.as_bytes().to_vec();
        for m in &mutations {
            bytes = apply_bytes(bytes, m);
        }
        let result = match std::str::from_utf8(&bytes) {
            Ok(text) if through_file % 4 != 0 => survive_text(text),
            _ => survive_file(&bytes),
        };
        if let Err(why) = result {
            return Err(TestCaseError::fail(why));
        }
    }
}

// ------------------------------------------------ structural mutations

#[derive(Debug, Clone)]
enum Structural {
    Number {
        nth: usize,
        with: &'static str,
    },
    HugeInt {
        nth: usize,
        digits: usize,
    },
    LongString {
        nth: usize,
        bytes: usize,
    },
    ControlString {
        nth: usize,
        ch: char,
    },
    DeleteField {
        nth: usize,
    },
    DuplicateField {
        nth: usize,
    },
    Nest {
        nth: usize,
        depth: usize,
        open: char,
    },
    EnumWord {
        nth: usize,
        with: &'static str,
    },
}

const ODD_NUMBERS: [&str; 16] = [
    "NaN",
    "inf",
    "-inf",
    "+inf",
    "1e400",
    "-1e400",
    "-0",
    "-0.0",
    "0x7fffffffffffffffffff",
    "18446744073709551616",
    "-9223372036854775809",
    "4294967296",
    "-1",
    "1_000",
    "0b102",
    ".e5",
];

const ENUM_WORDS: [&str; 14] = [
    "not_started",
    "in_progress",
    "done",
    "suspended",
    "approx",
    "at_least",
    "at_most",
    "exact",
    "range",
    "quantitative",
    "milestone",
    "qualitative",
    "Some",
    "None",
];

fn structural() -> impl Strategy<Value = Structural> {
    let nth = any::<usize>();
    prop_oneof![
        (nth, prop::sample::select(ODD_NUMBERS.to_vec()))
            .prop_map(|(nth, with)| Structural::Number { nth, with }),
        (nth, 20usize..400).prop_map(|(nth, digits)| Structural::HugeInt { nth, digits }),
        (nth, prop_oneof![Just(1usize << 20), 1usize..5_000])
            .prop_map(|(nth, bytes)| Structural::LongString { nth, bytes }),
        (
            nth,
            prop_oneof![
                (1u32..0x20).prop_map(|c| char::from_u32(c).unwrap()),
                Just('\u{7f}'),
                Just('\u{feff}'),
                Just('\u{202e}'),
                Just('\u{fffd}'),
                Just('\\'),
                Just('"'),
            ]
        )
            .prop_map(|(nth, ch)| Structural::ControlString { nth, ch }),
        nth.prop_map(|nth| Structural::DeleteField { nth }),
        nth.prop_map(|nth| Structural::DuplicateField { nth }),
        (
            nth,
            prop_oneof![1usize..200, Just(10_000usize)],
            prop::sample::select(vec!['[', '(', '{'])
        )
            .prop_map(|(nth, depth, open)| Structural::Nest { nth, depth, open }),
        (
            nth,
            prop::sample::select(
                ENUM_WORDS
                    .iter()
                    .copied()
                    .chain(["Done", "", "r#done", "none"])
                    .collect::<Vec<_>>()
            )
        )
            .prop_map(|(nth, with)| Structural::EnumWord { nth, with }),
    ]
}

/// Byte ranges of the number literals of `text` (outside strings).
fn numbers(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_string = false;
    while i < b.len() {
        let c = b[i];
        if in_string {
            if c == b'\\' {
                i += 1;
            } else if c == b'"' {
                in_string = false;
            }
            i += 1;
            continue;
        }
        if c == b'"' {
            in_string = true;
            i += 1;
        } else if c.is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

/// Byte ranges of the contents of the string literals of `text`.
fn strings(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let start = i + 1;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            out.push((start, i.min(b.len())));
        }
        i += 1;
    }
    out
}

/// Byte ranges of the lines that hold one `field: value,`.
fn field_lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.contains(": ") && t.ends_with(',') {
            out.push((start, start + line.len()));
        }
        start += line.len();
    }
    out
}

/// Byte ranges of enum words standing alone.
fn enum_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for w in ENUM_WORDS {
        for (at, _) in text.match_indices(w) {
            let before = text[..at].chars().next_back();
            let after = text[at + w.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            if !word(before) && !word(after) {
                out.push((at, at + w.len()));
            }
        }
    }
    out.sort();
    out
}

fn replace(text: &str, ranges: &[(usize, usize)], nth: usize, with: &str) -> String {
    if ranges.is_empty() {
        return text.to_owned();
    }
    let (a, b) = ranges[nth % ranges.len()];
    format!("{}{}{}", &text[..a], with, &text[b..])
}

fn apply_structural(text: &str, m: &Structural) -> String {
    match m {
        Structural::Number { nth, with } => replace(text, &numbers(text), *nth, with),
        Structural::HugeInt { nth, digits } => {
            replace(text, &numbers(text), *nth, &"9".repeat(*digits))
        }
        Structural::LongString { nth, bytes } => {
            replace(text, &strings(text), *nth, &"长".repeat(bytes / 3 + 1))
        }
        Structural::ControlString { nth, ch } => {
            let ranges = strings(text);
            let (a, b) = ranges[nth % ranges.len()];
            format!("{}{ch}{}{ch}{}", &text[..a], &text[a..b], &text[b..])
        }
        Structural::DeleteField { nth } => replace(text, &field_lines(text), *nth, ""),
        Structural::DuplicateField { nth } => {
            let ranges = field_lines(text);
            let (a, b) = ranges[nth % ranges.len()];
            format!("{}{}", &text[..b], &text[a..])
        }
        Structural::Nest { nth, depth, open } => {
            let close = match open {
                '[' => ']',
                '(' => ')',
                _ => '}',
            };
            let ranges = numbers(text);
            let (a, b) = ranges[nth % ranges.len()];
            let opens = open.to_string().repeat(*depth);
            let closes = close.to_string().repeat(*depth);
            format!("{}{opens}{}{closes}{}", &text[..a], &text[a..b], &text[b..])
        }
        Structural::EnumWord { nth, with } => replace(text, &enum_words(text), *nth, with),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    /// One to three structural mutations of the shipped plan: odd numbers,
    /// huge and control-laden strings, missing and repeated fields, deep
    /// brackets, wrong enum words.
    #[test]
    fn structural_mutations_never_break_the_loader(
        mutations in prop::collection::vec(structural(), 1..4),
        through_file in any::<u8>(),
    ) {
        let mut text = SHIPPED.to_owned();
        for m in &mutations {
            text = apply_structural(&text, m);
        }
        let result = if through_file % 8 == 0 {
            survive_file(text.as_bytes())
        } else {
            survive_text(&text)
        };
        if let Err(why) = result {
            return Err(TestCaseError::fail(why));
        }
    }
}

#[test]
fn the_mutators_find_what_they_mutate() {
    assert!(numbers(SHIPPED).len() > 100);
    assert!(strings(SHIPPED).len() > 100);
    assert!(field_lines(SHIPPED).len() > 100);
    assert!(enum_words(SHIPPED).len() > 100);
    // Nothing mutated: the shipped plan loads.
    assert!(survive_text(SHIPPED).unwrap().is_some());
}

// ----------------------------------------------------------- the corpus

/// What a corpus file's name promises: `ok-`, `parse-`, `utf8-`,
/// `invalid-`, `future-` or `version-` first.
fn expected_outcome(name: &str, result: &Result<Plan, StorageError>) -> bool {
    let prefix = name.split('-').next().unwrap_or_default();
    matches!(
        (prefix, result),
        ("ok", Ok(_))
            | ("parse", Err(StorageError::Parse { .. }))
            | ("utf8", Err(StorageError::NotUtf8 { .. }))
            | ("invalid", Err(StorageError::Invalid { .. }))
            | ("future", Err(StorageError::FutureVersion { .. }))
            | ("version", Err(StorageError::UnknownVersion { .. }))
            | (
                "truncated",
                Err(StorageError::Truncated { .. } | StorageError::Empty { .. })
            )
    )
}

#[test]
fn every_corpus_file_is_refused_or_accepted_as_its_name_says() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert!(names.len() >= 10, "the corpus is in {}", dir.display());
    let mut wrong = Vec::new();
    for path in names {
        let bytes = fs::read(&path).unwrap();
        assert!(bytes.len() < 20_000, "{} is too big", path.display());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut result = None;
        let survived = survive(&bytes, &path, || {
            let r = load(&path);
            let ok = r.as_ref().map(|_| ()).map_err(|e| e.to_string());
            result = Some(ok);
            r
        });
        if let Err(why) = survived {
            panic!("{name}: {why}");
        }
        if !expected_outcome(&name, &load(&path)) {
            wrong.push(format!("{name}: {:?}", result.unwrap()));
        }
    }
    assert!(
        wrong.is_empty(),
        "unexpected outcomes:\n{}",
        wrong.join("\n")
    );
}

/// Notepad on Windows may save UTF-8 with a byte-order mark; such a plan
/// loads as if it had none, and places on line 1 ignore the mark.
#[test]
fn a_leading_byte_order_mark_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notepad.ron");
    fs::write(&path, format!("\u{feff}{SHIPPED}")).unwrap();
    let plain = parse_checked(SHIPPED, &path).unwrap();
    assert_eq!(load(&path).unwrap(), plain);
    // Cut short after the version: the place is given either way.
    let place = |err: StorageError| match err {
        StorageError::Parse { line, column, .. } | StorageError::Truncated { line, column, .. } => {
            (line, column)
        }
        other => panic!("{other:?}"),
    };
    let (line, column) = place(parse_checked("\u{feff}(format_version: 1, x", &path).unwrap_err());
    let (l2, c2) = place(parse_checked("(format_version: 1, x", &path).unwrap_err());
    assert_eq!((line, column), (l2, c2));
}

// --------------------------------------------------------------- limits

#[test]
fn a_file_over_the_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = fs::File::create(&path).unwrap();
    // Sparse: no disk, and reading it would take far longer than allowed.
    file.set_len(MAX_PLAN_BYTES + 1).unwrap();
    let started = Instant::now();
    let err = load(&path).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1), "it was read");
    assert!(matches!(err, StorageError::TooLarge { .. }), "{err:?}");
    assert!(err.to_string().contains("huge.ron"), "{err}");
}

/// A 200 MB plan (a long log pasted into the notes) loads and saves back:
/// below the limit, size alone is no reason to refuse. (Its memory is
/// measured in the README's performance section, not asserted here.)
#[test]
fn a_two_hundred_megabyte_file_loads_and_saves_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let mut plan = small_plan();
    plan.notes = "督查台账，".repeat(200 * 1000 * 1000 / 15);
    save(&plan, &path).unwrap();
    assert!(fs::metadata(&path).unwrap().len() >= 200_000_000);
    let loaded = load(&path).unwrap();
    assert!(loaded == plan, "the 200 MB plan came back different");
    drop(loaded);
    save(&plan, &path).unwrap();
}

fn small_plan() -> Plan {
    common::five_g_plan("小计划")
}

#[test]
fn a_five_megabyte_title_loads_and_saves_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.ron");
    let mut plan = small_plan();
    plan.title = "长".repeat(5 * 1024 * 1024 / 3);
    plan.commitments.get_mut(&CommitmentId(1)).unwrap().title = "题".repeat(5 * 1024 * 1024 / 3);
    save(&plan, &path).unwrap();
    let loaded = load(&path).unwrap();
    assert_eq!(loaded, plan);
    save(&loaded, &path).unwrap();
    assert_eq!(load(&path).unwrap(), plan);
}

/// Runs `f` on a thread with the default 2 MB stack of spawned threads.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no panic or overflow on a 2 MB stack")
}

#[test]
fn deep_nesting_is_a_parse_error_not_a_stack_overflow() {
    let n = 100_000;
    let inputs = [
        "[".repeat(n),
        "(".repeat(n),
        format!(
            "(format_version: 1, title: \"t\", year: 2023, departments: {}",
            "[".repeat(n)
        ),
        format!(
            "(format_version: 1, title: \"t\", year: 2023, extra: {}",
            "(".repeat(n)
        ),
        format!("(extra: {}{}", "[".repeat(n), "]".repeat(n)),
        format!(
            "(format_version: 1, title: \"t\", year: 2023, extra: {}{})",
            "Some(".repeat(n),
            ")".repeat(n)
        ),
    ];
    for (i, text) in inputs.into_iter().enumerate() {
        let err = on_small_stack(move || {
            let path = Path::new("deep.ron");
            let started = Instant::now();
            let r = parse_checked(&text, path);
            assert!(started.elapsed() < PARSE_BUDGET);
            r.map(|_| ()).unwrap_err()
        });
        assert!(
            matches!(err, StorageError::Parse { line: 1, .. }),
            "input {i}: {err:?}"
        );
        check_error(&err, Path::new("deep.ron")).unwrap();
    }
}

fn entry(date: NaiveDate, value: f64, text: &str) -> ProgressEntry {
    ProgressEntry {
        date,
        value: Some(value),
        progress: text.to_owned(),
        problems: String::new(),
        next_steps: String::new(),
        reporter: String::new(),
        evidence: Vec::new(),
    }
}

#[test]
fn a_thousand_progress_entries_load_save_and_assess() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.ron");
    let mut plan = small_plan();
    let c = plan.commitments.get_mut(&CommitmentId(1)).unwrap();
    let start = day(1, 1);
    for k in 0..1_000u64 {
        let date = start + chrono::Days::new(k % 365);
        c.add_progress(entry(date, (k * 10) as f64, &format!("第{k}次填报")));
    }
    assert_eq!(c.progress.len(), 1_000);
    save(&plan, &path).unwrap();
    let loaded = load(&path).unwrap();
    assert_eq!(loaded, plan);
    let c = &loaded.commitments[&CommitmentId(1)];
    let a = pace::assess(&loaded, c, day(12, 31));
    assert!(a.progress_percent.is_some_and(|p| p.is_finite()), "{a:?}");
    save(&loaded, &path).unwrap();
    assert_eq!(load(&path).unwrap(), plan);
}

// --------------------------------------------------------------- Unicode

const SKIN_TONE: &str = "👍🏽";
const FAMILY: &str = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
const RTL: &str = "\u{200F}مرحبا بالعالم\u{200E} שלום עולם\u{202B}نص\u{202C}";
const COMBINING: &str = "e\u{30A} Z\u{324}\u{354}\u{367}\u{311}\u{313}";
const CJK_EXT_B: &str = "𠀀𪚥";
const BELL: &str = "响\u{7}铃";
const INNER_BOM: &str = "前\u{FEFF}后";

fn unicode_texts() -> Vec<String> {
    [
        SKIN_TONE, FAMILY, RTL, COMBINING, CJK_EXT_B, BELL, INNER_BOM,
    ]
    .iter()
    .map(|s| format!("测试{s}尾"))
    .collect()
}

/// A plan with every hard text in a department name, a title, notes and
/// progress text.
fn unicode_plan() -> Plan {
    let texts = unicode_texts();
    let all = texts.concat();
    let mut plan = Plan::new(format!("计划{all}"), 2023);
    plan.notes = all.clone();
    plan.issuer = RTL.to_owned();
    for (i, t) in texts.iter().enumerate() {
        let id = DeptId::new(format!("d{i}"));
        plan.departments.insert(
            id.clone(),
            Department {
                id,
                name: format!("市{t}局"),
                short_name: t.clone(),
            },
        );
    }
    for (i, t) in texts.iter().enumerate() {
        let id = CommitmentId(i as u32 + 1);
        let mut c = Commitment::new(id, t.clone(), Kind::Qualitative);
        c.section = format!("部分{t}");
        c.source_quote = format!("原文{t}");
        c.owner = t.clone();
        c.notes = t.clone();
        c.tags = vec![t.clone()];
        c.lead = Some(DeptId::new(format!("d{i}")));
        c.add_progress(ProgressEntry {
            date: day(3, 1),
            value: None,
            progress: format!("进展{t}"),
            problems: format!("问题{t}"),
            next_steps: format!("措施{t}"),
            reporter: t.clone(),
            evidence: Vec::new(),
        });
        plan.commitments.insert(id, c);
    }
    plan
}

fn snapshot(plan: &Plan) -> Snapshot {
    Snapshot::build(plan, &Filter::default(), day(6, 30), "全部".to_owned())
}

/// The texts of the detail table of a commitment, as the export should show them.
fn expected_cells(t: &str) -> Vec<String> {
    vec![
        t.to_owned(),
        format!("部分{t}"),
        format!("市{t}局"),
        t.to_owned(),
        format!("进展{t}"),
        format!("问题{t}"),
        format!("措施{t}"),
        format!("原文{t}"),
    ]
}

#[test]
fn unicode_survives_save_and_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unicode.ron");
    let plan = unicode_plan();
    save(&plan, &path).unwrap();
    let loaded = load(&path).unwrap();
    assert_eq!(loaded, plan);
    for (i, t) in unicode_texts().iter().enumerate() {
        let c = &loaded.commitments[&CommitmentId(i as u32 + 1)];
        assert_eq!(&c.title, t);
        assert_eq!(c.progress[0].progress, format!("进展{t}"));
        assert_eq!(
            loaded.departments[&DeptId::new(format!("d{i}"))].short_name,
            *t
        );
    }
}

#[test]
fn unicode_survives_csv_export() {
    let plan = unicode_plan();
    let bytes = Format::Csv.to_bytes(&snapshot(&plan)).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(records.len(), 1 + plan.commitments.len());
    for (i, t) in unicode_texts().iter().enumerate() {
        let row = &records[i + 1];
        assert_eq!(row[0], (i + 1).to_string());
        for want in expected_cells(t) {
            assert!(row.contains(&want), "CSV row {i} lacks {want:?}: {row:?}");
        }
    }
}

#[test]
fn unicode_survives_xlsx_export() {
    let plan = unicode_plan();
    let bytes = Format::Xlsx.to_bytes(&snapshot(&plan)).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = book
        .worksheet_range(commitments::export::xlsx::DETAIL_SHEET)
        .unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|d| match d {
                    Data::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    for (i, t) in unicode_texts().iter().enumerate() {
        let row = rows
            .iter()
            .find(|r| r[0] == (i + 1).to_string())
            .unwrap_or_else(|| panic!("no row {}", i + 1));
        for want in expected_cells(t) {
            assert!(row.contains(&want), "XLSX row {i} lacks {want:?}: {row:?}");
        }
    }
    let summary = book
        .worksheet_range(commitments::export::xlsx::SUMMARY_SHEET)
        .unwrap();
    let title = plan.title.clone();
    assert!(
        summary
            .used_cells()
            .any(|(_, _, d)| matches!(d, Data::String(s) if s.contains(&title))),
        "the plan title is on the summary sheet"
    );
}

#[test]
fn unicode_survives_html_export_escaped_where_needed() {
    let mut plan = unicode_plan();
    // Overdue, so the report lists their problems and next steps too.
    for c in plan.commitments.values_mut() {
        c.due = Some(day(5, 31));
    }
    let markup = format!("<b>{FAMILY}</b> & \"{RTL}\"");
    plan.commitments.get_mut(&CommitmentId(1)).unwrap().title = markup.clone();
    let page = String::from_utf8(Format::Html.to_bytes(&snapshot(&plan)).unwrap()).unwrap();
    for t in unicode_texts().iter().skip(1) {
        for want in expected_cells(t) {
            if want.starts_with("原文") || want == *t {
                // The quote and the owner are not in the printed report.
                continue;
            }
            assert!(page.contains(&html::escape(&want)), "HTML lacks {want:?}");
        }
    }
    assert!(page.contains(&html::escape(&plan.title)));
    assert!(page.contains(&format!(
        "&lt;b&gt;{FAMILY}&lt;/b&gt; &amp; &quot;{RTL}&quot;"
    )));
    assert!(!page.contains("<b>"));
}

// ------------------------------------------------------------------ scale

#[test]
fn a_hundred_thousand_commitments_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let plan = generate(100_000, 7, Profile::Realistic);
    save(&plan, &path).unwrap();
    let size = fs::metadata(&path).unwrap().len();
    assert!(size < MAX_PLAN_BYTES, "{size} bytes");
    let loaded = load(&path).unwrap();
    assert_eq!(loaded.commitments.len(), 100_000);
    assert_eq!(loaded, plan);
}
