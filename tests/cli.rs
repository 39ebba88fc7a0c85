//! The CLI as scripts see it: the real `commitments` binary run as a process,
//! each test in its own temporary data folder, "today" pinned to 2023-07-01.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use serde_json::Value;

use commitments::model::{CommitmentId, Comparator, DeptId, Plan, Status};
use commitments::pace::{Light, Pace};
use commitments::storage::{self, paths};

const TODAY: &str = "2023-07-01";
const PLAN_FILE: &str = "taiyuan-2023.ron";
/// 5G基站达到1.4万座以上: quantitative, led by 工信局.
const FIVE_G: u64 = 35;

/// What a finished process left.
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

    /// Asserts the exit code and that stderr is exactly one line; returns it.
    fn fails_with_one_line(&self, code: i32) -> &str {
        assert_eq!(self.code, Some(code), "{self:#?}");
        let err = self.stderr.trim_end();
        assert!(!err.is_empty(), "no message on stderr: {self:#?}");
        assert_eq!(err.lines().count(), 1, "expected one line: {self:#?}");
        err
    }

    fn json(&self) -> Vec<Value> {
        match serde_json::from_str::<Value>(&self.stdout) {
            Ok(Value::Array(rows)) => rows,
            other => panic!("expected a JSON array, got {other:?} from {self:#?}"),
        }
    }
}

/// A temporary working folder; the data folder is `data/` inside it (not
/// created: the first run must create it).
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

    fn plan_path(&self) -> PathBuf {
        self.data().join(PLAN_FILE)
    }

    fn backups(&self) -> Vec<PathBuf> {
        backups_in(&self.data())
    }

    /// The binary with a clean environment, run in the sandbox, without `--data-dir`.
    fn bare_command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_commitments"));
        c.current_dir(self.root())
            .env("COMMITMENTS_TODAY", TODAY)
            .env_remove(paths::DATA_DIR_ENV);
        c
    }

    fn run(&self, args: &[&str]) -> Run {
        let mut c = self.bare_command();
        c.arg("--data-dir").arg(self.data()).args(args);
        run(c)
    }

    /// Runs once so that the default plan exists, and returns its bytes.
    fn init(&self) -> Vec<u8> {
        self.run(&["list", "--format", "json"]).ok();
        read(&self.plan_path())
    }

    fn plan(&self) -> Plan {
        storage::load(&self.plan_path()).expect("the plan loads")
    }

    fn list(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        self.run(&all).ok().json()
    }

    fn list_ids(&self, args: &[&str]) -> BTreeSet<u64> {
        ids(&self.list(args))
    }

    /// The JSON row of one commitment.
    fn row(&self, id: u64, args: &[&str]) -> Value {
        self.list(args)
            .into_iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no row {id}"))
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }
}

fn run(mut c: Command) -> Run {
    let out = c.output().expect("the binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn ids(rows: &[Value]) -> BTreeSet<u64> {
    rows.iter()
        .map(|r| r["id"].as_u64().expect("id is an integer"))
        .collect()
}

fn backups_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join("backups")) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries.map(|e| e.expect("entry").path()).collect();
    found.sort();
    found
}

/// Files whose name ends in `.tmp` in `dir`.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

/// Ids of the commitments the department (by short name) leads, or also
/// cooperates on, per the library.
fn involving(plan: &Plan, short_name: &str, lead_only: bool) -> BTreeSet<u64> {
    let found = plan.find_departments(short_name);
    assert_eq!(found.len(), 1, "{short_name}: {found:?}");
    let d = &found[0];
    plan.commitments
        .values()
        .filter(|c| {
            if lead_only {
                c.lead.as_ref() == Some(d)
            } else {
                c.involves(d)
            }
        })
        .map(|c| u64::from(c.id.0))
        .collect()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("read dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let modified = std::fs::metadata(&p).unwrap().modified().unwrap();
                out.insert(p.clone(), (read(&p), modified));
            }
        }
    }
    out
}

