//! `commitments export`: a snapshot of the plan for the monthly report,
//! written whole or not at all.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use commitments::export::{Format, Snapshot};
use commitments::storage::{self, save::NoFaults};

use super::args::{ExportArgs, ExportFormat};
use super::commands::Context;
use super::filter::filter_of;

pub fn export(ctx: &Context, args: ExportArgs) -> Result<ExitCode> {
    refuse_to_overwrite(&args.output, args.force)?;
    let plan = storage::load(&ctx.plan_path()?)?;
    let as_of = args.as_of.unwrap_or_else(commitments::today);
    let (filter, description) = filter_of(&plan, args.filter)?;
    let mut snapshot = Snapshot::build(&plan, &filter, as_of, description);
    if let Some(since) = &args.since {
        let path = super::snapshots::locate(ctx, since)?;
        let old = storage::load(&path)?;
        let old_as_of = commitments::snapshot::date_of(&path).unwrap_or(as_of);
        snapshot.add_changes_since(&old, &plan, old_as_of);
    }
    let format = format_of(args.format);
    let bytes = format.to_bytes(&snapshot)?;
    storage::save::write_atomically(&args.output, &bytes, &NoFaults, false)?;
    println!(
        "{}: {}, {} commitments",
        args.output.display(),
        format.key(),
        snapshot.rows.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn refuse_to_overwrite(output: &Path, force: bool) -> Result<()> {
    if output.exists() && !force {
        bail!("{}: exists; pass --force to overwrite it", output.display());
    }
    Ok(())
}

fn format_of(format: ExportFormat) -> Format {
    match format {
        ExportFormat::Xlsx => Format::Xlsx,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Md => Format::Markdown,
        ExportFormat::Html => Format::Html,
    }
}
