//! Making the forms: one workbook per department (see the module comment
//! of `returns` for what it holds).

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::form::{self, FormMeta, MetaRow, SeenRow};
use super::{Period, ReturnsError, form_file_name};
use crate::export::cells::xlsx_text;
use crate::export::xlsx::layout;
use crate::model::{DeptId, Plan};

/// What to make.
#[derive(Debug, Clone)]
pub struct MakeOptions {
    pub period: Period,
    /// The departments to make forms for; empty: every department that owes
    /// a return for the period ([`form::departments_due`]).
    pub departments: Vec<DeptId>,
    /// 报送截止 (default: the 25th of the period's month).
    pub due: Option<NaiveDate>,
    /// The day the forms are made (recorded in them).
    pub made_on: NaiveDate,
    /// Overwrite forms already in the folder.
    pub force: bool,
}

/// One form written.
#[derive(Debug, Clone, PartialEq)]
pub struct MadeForm {
    pub department: DeptId,
    pub path: PathBuf,
    pub rows: usize,
}

/// Makes the forms in `dir` (created if missing). Every target file is
/// checked before any is written: an existing form (without `force`) or a
/// department with nothing to report stops the whole run with nothing written.
pub fn make(plan: &Plan, options: &MakeOptions, dir: &Path) -> Result<Vec<MadeForm>, ReturnsError> {
    let period = options.period;
    let due = options.due.unwrap_or_else(|| period.default_due());
    let departments = if options.departments.is_empty() {
        form::departments_due(plan, period)
    } else {
        options.departments.clone()
    };
    let mut planned = Vec::new();
    for dept in &departments {
        let name = plan.dept_name(dept);
        if !plan.departments.contains_key(dept) {
            return Err(ReturnsError::UnknownDepartment(dept.to_string()));
        }
        let rows = form::rows_for(plan, dept, period).len();
        if rows == 0 {
            return Err(ReturnsError::BadPeriod(format!(
                "{name} has no commitments to report on for {period}"
            )));
        }
        let path = dir.join(form_file_name(period, name));
        if path.exists() && !options.force {
            return Err(ReturnsError::Exists { path });
        }
        planned.push(MadeForm {
            department: dept.clone(),
            path,
            rows,
        });
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| ReturnsError::io(dir, "cannot create the folder", e))?;
    for made in &planned {
        let bytes =
            form_bytes(plan, &made.department, period, due, options.made_on).map_err(|e| {
                ReturnsError::Write {
                    path: made.path.clone(),
                    message: e.to_string(),
                }
            })?;
        crate::storage::write_output(&made.path, &bytes, options.force).map_err(|e| {
            ReturnsError::Save {
                path: made.path.clone(),
                message: e.to_string(),
            }
        })?;
    }
    Ok(planned)
}

struct Styles {
    title: Format,
    info: Format,
    /// One line that may run over the empty cells beside it (no wrap).
    hint: Format,
    header: Format,
    header_input: Format,
    locked: Format,
    locked_center: Format,
    input: Format,
    input_number: Format,
    input_date: Format,
    label: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0x8C8C8C))
            .set_align(FormatAlign::Top)
            .set_text_wrap()
            .set_font_size(10);
        let input = cell
            .clone()
            .set_unlocked()
            .set_background_color(Color::RGB(0xFFFBE6));
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(15)
                .set_align(FormatAlign::Center),
            info: Format::new()
                .set_text_wrap()
                .set_font_size(10)
                .set_align(FormatAlign::Top),
            hint: Format::new()
                .set_font_size(10)
                .set_font_color(Color::RGB(0x595959)),
            header: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xD9D9D9))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header_input: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xFFE699))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            locked: cell.clone().set_background_color(Color::RGB(0xF2F2F2)),
            locked_center: cell
                .clone()
                .set_background_color(Color::RGB(0xF2F2F2))
                .set_align(FormatAlign::Center),
            input_number: input.clone().set_num_format("#,##0.####"),
            input_date: input.clone().set_num_format("yyyy-mm-dd"),
            input,
            label: Format::new()
                .set_bold()
                .set_font_size(10)
                .set_align(FormatAlign::Right),
        }
    }
}

/// Column widths (in digits of the default font).
const WIDTHS: [f64; form::COLUMNS as usize] = [
    5.0, 24.0, 11.0, 20.0, 10.5, 12.0, 7.5, 7.5, 11.0, 28.0, 18.0, 18.0, 8.5, 11.0, 16.0, 16.0,
    8.0, 12.0,
];

