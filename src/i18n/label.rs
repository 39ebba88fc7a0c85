//! Names of the model's enums in the UI language.

use commitments::model::{Comparator, Status};
use commitments::pace::{Light, Pace};
use commitments::query::{DueWindow, KindFilter};

use super::{Lang, t};

pub fn status(lang: Lang, s: Status) -> &'static str {
    t(
        lang,
        match s {
            Status::NotStarted => "status.not_started",
            Status::InProgress => "status.in_progress",
            Status::Done => "status.done",
            Status::Suspended => "status.suspended",
            Status::ClosureRequested => "status.closure_requested",
        },
    )
}

pub fn warning(lang: Lang, w: commitments::pace::Warning) -> &'static str {
    t(
        lang,
        match w {
            commitments::pace::Warning::NotStarted => "warning.not_started_late",
            commitments::pace::Warning::Stale => "warning.stale",
        },
    )
}

pub fn pace(lang: Lang, p: Pace) -> &'static str {
    t(
        lang,
        match p {
            Pace::Ahead => "pace.ahead",
            Pace::OnPace => "pace.on_pace",
            Pace::Behind => "pace.behind",
            Pace::Overdue => "pace.overdue",
            Pace::Done => "pace.done",
            Pace::Suspended => "pace.suspended",
        },
    )
}

pub fn light(lang: Lang, l: Light) -> &'static str {
    t(
        lang,
        match l {
            Light::Red => "light.red",
            Light::Yellow => "light.yellow",
            Light::Blue => "light.blue",
            Light::Green => "light.green",
            Light::Grey => "light.grey",
        },
    )
}

pub fn comparator(lang: Lang, c: Comparator) -> &'static str {
    t(
        lang,
        match c {
            Comparator::AtLeast => "comparator.at_least",
            Comparator::AtMost => "comparator.at_most",
            Comparator::Approx => "comparator.approx",
            Comparator::Range => "comparator.range",
            Comparator::Exact => "comparator.exact",
        },
    )
}

pub fn kind(lang: Lang, k: KindFilter) -> &'static str {
    t(
        lang,
        match k {
            KindFilter::Quantitative => "kind.quantitative",
            KindFilter::Milestone => "kind.milestone",
            KindFilter::Qualitative => "kind.qualitative",
        },
    )
}

pub fn due_window(lang: Lang, w: DueWindow) -> &'static str {
    t(
        lang,
        match w {
            DueWindow::Overdue => "due.overdue",
            DueWindow::DueSoon => "due.soon",
            DueWindow::ThisQuarter => "due.quarter",
        },
    )
}

pub fn review(lang: Lang, r: commitments::query::Review) -> &'static str {
    t(
        lang,
        match r {
            commitments::query::Review::Closure => "review.closure",
            commitments::query::Review::Extension => "review.extension",
        },
    )
}
