//! The 督查通报: 版头, title, 一、总体情况, 二、进展较好的, 三、进展滞后的,
//! 四、下一步工作要求, and the 附件 detail table. Every number comes from
//! the [`Snapshot`], i.e. from the tallies the dashboard shows.

use chrono::{Datelike, NaiveDate};

use super::document::{Annex, Block, Document};
use super::styles::Style;
use super::words;
use super::xml::Cell;
use crate::export::{NO_LEAD, Snapshot, UNFILTERED, labels, lead_of};
use crate::model::DocumentSettings;
use crate::pace::{Light, Pace};
use crate::row::LedgerRow;

/// The 四、下一步工作要求 that ship, until the office writes its own.
pub const DEFAULT_REQUIREMENTS: [&str; 4] = [
    "（一）压紧压实工作责任。各牵头单位要对照年度目标任务，逐项细化推进措施，明确责任人和完成时限，确保每项任务有人抓、有人管、有人负责；配合单位要主动对接、密切配合，形成工作合力。",
    "（二）加快滞后任务推进。对本期通报的欠序时、逾期任务，牵头单位要认真分析原因，制定整改措施，倒排工期、挂图作战，力争尽快赶上序时进度。",
    "（三）如实报送推进情况。各单位要按时报送重点任务推进情况，如实填报完成进度、存在问题和下一步措施，确保数据真实、准确、完整。",
    "（四）强化督查问效。督查室将持续跟踪督办，对进度严重滞后、推进不力的任务，按规定发出督办通知并予以通报。",
];

/// What the 通报 needs besides the snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct BulletinOptions {
    /// 第N期.
    pub issue_number: u32,
    /// 发文机关, e.g. 市政府督查室.
    pub issuer: String,
    /// The date of the previous 通报's snapshot, for 本期新完成.
    pub since: Option<NaiveDate>,
    /// The paragraphs of 四、下一步工作要求.
    pub requirements: Vec<String>,
}

impl BulletinOptions {
    /// The defaults for a snapshot: the next issue number not yet used in
    /// the as-of year, the office of the plan's settings, the requirements
    /// kept in the plan (or those that ship).
    pub fn for_snapshot(s: &Snapshot) -> BulletinOptions {
        let docs = &s.settings.documents;
        BulletinOptions {
            issue_number: next_issue_number(docs, s.as_of.year()),
            issuer: office(docs, &s.issuer),
            since: None,
            requirements: requirements(docs),
        }
    }
}

/// The 发文机关 of the documents: the office kept in the settings, else the
/// plan's issuer followed by 督查室.
pub fn office(docs: &DocumentSettings, plan_issuer: &str) -> String {
    if !docs.office.trim().is_empty() {
        docs.office.trim().to_owned()
    } else if plan_issuer.trim().is_empty() {
        "督查室".to_owned()
    } else {
        format!("{}督查室", plan_issuer.trim())
    }
}

/// The requirements kept in the settings, or those that ship.
pub fn requirements(docs: &DocumentSettings) -> Vec<String> {
    docs.requirements
        .clone()
        .unwrap_or_else(|| DEFAULT_REQUIREMENTS.map(str::to_owned).to_vec())
}

/// One above the highest issue number used in `year` (1 in a new year).
pub fn next_issue_number(docs: &DocumentSettings, year: i32) -> u32 {
    docs.bulletin_issues
        .get(&year)
        .and_then(|v| v.iter().max())
        .map_or(1, |n| n.saturating_add(1))
}

/// Whether `number` was already used for a 通报 in `year`.
pub fn issue_used(docs: &DocumentSettings, year: i32, number: u32) -> bool {
    docs.bulletin_issues
        .get(&year)
        .is_some_and(|v| v.contains(&number))
}

/// The settings with `number` recorded as used in `year`.
pub fn with_issue_recorded(docs: &DocumentSettings, year: i32, number: u32) -> DocumentSettings {
    let mut docs = docs.clone();
    let used = docs.bulletin_issues.entry(year).or_default();
    if !used.contains(&number) {
        used.push(number);
        used.sort_unstable();
    }
    docs
}

