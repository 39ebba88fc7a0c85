//! `commitments notices`: a 督办通知 (.docx) per lead department with red
//! (or chosen) commitments, numbered 督办〔year〕N号 from the plan's
//! sequence. The numbers are taken (the plan saved under its lock) before
//! any file is written, so that they never repeat, even after a failure.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use commitments::export::Snapshot;
use commitments::export::docx::{self, NoticeOptions, output};
use commitments::model::{Edit, PlanSettings};
use commitments::pace::Light;
use commitments::query::{self, Filter};
use commitments::storage::PlanStore;

use super::args::{parse_date, parse_light};
use super::commands::Context;

#[derive(Debug, clap::Args)]
pub struct NoticesArgs {
    /// The lights that call for a notice: red, yellow, … Repeatable (default: red).
    #[arg(long = "light", value_name = "L", value_parser = parse_light)]
    pub lights: Vec<Light>,
    /// Only this lead department (full or short name). Repeatable.
    #[arg(long = "department", value_name = "NAME")]
    pub departments: Vec<String>,
    /// The folder to write the notices into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub output: PathBuf,
    /// The date the written explanation is due (default: ten days from today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub respond_by: Option<NaiveDate>,
}

pub fn notices(ctx: &Context, args: NoticesArgs) -> Result<ExitCode> {
    let path = ctx.plan_path()?;
    // Notices record their numbers in the plan, so they need it writable:
    // a plan in use elsewhere is refused as busy (exit 3).
    let (mut store, mut plan) = PlanStore::open(&path, false)
        .context("notices record their numbers in the plan, so they need it writable")?;
    let today = commitments::today();
    let departments = query::resolve_departments(&plan, &args.departments)
        .map_err(anyhow::Error::msg)
        .context("--department")?;
    let lights = if args.lights.is_empty() {
        vec![Light::Red]
    } else {
        args.lights.clone()
    };
    let filter = Filter {
        departments,
        lead_only: true,
        lights: lights.clone(),
        ..Filter::default()
    };
    let description = commitments::export::describe_filter(&plan, &filter);
    let snapshot = Snapshot::build(&plan, &filter, today, description);
    let mut options = NoticeOptions::for_snapshot(&snapshot);
    options.lights = lights;
    if let Some(d) = args.respond_by {
        if d < today {
            bail!("--respond-by: expected today ({today}) or later, found {d}");
        }
        options.respond_by = d;
    }
    let (notices, unled) = docx::notices(&snapshot, &options);
    if !unled.is_empty() {
        let ids: Vec<String> = unled.iter().map(u32::to_string).collect();
        eprintln!(
            "warning: no notice for commitment(s) {} (no lead department)",
            ids.join(", ")
        );
    }
    if notices.is_empty() {
        println!("no notices: no commitment matches ({})", snapshot.filter);
        return Ok(ExitCode::SUCCESS);
    }

    // Everything that can fail before the numbers are taken.
    output::prepare_folder(&args.output)?;
    let names: Vec<String> = notices.iter().map(|n| n.file_name()).collect();
    let paths = output::plan_files(&args.output, &names)?;
    let mut files = Vec::with_capacity(notices.len());
    for (path, n) in paths.into_iter().zip(&notices) {
        files.push((path, n.document.to_bytes()?));
    }

    let last = notices.last().map_or(0, |n| n.number);
    let settings = PlanSettings {
        documents: docx::with_sequence(&plan.settings.documents, options.year, last),
        ..plan.settings.clone()
    };
    commitments::journal::apply_and_record(
        &mut plan,
        vec![Edit::SetSettings(settings)],
        &ctx.user,
        "生成督办通知",
    )?;
    store
        .save(&plan)
        .context("the notice numbers could not be recorded; nothing was written")?;

    let (written, error) = output::write_files(&files);
    for ((file, _), n) in files.iter().zip(&notices).take(written) {
        println!(
            "{}: {}, {}, {} commitments",
            file.display(),
            n.reference(),
            n.department,
            n.ids.len()
        );
    }
    if let Some(e) = error {
        return Err(anyhow::Error::from(e).context(format!(
            "{} of {} notices written (their numbers are taken)",
            written,
            files.len()
        )));
    }
    Ok(ExitCode::SUCCESS)
}