/// `path:line:column:` at the start of a message; returns (line, column).
fn line_column(message: &str, path: &str) -> (usize, usize) {
    let rest = message
        .strip_prefix(path)
        .and_then(|r| r.strip_prefix(':'))
        .unwrap_or_else(|| panic!("expected '{path}:line:column:' in {message:?}"));
    let mut parts = rest.splitn(3, ':');
    let line = parts.next().and_then(|s| s.parse().ok());
    let column = parts.next().and_then(|s| s.parse().ok());
    match (line, column) {
        (Some(l), Some(c)) => (l, c),
        _ => panic!("expected '{path}:line:column:' in {message:?}"),
    }
}

// ---------------------------------------------------------------- first run

#[test]
fn first_run_creates_the_default_plan_from_the_shipped_one_and_leaves_assets_alone() {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let before = snapshot(&assets);
    let s = Sandbox::new();
    assert!(!s.data().exists());

    let rows = s.list(&[]);
    assert_eq!(rows.len(), 82);
    assert_eq!(read(&s.plan_path()), paths::SHIPPED_PLAN.as_bytes());
    let names: Vec<String> = std::fs::read_dir(s.data())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [PLAN_FILE],
        "a read-only first run leaves only the plan"
    );

    // The next run uses the plan as it is, it does not start over.
    s.run(&["tick", "35"]).ok();
    assert_eq!(s.row(FIVE_G, &[])["status"], "done");
    assert_eq!(s.list(&[]).len(), 82);

    assert!(before == snapshot(&assets), "assets/ was written");
}

#[test]
fn the_data_folder_comes_from_the_environment_without_data_dir() {
    let s = Sandbox::new();
    let dir = s.root().join("from-env");
    let mut c = s.bare_command();
    c.env(paths::DATA_DIR_ENV, &dir).args(["check"]);
    let r = run(c).ok();
    assert!(r.stdout.contains("82 commitments"), "{r:#?}");
    assert_eq!(read(&dir.join(PLAN_FILE)), paths::SHIPPED_PLAN.as_bytes());
    // `--data-dir` wins over the environment.
    let mut c = s.bare_command();
    c.env(paths::DATA_DIR_ENV, &dir)
        .arg("--data-dir")
        .arg(s.data())
        .arg("check");
    run(c).ok();
    assert!(s.plan_path().exists());
}

// --------------------------------------------------------------------- list

#[test]
fn department_filter_covers_lead_and_cooperating_roles_unless_lead_only() {
    let s = Sandbox::new();
    s.init();
    let plan = s.plan();
    let gxj = plan.find_departments("工信局");
    assert_eq!(gxj, [DeptId::new("gxj")]);
    assert_eq!(plan.dept_name(&gxj[0]), "市工业和信息化局");

    let all = involving(&plan, "工信局", false);
    let leads = involving(&plan, "工信局", true);
    assert!(
        !leads.is_empty() && leads.len() < all.len(),
        "{leads:?} {all:?}"
    );

    let rows = s.list(&["--department", "工信局"]);
    assert_eq!(ids(&rows), all);
    for r in &rows {
        let coop = r["cooperating_departments"].as_array().unwrap();
        assert!(
            r["lead_department"] == "市工业和信息化局"
                || coop.iter().any(|d| d == "市工业和信息化局"),
            "{r}"
        );
    }
    // The full name and the id designate it too.
    assert_eq!(s.list_ids(&["--department", "市工业和信息化局"]), all);
    assert_eq!(s.list_ids(&["--department", "gxj"]), all);

    let rows = s.list(&["--department", "工信局", "--lead-only"]);
    assert_eq!(ids(&rows), leads);
    assert!(
        rows.iter()
            .all(|r| r["lead_department"] == "市工业和信息化局")
    );

    // Repeated --department is OR.
    let both = &involving(&plan, "工信局", false) | &involving(&plan, "发改委", false);
    assert_eq!(
        s.list_ids(&["--department", "工信局", "--department", "发改委"]),
        both
    );
}

