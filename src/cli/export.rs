//! `commitments export`: a snapshot of the plan for the monthly report,
//! written whole or not at all.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use chrono::Datelike;

use commitments::export::docx::{self, BulletinOptions};
use commitments::export::{Format, Snapshot};
use commitments::model::{Edit, Plan, PlanSettings};
use commitments::storage::{self, OpenMode, PlanStore};

use super::args::{ExportArgs, ExportFormat};
use super::commands::Context;
use super::filter::filter_of;

pub fn export(ctx: &Context, args: ExportArgs) -> Result<ExitCode> {
    storage::output::check_output(&args.output, args.force)?;
    let format = format_of(args.format);
    if format != Format::Docx && (args.issue_number.is_some() || args.issuer.is_some()) {
        bail!("--issue-number and --issuer go with --format docx");
    }
    let path = ctx.plan_path()?;
    // The 通报 records its issue number in the plan, so it opens the plan
    // for writing (or reads it, when another window or command holds it).
    let (mut store, plan) = if format == Format::Docx {
        let (store, plan) = PlanStore::open(&path, true)?;
        (Some(store), plan)
    } else {
        (None, storage::load(&path)?)
    };
    let as_of = args.as_of.unwrap_or_else(commitments::today);
    let (filter, description) = filter_of(&plan, args.filter)?;
    let mut snapshot = Snapshot::build(&plan, &filter, as_of, description);
    let mut since_date = None;
    if let Some(since) = &args.since {
        let path = super::snapshots::locate(ctx, since)?;
        let old = storage::load(&path)?;
        let old_as_of = commitments::snapshot::date_of(&path).unwrap_or(as_of);
        snapshot.add_changes_since(&old, &plan, old_as_of)?;
        since_date = Some(old_as_of);
        if format == Format::Csv {
            eprintln!(
                "note: --since is ignored with --format csv (the CSV holds the detail table only; 本月变化 goes into xlsx, html, md and docx)"
            );
        }
    }
    if format != Format::Docx {
        let bytes = format.to_bytes(&snapshot)?;
        write_out(&args.output, &bytes, args.force)?;
        println!(
            "{}: {}, {} commitments",
            args.output.display(),
            format.key(),
            snapshot.rows.len()
        );
        return Ok(ExitCode::SUCCESS);
    }

    let mut options = BulletinOptions::for_snapshot(&snapshot);
    options.since = since_date;
    if let Some(issuer) = args.issuer {
        let issuer = commitments::model::text::clean(&issuer, false)
            .trim()
            .to_owned();
        if issuer.is_empty() {
            bail!("--issuer: expected the name of the issuing office, found nothing");
        }
        options.issuer = issuer;
    }
    let year = as_of.year();
    if let Some(n) = args.issue_number {
        if n == 0 {
            bail!("--issue-number: expected a number from 1 up, found 0");
        }
        options.issue_number = n;
    }
    let docs = &plan.settings.documents;
    if docx::issue_used(docs, year, options.issue_number) {
        eprintln!(
            "warning: 第{}期 of {year} was already used (next unused: 第{}期); writing it anyway",
            options.issue_number,
            docx::next_issue_number(docs, year)
        );
    }
    let bytes = docx::bulletin(&snapshot, &options).to_bytes()?;
    write_out(&args.output, &bytes, args.force)?;
    println!(
        "{}: docx, {} commitments, 第{}期",
        args.output.display(),
        snapshot.rows.len(),
        options.issue_number
    );
    if let Some(store) = &mut store {
        record_issue(store, &plan, year, options.issue_number, &ctx.user);
    }
    Ok(ExitCode::SUCCESS)
}

/// Keeps the issue number in the plan's settings (for the "already used"
/// warning); a plan that cannot be written is told about, not an error:
/// the 通报 is written.
fn record_issue(store: &mut PlanStore, plan: &Plan, year: i32, number: u32, user: &str) {
    let docs = docx::with_issue_recorded(&plan.settings.documents, year, number);
    if docs == plan.settings.documents {
        return;
    }
    if store.mode() != OpenMode::ReadWrite {
        eprintln!(
            "warning: {}: the plan is in use or read-only; 第{number}期 was not recorded in it",
            store.path().display()
        );
        return;
    }
    let mut plan = plan.clone();
    let settings = PlanSettings {
        documents: docs,
        ..plan.settings.clone()
    };
    let saved = commitments::journal::apply_and_record(
        &mut plan,
        vec![Edit::SetSettings(settings)],
        user,
        "记录通报期号",
    )
    .map_err(anyhow::Error::from)
    .and_then(|_| store.save(&plan).map_err(anyhow::Error::from));
    if let Err(e) = saved {
        eprintln!("warning: 第{number}期 was not recorded in the plan: {e:#}");
    }
}

/// Writes a whole file through the guarded writer (never over a plan, a
/// backup or a snapshot; an existing file only with `force`), creating its
/// folder.
pub fn write_out(output: &Path, bytes: &[u8], force: bool) -> Result<()> {
    if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    }
    storage::write_output(output, bytes, force)?;
    Ok(())
}

fn format_of(format: ExportFormat) -> Format {
    match format {
        ExportFormat::Xlsx => Format::Xlsx,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Md => Format::Markdown,
        ExportFormat::Html => Format::Html,
        ExportFormat::Docx => Format::Docx,
    }
}
