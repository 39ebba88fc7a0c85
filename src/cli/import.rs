//! `commitments import FILE [--sheet NAME] [--map COLUMN=field]... [--year YYYY]
//! [--output PLAN.ron | --into PLAN.ron] [--dry-run]`: an office's 任务分解表
//! or 台账 read into a new plan, or into an existing one (same 序号 or same
//! text: updated, not duplicated).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use commitments::import::{self, ImportOptions, MapSpec, Names, Source, Summary};
use commitments::storage::{self, PlanStore, paths};

use super::commands::Context;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The table: .xlsx, .xls, .ods, .csv (UTF-8 or GB18030) or .docx.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The sheet to read (default: the first; 表格N for a Word document's tables).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Read a column as a field: COLUMN is its header text or letter (C),
    /// field one of number, task, lead, cooperating, units, leader, owner,
    /// due, section, progress, problems, next_steps, current, notes, ignore.
    #[arg(long = "map", value_name = "COLUMN=field")]
    pub maps: Vec<String>,
    /// The year of dates written without one (6月底前); default: the plan's,
    /// else the year in the table's title, else this year.
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// Write a new plan.
    #[arg(long, value_name = "PLAN.ron", conflicts_with = "into")]
    pub output: Option<PathBuf>,
    /// Add to an existing plan (saved safely, under its lock).
    #[arg(long, value_name = "PLAN.ron")]
    pub into: Option<PathBuf>,
    /// Print the summary and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite the --output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// The built-in table of department names plus `department-names.txt` in
/// the data folder, when there is one.
pub fn department_names(data_dir: Option<&Path>) -> Names {
    let mut names = Names::builtin();
    let extra = paths::data_dir(data_dir).join("department-names.txt");
    if let Ok(text) = std::fs::read_to_string(extra) {
        names.add_table(&text);
    }
    names
}

fn print_mapping(source: &Source) {
    let header = source.mapping.header_row.map_or_else(
        || "none (columns named by --map)".to_owned(),
        |h| format!("row {}", source.table.row_number(h)),
    );
    let sheet = if source.table.sheet.is_empty() {
        String::new()
    } else {
        format!("sheet '{}', ", source.table.sheet)
    };
    println!("{}: {sheet}header {header}", source.table.file.display());
    let columns: Vec<String> = source
        .mapping
        .columns
        .iter()
        .filter(|c| c.field != import::ImportField::Ignore)
        .map(|c| format!("{}={}→{}", c.letter, c.header, c.field.key()))
        .collect();
    println!("columns: {}", columns.join(", "));
}

fn print_summary(summary: &Summary, written: Option<&Path>, dry_run: bool) {
    for line in import::describe(summary) {
        println!("{line}");
    }
    match (dry_run, written) {
        (true, _) => println!("dry run: nothing written"),
        (false, Some(p)) => println!("written: {}", p.display()),
        (false, None) => {}
    }
}

pub fn import(ctx: &Context, args: ImportArgs) -> Result<ExitCode> {
    if let Some(y) = args.year
        && !(1990..=2100).contains(&y)
    {
        bail!("--year {y}: expected a year between 1990 and 2100");
    }
    if args.output.is_none() && args.into.is_none() && !args.dry_run {
        bail!(
            "import needs --output PLAN.ron (a new plan) or --into PLAN.ron (an existing plan), or --dry-run"
        );
    }
    let maps = args
        .maps
        .iter()
        .map(|m| m.parse::<MapSpec>())
        .collect::<Result<Vec<_>, _>>()?;
    let source = Source::open(&args.file, args.sheet.as_deref(), &maps)?;
    let rows = source.rows()?;
    let names = department_names(ctx.data_dir.as_deref());
    print_mapping(&source);
    if let Some(into) = &args.into {
        let (mut store, mut plan) = PlanStore::open(into, false)?;
        let options = ImportOptions {
            year: import::year_for(args.year, Some(&plan), &rows),
            today: commitments::today(),
            names,
        };
        let outcome = import::build::plan_edits(&plan, &rows, &options);
        if !args.dry_run && !outcome.edits.is_empty() {
            commitments::journal::apply_and_record(&mut plan, outcome.edits, &ctx.user, "导入台账")
                .with_context(|| format!("{}", into.display()))?;
            store.save(&plan)?;
        }
        print_summary(
            &outcome.summary,
            (!args.dry_run).then_some(into.as_path()),
            args.dry_run,
        );
        return Ok(ExitCode::SUCCESS);
    }
    let options = ImportOptions {
        year: import::year_for(args.year, None, &rows),
        today: commitments::today(),
        names,
    };
    let (plan, summary) = import::new_plan(&source, &rows, &options)?;
    let Some(output) = args.output.filter(|_| !args.dry_run) else {
        print_summary(&summary, None, true);
        return Ok(ExitCode::SUCCESS);
    };
    if output.exists() && !args.force {
        bail!(
            "{}: exists; pass --force to overwrite it (it is kept in backups/), or --into to add to it",
            output.display()
        );
    }
    if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    }
    // Under the plan's lock: never over a plan open elsewhere (exit 3).
    let mut store = storage::PlanStore::create(&output)?;
    let saved = store.save(&plan)?;
    print_summary(&summary, Some(&saved.path), false);
    Ok(ExitCode::SUCCESS)
}