#[test]
fn json_has_every_contract_field_with_the_right_types() {
    let s = Sandbox::new();
    s.init();
    // Something done, something measured.
    s.run(&["tick", "1"]).ok();
    s.run(&["progress", "35", "--value", "7000"]).ok();
    let plan = s.plan();
    let rows = s.list(&[]);
    assert_eq!(rows.len(), plan.commitments.len());

    let full_names: BTreeSet<&str> = plan.departments.values().map(|d| d.name.as_str()).collect();
    let is_date = |v: &Value| {
        let s = v.as_str().unwrap_or_else(|| panic!("not a date: {v}"));
        s.len() == 10 && NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
    };
    let is_number_or_null = |v: &Value| v.is_null() || v.is_f64() || v.is_u64() || v.is_i64();
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.key()).collect();
    let paces: Vec<&str> = Pace::ALL.iter().map(|p| p.key()).collect();
    let lights: Vec<&str> = Light::ALL.iter().map(|l| l.key()).collect();
    let comparators: Vec<&str> = Comparator::ALL.iter().map(|c| c.key()).collect();
    let one_of = |v: &Value, keys: &[&str]| v.as_str().is_some_and(|s| keys.contains(&s));

    let (mut targets, mut currents, mut percents, mut done) = (0, 0, 0, 0);
    for r in &rows {
        let obj = r.as_object().expect("each row is an object");
        for field in [
            "id",
            "title",
            "section",
            "source_quote",
            "lead_department",
            "cooperating_departments",
            "owner",
            "status",
            "pace",
            "light",
            "start",
            "due",
            "done_on",
            "target",
            "current",
            "progress_percent",
        ] {
            assert!(obj.contains_key(field), "row {} lacks {field}", r["id"]);
        }
        let id = r["id"].as_u64().expect("id is an integer");
        let c = &plan.commitments[&CommitmentId(id as u32)];
        assert_eq!(r["title"], c.title.as_str());
        assert_eq!(r["section"], c.section.as_str());
        assert_eq!(r["source_quote"], c.source_quote.as_str());
        assert_eq!(r["owner"], c.owner.as_str());
        match &c.lead {
            Some(d) => assert_eq!(r["lead_department"], plan.dept_name(d)),
            None => assert!(r["lead_department"].is_null()),
        }
        let coop = r["cooperating_departments"].as_array().expect("an array");
        assert_eq!(coop.len(), c.cooperating.len());
        for (v, d) in coop.iter().zip(&c.cooperating) {
            assert_eq!(v, plan.dept_name(d));
            assert!(
                full_names.contains(v.as_str().unwrap()),
                "{v} is not a full name"
            );
        }
        if let Some(lead) = r["lead_department"].as_str() {
            assert!(full_names.contains(lead), "{lead} is not a full name");
        }
        assert!(one_of(&r["status"], &statuses), "{}", r["status"]);
        assert!(one_of(&r["pace"], &paces), "{}", r["pace"]);
        assert!(one_of(&r["light"], &lights), "{}", r["light"]);
        assert!(is_date(&r["start"]) && is_date(&r["due"]), "{r}");
        assert_eq!(r["due"], plan.due_of(c).to_string());
        assert!(r["done_on"].is_null() || is_date(&r["done_on"]), "{r}");
        assert!(is_number_or_null(&r["current"]), "{r}");
        assert!(is_number_or_null(&r["progress_percent"]), "{r}");
        match &r["target"] {
            Value::Null => assert!(c.kind.target().is_none()),
            Value::Object(t) => {
                targets += 1;
                let mut keys: Vec<&str> = t.keys().map(String::as_str).collect();
                keys.sort_unstable();
                assert_eq!(
                    keys,
                    ["comparator", "cumulative", "high", "low", "metric", "unit"]
                );
                assert!(t["metric"].is_string() && t["unit"].is_string());
                assert!(
                    one_of(&t["comparator"], &comparators),
                    "{}",
                    t["comparator"]
                );
                assert!(t["low"].is_number() && t["high"].is_number());
                assert!(t["cumulative"].is_boolean());
            }
            other => panic!("target is neither null nor an object: {other}"),
        }
        currents += usize::from(!r["current"].is_null());
        percents += usize::from(!r["progress_percent"].is_null());
        done += usize::from(!r["done_on"].is_null());
    }
    assert!(targets > 0 && currents > 0 && percents > 0 && done > 0);

    let five_g = s.row(FIVE_G, &[]);
    assert_eq!(
        five_g["target"],
        serde_json::json!({
            "metric": "5G基站数量", "comparator": "at_least", "low": 14000.0,
            "high": 14000.0, "unit": "座", "cumulative": false
        })
    );
    assert_eq!(five_g["current"], 7000.0);
    assert_eq!(five_g["progress_percent"], 50.0);
    assert_eq!(s.row(1, &[])["done_on"], TODAY);
}

