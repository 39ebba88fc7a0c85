//! 督办通知 (催办单): one per lead department with flagged commitments,
//! addressed to it, listing each commitment with its target, where it
//! stands and why it is flagged, asking for a written explanation and
//! measures by a date. Numbered 督办〔year〕N号 from the plan's sequence.

use chrono::NaiveDate;

use super::bulletin::{lag_item, office};
use super::document::{Block, Document};
use super::styles::Style;
use super::words;
use crate::export::{NO_LEAD, Snapshot, labels, lead_of};
use crate::model::DocumentSettings;
use crate::pace::Light;
use crate::row::LedgerRow;

/// One notice, ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The department's full name (the addressee).
    pub department: String,
    pub year: i32,
    pub number: u32,
    /// The commitments it lists, by id.
    pub ids: Vec<u32>,
    pub document: Document,
}

impl Notice {
    /// 督办〔2023〕5号
    pub fn reference(&self) -> String {
        reference(self.year, self.number)
    }

    /// The file name: 督办〔2023〕5号-市工业和信息化局.docx, with characters
    /// a file name cannot hold replaced.
    pub fn file_name(&self) -> String {
        let name: String = format!("{}-{}", self.reference(), self.department)
            .chars()
            .map(|c| match c {
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
                c if c.is_control() => '_',
                c => c,
            })
            .collect();
        let name: String = name.trim_matches(['.', ' ']).chars().take(120).collect();
        format!("{name}.docx")
    }
}

/// 督办〔year〕N号
pub fn reference(year: i32, number: u32) -> String {
    format!("督办〔{year}〕{number}号")
}

/// What the notices need besides the snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeOptions {
    /// The lights that call for a notice (red by default).
    pub lights: Vec<Light>,
    /// The date the written explanation is due.
    pub respond_by: NaiveDate,
    /// The year of the numbers (the as-of year).
    pub year: i32,
    /// The first number to give; the next ones follow.
    pub first_number: u32,
    /// 发文机关.
    pub issuer: String,
}

impl NoticeOptions {
    /// Red notices of the snapshot's year, numbered after the plan's last
    /// one, due ten days after the as-of date.
    pub fn for_snapshot(s: &Snapshot) -> NoticeOptions {
        use chrono::Datelike;
        let year = s.as_of.year();
        NoticeOptions {
            lights: vec![Light::Red],
            respond_by: s.as_of + chrono::Days::new(10),
            year,
            first_number: next_notice_number(&s.settings.documents, year),
            issuer: office(&s.settings.documents, &s.issuer),
        }
    }
}

/// One above the last 督办 number of `year`.
pub fn next_notice_number(docs: &DocumentSettings, year: i32) -> u32 {
    docs.notice_sequence
        .get(&year)
        .map_or(1, |n| n.saturating_add(1))
}

/// The settings with the numbers up to `last` of `year` taken.
pub fn with_sequence(docs: &DocumentSettings, year: i32, last: u32) -> DocumentSettings {
    let mut docs = docs.clone();
    let entry = docs.notice_sequence.entry(year).or_insert(0);
    *entry = (*entry).max(last);
    docs
}

/// The notices for the snapshot's rows whose light is one of `o.lights`,
/// one per lead department in the order of the snapshot's table (busiest
/// first), numbered from `o.first_number`. Commitments without a lead
/// department cannot be addressed; they are returned apart.
pub fn notices(s: &Snapshot, o: &NoticeOptions) -> (Vec<Notice>, Vec<u32>) {
    let flagged: Vec<&LedgerRow> = s
        .rows
        .iter()
        .filter(|r| o.lights.contains(&r.light))
        .collect();
    let unled = flagged
        .iter()
        .filter(|r| r.lead_department.is_none())
        .map(|r| r.id)
        .collect();
    let mut order: Vec<String> = s.by_lead.iter().map(|g| g.name.clone()).collect();
    for r in &flagged {
        let lead = lead_of(r);
        if !order.contains(&lead) {
            order.push(lead);
        }
    }
    let mut out = Vec::new();
    for dept in order.into_iter().filter(|d| d != NO_LEAD) {
        let rows: Vec<&LedgerRow> = flagged
            .iter()
            .copied()
            .filter(|r| r.lead_department.as_deref() == Some(dept.as_str()))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let number = o.first_number + out.len() as u32;
        out.push(Notice {
            document: document(s, o, &dept, number, &rows),
            department: dept,
            year: o.year,
            number,
            ids: rows.iter().map(|r| r.id).collect(),
        });
    }
    (out, unled)
}

fn document(
    s: &Snapshot,
    o: &NoticeOptions,
    dept: &str,
    number: u32,
    rows: &[&LedgerRow],
) -> Document {
    let mut lights: Vec<&str> = o
        .lights
        .iter()
        .filter(|l| rows.iter().any(|r| r.light == **l))
        .map(|l| labels::light(*l))
        .collect();
    lights.dedup();
    let mut body = vec![
        Block::Para(Style::Masthead, "督办通知".to_owned()),
        Block::Para(Style::Centred, reference(o.year, number)),
        Block::Blank,
        Block::Para(Style::Plain, format!("{dept}：")),
        Block::Para(
            Style::Body,
            format!(
                "根据{}推进情况督查，截至{}，你单位牵头的以下{}项重点任务亮{}，进展滞后，现予督办：",
                s.plan_title,
                words::date(s.as_of),
                rows.len(),
                lights.join("、")
            ),
        ),
    ];
    for (i, r) in rows.iter().enumerate() {
        body.push(Block::Para(
            Style::Body,
            format!("{}. {}", i + 1, lag_item(r)),
        ));
    }
    body.push(Block::Para(
        Style::Body,
        format!(
            "请你单位高度重视，认真分析原因，制定切实可行的整改措施，于{}前将书面情况说明及整改措施报送{}。逾期未报送或整改不力的，将按规定予以通报。",
            words::date(o.respond_by),
            o.issuer
        ),
    ));
    body.push(Block::Blank);
    body.push(Block::Blank);
    body.push(Block::Para(Style::Signature, o.issuer.clone()));
    body.push(Block::Para(Style::Signature, words::chinese_date(s.as_of)));
    Document {
        title: format!("{}督办通知", reference(o.year, number)),
        author: o.issuer.clone(),
        date: s.as_of,
        body,
        annex: None,
    }
}
