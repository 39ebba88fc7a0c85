//! The extractor measured against the hand labels in
//! `tests/fixtures/extract/` (NAME.tsv beside the report NAME.txt), and the
//! `extract` command as scripts see it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use commitments::extract::eval::{self, Score};
use commitments::storage;

/// Floors a regression fails: a few points under what the extractor
/// reaches (see README, "Drafts from a report").
const RECALL_FLOOR: f64 = 0.93;
const PRECISION_FLOOR: f64 = 0.95;
const PAST_LEAKED_CEILING: usize = 2;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract")
}

#[test]
fn labelled_reports_stay_above_the_floor() {
    let scores = eval::score_dir(&fixtures()).expect("label files read");
    assert!(
        scores.len() >= 4,
        "expected four labelled reports, found {}",
        scores.len()
    );
    let total = Score::total(&scores);
    let lines: Vec<String> = scores
        .iter()
        .chain([&total])
        .map(|s| {
            format!(
                "{}: labels {} found {} recall {:.3} precision {:.3} comparator {:.3} past {}",
                s.name,
                s.labels,
                s.found,
                s.recall(),
                s.precision(),
                s.comparator_agreement(),
                s.past_leaked
            )
        })
        .collect();
    let report = lines.join("\n");
    assert!(total.recall() >= RECALL_FLOOR, "recall fell:\n{report}");
    assert!(
        total.precision() >= PRECISION_FLOOR,
        "precision fell:\n{report}"
    );
    assert!(
        total.past_leaked <= PAST_LEAKED_CEILING,
        "past results leaked:\n{report}"
    );
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut c = Command::new(env!("CARGO_BIN_EXE_commitments"));
    c.current_dir(dir)
        .arg("--data-dir")
        .arg(dir.join("data"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("the binary runs");
    if let Some(bytes) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn taiyuan() -> PathBuf {
    fixtures().join("taiyuan-2023.txt")
}

#[test]
fn json_lists_drafts_in_text_order_with_the_contract_fields() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        &["extract", taiyuan().to_str().unwrap(), "--format", "json"],
        None,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rows: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert!(!rows.is_empty());
    for row in &rows {
        let keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for k in [
            "quote",
            "title",
            "section",
            "kind",
            "target",
            "due",
            "deadline_text",
            "lead_department",
        ] {
            assert!(keys.contains(&k), "{k} missing in {row}");
        }
        if row["kind"] != "quantitative" {
            assert!(row["target"].is_null());
        }
    }
    let five_g = rows
        .iter()
        .find(|r| {
            r["quote"]
                .as_str()
                .unwrap()
                .contains("5G基站达到1.4万座以上")
        })
        .expect("the 5G target");
    assert_eq!(five_g["target"]["low"], 14000.0);
    assert_eq!(five_g["target"]["unit"], "座");
    assert_eq!(five_g["target"]["comparator"], "at_least");
    assert_eq!(five_g["due"], "2023-12-31");
    assert_eq!(five_g["deadline_text"], "年内");
    assert_eq!(five_g["lead_department"], "工业和信息化局");
    // Stdin gives the same drafts.
    let text = std::fs::read(taiyuan()).unwrap();
    let r2 = run(
        dir.path(),
        &["extract", "-", "--format", "json"],
        Some(&text),
    );
    assert_eq!(r2.stdout, r.stdout);
}

#[test]
fn output_writes_a_plan_check_accepts_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("new.ron");
    let plan_arg = plan.to_str().unwrap();
    let report = taiyuan();
    let args = [
        "extract",
        report.to_str().unwrap(),
        "--output",
        plan_arg,
        "--title",
        "太原2023",
    ];
    let r = run(dir.path(), &args, None);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let loaded = storage::load(&plan).expect("the plan loads");
    assert_eq!(loaded.title, "太原2023");
    assert!(loaded.commitments.len() >= 16);
    assert_eq!(loaded.source_report.text_file, "new.report.txt");
    assert!(dir.path().join("new.report.txt").exists());
    let check = run(dir.path(), &["--file", plan_arg, "check"], None);
    assert_eq!(check.code, Some(0), "{}{}", check.stdout, check.stderr);
    let before = std::fs::read(&plan).unwrap();
    let again = run(dir.path(), &args, None);
    assert_eq!(again.code, Some(2));
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(run(dir.path(), &forced, None).code, Some(0));
}

#[test]
fn bad_input_gets_one_line_or_an_empty_result_that_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.txt", b"", "empty"),
        ("scan.pdf", b"%PDF-1.4\n%\xE2\xE3\n", "PDF"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "image"),
        (
            "latin.txt",
            b"caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la fran\xe7aise",
            "UTF-8 or GB18030",
        ),
    ];
    for (name, bytes, says) in cases {
        std::fs::write(d.join(name), bytes).unwrap();
        let r = run(d, &["extract", name], None);
        assert_eq!(r.code, Some(2), "{name}");
        let err = r.stderr.trim_end();
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(err.contains(says), "{name}: {err}");
    }
    let r = run(d, &["extract", "."], None);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("folder"), "{}", r.stderr);
    std::fs::write(d.join("words.txt"), "深化改革，扩大开放。\n").unwrap();
    let r = run(d, &["extract", "words.txt", "--format", "json"], None);
    assert_eq!(r.code, Some(0));
    assert_eq!(r.stdout.trim(), "[]");
    assert!(r.stderr.contains("no drafts"), "{}", r.stderr);
    // GB18030 is read like UTF-8.
    let (gb, _, _) = encoding_rs::GB18030.encode("2025年政府工作报告\n今年新建5G基站8000个。\n");
    std::fs::write(d.join("gb.txt"), &gb).unwrap();
    let r = run(d, &["extract", "gb.txt", "--format", "json"], None);
    let rows: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(rows.len(), 1, "{}", r.stdout);
    assert_eq!(rows[0]["target"]["low"], 8000.0);
    assert_eq!(rows[0]["deadline_text"], "今年");
}
