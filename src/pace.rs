//! Pace (序时进度) and the traffic light: derived from the plan as of a date,
//! never stored.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Commitment, Kind, Plan, PlanSettings, Status, Target};

/// How a commitment stands against the calendar.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    /// 超序时
    Ahead,
    /// 达序时
    OnPace,
    /// 欠序时
    Behind,
    /// 逾期: past due and not done.
    Overdue,
    /// 已完成
    Done,
    /// 暂缓: suspended, not judged.
    Suspended,
}

impl Pace {
    pub const ALL: [Pace; 6] = [
        Pace::Ahead,
        Pace::OnPace,
        Pace::Behind,
        Pace::Overdue,
        Pace::Done,
        Pace::Suspended,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Pace::Ahead => "ahead",
            Pace::OnPace => "on_pace",
            Pace::Behind => "behind",
            Pace::Overdue => "overdue",
            Pace::Done => "done",
            Pace::Suspended => "suspended",
        }
    }

    pub fn from_key(key: &str) -> Option<Pace> {
        Pace::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// The office's traffic light (预警).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    /// More than the red threshold behind pace, or overdue.
    Red,
    /// Between the yellow and red thresholds behind pace.
    Yellow,
    /// Not done and due within the plan's "due soon" window.
    Blue,
    /// On pace, ahead, or done.
    Green,
    /// Suspended: not judged.
    Grey,
}

impl Light {
    pub const ALL: [Light; 5] = [
        Light::Red,
        Light::Yellow,
        Light::Blue,
        Light::Green,
        Light::Grey,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Light::Red => "red",
            Light::Yellow => "yellow",
            Light::Blue => "blue",
            Light::Green => "green",
            Light::Grey => "grey",
        }
    }

    pub fn from_key(key: &str) -> Option<Light> {
        Light::ALL.into_iter().find(|l| l.key() == key)
    }
}

/// Everything derived about one commitment on one date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Assessment {
    pub status: Status,
    pub pace: Pace,
    pub light: Light,
    /// Share of the way from baseline to target (0-100, may exceed 100),
    /// or of sub-milestones done; `None` when nothing measures it.
    pub progress_percent: Option<f64>,
    /// Share of the period elapsed (序时进度, 0-100).
    pub expected_percent: f64,
    /// The latest recorded value, for quantitative commitments.
    pub current: Option<f64>,
    /// Days until due (negative when past).
    pub days_left: i64,
    /// The warning rule that set the light, when one did.
    pub warning: Option<Warning>,
}

/// A rule of the office that turns a light beyond what pace alone says.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Warning {
    /// Still 未启动 the plan's set months after its start: red.
    NotStarted,
    /// No progress entry for longer than the plan's set months: yellow (久未更新).
    Stale,
}

impl Warning {
    pub fn key(self) -> &'static str {
        match self {
            Warning::NotStarted => "not_started_late",
            Warning::Stale => "stale",
        }
    }

    /// The words reports use.
    pub fn zh(self) -> &'static str {
        match self {
            Warning::NotStarted => "逾期未启动",
            Warning::Stale => "久未更新",
        }
    }
}

/// `date` plus `months` (0 months: never).
fn after_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    if months == 0 {
        return None;
    }
    date.checked_add_months(chrono::Months::new(months))
}

/// Which warning rule fires for `c` on `as_of`, if any.
fn warning_of(
    c: &Commitment,
    status: Status,
    start: NaiveDate,
    as_of: NaiveDate,
    settings: &PlanSettings,
) -> Option<Warning> {
    match status {
        Status::NotStarted => {
            let limit = after_months(start, settings.not_started_months)?;
            (as_of > limit).then_some(Warning::NotStarted)
        }
        Status::InProgress => {
            let last = c.latest_entry(as_of).map_or(start, |e| e.date.max(start));
            let limit = after_months(last, settings.stale_months)?;
            (as_of > limit).then_some(Warning::Stale)
        }
        _ => None,
    }
}

