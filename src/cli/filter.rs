//! The filter flags of `list` and `export`, turned into the library's filter.

use anyhow::{Context as _, Result};

use commitments::model::Plan;
use commitments::query::{self, DueWindow, Filter};

use super::args::FilterArgs;

/// The filter the flags ask for, and the same in words for the top of an
/// export ("牵头或配合单位：市工业和信息化局；状态：推进中"). An unknown
/// department is an error naming it.
pub fn filter_of(plan: &Plan, args: FilterArgs) -> Result<(Filter, String)> {
    let departments = query::resolve_departments(plan, &args.departments)
        .map_err(anyhow::Error::msg)
        .context("--department")?;
    let filter = Filter {
        departments,
        lead_only: args.lead_only,
        cooperating_only: false,
        statuses: args.statuses,
        lights: args.lights,
        paces: args.paces,
        sections: args.sections,
        kinds: Vec::new(),
        due: if args.overdue {
            vec![DueWindow::Overdue]
        } else {
            Vec::new()
        },
        review: if args.pending_review {
            query::Review::ALL.to_vec()
        } else {
            Vec::new()
        },
        search: args.search.unwrap_or_default(),
    };
    let description = commitments::export::describe_filter(plan, &filter);
    Ok((filter, description))
}