/// The form of one department as workbook bytes.
pub fn form_bytes(
    plan: &Plan,
    dept: &DeptId,
    period: Period,
    due: NaiveDate,
    made_on: NaiveDate,
) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let name = plan.dept_name(dept).to_owned();
    let commitments = form::rows_for(plan, dept, period);
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name(form::FORM_SHEET)?;
    let last_col = form::COLUMNS - 1;
    for (col, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }

    // Title, department and deadline, instructions, date of the return.
    sheet.merge_range(
        form::TITLE_ROW,
        0,
        form::TITLE_ROW,
        last_col,
        &format!("{}重点任务推进情况表（{}）", plan.title, period.zh()),
        &st.title,
    )?;
    sheet.set_row_height(form::TITLE_ROW, 24)?;
    sheet.merge_range(
        form::UNIT_ROW,
        0,
        form::UNIT_ROW,
        last_col,
        &format!(
            "填报单位：{name}　　报送期间：{}　　报送截止：{}前（每月25日前）",
            period.zh(),
            zh_date(due)
        ),
        &st.info,
    )?;
    sheet.merge_range(
        form::NOTE_ROW,
        0,
        form::NOTE_ROW,
        last_col,
        "填表说明：1. 只填写浅黄色单元格，灰色单元格为督查室下发的任务信息，请勿改动，也不要增删行、调整顺序或改动工作表。\
2. 本期完成值只填数字，单位见“目标”列（如1.4万座填14000）；定性任务不填。\
3. 状态从下拉列表中选择：未启动、推进中、已完成、暂缓；任务已完成需销号的选择“申请销号”，由督查室确认。\
4. 需要延期的，在“申请延期至”填写新的完成时限并写明延期理由（须在原完成时限前提出），由督查室审核。\
5. 佐证材料（照片、PDF、Word、Excel等）填写文件名，多个用顿号分隔，文件与本表放在同一文件夹一并报送。\
6. 填写填报日期和每行的填报人、联系电话后，按原文件名报送督查室。",
        &st.info,
    )?;
    sheet.set_row_height(form::NOTE_ROW, 56)?;
    sheet.write_string_with_format(form::DATE_ROW, form::DATE_LABEL_COL, "填报日期", &st.label)?;
    sheet.write_blank(form::DATE_ROW, form::DATE_COL, &st.input_date)?;
    let from = excel_date(period.first_day())?;
    let to = excel_date(period.next().next().first_day())?;
    let date_rule = DataValidation::new()
        .allow_date(DataValidationRule::Between(from, to))
        .set_error_title("填报日期")?
        .set_error_message("请填写日期，如 2023-05-24")?;
    sheet.add_data_validation(
        form::DATE_ROW,
        form::DATE_COL,
        form::DATE_ROW,
        form::DATE_COL,
        &date_rule,
    )?;
    sheet.write_string_with_format(
        form::DATE_ROW,
        form::DATE_COL + 1,
        "（如 2023-05-24）",
        &st.hint,
    )?;

    for (col, header) in form::HEADERS.iter().enumerate() {
        let format = if col as u16 >= form::FIRST_INPUT_COL {
            &st.header_input
        } else {
            &st.header
        };
        sheet.write_string_with_format(form::HEADER_ROW, col as u16, *header, format)?;
    }
    sheet.set_row_height(form::HEADER_ROW, 20)?;

    let mut meta_rows = Vec::with_capacity(commitments.len());
    for (i, c) in commitments.iter().enumerate() {
        let row = form::FIRST_ROW + i as u32;
        let seen = SeenRow::of(plan, c, dept);
        let state = form::state_cells(plan, c, period);
        sheet.write_number_with_format(row, form::COL_ID, f64::from(c.id.0), &st.locked_center)?;
        sheet.write_string_with_format(row, form::COL_TASK, xlsx_text(&seen.task), &st.locked)?;
        sheet.write_string_with_format(row, form::COL_ROLE, &seen.role, &st.locked)?;
        sheet.write_string_with_format(
            row,
            form::COL_TARGET,
            xlsx_text(&seen.target),
            &st.locked,
        )?;
        sheet.write_string_with_format(row, form::COL_DUE, &seen.due, &st.locked_center)?;
        sheet.write_string_with_format(row, form::COL_LAST, &state.last, &st.locked)?;
        sheet.write_string_with_format(
            row,
            form::COL_PROGRESS,
            &state.progress,
            &st.locked_center,
        )?;
        sheet.write_string_with_format(row, form::COL_PACE, &state.pace, &st.locked_center)?;
        let factor = match form::entry_unit(c) {
            Some((_, factor)) => {
                sheet.write_blank(row, form::COL_VALUE, &st.input_number)?;
                factor
            }
            None => {
                sheet.write_string_with_format(row, form::COL_VALUE, "—", &st.locked_center)?;
                1.0
            }
        };
        for col in [
            form::COL_NOTE,
            form::COL_PROBLEMS,
            form::COL_NEXT,
            form::COL_STATUS,
            form::COL_EXTEND_REASON,
            form::COL_EVIDENCE,
            form::COL_REPORTER,
            form::COL_PHONE,
        ] {
            sheet.write_blank(row, col, &st.input)?;
        }
        sheet.write_blank(row, form::COL_EXTEND_TO, &st.input_date)?;
        let lines = [
            layout::lines_in(&seen.task, WIDTHS[1]),
            layout::lines_in(&seen.role, WIDTHS[2]),
            layout::lines_in(&seen.target, WIDTHS[3]),
            3,
        ]
        .into_iter()
        .max()
        .unwrap_or(3);
        layout::fit_row(sheet, row, lines)?;
        meta_rows.push(MetaRow {
            id: c.id.to_string(),
            fingerprint: form::fingerprint(&seen),
            sheet_row: row,
            factor,
        });
    }

    if !commitments.is_empty() {
        let first = form::FIRST_ROW;
        let last = form::FIRST_ROW + commitments.len() as u32 - 1;
        let number_rule = DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
            .set_error_title("本期完成值")?
            .set_error_message(
                "只填数字，单位见“目标”列（如1.4万座填14000），不要带单位或文字。",
            )?;
        sheet.add_data_validation(first, form::COL_VALUE, last, form::COL_VALUE, &number_rule)?;
        let status_rule = DataValidation::new()
            .allow_list_strings(&form::STATUS_CHOICES)?
            .set_error_title("状态")?
            .set_error_message("请从下拉列表中选择：未启动、推进中、已完成、暂缓、申请销号。")?;
        sheet.add_data_validation(
            first,
            form::COL_STATUS,
            last,
            form::COL_STATUS,
            &status_rule,
        )?;
        // 申请延期至: a date within ten years of the plan's start.
        let start = excel_date(NaiveDate::from_ymd_opt(plan.year, 1, 1).unwrap_or(made_on))?;
        let end = excel_date(NaiveDate::from_ymd_opt(plan.year + 10, 12, 31).unwrap_or(made_on))?;
        let extend_rule = DataValidation::new()
            .allow_date(DataValidationRule::Between(start, end))
            .set_error_title("申请延期至")?
            .set_error_message(format!(
                "请填写新的完成时限（日期），如 {}-12-31，并在“延期理由”中写明理由。",
                plan.year
            ))?;
        sheet.add_data_validation(
            first,
            form::COL_EXTEND_TO,
            last,
            form::COL_EXTEND_TO,
            &extend_rule,
        )?;
    }

    sheet.set_freeze_panes(form::FIRST_ROW, 0)?;
    sheet.set_repeat_rows(form::HEADER_ROW, form::HEADER_ROW)?;
    layout::print_setup(sheet, true);
    sheet.set_header(format!(
        "&L{}&R{}",
        layout::header_text(&name, 40),
        period.zh()
    ));
    protect(sheet);

    let meta = FormMeta {
        plan_id: plan.id.clone(),
        period: period.to_string(),
        department: dept.to_string(),
        department_name: name,
        due: due.format("%Y-%m-%d").to_string(),
        made_on: made_on.format("%Y-%m-%d").to_string(),
        rows: meta_rows,
        seal: String::new(),
    };
    write_meta(wb.add_worksheet(), &meta)?;
    wb.save_to_buffer()
}