#[test]
fn repeated_status_is_or_and_different_flags_are_and() {
    let s = Sandbox::new();
    s.init();
    // 35 is led by 工信局, 36 has it cooperating; 1 and 2 do not involve it.
    s.run(&["tick", "35"]).ok();
    s.run(&["tick", "1"]).ok();
    s.run(&["progress", "36", "--note", "启动"]).ok();
    s.run(&["progress", "2", "--note", "启动"]).ok();
    let plan = s.plan();
    let gxj = involving(&plan, "工信局", false);
    assert!(gxj.contains(&35) && gxj.contains(&36));
    assert!(!gxj.contains(&1) && !gxj.contains(&2));

    let done = s.list_ids(&["--status", "done"]);
    let going = s.list_ids(&["--status", "in_progress"]);
    assert_eq!(done, BTreeSet::from([1, 35]));
    assert_eq!(going, BTreeSet::from([2, 36]));
    assert_eq!(
        s.list_ids(&["--status", "done", "--status", "in_progress"]),
        &done | &going
    );
    assert_eq!(
        s.list_ids(&["--department", "工信局", "--status", "done"]),
        BTreeSet::from([35])
    );
    assert_eq!(
        s.list_ids(&[
            "--department",
            "工信局",
            "--status",
            "done",
            "--status",
            "in_progress"
        ]),
        BTreeSet::from([35, 36])
    );
    let not_started = s.list_ids(&["--department", "工信局", "--status", "not_started"]);
    assert_eq!(not_started, &(&gxj - &done) - &going);

    // --light: done is green; repeated --light is OR as well.
    let green = s.list_ids(&["--light", "green"]);
    assert!(done.is_subset(&green));
    let red = s.list_ids(&["--light", "red"]);
    assert_eq!(
        s.list_ids(&["--light", "green", "--light", "red"]),
        &green | &red
    );
    // A bad status word is refused.
    let r = s.run(&["list", "--status", "finished"]);
    assert_eq!(r.code, Some(2), "{r:#?}");
    assert!(r.stderr.contains("finished"), "{r:#?}");
}

#[test]
fn search_finds_pinyin_initials_and_5g() {
    let s = Sandbox::new();
    s.init();
    let plan = s.plan();
    let gxj = involving(&plan, "工信局", false);
    let found = s.list_ids(&["--search", "gxj"]);
    assert!(
        gxj.is_subset(&found),
        "gxj misses {:?}",
        gxj.difference(&found).collect::<Vec<_>>()
    );

    let rows = s.list(&["--search", "5G"]);
    assert!(ids(&rows).contains(&FIVE_G), "{:?}", ids(&rows));
    for r in &rows {
        let text = format!("{} {}", r["title"], r["source_quote"]).to_lowercase();
        assert!(text.contains("5g"), "{r}");
    }
    assert_eq!(
        s.list_ids(&["--search", "5g"]),
        ids(&rows),
        "case-insensitive"
    );
    // Words are AND'ed.
    assert_eq!(
        s.list_ids(&["--search", "5G 基站"]),
        BTreeSet::from([FIVE_G])
    );
    assert!(s.list_ids(&["--search", "没有这样的任务xyz"]).is_empty());
}

