//! `returns make | merge | status`: the monthly forms out, the returns
//! merged back, and who has returned.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use commitments::model::{DeptId, Plan};
use commitments::returns::merge::{self, Preview, PreviewOptions, Role, Selection};
use commitments::returns::{self as ret, Period, make, status};
use commitments::storage::{self, PlanStore};

use super::args::parse_date;
use super::commands::Context;

#[derive(Debug, clap::Args)]
pub struct ReturnsArgs {
    #[command(subcommand)]
    pub command: ReturnsCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum ReturnsCommand {
    /// Make each department's form (填报表) for a period: DIR/<period>-<department>.xlsx.
    Make(MakeArgs),
    /// Merge returned forms (files, or folders of .xlsx) into the plan.
    Merge(MergeArgs),
    /// Who has returned for a period, who has not (催报), who was late.
    Status(StatusArgs),
}

#[derive(Debug, clap::Args)]
pub struct MakeArgs {
    /// The period, YYYY-MM.
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
    pub period: Period,
    /// A department's full or short name (default: every department with
    /// commitments to report on). Repeatable.
    #[arg(long = "department", value_name = "NAME")]
    pub departments: Vec<String>,
    /// The deadline printed on the forms (default: the 25th of the month).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// The folder to write the forms into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub output: PathBuf,
    /// Overwrite forms already in DIR.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Returned forms, or folders holding them.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Record every row without a problem; rows with one are left out and listed.
    #[arg(long)]
    pub accept_all: bool,
    /// Show what would be recorded; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// The period, YYYY-MM.
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
    pub period: Period,
}

fn parse_period(text: &str) -> Result<Period, String> {
    Period::parse(text).map_err(|e| e.to_string())
}

pub fn run(ctx: &Context, args: ReturnsArgs) -> Result<ExitCode> {
    match args.command {
        ReturnsCommand::Make(a) => make_forms(ctx, a),
        ReturnsCommand::Merge(a) => merge_returns(ctx, a),
        ReturnsCommand::Status(a) => show_status(ctx, a),
    }
}

fn departments(plan: &Plan, names: &[String]) -> Result<Vec<DeptId>> {
    let mut out = Vec::new();
    for name in names {
        let found = plan.find_departments(name);
        match found.as_slice() {
            [] => bail!("--department {name}: no such department in the plan"),
            [one] => {
                if !out.contains(one) {
                    out.push(one.clone());
                }
            }
            _ => bail!("--department {name}: names several departments; use the full name"),
        }
    }
    Ok(out)
}

fn make_forms(ctx: &Context, args: MakeArgs) -> Result<ExitCode> {
    let path = ctx.plan_path()?;
    let plan = storage::load(&path)?;
    let options = make::MakeOptions {
        period: args.period,
        departments: departments(&plan, &args.departments)?,
        due: args.due,
        made_on: commitments::today(),
        force: args.force,
    };
    let made = make::make(&plan, &options, &args.output)?;
    for m in &made {
        println!("{}: {} rows", m.path.display(), m.rows);
    }
    println!(
        "{} forms for {} in {}",
        made.len(),
        args.period,
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn merge_returns(ctx: &Context, args: MergeArgs) -> Result<ExitCode> {
    let path = ctx.plan_path()?;
    let files = ret::collect_files(&args.files)?;
    let today = commitments::today();
    let options = PreviewOptions {
        merged_on: today,
        expected_period: None,
    };
    let write = args.accept_all && !args.dry_run;
    let (store, mut plan) = if write {
        let (store, plan) = PlanStore::open(&path, false)?;
        (Some(store), plan)
    } else {
        (None, storage::load(&path)?)
    };
    let mut preview = merge::preview_files(&plan, &files, &options);
    print_preview(&preview);
    let selection = if args.accept_all {
        Selection::without_problems(&preview)
    } else {
        Selection::none(&preview)
    };
    // Evidence is copied beside the plan before the plan names it.
    let stored = match &store {
        Some(store) => merge::store_evidence(&mut preview, &selection, store.path())?,
        // A dry run: the files the accepted rows would bring.
        None => preview.accepted_evidence(&selection),
    };
    let merged = merge::apply(&plan, &preview, &selection, today)
        .with_context(|| path.display().to_string())?;
    let left_out = preview.left_out(&selection);
    if write && !merged.edits.is_empty() {
        commitments::journal::apply_and_record(
            &mut plan,
            merged.edits.clone(),
            &ctx.user,
            "导入回报",
        )
        .with_context(|| path.display().to_string())?;
        if let Some(mut store) = store {
            store.save(&plan)?;
        }
    }
    let verb = if write { "recorded" } else { "would record" };
    println!(
        "{verb} {} progress entries and {} status changes on {} commitments from {} returns; {left_out} left out",
        merged.entries, merged.status_changes, merged.commitments, merged.returns
    );
    if merged.extensions > 0 || stored > 0 {
        let store_verb = if write { "stored" } else { "would store" };
        println!(
            "{verb} {} extension requests; {store_verb} {stored} evidence files",
            merged.extensions
        );
    }
    if !args.accept_all {
        println!("nothing written: pass --accept-all to record the rows without problems");
    }
    Ok(if left_out > 0 {
        ExitCode::from(super::EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_preview(preview: &Preview) {
    for u in &preview.unreadable {
        println!(
            "{}: LEFT OUT: {}",
            u.path.display(),
            u.message.replace('\n', " ")
        );
    }
    for r in &preview.returns {
        let period = r
            .period
            .map(|p| p.to_string())
            .unwrap_or_else(|| "?".into());
        println!(
            "{}: {} {} returned {}",
            r.file_name,
            r.department_name,
            period,
            r.returned_on.format("%Y-%m-%d")
        );
        for issue in &r.issues {
            let tag = if issue.is_problem() {
                "problem"
            } else {
                "note"
            };
            println!("  {tag}: {}", issue.zh());
        }
        for row in r
            .rows
            .iter()
            .filter(|row| row.filled || !row.issues.is_empty())
        {
            let role = match row.role {
                Role::Lead => "牵头",
                Role::Cooperating => "配合",
                Role::None => "-",
            };
            let mut what = Vec::new();
            if let Some(v) = row.value() {
                let unit = row.unit.as_str();
                let full = commitments::display::report_style(v, unit);
                match row.value_before {
                    Some(b) => what.push(format!(
                        "value {full} ({:+})",
                        commitments::display::trim_number(v - b, 4)
                            .parse::<f64>()
                            .unwrap_or(v - b)
                    )),
                    None => what.push(format!("value {full}")),
                }
            }
            if let Some((from, to)) = row.status_change {
                what.push(format!("status {} -> {}", from.key(), to.key()));
            }
            if row.entry.is_some() {
                what.push("progress entry".to_owned());
            }
            let state = if row.already_merged() {
                "already merged"
            } else if !row.can_accept() {
                "cannot be recorded"
            } else if r.row_blocked(row) {
                "left out"
            } else {
                "ok"
            };
            println!(
                "  row {} #{} {} [{role}] {state}: {}",
                row.line,
                row.id_text,
                row.title,
                what.join(", ")
            );
            for issue in &row.issues {
                let tag = if issue.is_problem() {
                    "problem"
                } else {
                    "note"
                };
                println!("    {tag}: {}", issue.zh());
            }
        }
    }
}

fn show_status(ctx: &Context, args: StatusArgs) -> Result<ExitCode> {
    let path = ctx.plan_path()?;
    let plan = storage::load(&path)?;
    let s = status::status(&plan, args.period, commitments::today());
    println!("报送情况 {}", args.period);
    for line in &s.lines {
        let when = line
            .returned_on
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "-".to_owned());
        println!(
            "{}\t{}\t{}\treturned {when}\tdue {}\t{} rows",
            line.standing.key(),
            line.standing.zh(),
            line.name,
            line.due.format("%Y-%m-%d"),
            line.rows
        );
    }
    let chase: Vec<&str> = s.chase_list().map(|l| l.name.as_str()).collect();
    println!(
        "returned {} (late {}), not returned {}",
        s.count(status::Standing::OnTime) + s.count(status::Standing::Late),
        s.count(status::Standing::Late),
        chase.len()
    );
    if !chase.is_empty() {
        println!("催报: {}", chase.join("、"));
    }
    Ok(ExitCode::SUCCESS)
}