/// Protected without a password: cells can be filled, rows made taller,
/// nothing else changed.
fn protect(sheet: &mut Worksheet) {
    let options = ProtectionOptions {
        format_rows: true,
        format_columns: true,
        ..ProtectionOptions::default()
    };
    sheet.protect_with_options(&options);
}

fn write_meta(sheet: &mut Worksheet, meta: &FormMeta) -> Result<(), XlsxError> {
    use form::meta_layout::{KEYS, ROWS_HEADER};
    sheet.set_name(form::META_SHEET)?;
    let seal = meta.compute_seal();
    let values = [
        format!("{} {}", form::META_MARK, form::META_VERSION),
        meta.plan_id.clone(),
        meta.period.clone(),
        meta.department.clone(),
        meta.department_name.clone(),
        meta.due.clone(),
        meta.made_on.clone(),
        seal,
    ];
    for (i, (key, value)) in KEYS.iter().zip(values).enumerate() {
        sheet.write_string(i as u32, 0, *key)?;
        sheet.write_string(i as u32, 1, value)?;
    }
    for (col, h) in ["id", "fingerprint", "row", "factor"].iter().enumerate() {
        sheet.write_string(ROWS_HEADER, col as u16, *h)?;
    }
    for (i, r) in meta.rows.iter().enumerate() {
        let row = ROWS_HEADER + 1 + i as u32;
        sheet.write_string(row, 0, &r.id)?;
        sheet.write_string(row, 1, &r.fingerprint)?;
        sheet.write_string(row, 2, r.sheet_row.to_string())?;
        sheet.write_string(row, 3, r.factor.to_string())?;
    }
    sheet.protect();
    sheet.set_very_hidden(true);
    Ok(())
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

fn zh_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}
