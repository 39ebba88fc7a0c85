use serde::{Deserialize, Serialize};

/// How a measured value is judged against a target's low and high values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// 以上 / 突破 / 达到: at least `low`.
    AtLeast,
    /// 以内 / 控制在: at most `high`.
    AtMost,
    /// 左右: about `low` (within the plan's tolerance).
    Approx,
    /// 3-5: between `low` and `high`.
    Range,
    /// A plain figure: `low`, reached or passed.
    Exact,
}

impl Comparator {
    pub const ALL: [Comparator; 5] = [
        Comparator::AtLeast,
        Comparator::AtMost,
        Comparator::Approx,
        Comparator::Range,
        Comparator::Exact,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at_least",
            Comparator::AtMost => "at_most",
            Comparator::Approx => "approx",
            Comparator::Range => "range",
            Comparator::Exact => "exact",
        }
    }

    pub fn from_key(key: &str) -> Option<Comparator> {
        Comparator::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// A quantitative target. Values are plain numbers in the base unit
/// (元 not 亿元, 人 not 万人), so that sums and comparisons need no conversion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// What is measured, e.g. 5G基站数量 or 地区生产总值增速.
    pub metric: String,
    pub comparator: Comparator,
    pub low: f64,
    /// Equal to `low` except for ranges (and `at_most`, where it is the bound).
    pub high: f64,
    /// The base unit: 元, 人, 座, 吨, 户, 家, 项, %, ...
    pub unit: String,
    /// A count that grows through the year (stations built, investment signed),
    /// judged against the calendar; otherwise a level or rate judged as it stands.
    pub cumulative: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_date: Option<chrono::NaiveDate>,
    /// Which side of the target is better, set by the extractor or the
    /// user; `None`: read from the metric's words (see [`Target::better`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub better: Option<Better>,
}

/// Which side of a target is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// Growth, output, counts: exceeding the target meets it.
    Higher,
    /// Prices, energy use, accidents: staying below meets it.
    Lower,
    /// A true band: both sides miss.
    Both,
}

impl Better {
    pub const ALL: [Better; 3] = [Better::Higher, Better::Lower, Better::Both];

    pub fn key(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
            Better::Both => "both",
        }
    }

    /// The side the metric's words suggest: 控制在/下降/以内/CPI/能耗 →
    /// lower; 增速/增长/达到 and most others → higher.
    pub fn from_words(metric: &str, comparator: Comparator) -> Better {
        // A reduction rate (能耗下降2%左右, 减少10%): the more it falls, the
        // better; a level to fall to (下降至, 降到) is a ceiling.
        const FALL: [&str; 4] = ["下降", "降低", "减少", "压减"];
        const FALL_TO: [&str; 8] = [
            "下降至",
            "下降到",
            "降低至",
            "降低到",
            "降至",
            "降到",
            "减少至",
            "减少到",
        ];
        const LOWER: [&str; 7] = [
            "控制在",
            "以内",
            "CPI",
            "居民消费价格",
            "能耗",
            "排放",
            "失业率",
        ];
        if comparator == Comparator::AtMost || FALL_TO.iter().any(|w| metric.contains(w)) {
            Better::Lower
        } else if FALL.iter().any(|w| metric.contains(w)) {
            Better::Higher
        } else if LOWER.iter().any(|w| metric.contains(w)) {
            Better::Lower
        } else {
            Better::Higher
        }
    }
}

impl Target {
    /// Which side is better: as set, or from the metric's words.
    pub fn better(&self) -> Better {
        self.better
            .unwrap_or_else(|| Better::from_words(&self.metric, self.comparator))
    }

    /// The figure that counts as reaching the target: the low end, or the
    /// bound for `at_most`.
    pub fn goal(&self) -> f64 {
        match self.comparator {
            Comparator::AtMost => self.high,
            _ => self.low,
        }
    }

    /// Whether `value` meets the target as it stands; `approx_tolerance` is a
    /// share of the target (0.05 = within 5 %).
    pub fn is_met_by(&self, value: f64, approx_tolerance: f64) -> bool {
        match self.comparator {
            Comparator::AtLeast | Comparator::Exact => value >= self.low,
            Comparator::AtMost => value <= self.high,
            Comparator::Range => value >= self.low && value <= self.high,
            Comparator::Approx => {
                let slack = (self.low.abs() * approx_tolerance).max(f64::EPSILON);
                // 左右 with a better side: over-performing is met.
                match self.better() {
                    Better::Higher => value >= self.low - slack,
                    Better::Lower => value <= self.low + slack,
                    Better::Both => (value - self.low).abs() <= slack,
                }
            }
        }
    }

    /// How far `value` falls short, as points (percent) of the target; 0 when met.
    pub fn shortfall_points(&self, value: f64, approx_tolerance: f64) -> f64 {
        if self.is_met_by(value, approx_tolerance) {
            return 0.0;
        }
        let reference = self.goal().abs().max(f64::EPSILON);
        let miss = match self.comparator {
            Comparator::AtLeast | Comparator::Exact => self.low - value,
            Comparator::AtMost => value - self.high,
            Comparator::Range => {
                if value < self.low {
                    self.low - value
                } else {
                    value - self.high
                }
            }
            Comparator::Approx => (value - self.low).abs() - (self.low.abs() * approx_tolerance),
        };
        // (Only reached when not met: the miss is on the worse side.)
        (miss / reference * 100.0).max(0.0)
    }
}
