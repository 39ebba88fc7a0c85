//! The summary sheet (汇总): plan, date and filter, then the counts by
//! status, light and pace, per lead and cooperating department, per report
//! section, and 本月变化 when it is known.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::layout::{self, fit_row, lines_in, text_width};
use super::styles::Styles;
use super::{SUMMARY_SHEET, write_text};
use crate::export::tally::HEADERS;
use crate::export::{ChangeLine, ExportError, GroupTally, Snapshot, Tally, cells, labels};
use crate::model::Status;
use crate::pace::{Light, Pace};

/// The columns after the first one: figures (or the text of a change).
const FIGURE_WIDTH: f64 = 9.0;

pub fn write(
    sheet: &mut Worksheet,
    snapshot: &Snapshot,
    styles: &Styles,
) -> Result<(), ExportError> {
    sheet.set_name(SUMMARY_SHEET)?;
    let first = first_width(snapshot);
    sheet.set_column_width(0, first)?;
    for col in 1..=HEADERS.len() as u16 {
        sheet.set_column_width(col, FIGURE_WIDTH)?;
    }
    let mut s = Summary {
        sheet,
        styles,
        first,
        row: 0,
    };
    s.heading(snapshot)?;
    s.counts("按状态", "状态", &status_counts(snapshot))?;
    s.lights(snapshot)?;
    s.counts("按序时进度", "序时情况", &pace_counts(snapshot))?;
    s.tallies("按牵头单位", "牵头单位", &snapshot.by_lead, true)?;
    s.tallies(
        "按配合单位（一项任务可有多个配合单位）",
        "配合单位",
        &snapshot.by_cooperating,
        false,
    )?;
    s.tallies("按报告部分", "所属部分", &snapshot.by_section, true)?;
    if let Some(changes) = &snapshot.changes {
        s.changes(changes, snapshot.changes_since, snapshot.as_of)?;
    }
    layout::print_setup(s.sheet, false);
    Ok(())
}

/// The first column fits department names and most section headings.
fn first_width(snapshot: &Snapshot) -> f64 {
    let widest = snapshot
        .by_lead
        .iter()
        .chain(&snapshot.by_cooperating)
        .chain(&snapshot.by_section)
        .map(|g| text_width(&g.name))
        .fold(0.0, f64::max);
    layout::fit_width(widest, 46.0).max(16.0)
}

fn status_counts(snapshot: &Snapshot) -> Vec<(String, usize)> {
    Status::ALL
        .iter()
        .map(|s| (labels::status(*s).to_owned(), snapshot.totals.status(*s)))
        .collect()
}

fn pace_counts(snapshot: &Snapshot) -> Vec<(String, usize)> {
    Pace::ALL
        .iter()
        .map(|p| (labels::pace(*p).to_owned(), snapshot.totals.pace(*p)))
        .collect()
}

/// The sheet being written, and the next free row.
struct Summary<'a> {
    sheet: &'a mut Worksheet,
    styles: &'a Styles,
    first: f64,
    row: u32,
}