/// The 通报 of a snapshot.
pub fn bulletin(s: &Snapshot, o: &BulletinOptions) -> Document {
    let mut body = vec![
        Block::Para(Style::Masthead, "督查通报".to_owned()),
        Block::Para(Style::Centred, format!("第{}期", o.issue_number)),
        Block::IssuerLine {
            issuer: o.issuer.clone(),
            date: words::chinese_date(s.as_of),
        },
        Block::Blank,
        Block::Para(Style::Title, format!("关于{}推进情况的通报", s.plan_title)),
        Block::Blank,
    ];
    overview(s, o, &mut body);
    going_well(s, o, &mut body);
    lagging(s, &mut body);
    body.push(Block::Para(
        Style::Heading1,
        "四、下一步工作要求".to_owned(),
    ));
    for p in &o.requirements {
        body.push(Block::Para(Style::Body, p.clone()));
    }
    let annex = (!s.rows.is_empty()).then(|| annex(s));
    if annex.is_some() {
        body.push(Block::Blank);
        body.push(Block::Para(
            Style::Body,
            format!("附件：{}推进情况明细表", s.plan_title),
        ));
    }
    body.push(Block::Blank);
    body.push(Block::Para(Style::Signature, o.issuer.clone()));
    body.push(Block::Para(Style::Signature, words::chinese_date(s.as_of)));
    Document {
        // The file's title property: what a file manager or WPS shows.
        title: format!("{}督查通报第{}期", s.plan_title, o.issue_number),
        author: o.issuer.clone(),
        date: s.as_of,
        body,
        annex,
    }
}

