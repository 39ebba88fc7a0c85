//! The Chinese words of exports. Exports are read by the office and its
//! leaders in Chinese, whatever language the window is in, so they carry
//! their own labels instead of the binary's string table.

use crate::model::Status;
use crate::pace::{Light, Pace};
use crate::query::{DueWindow, KindFilter};

pub fn status(s: Status) -> &'static str {
    match s {
        Status::NotStarted => "未启动",
        Status::InProgress => "推进中",
        Status::Done => "已完成",
        Status::Suspended => "暂缓",
        Status::ClosureRequested => "申请销号",
    }
}

pub fn light(l: Light) -> &'static str {
    match l {
        Light::Red => "红灯",
        Light::Yellow => "黄灯",
        Light::Blue => "蓝灯",
        Light::Green => "绿灯",
        Light::Grey => "灰灯",
    }
}

pub fn pace(p: Pace) -> &'static str {
    match p {
        Pace::Ahead => "超序时",
        Pace::OnPace => "达序时",
        Pace::Behind => "欠序时",
        Pace::Overdue => "逾期",
        Pace::Done => "已完成",
        Pace::Suspended => "暂缓",
    }
}

pub fn kind(k: KindFilter) -> &'static str {
    match k {
        KindFilter::Quantitative => "量化指标",
        KindFilter::Milestone => "节点任务",
        KindFilter::Qualitative => "定性任务",
    }
}

/// A due window; "due soon" names the plan's own number of days.
pub fn due_window(w: DueWindow, due_soon_days: i64) -> String {
    match w {
        DueWindow::Overdue => "已逾期".to_owned(),
        DueWindow::DueSoon => format!("{due_soon_days}天内到期"),
        DueWindow::ThisQuarter => "本季度到期".to_owned(),
    }
}

/// 待审核 applications, in the office's words.
pub fn review(r: crate::query::Review) -> &'static str {
    match r {
        crate::query::Review::Closure => "申请销号待审核",
        crate::query::Review::Extension => "申请延期待审核",
    }
}

/// The fill and text colours of a light, as RGB: the pale fills and dark
/// text office spreadsheets use, legible on screen and in black-and-white print.
pub fn light_colours(l: Light) -> (u32, u32) {
    match l {
        Light::Red => (0xFFC7CE, 0x9C0006),
        Light::Yellow => (0xFFEB9C, 0x7F4F00),
        Light::Blue => (0xBDD7EE, 0x1F4E79),
        Light::Green => (0xC6EFCE, 0x006100),
        Light::Grey => (0xD9D9D9, 0x404040),
    }
}

/// A share in percent as the report writes it: 45.3%.
pub fn percent(p: f64) -> String {
    format!("{}%", crate::display::trim_number(p, 1))
}

/// How far a commitment has come, in a report's words:
/// - a count towards a target (cumulative): "完成85.7%", or "完成" once a
///   range such as 3–5家 is reached (not "133.3%");
/// - a level or a rate (GDP growth, a share): "已达标" or "未达标" — the
///   value against the target says the rest ("5.8% / 目标6.5%左右");
/// - milestones and the rest: "完成50%".
///
/// `None` when nothing measures it yet.
pub fn done_words(r: &crate::row::LedgerRow, approx_tolerance: f64) -> Option<String> {
    use crate::model::{Comparator, Target};
    if let (Some(t), Some(v)) = (&r.target, r.current) {
        let target = Target {
            metric: t.metric.clone(),
            comparator: t.comparator,
            low: t.low,
            high: t.high,
            unit: t.unit.clone(),
            cumulative: t.cumulative,
            baseline: None,
            baseline_date: None,
            // Guessed from the metric's words (增速 → higher, 控制 → lower).
            better: None,
        };
        if !t.cumulative {
            return Some(if target.is_met_by(v, approx_tolerance) {
                "已达标".to_owned()
            } else {
                "未达标".to_owned()
            });
        }
        if t.comparator == Comparator::Range && v >= t.low {
            return Some("完成".to_owned());
        }
    }
    if let (Some(t), None) = (&r.target, r.current)
        && !t.cumulative
    {
        return None;
    }
    r.progress_percent.map(|p| format!("完成{}", percent(p)))
}
