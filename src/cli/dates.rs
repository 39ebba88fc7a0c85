//! `tick` and `untick`, and the dates the CLI accepts: YYYY-MM-DD, within a
//! sane window around the plan's year. Ticking a done commitment changes
//! nothing; its done date changes only with `--change-date`.

use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::{Datelike, NaiveDate};

use commitments::model::{CommitmentId, Plan, Status};
use commitments::storage::PlanStore;

use super::commands::{Context, change};

/// Years before the plan's year a date may be (a plan carries last years' work).
pub const YEARS_BEFORE: i32 = 5;
/// Years after the plan's year a date may be.
pub const YEARS_AFTER: i32 = 10;

/// `date` (default today) checked against the plan's year: `flag` names
/// the option in the message.
pub fn checked(plan: &Plan, date: Option<NaiveDate>, flag: &str) -> Result<NaiveDate> {
    let Some(date) = date else {
        return Ok(commitments::today());
    };
    let (from, to) = (plan.year - YEARS_BEFORE, plan.year + YEARS_AFTER);
    if !(from..=to).contains(&date.year()) {
        bail!(
            "{flag}: expected a date in {from}-{to} (the plan is of {}), found {date}",
            plan.year
        );
    }
    Ok(date)
}

pub fn tick(ctx: &Context, id: u32, on: Option<NaiveDate>, change_date: bool) -> Result<ExitCode> {
    let path = ctx.plan_path()?;
    // Read first: a no-op must not need the lock nor write anything.
    let (store, plan) = PlanStore::open(&path, true)?;
    let cid = CommitmentId(id);
    let Some(c) = plan.commitments.get(&cid) else {
        bail!("{}: no commitment with id {id}", path.display());
    };
    let date = checked(&plan, on, "--on")?;
    let done_on = c.done_on.map(|d| d.to_string()).unwrap_or_default();
    match (c.status == Status::Done, change_date) {
        (true, false) => {
            println!(
                "{id} is already done (on {done_on}); nothing changed. To change its done date: tick {id} --on DATE --change-date"
            );
            Ok(ExitCode::SUCCESS)
        }
        (false, true) => {
            bail!(
                "{id} is not done: --change-date changes the date of a done commitment; tick it without --change-date"
            )
        }
        (true, true) => {
            if on.is_none() {
                bail!("--change-date: give the new done date with --on YYYY-MM-DD");
            }
            if c.done_on == Some(date) {
                println!("{id} is already done on {date}; nothing changed");
                return Ok(ExitCode::SUCCESS);
            }
            drop(store);
            change(
                ctx,
                id,
                |plan, _| Ok(plan.set_done_on(cid, date)?),
                &format!("done date changed from {done_on} to {date}"),
                "修改完成日期",
            )
        }
        (false, false) => {
            drop(store);
            change(
                ctx,
                id,
                |plan, _| Ok(plan.tick(cid, date)?),
                "done",
                "勾选完成",
            )
        }
    }
}

pub fn untick(ctx: &Context, id: u32) -> Result<ExitCode> {
    let path = ctx.plan_path()?;
    let (store, plan) = PlanStore::open(&path, true)?;
    let cid = CommitmentId(id);
    let Some(c) = plan.commitments.get(&cid) else {
        bail!("{}: no commitment with id {id}", path.display());
    };
    if c.status != Status::Done {
        println!("{id} is not done ({}); nothing changed", c.status.key());
        return Ok(ExitCode::SUCCESS);
    }
    drop(store);
    let on = commitments::today();
    change(
        ctx,
        id,
        |plan, _| Ok(plan.untick(cid, on)?),
        "reopened",
        "取消勾选",
    )
}