/// Assesses `c` as the plan stood at the end of `as_of`.
pub fn assess(plan: &Plan, c: &Commitment, as_of: NaiveDate) -> Assessment {
    let start = plan.start_of(c);
    let due = plan.due_of(c);
    let settings = &plan.settings;
    let status = c.status_as_of(as_of);
    let expected = expected_share(start, due, as_of);
    let days_left = (due - as_of).num_days();
    let current = c.value_as_of(as_of).map(|(_, v)| v);

    let (progress_percent, behind_points) = match &c.kind {
        Kind::Quantitative(_) => {
            let target = c.target_as_of(as_of).expect("quantitative has a target");
            quantitative(&target, current, expected, settings)
        }
        Kind::Milestone { sub_milestones } if !sub_milestones.is_empty() => {
            let total = sub_milestones.len() as f64;
            let done = sub_milestones
                .iter()
                .filter(|s| s.done_on.is_some_and(|d| d <= as_of))
                .count() as f64;
            let due_by_now = sub_milestones.iter().filter(|s| s.due <= as_of).count() as f64;
            (
                Some(done / total * 100.0),
                Some((due_by_now - done) / total * 100.0),
            )
        }
        _ => (None, None),
    };

    let warning = if as_of > due {
        None
    } else {
        warning_of(c, status, start, as_of, settings)
    };
    let (pace, light) = match (status, warning) {
        (Status::Done, _) => (Pace::Done, Light::Green),
        (Status::Suspended, _) => (Pace::Suspended, Light::Grey),
        _ if as_of > due => (Pace::Overdue, Light::Red),
        (_, Some(w)) => match w {
            Warning::NotStarted => (Pace::Behind, Light::Red),
            Warning::Stale => {
                let behind = behind_points.unwrap_or(0.0);
                if behind > settings.red_behind_points {
                    (Pace::Behind, Light::Red)
                } else if behind >= settings.yellow_behind_points {
                    (Pace::Behind, Light::Yellow)
                } else {
                    (Pace::OnPace, Light::Yellow)
                }
            }
        },
        _ => {
            let behind = behind_points.unwrap_or(0.0);
            let pace = if behind >= settings.yellow_behind_points {
                Pace::Behind
            } else if behind <= -settings.ahead_points {
                Pace::Ahead
            } else {
                Pace::OnPace
            };
            let light = if behind > settings.red_behind_points {
                Light::Red
            } else if behind >= settings.yellow_behind_points {
                Light::Yellow
            } else if days_left <= settings.due_soon_days {
                Light::Blue
            } else {
                Light::Green
            };
            (pace, light)
        }
    };
    let progress_percent = if status == Status::Done && progress_percent.is_none() {
        Some(100.0)
    } else {
        progress_percent
    };

    Assessment {
        status,
        pace,
        light,
        progress_percent,
        expected_percent: expected * 100.0,
        current,
        days_left,
        warning,
    }
}

/// The share of the period from `start` to `due` that has elapsed by the end of `as_of`.
pub fn expected_share(start: NaiveDate, due: NaiveDate, as_of: NaiveDate) -> f64 {
    let total = (due - start).num_days() + 1;
    if total <= 0 {
        return 1.0;
    }
    let elapsed = (as_of - start).num_days() + 1;
    (elapsed as f64 / total as f64).clamp(0.0, 1.0)
}

/// Progress and points behind pace for a quantitative target.
///
/// Cumulative counts are judged against the calendar; levels and rates by
/// whether the latest value meets the comparator. A level with no value yet
/// is not judged behind.
fn quantitative(
    target: &Target,
    current: Option<f64>,
    expected: f64,
    settings: &PlanSettings,
) -> (Option<f64>, Option<f64>) {
    let tol = settings.approx_tolerance;
    if target.cumulative && target.comparator != crate::model::Comparator::AtMost {
        let base = target.baseline.unwrap_or(0.0);
        let span = target.goal() - base;
        let value = current.unwrap_or(base);
        let share = if span.abs() < f64::EPSILON {
            if target.is_met_by(value, tol) {
                1.0
            } else {
                0.0
            }
        } else {
            (value - base) / span
        };
        let share = share.max(0.0);
        let behind = (expected - share.min(1.0)) * 100.0;
        (Some(share * 100.0), Some(behind))
    } else {
        match current {
            None => (None, None),
            Some(v) => {
                let met = target.is_met_by(v, tol);
                let shortfall = target.shortfall_points(v, tol);
                // A level that misses is at least yellow, however small the miss.
                let behind = if met {
                    0.0
                } else {
                    shortfall.max(settings.yellow_behind_points)
                };
                let progress = if met {
                    100.0
                } else {
                    (100.0 - shortfall).clamp(0.0, 100.0)
                };
                (Some(progress), Some(behind))
            }
        }
    }
}
