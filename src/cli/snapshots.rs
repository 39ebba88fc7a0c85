//! `snapshot` (freeze the plan as it stood on a date) and `diff` (what
//! changed between two plan or snapshot files).

use super::table::truncate;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use clap::ValueEnum;
use serde::Serialize;

use commitments::diff::{Changes, Summary, diff as compare};
use commitments::snapshot;
use commitments::storage::{self, StorageError};

use super::args::parse_date;
use super::commands::Context;

#[derive(Debug, clap::Args)]
pub struct SnapshotArgs {
    /// Freeze the plan as it stood at the end of this date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Replace a snapshot of the same date.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
    Md,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The older plan or snapshot file (a relative path is also looked up
    /// beside the plan; a date YYYY-MM-DD names the plan's snapshot of it).
    #[arg(value_name = "A")]
    pub a: String,
    /// The newer one (default: the live plan, --file or the default plan).
    #[arg(value_name = "B")]
    pub b: Option<String>,
    /// Judge A as of this date (default: the date in a snapshot's name, else today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of_a: Option<NaiveDate>,
    /// Judge B as of this date (default: the date in a snapshot's name, else today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of_b: Option<NaiveDate>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: DiffFormat,
}

pub fn snapshot(ctx: &Context, args: SnapshotArgs) -> Result<ExitCode> {
    let path = ctx.plan_path()?;
    let plan = storage::load(&path)?;
    let as_of = args.as_of.unwrap_or_else(commitments::today);
    if !args.force
        && let Some(aside) = snapshot::set_aside_damaged(&path, as_of)
    {
        eprintln!(
            "warning: the snapshot of {as_of} did not load (empty or damaged, e.g. cut by a crash); it was moved to {} and a new one is taken",
            aside.display()
        );
    }
    let taken = if args.force {
        snapshot::take_replacing(&plan, &path, as_of)
    } else {
        snapshot::take(&plan, &path, as_of)
    };
    let written = taken.map_err(|e| match e {
        StorageError::SnapshotExists { .. } => anyhow!("{e}; pass --force to replace it"),
        e => e.into(),
    })?;
    println!("{}", written.display());
    Ok(ExitCode::SUCCESS)
}

/// One side of a comparison: its file and the date it is judged on.
#[derive(Debug, Serialize)]
struct Side {
    file: String,
    as_of: NaiveDate,
}

#[derive(Serialize)]
struct Report<'a> {
    old: &'a Side,
    new: &'a Side,
    summary: Summary,
    changes: &'a [commitments::diff::Change],
}

pub fn diff(ctx: &Context, args: DiffArgs) -> Result<ExitCode> {
    let path_a = locate(ctx, &args.a)?;
    let path_b = match &args.b {
        Some(b) => locate(ctx, b)?,
        None => ctx.plan_path()?,
    };
    let as_of = |path: &Path, explicit: Option<NaiveDate>| {
        explicit
            .or_else(|| snapshot::date_of(path))
            .unwrap_or_else(commitments::today)
    };
    let old = Side {
        file: path_a.display().to_string(),
        as_of: as_of(&path_a, args.as_of_a),
    };
    let new = Side {
        file: path_b.display().to_string(),
        as_of: as_of(&path_b, args.as_of_b),
    };
    let plan_a = storage::load(&path_a)?;
    let plan_b = storage::load(&path_b)?;
    let changes = compare(&plan_a, &plan_b, old.as_of, new.as_of);

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        DiffFormat::Json => {
            let report = Report {
                old: &old,
                new: &new,
                summary: changes.summary(),
                changes: &changes.entries,
            };
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        DiffFormat::Table => write_table(&mut out, &changes, &old, &new)?,
        DiffFormat::Md => write_markdown(&mut out, &changes, &old, &new)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The file a diff argument names: the path as given when it exists; else,
/// for a relative path, the same path beside the plan (`snapshots/…`); else,
/// for a date, the plan's snapshot of that date. Otherwise the path as given,
/// which then fails to load with a message naming it.
pub fn locate(ctx: &Context, arg: &str) -> Result<PathBuf> {
    let given = PathBuf::from(arg);
    if given.exists() {
        return Ok(given);
    }
    if given.is_relative() {
        let plan = ctx.plan_path()?;
        let beside = storage::save::parent_dir(&plan).join(&given);
        if beside.exists() {
            return Ok(beside);
        }
        if let Ok(date) = NaiveDate::parse_from_str(arg.trim(), "%Y-%m-%d") {
            let snap = snapshot::snapshot_path(&plan, date);
            if snap.exists() {
                return Ok(snap);
            }
            return Err(anyhow!(
                "{}: no snapshot of {date} (take one with `commitments snapshot --as-of {date}`)",
                snap.display()
            ));
        }
    }
    Ok(given)
}

fn write_table(out: &mut dyn Write, changes: &Changes, old: &Side, new: &Side) -> Result<()> {
    writeln!(
        out,
        "对比：{}（截至 {}）→ {}（截至 {}）",
        old.file, old.as_of, new.file, new.as_of
    )?;
    if changes.is_empty() {
        writeln!(out, "无变化")?;
        return Ok(());
    }
    let rows: Vec<[String; 3]> = changes
        .entries
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let first = i == 0 || changes.entries[i - 1].id != c.id;
            [
                c.id.to_string(),
                if first {
                    truncate(&c.title, 30)
                } else {
                    String::new()
                },
                c.describe_zh(),
            ]
        })
        .collect();
    super::table::write_aligned(out, &["ID", "任务", "变化"], &rows)?;
    writeln!(out, "{}", changes.summary().describe_zh())?;
    Ok(())
}

fn write_markdown(out: &mut dyn Write, changes: &Changes, old: &Side, new: &Side) -> Result<()> {
    writeln!(out, "## 变化情况（{} 至 {}）", old.as_of, new.as_of)?;
    writeln!(out)?;
    writeln!(
        out,
        "对比 `{}`（截至 {}）与 `{}`（截至 {}）。{}。",
        old.file,
        old.as_of,
        new.file,
        new.as_of,
        changes.summary().describe_zh()
    )?;
    if !changes.is_empty() {
        writeln!(out)?;
    }
    let mut entries = changes.entries.iter().peekable();
    while let Some(first) = entries.next() {
        let mut texts = vec![first.describe_zh()];
        while let Some(next) = entries.next_if(|c| c.id == first.id) {
            texts.push(next.describe_zh());
        }
        writeln!(
            out,
            "- **{} {}**：{}",
            first.id,
            escape_md(&first.title),
            escape_md(&texts.join("；"))
        )?;
    }
    Ok(())
}

/// Escapes the characters Markdown would read as formatting.
fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(if ch == '\n' { ' ' } else { ch });
    }
    out
}
