//! A filter in words, for the top of an export: 牵头或配合单位：市工业和信息化局；状态：推进中.

use crate::model::Plan;
use crate::query::Filter;

use super::labels;

/// What an export says when nothing is filtered out.
pub const UNFILTERED: &str = "全部任务";

/// The filter as one line of Chinese: criteria joined by "；", values within
/// one criterion by "、", departments by their full names.
pub fn describe_filter(plan: &Plan, filter: &Filter) -> String {
    let parts: Vec<String> = [
        departments(plan, filter),
        criterion("状态", filter.statuses.iter().map(|s| labels::status(*s))),
        criterion("预警", filter.lights.iter().map(|l| labels::light(*l))),
        criterion("序时进度", filter.paces.iter().map(|p| labels::pace(*p))),
        criterion("所属部分", filter.sections.iter().map(String::as_str)),
        criterion("类型", filter.kinds.iter().map(|k| labels::kind(*k))),
        criterion(
            "完成时限",
            filter
                .due
                .iter()
                .map(|w| labels::due_window(*w, plan.settings.due_soon_days)),
        ),
        criterion("待审核", filter.review.iter().map(|r| labels::review(*r))),
        search(filter),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        UNFILTERED.to_owned()
    } else {
        parts.join("；")
    }
}

fn departments(plan: &Plan, filter: &Filter) -> Option<String> {
    let name = if filter.lead_only {
        "牵头单位"
    } else if filter.cooperating_only {
        "配合单位"
    } else {
        "牵头或配合单位"
    };
    criterion(name, filter.departments.iter().map(|d| plan.dept_name(d)))
}

fn search(filter: &Filter) -> Option<String> {
    let text = filter.search.trim();
    (!text.is_empty()).then(|| format!("关键词：{text}"))
}

/// "名称：甲、乙", or nothing when there are no values.
fn criterion<S: AsRef<str>>(name: &str, values: impl Iterator<Item = S>) -> Option<String> {
    let values: Vec<S> = values.collect();
    if values.is_empty() {
        return None;
    }
    let joined: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    Some(format!("{name}：{}", joined.join("、")))
}
