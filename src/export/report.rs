//! The layout of the monthly report (月报), shared by HTML and Markdown:
//! title, plan, as-of date, filter, summary, 本月变化, the commitments
//! behind or overdue, then one table per lead department, then sections.
//! The blocks hold plain text; each format escapes it its own way.

use chrono::{Datelike, NaiveDate};

use super::{GroupTally, Snapshot, labels, lead_of};
use crate::display::trim_number;
use crate::model::PlanSettings;
use crate::pace::{Light, Pace};
use crate::row::LedgerRow;

/// One cell of a report table.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub light: Option<Light>,
    /// Figures are right-aligned.
    pub numeric: bool,
    /// Short fixed text (a date) that should not break across lines.
    pub nowrap: bool,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            light: None,
            numeric: false,
            nowrap: false,
        }
    }

    fn date(d: NaiveDate) -> Cell {
        Cell {
            nowrap: true,
            ..Cell::text(d.to_string())
        }
    }

    fn number(n: usize) -> Cell {
        Cell {
            text: n.to_string(),
            light: None,
            numeric: true,
            nowrap: false,
        }
    }

    fn light(l: Light) -> Cell {
        Cell {
            text: labels::light(l).to_owned(),
            light: Some(l),
            numeric: false,
            nowrap: false,
        }
    }
}

/// A table: headers with their share of the page width (percent), and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<(&'static str, u8)>,
    pub rows: Vec<Vec<Cell>>,
    /// A one-row table of counts, centred under its headers.
    pub counts: bool,
}

