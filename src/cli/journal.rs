//! `log` (the change journal) and the accountability steps: `apply-close`,
//! `confirm-close`, `reject-close`, `request-extension`,
//! `approve-extension`, `reject-extension`. Every change the CLI saves is
//! recorded under `--user` / `COMMITMENTS_USER` / the system account.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::ValueEnum;

use commitments::journal::{self, JournalIndex, LogFilter};
use commitments::model::{CommitmentId, Edit, Plan};
use commitments::storage::PlanStore;

use super::args::parse_date;
use super::commands::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// Only this commitment's records.
    pub id: Option<u32>,
    /// Records on or after this day.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Records made by this user.
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: LogFormat,
}

#[derive(Debug, clap::Args)]
pub struct ApplyCloseArgs {
    pub id: u32,
    /// What was done (完成情况说明).
    #[arg(long, value_name = "T")]
    pub statement: String,
    /// A file of evidence (佐证材料); repeat for several.
    #[arg(long = "evidence", value_name = "FILE")]
    pub evidence: Vec<PathBuf>,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub on: Option<NaiveDate>,
}

#[derive(Debug, clap::Args)]
pub struct ReasonArgs {
    pub id: u32,
    #[arg(long, value_name = "T")]
    pub reason: String,
}

#[derive(Debug, clap::Args)]
pub struct ExtensionArgs {
    pub id: u32,
    /// The new due date asked for.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: NaiveDate,
    #[arg(long, value_name = "T")]
    pub reason: String,
}

/// Opens the plan for writing (the journal checked against it, problems on
/// stderr), applies one step and saves it with its record.
pub fn step(
    ctx: &Context,
    id: u32,
    action: &str,
    make: impl FnOnce(&Plan, &std::path::Path) -> Result<Vec<Edit>>,
) -> Result<ExitCode> {
    let path = ctx.plan_path()?;
    let (mut store, mut plan) = PlanStore::open(&path, false)?;
    warn_journal(&store);
    // The real file (a symlink resolved): evidence goes beside it, where the
    // window looks for it.
    let real = store.path().to_owned();
    let edits = make(&plan, &real).with_context(|| format!("{}", path.display()))?;
    journal::apply_and_record(&mut plan, edits, &ctx.user, action)
        .with_context(|| format!("{}", path.display()))?;
    store.save(&plan)?;
    let c = &plan.commitments[&CommitmentId(id)];
    println!("{id} {action}: {} [{}]", c.title, c.status.key());
    Ok(ExitCode::SUCCESS)
}

/// The journal's problems found on opening, one line each on stderr.
pub fn warn_journal(store: &PlanStore) {
    for line in store.journal_report().lines() {
        eprintln!("warning: {line}");
    }
}

pub fn apply_close(ctx: &Context, args: ApplyCloseArgs) -> Result<ExitCode> {
    let on = args.on.unwrap_or_else(commitments::today);
    let statement = commitments::model::text::clean(&args.statement, true).into_owned();
    let user = ctx.user.clone();
    step(ctx, args.id, "申请销号", |plan, path| {
        let mut evidence = Vec::new();
        for file in &args.evidence {
            evidence.push(commitments::evidence::attach(path, file, on)?);
        }
        Ok(vec![plan.apply_close(
            CommitmentId(args.id),
            on,
            &statement,
            evidence,
            &user,
        )?])
    })
}

pub fn confirm_close(ctx: &Context, id: u32) -> Result<ExitCode> {
    let on = commitments::today();
    step(ctx, id, "确认销号", |plan, _| {
        Ok(vec![plan.confirm_close(CommitmentId(id), on)?])
    })
}

pub fn reject_close(ctx: &Context, args: ReasonArgs) -> Result<ExitCode> {
    let on = commitments::today();
    let reason = commitments::model::text::clean(&args.reason, true).into_owned();
    step(ctx, args.id, "退回销号申请", |plan, _| {
        Ok(vec![plan.reject_close(
            CommitmentId(args.id),
            on,
            &reason,
        )?])
    })
}

pub fn request_extension(ctx: &Context, args: ExtensionArgs) -> Result<ExitCode> {
    let on = commitments::today();
    let reason = commitments::model::text::clean(&args.reason, true).into_owned();
    let user = ctx.user.clone();
    step(ctx, args.id, "申请延期", |plan, _| {
        Ok(vec![plan.request_extension(
            CommitmentId(args.id),
            on,
            args.to,
            &reason,
            &user,
        )?])
    })
}

pub fn approve_extension(ctx: &Context, id: u32) -> Result<ExitCode> {
    let on = commitments::today();
    step(ctx, id, "批准延期", |plan, _| {
        Ok(vec![plan.approve_extension(CommitmentId(id), on)?])
    })
}

pub fn reject_extension(ctx: &Context, args: ReasonArgs) -> Result<ExitCode> {
    let on = commitments::today();
    let reason = commitments::model::text::clean(&args.reason, true).into_owned();
    step(ctx, args.id, "驳回延期", |plan, _| {
        Ok(vec![plan.reject_extension(
            CommitmentId(args.id),
            on,
            &reason,
        )?])
    })
}

pub fn log(ctx: &Context, args: LogArgs) -> Result<ExitCode> {
    let path = ctx.plan_path()?;
    let journal_path = journal::journal_path(&path);
    let index =
        JournalIndex::build(&journal_path).with_context(|| journal_path.display().to_string())?;
    let filter = LogFilter {
        id: args.id,
        user: args.user,
        since: args.since,
        ids: None,
        markers: true,
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let lines = index.matching(&filter, &cancel);
    let records = index.read(&lines);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        LogFormat::Json => {
            let list: Vec<_> = records.into_iter().map(|(_, r)| r).collect();
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
        LogFormat::Table => {
            if records.is_empty() {
                writeln!(out, "（无变更记录）")?;
            }
            for (_, r) in records {
                let at = r.at.get(..16).unwrap_or(&r.at).replace('T', " ");
                if let Some((a, b)) = r.rollback {
                    writeln!(out, "#{:<6} {at}  回滚 #{a}–#{b}：{}", r.seq, r.note)?;
                    continue;
                }
                let ids: Vec<String> = r.ids().map(|i| i.to_string()).collect();
                writeln!(
                    out,
                    "#{:<6} {at}  {}  {}  {}",
                    r.seq,
                    if r.user.is_empty() { "-" } else { &r.user },
                    r.action,
                    if ids.is_empty() {
                        "计划".to_owned()
                    } else {
                        format!("事项 {}", ids.join(","))
                    }
                )?;
                for c in &r.changes {
                    if args.id.is_some_and(|id| c.id != Some(id)) {
                        continue;
                    }
                    writeln!(out, "         {}", journal::change_text(c))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
