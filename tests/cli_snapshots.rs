//! `commitments snapshot` and `commitments diff` as scripts see them: the
//! real binary run as a process, each test in its own temporary data
//! folder, "today" pinned to 2023-07-01.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use commitments::storage::{self, paths};

const TODAY: &str = "2023-07-01";
const MARCH: &str = "snapshots/taiyuan-2023.2023-03-31.ron";
const JUNE: &str = "snapshots/taiyuan-2023.2023-06-30.ron";

#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn ok(self) -> Run {
        assert_eq!(self.code, Some(0), "expected success: {self:#?}");
        self
    }

    /// Asserts exit code 2 and exactly one line on stderr; returns it.
    fn fails_with_one_line(&self) -> &str {
        assert_eq!(self.code, Some(2), "{self:#?}");
        let err = self.stderr.trim_end();
        assert!(!err.is_empty(), "no message on stderr: {self:#?}");
        assert_eq!(err.lines().count(), 1, "expected one line: {self:#?}");
        err
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {self:#?}"))
    }
}

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn data(&self) -> PathBuf {
        self.root().join("data")
    }

    fn run(&self, args: &[&str]) -> Run {
        let mut c = Command::new(env!("CARGO_BIN_EXE_commitments"));
        c.current_dir(self.root())
            .env("COMMITMENTS_TODAY", TODAY)
            .env_remove(paths::DATA_DIR_ENV)
            .arg("--data-dir")
            .arg(self.data())
            .args(args);
        let out = c.output().expect("the binary runs");
        Run {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// The lights of `list` on a plan file as of a date, by id.
    fn lights(&self, file: &Path, as_of: &str) -> BTreeMap<u64, String> {
        let file = file.to_str().unwrap();
        let rows = self
            .run(&["--file", file, "list", "--format", "json", "--as-of", as_of])
            .ok()
            .json();
        rows.as_array()
            .expect("an array")
            .iter()
            .map(|r| {
                (
                    r["id"].as_u64().unwrap(),
                    r["light"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    /// Snapshot on 03-31, a quarter of work on the live plan, snapshot on 06-30.
    fn a_quarter_of_work(&self) {
        self.run(&["snapshot", "--as-of", "2023-03-31"]).ok();
        // 5G基站 (quantitative): a first value.
        self.run(&[
            "progress",
            "35",
            "--value",
            "9000",
            "--on",
            "2023-05-10",
            "--note",
            "已建成9000座",
        ])
        .ok();
        // 算力枢纽 (qualitative): done.
        self.run(&["tick", "36", "--on", "2023-06-15"]).ok();
        // 煤炭转型 (qualitative): a first return.
        self.run(&[
            "progress",
            "37",
            "--on",
            "2023-06-01",
            "--note",
            "智能化改造方案已印发",
        ])
        .ok();
        self.run(&["snapshot", "--as-of", "2023-06-30"]).ok();
    }
}

fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| entries.count())
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (id, kind) of changes, and light changes by id as (from, to).
type Kinds = BTreeSet<(u64, String)>;
type Lights = BTreeMap<u64, (String, String)>;

/// (id, kind) of every change but light changes, and the light changes apart.
fn split(changes: &[Value]) -> (Kinds, Lights) {
    let mut others = BTreeSet::new();
    let mut lights = BTreeMap::new();
    for c in changes {
        let id = c["id"].as_u64().unwrap();
        let kind = c["kind"].as_str().unwrap().to_owned();
        if kind == "light_changed" {
            let light = |k: &str| c[k].as_str().unwrap().to_owned();
            assert!(lights.insert(id, (light("from"), light("to"))).is_none());
        } else {
            others.insert((id, kind));
        }
    }
    (others, lights)
}

/// The changes of the quarter, apart from lights.
fn expected_quarter() -> Kinds {
    [
        (35, "status_changed"),
        (35, "value_changed"),
        (35, "progress_added"),
        (36, "newly_done"),
        (37, "status_changed"),
        (37, "progress_added"),
    ]
    .into_iter()
    .map(|(id, k)| (id, k.to_owned()))
    .collect()
}

#[test]
fn snapshot_writes_a_dated_plan_file_that_loads_and_is_never_overwritten_silently() {
    let sb = Sandbox::new();
    let run = sb.run(&["snapshot", "--as-of", "2023-03-31"]).ok();
    let path = sb.data().join(MARCH);
    assert_eq!(run.stdout.trim_end(), path.display().to_string());
    let frozen = storage::load(&path).expect("the snapshot loads");
    let live = storage::load(&sb.data().join(paths::DEFAULT_PLAN_FILE)).unwrap();
    assert_eq!(frozen, live.as_of(date("2023-03-31")));
    assert_eq!(frozen.commitments.len(), 82);
    let bytes = read(&path);

    // Again, after a change: refused, the snapshot left as it was.
    sb.run(&["progress", "35", "--value", "9000", "--on", "2023-03-20"])
        .ok();
    let err = sb
        .run(&["snapshot", "--as-of", "2023-03-31"])
        .fails_with_one_line()
        .to_owned();
    assert!(err.contains("taiyuan-2023.2023-03-31.ron"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(read(&path), bytes);

    // With --force it is replaced (keeping no backup), and now has the value of 03-20.
    let backups = count_files(&sb.data().join("backups"));
    sb.run(&["snapshot", "--as-of", "2023-03-31", "--force"])
        .ok();
    assert_eq!(count_files(&sb.data().join("backups")), backups);
    let frozen = storage::load(&path).unwrap();
    let c = &frozen.commitments[&commitments::model::CommitmentId(35)];
    assert_eq!(c.progress.len(), 1);
    // Without --as-of, today's snapshot; a date before a return leaves it out.
    let run = sb.run(&["snapshot"]).ok();
    assert!(
        run.stdout
            .trim_end()
            .ends_with("taiyuan-2023.2023-07-01.ron")
    );
    sb.run(&["snapshot", "--as-of", "2023-03-19"]).ok();
    let before = storage::load(&sb.data().join("snapshots/taiyuan-2023.2023-03-19.ron")).unwrap();
    assert!(
        before.commitments[&commitments::model::CommitmentId(35)]
            .progress
            .is_empty()
    );
}

#[test]
fn diff_between_two_dated_snapshots_lists_exactly_the_changes_made() {
    let sb = Sandbox::new();
    sb.a_quarter_of_work();
    let run = sb.run(&["diff", MARCH, JUNE, "--format", "json"]).ok();
    let report = run.json();
    assert_eq!(report["old"]["as_of"], "2023-03-31");
    assert_eq!(report["new"]["as_of"], "2023-06-30");
    assert!(report["old"]["file"].as_str().unwrap().ends_with(MARCH));
    let changes = report["changes"].as_array().unwrap();
    let (others, lights) = split(changes);
    assert_eq!(others, expected_quarter());

    // The details.
    let find = |id: u64, kind: &str| -> &Value {
        changes
            .iter()
            .find(|c| c["id"] == id && c["kind"] == kind)
            .unwrap()
    };
    let value = find(35, "value_changed");
    assert_eq!(value["from"], Value::Null);
    assert_eq!(value["to"], 9000.0);
    assert_eq!(value["delta"], Value::Null);
    assert_eq!(value["unit"], "座");
    assert_eq!(value["text"], "当前值：未填报 → 9000座");
    assert_eq!(find(35, "status_changed")["from"], "not_started");
    assert_eq!(find(35, "status_changed")["to"], "in_progress");
    assert_eq!(find(35, "progress_added")["count"], 1);
    assert_eq!(find(36, "newly_done")["on"], "2023-06-15");
    assert_eq!(find(36, "newly_done")["text"], "新完成（2023-06-15）");
    assert_eq!(find(36, "newly_done")["title"], "加快太原算力枢纽节点建设");
    assert_eq!(find(37, "status_changed")["text"], "状态：未启动 → 推进中");

    // Light changes: exactly where `list` gives the two snapshots, each on
    // its date, different lights (the time passed turns some yellow to red).
    let before = sb.lights(&sb.data().join(MARCH), "2023-03-31");
    let after = sb.lights(&sb.data().join(JUNE), "2023-06-30");
    let expected_lights: Lights = before
        .iter()
        .filter(|(id, light)| after[*id] != **light)
        .map(|(id, light)| (*id, (light.clone(), after[id].clone())))
        .collect();
    assert_eq!(lights, expected_lights);
    // 5G is a level (a stock of stations): unjudged with no value in March,
    // 9000 of 1.4万 in June misses by more than 30 points.
    assert_eq!(lights[&35], ("green".to_owned(), "red".to_owned()));
    assert!(
        lights
            .values()
            .filter(|l| *l == &("yellow".to_owned(), "red".to_owned()))
            .count()
            > 1
    );

    // Sorted by id; the summary counts them.
    let ids: Vec<u64> = changes.iter().map(|c| c["id"].as_u64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] <= w[1]), "{ids:?}");
    let summary = &report["summary"];
    assert_eq!(summary["light_changed"], lights.len());
    assert_eq!(summary["newly_done"], 1);
    assert_eq!(summary["status_changed"], 2);
    assert_eq!(summary["progress_added"], 2);
    assert_eq!(summary["value_changed"], 1);
    assert_eq!(summary["added"], 0);
    let changed: BTreeSet<u64> = ids.into_iter().collect();
    assert_eq!(summary["commitments"], changed.len());

    // The snapshots named by their dates give the same report.
    let by_date = sb
        .run(&["diff", "2023-03-31", "2023-06-30", "--format", "json"])
        .ok()
        .json();
    assert_eq!(by_date["changes"], report["changes"]);
}

#[test]
fn diff_with_one_file_compares_it_with_the_live_plan_today() {
    let sb = Sandbox::new();
    sb.a_quarter_of_work();
    let report = sb.run(&["diff", MARCH, "--format", "json"]).ok().json();
    assert_eq!(report["new"]["as_of"], TODAY);
    assert!(
        report["new"]["file"]
            .as_str()
            .unwrap()
            .ends_with(paths::DEFAULT_PLAN_FILE)
    );
    let (others, _) = split(report["changes"].as_array().unwrap());
    assert_eq!(others, expected_quarter());

    // The live plan judged on 06-30 is what the June snapshot froze.
    let live_june = sb
        .run(&["diff", MARCH, "--as-of-b", "2023-06-30", "--format", "json"])
        .ok()
        .json();
    let snapshots = sb
        .run(&["diff", MARCH, JUNE, "--format", "json"])
        .ok()
        .json();
    assert_eq!(live_june["changes"], snapshots["changes"]);

    // --as-of-a overrides the date in the name: 03-31 judged on 06-30
    // differs from the June snapshot only by what was recorded.
    let same_day = sb
        .run(&[
            "diff",
            MARCH,
            JUNE,
            "--as-of-a",
            "2023-06-30",
            "--format",
            "json",
        ])
        .ok()
        .json();
    let (others, lights) = split(same_day["changes"].as_array().unwrap());
    assert_eq!(others, expected_quarter());
    // Only 37's light differs: judged on 06-30 with nothing recorded by
    // 03-31 it is 未启动 six months in (red, 逾期未启动); its June return
    // lifts that. 5G's 9000 against a level of 1.4万 is red either way.
    assert_eq!(lights.keys().copied().collect::<Vec<_>>(), [37]);
}

#[test]
fn table_and_markdown_say_the_changes_in_chinese() {
    let sb = Sandbox::new();
    sb.a_quarter_of_work();
    let table = sb.run(&["diff", MARCH, JUNE]).ok().stdout;
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("对比："), "{table}");
    assert!(lines[1].starts_with("ID"), "{table}");
    assert!(table.contains("新完成（2023-06-15）"), "{table}");
    assert!(table.contains("当前值：未填报 → 9000座"), "{table}");
    assert!(table.contains("预警：黄灯 → 红灯"), "{table}");
    assert!(
        lines.last().unwrap().starts_with("变化任务")
            && lines.last().unwrap().contains("新完成1项"),
        "{table}"
    );

    let md = sb.run(&["diff", MARCH, JUNE, "--format", "md"]).ok().stdout;
    assert!(
        md.starts_with("## 变化情况（2023-03-31 至 2023-06-30）"),
        "{md}"
    );
    assert!(
        md.lines()
            .any(|l| l == "- **36 加快太原算力枢纽节点建设**：新完成（2023-06-15）"),
        "{md}"
    );
    assert!(
        md.lines()
            .any(|l| l.starts_with("- **35 5G基站达到1.4万座以上**：状态：未启动 → 推进中；")),
        "{md}"
    );

    // A snapshot compared with itself: no change, exit 0.
    let same = sb.run(&["diff", MARCH, MARCH]).ok().stdout;
    assert_eq!(same.lines().nth(1), Some("无变化"), "{same}");
    let same = sb
        .run(&["diff", MARCH, MARCH, "--format", "json"])
        .ok()
        .json();
    assert_eq!(same["changes"], Value::Array(Vec::new()));
    assert_eq!(same["summary"]["commitments"], 0);
}

#[test]
fn diff_errors_are_one_line_with_exit_2() {
    let sb = Sandbox::new();
    sb.run(&["snapshot", "--as-of", "2023-03-31"]).ok();

    let err = sb
        .run(&["diff", "missing.ron"])
        .fails_with_one_line()
        .to_owned();
    assert!(err.contains("missing.ron"), "{err}");

    let err = sb
        .run(&["diff", "2023-02-01"])
        .fails_with_one_line()
        .to_owned();
    assert!(err.contains("taiyuan-2023.2023-02-01.ron"), "{err}");

    // A corrupt file: its name, line and column.
    let snap = sb.data().join(MARCH);
    let text = String::from_utf8(read(&snap)).unwrap();
    let cut = sb.root().join("cut.ron");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let err = sb
        .run(&["diff", MARCH, cut.to_str().unwrap()])
        .fails_with_one_line()
        .to_owned();
    let at = format!("{}:", cut.display());
    let rest = err
        .split_once(&at)
        .unwrap_or_else(|| panic!("no file in {err}"))
        .1;
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts.next().unwrap().parse().expect("a line number");
    let column: usize = parts.next().unwrap().parse().expect("a column");
    assert!(line > 1 && column >= 1, "{err}");

    sb.run(&["diff", MARCH, "--as-of-a", "2023-02-30"])
        .fails_with_one_line();
    sb.run(&["diff", MARCH, "--format", "xml"])
        .fails_with_one_line();
    sb.run(&["snapshot", "--as-of", "yesterday"])
        .fails_with_one_line();
}

#[test]
fn export_since_a_snapshot_adds_the_changes_of_the_filtered_commitments() {
    let sb = Sandbox::new();
    sb.a_quarter_of_work();
    let out = sb.root().join("report.md");
    sb.run(&[
        "export",
        "--format",
        "md",
        "--output",
        out.to_str().unwrap(),
        "--since",
        "2023-03-31",
        "--department",
        "工信局",
        "--lead-only",
    ])
    .ok();
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("本月变化"), "{md}");
    assert!(
        md.contains("当前值：未填报 → 9000座"),
        "5G (led by 工信局) is in: {md}"
    );
    // 36 and 37 are led by other departments: their changes stay out.
    assert!(!md.contains("新完成（2023-06-15）"), "{md}");
    assert!(!md.contains("智能化改造方案已印发"), "{md}");

    let missing = sb.run(&[
        "export",
        "--format",
        "md",
        "--output",
        sb.root().join("x.md").to_str().unwrap(),
        "--since",
        "2022-01-01",
    ]);
    missing.fails_with_one_line();
}