impl Table {
    fn new(columns: Vec<(&'static str, u8)>, rows: Vec<Vec<Cell>>) -> Table {
        Table {
            columns,
            rows,
            counts: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title {
        title: String,
        subtitle: String,
    },
    /// Label and value lines under the title.
    Meta(Vec<(&'static str, String)>),
    Heading(String),
    Subheading(String),
    Paragraph(String),
    /// Small print: how to read the report.
    Note(String),
    Table(Table),
    /// Blocks that belong together (one department); pages may break inside.
    Group(Vec<Block>),
}

/// The first cell of a table's sum row.
pub const TOTAL_ROW: &str = "合计";

/// The whole report.
pub fn layout(s: &Snapshot) -> Vec<Block> {
    let mut blocks = vec![
        Block::Title {
            title: s.plan_title.clone(),
            subtitle: format!("推进情况月报（截至{}）", chinese_date(s.as_of)),
        },
        Block::Meta(meta(s)),
    ];
    let mut sections: Vec<(&str, Vec<Block>)> = vec![("总体情况", overview(s))];
    if let Some(changes) = &s.changes {
        sections.push(("本月变化", change_blocks(changes, s.changes_since, s.as_of)));
    }
    sections.push(("欠序时和逾期任务", attention(s)));
    sections.push(("分单位推进情况", by_department(s)));
    sections.push((
        "分部分推进情况",
        vec![tally_table("所属部分", &s.by_section, true)],
    ));
    for (i, (title, body)) in sections.into_iter().enumerate() {
        blocks.push(Block::Heading(format!(
            "{}、{title}",
            chinese_numeral(i + 1)
        )));
        blocks.extend(body);
    }
    blocks
}

/// 2023年7月1日
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 一 to 十 (reports have fewer headings than that).
fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        _ => n.to_string(),
    }
}

fn meta(s: &Snapshot) -> Vec<(&'static str, String)> {
    let mut lines = vec![("计划", s.plan_title.clone())];
    if !s.issuer.is_empty() {
        lines.push(("发文单位", s.issuer.clone()));
    }
    lines.push(("截至", chinese_date(s.as_of)));
    lines.push(("统计范围", s.filter.clone()));
    lines
}

fn overview(s: &Snapshot) -> Vec<Block> {
    let t = &s.totals;
    let sentence = format!(
        "纳入统计的任务共{}项：已完成{}项，达序时（含超序时）{}项，欠序时{}项，逾期{}项，暂缓{}项。预警：{}。",
        t.commitments,
        t.tally.done,
        t.tally.on_pace,
        t.tally.behind,
        t.tally.overdue,
        t.tally.suspended,
        Light::ALL
            .iter()
            .map(|l| format!("{}{}项", labels::light(*l), t.light(*l)))
            .collect::<Vec<_>>()
            .join("，"),
    );
    let status_row = crate::model::Status::ALL
        .iter()
        .map(|st| Cell::number(t.status(*st)))
        .chain([Cell::number(t.commitments)])
        .collect();
    let light_row = Light::ALL
        .iter()
        .map(|l| Cell {
            light: Some(*l),
            ..Cell::number(t.light(*l))
        })
        .collect();
    vec![
        Block::Paragraph(sentence),
        Block::Table(Table {
            counts: true,
            ..Table::new(
                crate::model::Status::ALL
                    .iter()
                    .map(|st| (labels::status(*st), 20))
                    .chain([("合计", 20)])
                    .collect(),
                vec![status_row],
            )
        }),
        Block::Table(Table {
            counts: true,
            ..Table::new(
                Light::ALL.iter().map(|l| (labels::light(*l), 20)).collect(),
                vec![light_row],
            )
        }),
        Block::Note(legend(&s.settings)),
    ]
}

/// "2023年6月30日至7月15日" (the year once when both are in it).
pub fn period_text(from: NaiveDate, to: NaiveDate) -> String {
    if from.year() == to.year() {
        format!("{}至{}月{}日", chinese_date(from), to.month(), to.day())
    } else {
        format!("{}至{}", chinese_date(from), chinese_date(to))
    }
}

fn change_blocks(
    changes: &[super::ChangeLine],
    since: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Vec<Block> {
    let period = since.map(|d| period_text(d, as_of));
    if changes.is_empty() {
        return vec![Block::Paragraph(match &period {
            Some(p) => format!("{p}，纳入统计的任务没有变化。"),
            None => "与上次快照相比没有变化。".to_owned(),
        })];
    }
    let mut blocks = Vec::new();
    if let Some(p) = &period {
        blocks.push(Block::Paragraph(format!(
            "{p}的变化（共{}条）：",
            changes.len()
        )));
    }
    let rows = changes
        .iter()
        .map(|c| {
            vec![
                Cell::number(c.id as usize),
                Cell::text(&c.title),
                Cell::text(&c.what),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table::new(
        vec![("序号", 6), ("任务", 40), ("变化", 54)],
        rows,
    )));
    blocks
}

/// Overdue first, then behind, each by id.
fn attention(s: &Snapshot) -> Vec<Block> {
    let mut rows: Vec<&LedgerRow> = s
        .rows
        .iter()
        .filter(|r| matches!(r.pace, Pace::Overdue | Pace::Behind))
        .collect();
    if rows.is_empty() {
        return vec![Block::Paragraph("没有欠序时或逾期的任务。".to_owned())];
    }
    rows.sort_by_key(|r| (r.pace != Pace::Overdue, r.id));
    let tol = s.settings.approx_tolerance;
    let cells = rows
        .iter()
        .map(|r| {
            vec![
                Cell::number(r.id as usize),
                Cell::text(&r.title),
                Cell::text(lead_of(r)),
                Cell::date(r.due),
                Cell::text(progress(r, tol)),
                Cell::light(r.light),
                Cell::text(&r.latest_problems),
                Cell::text(&r.latest_next_steps),
            ]
        })
        .collect();
    vec![Block::Table(Table::new(
        vec![
            ("序号", 5),
            ("任务", 20),
            ("牵头单位", 12),
            ("完成时限", 11),
            ("进度", 15),
            ("预警", 7),
            ("存在问题", 15),
            ("下一步措施", 15),
        ],
        cells,
    ))]
}

/// The figures on one line, the shares on the next: "1.2万座 / ≥1.4万座"
/// and "完成85.7%，序时49.9%"; what is not measured is left out.
fn progress(r: &LedgerRow, approx_tolerance: f64) -> String {
    let figures = match (&r.current_text, &r.target_text) {
        (Some(c), Some(t)) => format!("{c} / 目标{t}\n"),
        (None, Some(t)) => format!("目标{t}\n"),
        _ => String::new(),
    };
    let done =
        labels::done_words(r, approx_tolerance).map_or_else(String::new, |w| format!("{w}，"));
    // A level or rate is judged by its value, not against the calendar.
    let mut text = if r.target.as_ref().is_some_and(|t| !t.cumulative) {
        format!("{figures}{}", done.trim_end_matches('，'))
    } else {
        format!("{figures}{done}序时{}", labels::percent(r.expected_percent))
    };
    if let Some(w) = r.warning {
        text.push_str(&format!("\n{}", w.zh()));
    }
    if r.extended {
        text.push_str("\n已延期");
    }
    text
}

fn by_department(s: &Snapshot) -> Vec<Block> {
    let tol = s.settings.approx_tolerance;
    // One department's report: what it leads, then what it cooperates on
    // (not under the other departments' headings).
    if let Some(name) = &s.department {
        let led: Vec<&LedgerRow> = s
            .rows
            .iter()
            .filter(|r| r.lead_department.as_deref() == Some(name.as_str()))
            .collect();
        let cooperating: Vec<&LedgerRow> = s
            .rows
            .iter()
            .filter(|r| r.lead_department.as_deref() != Some(name.as_str()))
            .filter(|r| r.cooperating_departments.iter().any(|d| d == name))
            .collect();
        let mut blocks = Vec::new();
        for (label, rows) in [("牵头的", led), ("配合的", cooperating)] {
            let mut group = vec![Block::Subheading(format!("{label} {} 项", rows.len()))];
            if rows.is_empty() {
                group.push(Block::Paragraph("无。".to_owned()));
            } else {
                group.push(department_table(&rows, tol, true));
            }
            blocks.push(Block::Group(group));
        }
        return blocks;
    }
    let mut blocks = vec![tally_table("牵头单位", &s.by_lead, true)];
    if !s.by_cooperating.is_empty() {
        blocks.push(Block::Subheading("配合单位参与情况".to_owned()));
        // A commitment has several cooperating departments: no 合计.
        blocks.push(tally_table("配合单位", &s.by_cooperating, false));
    }
    for group in &s.by_lead {
        let rows: Vec<&LedgerRow> = s.rows.iter().filter(|r| lead_of(r) == group.name).collect();
        blocks.push(Block::Group(vec![
            Block::Subheading(format!("{}（牵头{}项）", group.name, rows.len())),
            department_table(&rows, tol, false),
        ]));
    }
    blocks
}

/// A department's commitments; `with_lead` adds the lead department
/// (in a department's own report, for the work it cooperates on).
fn department_table(rows: &[&LedgerRow], tol: f64, with_lead: bool) -> Block {
    if with_lead {
        let cells = rows
            .iter()
            .map(|r| {
                vec![
                    Cell::number(r.id as usize),
                    Cell::text(&r.title),
                    Cell::text(lead_of(r)),
                    Cell::date(r.due),
                    Cell::text(progress(r, tol)),
                    Cell::text(labels::status(r.status)),
                    Cell::light(r.light),
                    Cell::text(&r.latest_progress),
                ]
            })
            .collect();
        return Block::Table(Table::new(
            vec![
                ("序号", 5),
                ("任务", 22),
                ("牵头单位", 11),
                ("完成时限", 11),
                ("进度", 15),
                ("状态", 7),
                ("预警", 7),
                ("最新进展", 22),
            ],
            cells,
        ));
    }
    let cells = rows
        .iter()
        .map(|r| {
            vec![
                Cell::number(r.id as usize),
                Cell::text(&r.title),
                Cell::date(r.due),
                Cell::text(progress(r, tol)),
                Cell::text(labels::status(r.status)),
                Cell::light(r.light),
                Cell::text(&r.latest_progress),
            ]
        })
        .collect();
    Block::Table(Table::new(
        vec![
            ("序号", 5),
            ("任务", 25),
            ("完成时限", 11),
            ("进度", 17),
            ("状态", 7),
            ("预警", 7),
            ("最新进展", 28),
        ],
        cells,
    ))
}

/// One row per group, and a 合计 row when each commitment is in one group.
fn tally_table(first: &'static str, groups: &[GroupTally], with_total: bool) -> Block {
    let mut rows: Vec<Vec<Cell>> = groups
        .iter()
        .map(|g| {
            let mut row = vec![Cell::text(&g.name)];
            row.extend(g.tally.values().map(Cell::number));
            row
        })
        .collect();
    if with_total && !groups.is_empty() {
        let sum = super::Tally::sum(groups.iter().map(|g| &g.tally));
        let mut row = vec![Cell::text(TOTAL_ROW)];
        row.extend(sum.values().map(Cell::number));
        rows.push(row);
    }
    let mut columns = vec![(first, 40)];
    columns.extend(super::tally::HEADERS.map(|h| (h, 10)));
    Block::Table(Table::new(columns, rows))
}

/// How to read the lights, with the plan's own thresholds.
fn legend(p: &PlanSettings) -> String {
    let n = |v: f64| trim_number(v, 1);
    format!(
        "说明：序时进度为计划期内已过时间的比例；达序时含超序时（领先序时{}个百分点及以上）。\
         预警：红灯为落后序时{}个百分点以上或已逾期，黄灯为落后序时{}至{}个百分点，\
         蓝灯为{}天内到期尚未完成，绿灯为达序时或已完成，灰灯为暂缓。",
        n(p.ahead_points),
        n(p.red_behind_points),
        n(p.yellow_behind_points),
        n(p.red_behind_points),
        p.due_soon_days
    )
}