#[test]
fn csv_parses_and_matches_the_json() {
    let s = Sandbox::new();
    s.init();
    s.run(&["progress", "35", "--value", "1.2万"]).ok();
    let json = s.list(&[]);
    let r = s.run(&["list", "--format", "csv"]).ok();
    let mut reader = csv::Reader::from_reader(r.stdout.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    for h in [
        "id",
        "title",
        "lead_department",
        "status",
        "pace",
        "light",
        "due",
    ] {
        assert!(headers.iter().any(|x| x == h), "no {h} in {headers:?}");
    }
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    assert_eq!(records.len(), json.len());
    for (rec, row) in records.iter().zip(&json) {
        assert_eq!(rec.len(), headers.len());
        assert_eq!(rec[col("id")], row["id"].to_string());
        assert_eq!(rec[col("title")], *row["title"].as_str().unwrap());
        assert_eq!(rec[col("status")], *row["status"].as_str().unwrap());
        assert_eq!(
            rec[col("lead_department")],
            *row["lead_department"].as_str().unwrap_or("")
        );
    }
    let five_g = records
        .iter()
        .find(|r| &r[col("id")] == "35")
        .expect("row 35");
    assert_eq!(&five_g[col("current")], "12000");
}

#[test]
fn as_of_changes_pace() {
    let s = Sandbox::new();
    s.init();
    // 培育专精特新中小企业100户: a count judged against the calendar (the
    // 5G target is a level, not judged until a value is reported).
    const SPECIALISED: u64 = 28;
    let at = |d: &str| s.row(SPECIALISED, &["--as-of", d]);
    let early = at("2023-01-02");
    assert_eq!(early["pace"], "on_pace");
    assert_eq!(early["light"], "green");
    let mid = at("2023-07-01");
    assert_eq!(mid["pace"], "behind", "nothing built by July");
    assert_eq!(mid["light"], "red");
    let late = at("2024-01-15");
    assert_eq!(late["pace"], "overdue");
    // Without --as-of, today (COMMITMENTS_TODAY) counts.
    assert_eq!(s.row(SPECIALISED, &[]), mid);

    // --overdue keeps the not-done commitments past due on the as-of date.
    let plan = s.plan();
    let past_due: BTreeSet<u64> = plan
        .commitments
        .values()
        .filter(|c| plan.due_of(c) < date("2024-01-15"))
        .map(|c| u64::from(c.id.0))
        .collect();
    assert_eq!(
        s.list_ids(&["--overdue", "--as-of", "2024-01-15"]),
        past_due
    );
    assert!(
        s.list_ids(&["--overdue", "--as-of", "2023-01-02"])
            .is_empty()
    );
}

// ------------------------------------------------------------------- errors

#[test]
fn unknown_department_exits_2_with_one_line_naming_it() {
    let s = Sandbox::new();
    s.init();
    let r = s.run(&["list", "--department", "不存在局"]);
    let line = r.fails_with_one_line(2);
    assert!(line.contains("不存在局"), "{line}");
    assert!(r.stdout.is_empty(), "{r:#?}");
}

#[test]
fn bad_dates_are_refused_with_a_message() {
    let s = Sandbox::new();
    let before = s.init();
    for args in [
        &["list", "--as-of", "2023-13-45"][..],
        &["list", "--as-of", "tomorrow"][..],
        &["tick", "35", "--on", "07/01/2023"][..],
        &["progress", "35", "--note", "x", "--on", "2023-02-30"][..],
    ] {
        let r = s.run(args);
        assert_ne!(r.code, Some(0), "{args:?}: {r:#?}");
        let bad = args.last().unwrap();
        assert!(
            r.stderr.contains(bad) && r.stderr.contains("YYYY-MM-DD"),
            "{args:?}: {r:#?}"
        );
        assert!(r.stdout.is_empty());
    }
    assert_eq!(read(&s.plan_path()), before);
    assert!(s.backups().is_empty());
}

// ------------------------------------------------------ tick, untick, progress

#[test]
fn tick_marks_done_today_keeps_a_backup_and_untick_restores() {
    let s = Sandbox::new();
    let original = s.init();

    let r = s.run(&["tick", "35"]).ok();
    assert!(r.stdout.contains("35"), "{r:#?}");
    let row = s.row(FIVE_G, &[]);
    assert_eq!(row["status"], "done");
    assert_eq!(row["done_on"], TODAY);
    assert_eq!(row["pace"], "done");
    assert_eq!(row["light"], "green");
    let backups = s.backups();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let name = backups[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("taiyuan-2023.") && name.ends_with(".ron"),
        "{name}"
    );
    assert_eq!(
        read(&backups[0]),
        original,
        "the backup is the version replaced"
    );
    let ticked = read(&s.plan_path());

    s.run(&["untick", "35"]).ok();
    let row = s.row(FIVE_G, &[]);
    assert_eq!(row["status"], "not_started");
    assert!(row["done_on"].is_null());
    let backups = s.backups();
    assert_eq!(backups.len(), 2);
    assert!(backups.iter().any(|b| read(b) == ticked));
    assert!(temp_files(&s.data()).is_empty());

    // Un-ticking returns to the status before, here 推进中; --on sets the date.
    s.run(&["progress", "36", "--note", "启动", "--on", "2023-03-01"])
        .ok();
    s.run(&["tick", "36", "--on", "2023-06-15"]).ok();
    assert_eq!(s.row(36, &[])["done_on"], "2023-06-15");
    assert_eq!(
        s.row(36, &["--as-of", "2023-06-14"])["status"],
        "in_progress"
    );
    s.run(&["untick", "36"]).ok();
    assert_eq!(s.row(36, &[])["status"], "in_progress");
}

#[test]
fn progress_records_a_value_written_the_report_way() {
    let s = Sandbox::new();
    s.init();
    let args = [
        "progress",
        "35",
        "--value",
        "1.2万",
        "--on",
        "2023-06-30",
        "--note",
        "进展顺利",
    ];
    s.run(&args).ok();
    let row = s.row(FIVE_G, &[]);
    assert_eq!(row["current"], 12000.0);
    assert_eq!(row["status"], "in_progress");
    assert_eq!(row["last_update"], "2023-06-30");
    assert_eq!(row["latest_progress"], "进展顺利");
    assert_eq!(row["progress_percent"], 85.7);
    // Not yet recorded the day before.
    assert!(s.row(FIVE_G, &["--as-of", "2023-06-29"])["current"].is_null());

    let plan = s.plan();
    let log = &plan.commitments[&CommitmentId(35)].progress;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].date, date("2023-06-30"));
    assert_eq!(log[0].value, Some(12000.0));
    assert_eq!(log[0].progress, "进展顺利");
}

