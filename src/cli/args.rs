use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use commitments::model::Status;
use commitments::pace::{Light, Pace};

/// Track the commitments of a government work report (政府工作报告重点任务台账).
///
/// Without a subcommand, opens the window.
#[derive(Debug, Parser)]
#[command(name = "commitments", version, about, long_about = None)]
pub struct Cli {
    /// The plan file (default: taiyuan-2023.ron in the data folder).
    #[arg(long, global = true, value_name = "F")]
    pub file: Option<PathBuf>,
    /// The folder of plan files (default: ./saves if it exists, else the
    /// platform's data folder; also COMMITMENTS_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Who makes the changes, for the change journal (default:
    /// COMMITMENTS_USER, else the system account).
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List commitments, filtered.
    List(ListArgs),
    /// Check a plan: exit 0 when sound, 1 with every problem listed.
    Check,
    /// Mark a commitment done (勾选).
    Tick {
        id: u32,
        /// The date it was done (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        on: Option<NaiveDate>,
        /// Change the done date of a commitment already done to --on
        /// (ticking a done commitment otherwise changes nothing).
        #[arg(long)]
        change_date: bool,
    },
    /// Return a done commitment to the status it had before.
    Untick { id: u32 },
    /// Record progress (进展) on a commitment.
    Progress(ProgressArgs),
    /// Write a synthetic plan for benchmarks and scale tests.
    Generate(GenerateArgs),
    /// Write a snapshot for the monthly report (xlsx, csv, md, html), filtered like list.
    Export(ExportArgs),
    /// Freeze the plan as it stood on a date: snapshots/<plan>.<DATE>.ron.
    Snapshot(super::snapshots::SnapshotArgs),
    /// What changed between two plan or snapshot files (B: the live plan).
    Diff(super::snapshots::DiffArgs),
    /// Write a 督办通知 (.docx) per lead department with red (or chosen) commitments.
    Notices(super::notices::NoticesArgs),
    /// Read an office's 任务分解表 / 台账 (xlsx, xls, ods, csv, docx) into a new plan or an existing one.
    Import(super::import::ImportArgs),
    /// Monthly returns: make the departments' forms, merge them back, see who returned.
    Returns(super::returns::ReturnsArgs),
    /// The change journal (变更记录): who changed what, when.
    Log(super::journal::LogArgs),
    /// 申请销号: apply to close a commitment, with a statement and evidence files.
    ApplyClose(super::journal::ApplyCloseArgs),
    /// 确认销号: the office confirms; the commitment is done today.
    ConfirmClose { id: u32 },
    /// 退回: send an application back (in progress again), with a reason.
    RejectClose(super::journal::ReasonArgs),
    /// 申请延期: ask for a later due date, before the due date passes.
    RequestExtension(super::journal::ExtensionArgs),
    /// 批准延期: the due date changes; the old one is kept.
    ApproveExtension { id: u32 },
    /// 驳回延期: reject the pending extension request, with a reason.
    RejectExtension(super::journal::ReasonArgs),
    /// Draft commitments from a government work report's text (.txt, .docx, .md, -).
    Extract(super::extract::ExtractArgs),
    /// Measure the extractor against label files (NAME.tsv beside NAME.txt).
    #[command(hide = true)]
    ExtractEval(super::extract::ExtractEvalArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

/// The filter flags of `list` and `export`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// A department's full or short name (lead or cooperating unless
    /// --lead-only). Repeat for several (OR).
    #[arg(long = "department", value_name = "NAME")]
    pub departments: Vec<String>,
    /// Only the lead role counts for --department.
    #[arg(long)]
    pub lead_only: bool,
    /// not_started, in_progress, done, suspended. Repeatable (OR).
    #[arg(long = "status", value_name = "S", value_parser = parse_status)]
    pub statuses: Vec<Status>,
    /// red, yellow, blue, green, grey. Repeatable (OR).
    #[arg(long = "light", value_name = "L", value_parser = parse_light)]
    pub lights: Vec<Light>,
    /// ahead, on_pace, behind, overdue, done, suspended. Repeatable (OR).
    #[arg(long = "pace", value_name = "P", value_parser = parse_pace)]
    pub paces: Vec<Pace>,
    /// A report section (exact heading). Repeatable (OR).
    #[arg(long = "section", value_name = "HEADING")]
    pub sections: Vec<String>,
    /// Words to find in title, quote, notes, owner, departments, or pinyin initials.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub search: Option<String>,
    /// Only commitments past due and not done.
    #[arg(long)]
    pub overdue: bool,
    /// Only applications waiting for the office (待审核): 申请销号 and 申请延期.
    #[arg(long)]
    pub pending_review: bool,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Judge pace as the plan stood on this date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A workbook: summary sheet and detail sheet.
    Xlsx,
    /// The detail table, UTF-8 with a byte-order mark (opens in Excel and WPS).
    Csv,
    /// The monthly report as Markdown.
    Md,
    /// The monthly report as one printable HTML page.
    Html,
    /// The 督查通报 as a Word document (GB/T 9704 layout).
    Docx,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The file to write.
    #[arg(long, value_name = "OUT")]
    pub output: PathBuf,
    /// Judge pace as the plan stood on this date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub force: bool,
    /// Add the changes since this snapshot (a file, or the date of one of
    /// the plan's snapshots) as the report's 本月变化 section.
    #[arg(long, value_name = "SNAPSHOT")]
    pub since: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// docx: the 通报's issue number (第N期; default: one above the last
    /// used this year). A number already used is written with a warning.
    #[arg(long, value_name = "N")]
    pub issue_number: Option<u32>,
    /// docx: the issuing office (default: the plan's, e.g. 太原市人民政府督查室).
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub issuer: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ProgressArgs {
    pub id: u32,
    /// The measured value, as the report writes it or plain (1.2万, 12000).
    #[arg(long, value_name = "V", allow_hyphen_values = true)]
    pub value: Option<String>,
    /// The date of the return (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub on: Option<NaiveDate>,
    /// 进展情况
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,
    /// 存在问题
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub problems: Option<String>,
    /// 下一步措施
    #[arg(long = "next-steps", value_name = "TEXT", allow_hyphen_values = true)]
    pub next_steps: Option<String>,
    /// Who reported it.
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    pub reporter: Option<String>,
    /// A file of evidence (佐证材料) for this return, copied beside the
    /// plan; repeat for several.
    #[arg(long = "evidence", value_name = "FILE")]
    pub evidence: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GenerateProfile {
    Bare,
    Realistic,
}

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    #[arg(long, value_name = "N")]
    pub count: usize,
    #[arg(long, value_name = "F")]
    pub output: PathBuf,
    #[arg(long, value_name = "S", default_value_t = 42)]
    pub seed: u64,
    #[arg(long, value_enum, default_value = "realistic")]
    pub profile: GenerateProfile,
    /// Overwrite OUTPUT if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    // Strictly four-two-two digits: chrono alone reads `23-1-1` as the year 23.
    let t = text.trim();
    let b = t.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shaped
        .then(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| format!("expected a date as YYYY-MM-DD, found '{text}'"))
}

fn one_of<T: Copy>(text: &str, all: &[T], key: fn(T) -> &'static str) -> Result<T, String> {
    all.iter()
        .copied()
        .find(|v| key(*v) == text)
        .ok_or_else(|| {
            let keys: Vec<&str> = all.iter().map(|v| key(*v)).collect();
            format!("expected one of {}, found '{text}'", keys.join(", "))
        })
}

fn parse_status(text: &str) -> Result<Status, String> {
    one_of(text, &Status::ALL, Status::key)
}

pub fn parse_light(text: &str) -> Result<Light, String> {
    one_of(text, &Light::ALL, Light::key)
}

fn parse_pace(text: &str) -> Result<Pace, String> {
    one_of(text, &Pace::ALL, Pace::key)
}