impl Summary<'_> {
    fn heading(&mut self, snapshot: &Snapshot) -> Result<(), XlsxError> {
        let title = format!("{}推进情况", snapshot.plan_title);
        write_text(self.sheet, 0, 0, &title, &self.styles.title)?;
        self.sheet.set_row_height(0, 24)?;
        let plan = if snapshot.issuer.is_empty() {
            snapshot.plan_title.clone()
        } else {
            format!("{}（{}）", snapshot.plan_title, snapshot.issuer)
        };
        let lines = [
            ("计划", plan),
            ("截至", snapshot.as_of.to_string()),
            ("统计范围", snapshot.filter.clone()),
            ("任务数", snapshot.totals.commitments.to_string()),
        ];
        for (i, (label, value)) in lines.iter().enumerate() {
            let line = format!("{label}：{value}");
            write_text(self.sheet, i as u32 + 1, 0, &line, &Format::new())?;
        }
        self.row = lines.len() as u32 + 2;
        Ok(())
    }

    /// A title and a header row; moves to the row below them.
    fn table_head(&mut self, title: &str, headers: &[&str]) -> Result<(), XlsxError> {
        write_text(self.sheet, self.row, 0, title, &self.styles.label)?;
        for (col, h) in headers.iter().enumerate() {
            self.sheet.write_string_with_format(
                self.row + 1,
                col as u16,
                *h,
                &self.styles.header,
            )?;
        }
        self.row += 2;
        Ok(())
    }

    /// A label in the first column, wrapped and the row grown to fit.
    fn name(&mut self, name: &str, format: &Format) -> Result<(), XlsxError> {
        write_text(self.sheet, self.row, 0, name, format)?;
        fit_row(self.sheet, self.row, lines_in(name, self.first))
    }

    fn figures(&mut self, values: &[usize], format: &Format) -> Result<(), XlsxError> {
        for (i, v) in values.iter().enumerate() {
            self.sheet
                .write_number_with_format(self.row, i as u16 + 1, *v as f64, format)?;
        }
        Ok(())
    }

    fn total(&mut self, values: &[usize]) -> Result<(), XlsxError> {
        let total = self.styles.total.clone();
        self.name("合计", &total)?;
        self.figures(values, &total)?;
        self.row += 1;
        Ok(())
    }

    fn counts(
        &mut self,
        title: &str,
        header: &str,
        counts: &[(String, usize)],
    ) -> Result<(), XlsxError> {
        self.table_head(title, &[header, "任务数"])?;
        for (label, n) in counts {
            let text = self.styles.text.clone();
            self.name(label, &text)?;
            self.figures(&[*n], &self.styles.number.clone())?;
            self.row += 1;
        }
        self.total(&[counts.iter().map(|(_, n)| n).sum()])?;
        self.row += 1;
        Ok(())
    }

    /// The counts by light, each label in its light's fill.
    fn lights(&mut self, snapshot: &Snapshot) -> Result<(), XlsxError> {
        self.table_head("按预警", &["预警", "任务数"])?;
        for l in Light::ALL {
            let fill = self.styles.light(l).clone();
            self.name(labels::light(l), &fill)?;
            self.figures(&[snapshot.totals.light(l)], &self.styles.number.clone())?;
            self.row += 1;
        }
        self.total(&[snapshot.totals.commitments])?;
        self.row += 1;
        Ok(())
    }

    /// One row per group with its tally; a total row when every commitment counts once.
    fn tallies(
        &mut self,
        title: &str,
        header: &str,
        groups: &[GroupTally],
        with_total: bool,
    ) -> Result<(), XlsxError> {
        let mut headers = vec![header];
        headers.extend(HEADERS);
        self.table_head(title, &headers)?;
        for g in groups {
            let wrap = self.styles.wrap.clone();
            self.name(&g.name, &wrap)?;
            self.figures(&g.tally.values(), &self.styles.number.clone())?;
            self.row += 1;
        }
        if with_total {
            self.total(&Tally::sum(groups.iter().map(|g| &g.tally)).values())?;
        }
        self.row += 1;
        Ok(())
    }

    /// 本月变化: the commitment in the first column, what changed across the others.
    fn changes(
        &mut self,
        changes: &[ChangeLine],
        since: Option<chrono::NaiveDate>,
        as_of: chrono::NaiveDate,
    ) -> Result<(), XlsxError> {
        let last = HEADERS.len() as u16;
        let heading = match since {
            Some(d) => format!(
                "本月变化（{}）",
                crate::export::report::period_text(d, as_of)
            ),
            None => "本月变化".to_owned(),
        };
        write_text(self.sheet, self.row, 0, &heading, &self.styles.label)?;
        if changes.is_empty() {
            let text = match since {
                Some(d) => format!(
                    "{}，纳入统计的任务没有变化。",
                    crate::export::report::period_text(d, as_of)
                ),
                None => "与上次快照相比没有变化。".to_owned(),
            };
            write_text(self.sheet, self.row + 1, 0, &text, &self.styles.wrap)?;
            self.row += 3;
            return Ok(());
        }
        self.sheet
            .write_string_with_format(self.row + 1, 0, "任务", &self.styles.header)?;
        self.sheet.merge_range(
            self.row + 1,
            1,
            self.row + 1,
            last,
            "变化",
            &self.styles.header,
        )?;
        self.row += 2;
        for c in changes {
            let task = format!("{}. {}", c.id, c.title);
            let what = cells::xlsx_text(&c.what);
            let mut format = self.styles.wrap.clone();
            if cells::looks_like_formula(&what) {
                format = format.set_quote_prefix();
            }
            write_text(self.sheet, self.row, 0, &task, &self.styles.wrap)?;
            self.sheet
                .merge_range(self.row, 1, self.row, last, &what, &format)?;
            let lines =
                lines_in(&task, self.first).max(lines_in(&what, FIGURE_WIDTH * last as f64));
            fit_row(self.sheet, self.row, lines)?;
            self.row += 1;
        }
        Ok(())
    }
}