#[test]
fn progress_with_a_bad_value_fails_and_leaves_the_file_alone() {
    let s = Sandbox::new();
    let before = s.init();
    let r = s.run(&["progress", "35", "--value", "abc"]);
    let line = r.fails_with_one_line(2);
    assert!(line.contains("--value") && line.contains("'abc'"), "{line}");

    let r = s.run(&["progress", "35"]);
    let line = r.fails_with_one_line(2);
    assert!(
        line.contains("--value") && line.contains("--note"),
        "{line}"
    );

    assert_eq!(read(&s.plan_path()), before);
    assert!(s.backups().is_empty());
}

#[test]
fn an_unknown_id_fails_naming_it_and_leaves_the_file_alone() {
    let s = Sandbox::new();
    let before = s.init();
    for args in [
        &["tick", "9999"][..],
        &["untick", "9999"][..],
        &["progress", "9999", "--note", "x"][..],
    ] {
        let r = s.run(args);
        let line = r.fails_with_one_line(2);
        assert!(line.contains("9999"), "{args:?}: {line}");
    }
    let r = s.run(&["tick", "-3"]);
    assert_eq!(r.code, Some(2), "{r:#?}");
    assert_eq!(read(&s.plan_path()), before);
    assert!(s.backups().is_empty());
    assert!(temp_files(&s.data()).is_empty());
}

// -------------------------------------------------------------------- check