fn overview(s: &Snapshot, o: &BulletinOptions, body: &mut Vec<Block>) {
    body.push(Block::Para(Style::Heading1, "一、总体情况".to_owned()));
    let t = &s.totals.tally;
    let scope = if s.filter == UNFILTERED {
        String::new()
    } else {
        format!("（通报范围：{}）", s.filter)
    };
    let date = words::date(s.as_of);
    if t.total == 0 {
        body.push(Block::Para(
            Style::Body,
            format!(
                "截至{date}，{}{scope}没有符合条件的重点任务，本期无可通报事项。",
                s.plan_title
            ),
        ));
        return;
    }
    let share = labels::percent(t.done as f64 * 100.0 / t.total as f64);
    let mut text = format!(
        "截至{date}，{}{scope}共{}项重点任务，已完成{}项（占{share}），达序时{}项，欠序时{}项，逾期{}项",
        s.plan_title, t.total, t.done, t.on_pace, t.behind, t.overdue
    );
    if t.suspended > 0 {
        text.push_str(&format!("，暂缓{}项", t.suspended));
    }
    text.push_str(&format!(
        "；亮红灯{}项、黄灯{}项。",
        s.totals.light(Light::Red),
        s.totals.light(Light::Yellow)
    ));
    // 销号 and 延期: what waits for the office, what it has extended.
    let count = |pass: fn(&LedgerRow) -> bool| s.rows.iter().filter(|r| pass(r)).count();
    let applications: Vec<String> = [
        (
            count(|r| r.status == crate::model::Status::ClosureRequested),
            "申请销号待审核",
        ),
        (count(|r| r.extension_pending), "申请延期待审核"),
        (count(|r| r.extended), "经批准延期"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{what}{n}项"))
    .collect();
    if !applications.is_empty() {
        text.push_str(&format!("{}。", applications.join("，")));
    }
    if let Some(since) = o.since {
        let newly = newly_done(s, since).count();
        text.push_str(&format!(
            "本期（{}以来）新完成{newly}项。",
            words::month_day(since)
        ));
    }
    body.push(Block::Para(Style::Body, text));
}

fn newly_done(s: &Snapshot, since: NaiveDate) -> impl Iterator<Item = &LedgerRow> {
    s.rows
        .iter()
        .filter(move |r| r.pace == Pace::Done && r.done_on.is_some_and(|d| d > since))
}

/// Rows grouped by lead department in the order of the snapshot's table
/// (busiest first), departments without any left out.
fn by_lead<'a>(s: &'a Snapshot, rows: &[&'a LedgerRow]) -> Vec<(String, Vec<&'a LedgerRow>)> {
    let mut groups: Vec<(String, Vec<&LedgerRow>)> = s
        .by_lead
        .iter()
        .map(|g| (g.name.clone(), Vec::new()))
        .collect();
    for r in rows {
        let lead = lead_of(r);
        match groups.iter_mut().find(|(n, _)| *n == lead) {
            Some((_, v)) => v.push(r),
            None => groups.push((lead, vec![r])),
        }
    }
    groups.retain(|(_, v)| !v.is_empty());
    // The unled group, if any, stays last.
    groups.sort_by_key(|(n, _)| n == NO_LEAD);
    groups
}

fn going_well(s: &Snapshot, o: &BulletinOptions, body: &mut Vec<Block>) {
    body.push(Block::Para(Style::Heading1, "二、进展较好的".to_owned()));
    let good: Vec<&LedgerRow> = s
        .rows
        .iter()
        .filter(|r| match r.pace {
            Pace::Done => o.since.is_none_or(|d| r.done_on.is_some_and(|on| on > d)),
            Pace::Ahead => true,
            _ => false,
        })
        .collect();
    if good.is_empty() {
        body.push(Block::Para(
            Style::Body,
            "本期无已完成或超序时推进的任务。".to_owned(),
        ));
        return;
    }
    let done = good.iter().filter(|r| r.pace == Pace::Done).count();
    let when = match o.since {
        Some(d) => format!("{}以来", words::month_day(d)),
        None => format!("截至{}", words::month_day(s.as_of)),
    };
    body.push(Block::Para(
        Style::Body,
        format!(
            "{when}，{done}项任务已完成，{}项任务超序时推进，分单位情况如下：",
            good.len() - done
        ),
    ));
    for (i, (dept, rows)) in by_lead(s, &good).into_iter().enumerate() {
        body.push(Block::Para(
            Style::Heading2,
            format!("{}{dept}（{}项）", words::ordinal(i + 1), rows.len()),
        ));
        for (j, r) in rows.iter().enumerate() {
            let how = match (r.pace, r.done_on) {
                (Pace::Done, Some(on)) => format!("已于{}完成", words::date(on)),
                (Pace::Done, None) => "已完成".to_owned(),
                _ => format!(
                    "超序时推进，{}",
                    progress_words(r).unwrap_or_else(|| "进展快于序时要求".to_owned())
                ),
            };
            body.push(Block::Para(
                Style::Body,
                format!("{}. {}：{how}。", j + 1, r.title),
            ));
        }
    }
}

fn lagging(s: &Snapshot, body: &mut Vec<Block>) {
    body.push(Block::Para(Style::Heading1, "三、进展滞后的".to_owned()));
    let mut behind: Vec<&LedgerRow> = s
        .rows
        .iter()
        .filter(|r| matches!(r.light, Light::Red | Light::Yellow))
        .collect();
    if behind.is_empty() {
        body.push(Block::Para(
            Style::Body,
            "本期无亮红灯、黄灯的任务。".to_owned(),
        ));
        return;
    }
    behind.sort_by_key(|r| (r.light != Light::Red, r.id));
    let red = behind.iter().filter(|r| r.light == Light::Red).count();
    body.push(Block::Para(
        Style::Body,
        format!(
            "{}项任务进展滞后，其中亮红灯{red}项、黄灯{}项，分牵头单位情况如下：",
            behind.len(),
            behind.len() - red
        ),
    ));
    let mut groups = by_lead(s, &behind);
    groups.sort_by_key(|(n, v)| {
        (
            n == NO_LEAD,
            std::cmp::Reverse(v.iter().filter(|r| r.light == Light::Red).count()),
            std::cmp::Reverse(v.len()),
        )
    });
    for (i, (dept, rows)) in groups.into_iter().enumerate() {
        body.push(Block::Para(
            Style::Heading2,
            format!("{}{dept}（{}项）", words::ordinal(i + 1), rows.len()),
        ));
        for (j, r) in rows.iter().enumerate() {
            body.push(Block::Para(
                Style::Body,
                format!("{}. {}", j + 1, lag_item(r)),
            ));
        }
    }
}

/// 完成进度45%，序时进度53.4%.
pub(super) fn progress_words(r: &LedgerRow) -> Option<String> {
    r.progress_percent.map(|p| {
        format!(
            "完成进度{}，序时进度{}",
            words::percent(p),
            words::percent(r.expected_percent)
        )
    })
}

/// One lagging commitment: title, light, target, value reached, pace, problem.
pub(super) fn lag_item(r: &LedgerRow) -> String {
    let mut text = format!("{}（{}）。", r.title, labels::light(r.light));
    let mut facts = Vec::new();
    if let Some(t) = &r.target_text {
        facts.push(format!("目标{t}"));
    }
    if let Some(c) = &r.current_text {
        facts.push(format!("当前{c}"));
    }
    match progress_words(r) {
        Some(p) => facts.push(p),
        None => facts.push(format!("序时进度{}", words::percent(r.expected_percent))),
    }
    facts.push(why_flagged(r));
    text.push_str(&facts.join("，"));
    text.push('。');
    let problems = r.latest_problems.trim();
    text.push_str(&format!(
        "存在问题：{}",
        if problems.is_empty() {
            "未报送"
        } else {
            problems
        }
    ));
    if !text.ends_with(['。', '！', '？', '.']) {
        text.push('。');
    }
    text
}

/// Why a commitment is red or yellow, in words.
pub(super) fn why_flagged(r: &LedgerRow) -> String {
    if r.pace == Pace::Overdue {
        return format!("完成时限（{}）已过仍未完成", words::date(r.due));
    }
    match r.progress_percent {
        Some(p) if r.expected_percent > p => format!(
            "落后序时进度{}个百分点",
            crate::display::trim_number(r.expected_percent - p, 1)
        ),
        _ if r.target.as_ref().is_some_and(|t| !t.cumulative) => "当前值未达到目标要求".to_owned(),
        _ => labels::pace(r.pace).to_string(),
    }
}

/// 附件: one row per commitment, lights as cell shading.
fn annex(s: &Snapshot) -> Annex {
    let rows = s
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (fill, _) = labels::light_colours(r.light);
            let progress = match (&r.current_text, r.progress_percent) {
                (Some(c), Some(p)) => format!("{c}\n{}", words::percent(p)),
                (Some(c), None) => c.clone(),
                (None, Some(p)) => words::percent(p),
                (None, None) => labels::status(r.status).to_owned(),
            };
            let latest = if r.latest_progress.trim().is_empty() {
                "—".to_owned()
            } else {
                r.latest_progress.clone()
            };
            vec![
                Cell::centred((i + 1).to_string()),
                Cell::text(r.title.clone()),
                Cell::text(lead_of(r)),
                Cell::text(r.target_text.clone().unwrap_or_else(|| "—".to_owned())),
                Cell::centred(progress),
                Cell::centred(words::percent(r.expected_percent)),
                Cell {
                    fill: Some(fill),
                    ..Cell::centred(format!(
                        "{}\n{}",
                        labels::pace(r.pace),
                        labels::light(r.light)
                    ))
                },
                Cell::text(latest),
            ]
        })
        .collect();
    Annex {
        label: "附件".to_owned(),
        title: format!("{}推进情况明细表", s.plan_title),
        headers: ANNEX_HEADERS.to_vec(),
        widths: ANNEX_WIDTHS.to_vec(),
        rows,
    }
}

/// The 附件's columns, as the office asked for them.
pub const ANNEX_HEADERS: [&str; 8] = [
    "序号",
    "任务",
    "牵头单位",
    "目标",
    "完成进度",
    "序时",
    "状态/预警",
    "最新进展",
];

/// Their widths in twips: the landscape text width (12,756) in all.
const ANNEX_WIDTHS: [u32; 8] = [600, 3300, 1700, 1500, 1300, 850, 1106, 2400];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_columns_fill_the_landscape_page() {
        assert_eq!(
            ANNEX_WIDTHS.iter().sum::<u32>(),
            super::super::page::LANDSCAPE_TEXT_WIDTH
        );
    }
}
