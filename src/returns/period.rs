//! A reporting period: one month, written `YYYY-MM`.

use chrono::{Datelike, NaiveDate};

use super::ReturnsError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    pub fn new(year: i32, month: u32) -> Option<Period> {
        ((1..=12).contains(&month) && (1000..=9999).contains(&year))
            .then_some(Period { year, month })
    }

    /// `2023-05`; also `2023-5` and `2023/05`.
    pub fn parse(text: &str) -> Result<Period, ReturnsError> {
        let bad =
            || ReturnsError::BadPeriod(format!("expected a period as YYYY-MM, found '{text}'"));
        let (y, m) = text.trim().split_once(['-', '/']).ok_or_else(bad)?;
        let year = y.parse::<i32>().map_err(|_| bad())?;
        let month = m.parse::<u32>().map_err(|_| bad())?;
        Period::new(year, month).ok_or_else(bad)
    }

    /// The period a date falls in.
    pub fn of(date: NaiveDate) -> Period {
        Period {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Period {
        if self.month == 12 {
            Period {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Period {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn previous(self) -> Period {
        if self.month == 1 {
            Period {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Period {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The office's usual deadline: the 25th of the month (每月25日前).
    pub fn default_due(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 25).unwrap_or(self.last_day())
    }

    /// `2023年5月`
    pub fn zh(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    /// `date` moved into the period: a return dated after the month counts
    /// on its last day, one dated before on its first.
    pub fn clamp(self, date: NaiveDate) -> NaiveDate {
        date.clamp(self.first_day(), self.last_day())
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_and_bound() {
        let p = Period::parse("2023-02").unwrap();
        assert_eq!(p.to_string(), "2023-02");
        assert_eq!(p.last_day(), NaiveDate::from_ymd_opt(2023, 2, 28).unwrap());
        assert_eq!(Period::parse("2023/5").unwrap().to_string(), "2023-05");
        assert!(Period::parse("2023-13").is_err());
        assert!(Period::parse("May").is_err());
        assert_eq!(
            Period::parse("2023-12").unwrap().next().to_string(),
            "2024-01"
        );
        let d = NaiveDate::from_ymd_opt(2023, 6, 2).unwrap();
        assert_eq!(p.clamp(d), p.last_day());
    }
}