#[test]
fn check_passes_the_shipped_plan() {
    let s = Sandbox::new();
    let r = s.run(&["check"]).ok();
    assert!(r.stdout.contains("82 commitments"), "{r:#?}");
    // The asset itself, read in place (check never writes).
    let asset = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/plans/taiyuan-2023.ron");
    let r = s.run(&["check", "--file", asset.to_str().unwrap()]).ok();
    assert!(r.stdout.contains("82 commitments"), "{r:#?}");
}

const PLAN_WITH_PROBLEMS: &str = r#"(
  format_version: 1,
  title: "有问题的计划",
  year: 2023,
  departments: [
    (id: "gxj", name: "市工业和信息化局", short_name: "工信局"),
  ],
  commitments: [
    (id: 1, title: "第一项", kind: qualitative, lead: Some("gxj")),
    (id: 1, title: "重复的编号", kind: qualitative, lead: Some("gxj")),
    (id: 2, title: "牵头单位不存在", kind: qualitative, lead: Some("nope")),
    (id: 3, title: "", kind: qualitative, lead: Some("gxj")),
    (id: 4, title: "没有问题", kind: qualitative),
  ],
)
"#;

#[test]
fn check_lists_every_problem_with_its_commitment() {
    let s = Sandbox::new();
    let path = s.write("bad.ron", PLAN_WITH_PROBLEMS);
    let r = s.run(&["check", "--file", "bad.ron"]);
    assert_eq!(r.code, Some(1), "{r:#?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{r:#?}");
    for (line, (id, what)) in lines.iter().zip([
        (1, "used twice"),
        (2, "unknown department 'nope'"),
        (3, "empty title"),
    ]) {
        assert!(
            line.starts_with("bad.ron: ") && line.contains(&format!("commitment {id}:")),
            "{line}"
        );
        assert!(line.contains(what), "{line}");
    }
    assert!(r.stderr.contains("3 problem"), "{r:#?}");

    // Other commands refuse the plan, naming the first problem, and leave it alone.
    for args in [
        &["list", "--file", "bad.ron"][..],
        &["tick", "4", "--file", "bad.ron"][..],
    ] {
        let r = s.run(args);
        let line = r.fails_with_one_line(2);
        assert!(line.contains("3 problem"), "{line}");
    }
    assert_eq!(read(&path), PLAN_WITH_PROBLEMS.as_bytes());
}

#[test]
fn check_of_a_truncated_file_gives_file_line_column() {
    let s = Sandbox::new();
    let text = paths::SHIPPED_PLAN;
    let half = text.len() / 2;
    // Cut on a character boundary, and inside a character (a file cut by a
    // crash or a bad copy of Chinese text usually is).
    let on_char = (half..).find(|&i| text.is_char_boundary(i)).unwrap();
    let in_char = (half..)
        .find(|&i| !text.is_char_boundary(i))
        .expect("the plan has non-ASCII text");
    for (name, cut) in [("cut.ron", on_char), ("cut-in-char.ron", in_char)] {
        let bytes = &text.as_bytes()[..cut];
        let path = s.write(name, bytes);
        let lines_in_file = bytes.iter().filter(|&&b| b == b'\n').count() + 1;

        let r = s.run(&["check", "--file", name]);
        assert_eq!(r.code, Some(1), "{name}: {r:#?}");
        let (line, column) = line_column(r.stdout.trim_end(), name);
        assert!(line > 1 && line <= lines_in_file && column >= 1, "{r:#?}");

        let r = s.run(&["list", "--file", name]);
        let err = r.fails_with_one_line(2);
        let err = err.strip_prefix("error: ").unwrap_or(err);
        assert_eq!(line_column(err, name), (line, column));
        assert_eq!(read(&path), bytes);
    }
}

#[test]
fn a_plan_from_a_newer_program_is_refused_and_left_alone() {
    let s = Sandbox::new();
    let shipped = s.init();
    let text = String::from_utf8(shipped).unwrap();
    assert!(text.contains("format_version: 2,"));
    let future = text.replacen("format_version: 2,", "format_version: 99,", 1);
    std::fs::write(s.plan_path(), &future).unwrap();

    for args in [
        &["list"][..],
        &["list", "--format", "json"][..],
        &["tick", "35"][..],
        &["progress", "35", "--value", "1"][..],
    ] {
        let r = s.run(args);
        let line = r.fails_with_one_line(2);
        assert!(
            line.contains("format_version 99") && line.contains("newer"),
            "{args:?}: {line}"
        );
    }
    assert_eq!(read(&s.plan_path()), future.as_bytes());
    assert!(s.backups().is_empty());
    assert!(temp_files(&s.data()).is_empty());
}

// ----------------------------------------------------------------- generate

#[test]
fn generate_writes_a_sound_plan_and_does_not_overwrite_without_force() {
    let s = Sandbox::new();
    let r = s
        .run(&["generate", "--count", "500", "--output", "x.ron"])
        .ok();
    assert!(r.stdout.contains("500 commitments"), "{r:#?}");
    let x = s.root().join("x.ron");
    let first = read(&x);

    let r = s.run(&["check", "--file", "x.ron"]).ok();
    assert!(r.stdout.contains("500 commitments"), "{r:#?}");
    let plan = storage::load(&x).unwrap();
    assert_eq!(plan.commitments.len(), 500);

    // The same seed gives the same plan.
    s.run(&["generate", "--count", "500", "--output", "y.ron"])
        .ok();
    assert_eq!(read(&s.root().join("y.ron")), first);

    let r = s.run(&["generate", "--count", "10", "--output", "x.ron"]);
    let line = r.fails_with_one_line(2);
    assert!(line.contains("x.ron") && line.contains("--force"), "{line}");
    assert_eq!(read(&x), first);

    s.run(&[
        "generate",
        "--count",
        "10",
        "--output",
        "x.ron",
        "--force",
        "--profile",
        "bare",
    ])
    .ok();
    assert_eq!(storage::load(&x).unwrap().commitments.len(), 10);
    let kept = backups_in(s.root());
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        read(&kept[0]),
        first,
        "--force keeps the old plan in backups/"
    );
    s.run(&["check", "--file", "x.ron"]).ok();
}

// --------------------------------------------------------------------- lock

#[test]
fn a_held_lock_refuses_writes_and_leaves_the_file_alone() {
    let s = Sandbox::new();
    let before = s.init();
    let lock_path = s.data().join(format!(".{PLAN_FILE}.lock"));
    assert_eq!(
        lock_path,
        storage::PlanLock::lock_path(&s.plan_path()),
        "the lock file's name"
    );
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .unwrap();
    lock.try_lock().expect("no one else holds the lock");

    // In use is its own exit code (3), apart from bad input (2).
    for args in [&["tick", "35"][..], &["progress", "35", "--value", "1"][..]] {
        let r = s.run(args);
        let line = r.fails_with_one_line(3);
        assert!(line.contains("in use"), "{args:?}: {line}");
    }
    // Unticking a commitment that is not done changes nothing: no lock needed.
    let r = s.run(&["untick", "35"]).ok();
    assert!(r.stdout.contains("nothing changed"), "{r:#?}");
    assert_eq!(read(&s.plan_path()), before);
    assert!(s.backups().is_empty());
    // Reading does not need the lock.
    assert_eq!(s.list(&[]).len(), 82);
    s.run(&["check"]).ok();

    drop(lock);
    // Released: writes work again. A child another test thread is spawning
    // may hold a copy of the lock's descriptor until its exec closes it
    // (O_CLOEXEC), so the release can take a moment to be seen.
    let mut tries = 0;
    loop {
        let r = s.run(&["tick", "35"]);
        if r.code == Some(2) && r.stderr.contains("in use") && tries < 50 {
            tries += 1;
            std::thread::sleep(std::time::Duration::from_millis(20));
            continue;
        }
        r.ok();
        break;
    }
    assert_eq!(s.row(FIVE_G, &[])["status"], "done");
}
