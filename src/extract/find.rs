//! The extractor's walk through a report: paragraph by paragraph, sentence
//! by sentence, every number judged (past result? name? threshold?) and
//! the rest turned into drafts; clauses with a concrete deliverable and no
//! number become milestone or qualitative drafts.

use std::ops::Range;

use super::clauses::{self, trim_range};
use super::deadline;
use super::departments::Departments;
use super::filters::{self, Reject};
use super::numbers::{Quantity, quantities};
use super::past::{self, Zone, Zones};
use super::review::{heading_of, year_end};
use super::sections::section_of;
use super::target::{comparator_of, cumulative_of, metric_of, title_of};
use super::{Draft, Extraction, SkipReason, Skipped};
use crate::model::{Better, Kind, Target};

/// Verbs of a concrete deliverable: milestone (a thing finished) or
/// qualitative (a thing set up).
const MILESTONE_VERBS: &[&str] = &[
    "建成", "竣工", "投用", "投运", "投产", "开工", "开通", "通车", "完工", "完成", "交付", "运营",
];
const QUALITATIVE_VERBS: &[&str] = &[
    "出台", "引进", "创建", "制定", "印发", "设立", "组建", "挂牌",
];

struct Walk<'a> {
    text: &'a str,
    year: i32,
    departments: &'a Departments,
    drafts: Vec<Draft>,
    skipped: Vec<Skipped>,
}

pub fn run(text: &str, year: i32, departments: &Departments) -> Extraction {
    let mut walk = Walk {
        text,
        year,
        departments,
        drafts: Vec::new(),
        skipped: Vec::new(),
    };
    let mut zones = Zones::new(year);
    let mut para_start = 0;
    for line in text.split_inclusive('\n') {
        let start = para_start;
        para_start += line.len();
        let para = line.trim_end_matches(['\n', '\r']);
        if para.trim().is_empty() {
            continue;
        }
        let heading = heading_of(para);
        let numbered = para
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十（(第".contains(c));
        let zone = zones.observe(
            heading.as_deref().unwrap_or(para),
            heading.is_some(),
            numbered,
        );
        walk.paragraph(start, para, zone);
    }
    Extraction {
        year,
        drafts: walk.drafts,
        skipped: walk.skipped,
    }
}

/// A number accepted as a target, before its draft is written.
struct Found {
    q: Quantity,
    clause: Range<usize>,
    part: Range<usize>,
}

impl Walk<'_> {
    fn paragraph(&mut self, start: usize, para: &str, zone: Zone) {
        for s in clauses::sentences(para) {
            let sentence = &para[s.clone()];
            let sentence_past = zone == Zone::Review || past::sentence_is_past(sentence, self.year);
            let mut last_metric = String::new();
            for c in clauses::clauses(sentence) {
                let clause = s.start + c.start..s.start + c.end;
                let clause_text = &para[clause.clone()];
                let past_clause =
                    sentence_past || past::clause_is_past(clause_text, sentence, self.year);
                let mut found = Vec::new();
                for mut q in quantities(clause_text) {
                    q.start += clause.start;
                    q.end += clause.start;
                    if past_clause {
                        self.skip(start, trim_range(para, clause.clone()), SkipReason::Past);
                        continue;
                    }
                    if let Some(why) = filters::reject(para, clause.clone(), &q) {
                        let reason = match why {
                            Reject::Name => SkipReason::Name,
                            Reject::Ordinal => SkipReason::Ordinal,
                            Reject::Threshold => SkipReason::Threshold,
                            Reject::Scope => SkipReason::Scope,
                            Reject::Instrument => SkipReason::Instrument,
                        };
                        self.skip(start, q.start + start..q.end + start, reason);
                        continue;
                    }
                    let part = clauses::parts(clause_text)
                        .into_iter()
                        .map(|p| clause.start + p.start..clause.start + p.end)
                        .find(|p| p.start <= q.start && q.end <= p.end)
                        .unwrap_or(clause.clone());
                    found.push(Found {
                        q,
                        clause: clause.clone(),
                        part,
                    });
                }
                let had_target = !found.is_empty();
                self.targets(start, para, s.clone(), found, &mut last_metric);
                if !had_target && !past_clause && zone != Zone::Review {
                    self.deliverable(start, para, s.clone(), clause);
                }
            }
        }
    }

    fn skip(&mut self, start: usize, r: Range<usize>, reason: SkipReason) {
        let span = start + r.start..start + r.end;
        if self
            .skipped
            .last()
            .is_some_and(|l| l.span == span && l.reason == reason)
        {
            return;
        }
        self.skipped.push(Skipped { span, reason });
    }

    fn targets(
        &mut self,
        start: usize,
        para: &str,
        sentence: Range<usize>,
        found: Vec<Found>,
        last_metric: &mut String,
    ) {
        let Some(first) = found.first() else { return };
        let clause = first.clause.clone();
        let clause_text = &para[clause.clone()];
        let respectively = clause_text.contains("分别");
        let distinct_parts = found.windows(2).any(|w| w[0].part != w[1].part);
        // In a 分别 list the last comparator word covers the bare figures.
        let shared = if respectively {
            found.last().map(|f| comparator_of(para, &f.clause, &f.q))
        } else {
            None
        };
        for f in &found {
            // The quote is the whole clause (a 、-list's rows share it);
            // the metric comes from the row's own part.
            let quote_range = trim_range(para, clause.clone());
            let part_range = if distinct_parts && !respectively {
                trim_range(para, f.part.clone())
            } else {
                quote_range.clone()
            };
            let mut comparator = comparator_of(para, &f.clause, &f.q);
            if let Some(c) = shared
                && comparator == crate::model::Comparator::Exact
            {
                comparator = c;
            }
            let metric_from = if respectively {
                clause.start
            } else {
                part_range.start
            };
            let mut metric = metric_of(para, metric_from, &f.q, f.clause.end);
            if metric.is_empty() || metric == "增速" {
                metric = if last_metric.is_empty() {
                    metric
                } else {
                    last_metric.clone()
                };
            } else {
                *last_metric = metric.clone();
            }
            let quote = para[quote_range.clone()].to_owned();
            let before_clause = &para[sentence.start..clause.end];
            let deadline = deadline::find(&para[clause.clone()], self.year)
                .or_else(|| deadline::find(before_clause, self.year));
            let lead = self
                .departments
                .propose(&quote)
                .or_else(|| self.departments.propose(&para[sentence.clone()]))
                .map(str::to_owned);
            let span = start + quote_range.start..start + quote_range.end;
            // Which side is better, from the clause's own words (控制在,
            // 下降至 → lower; growth and reduction rates → higher).
            let better = Some(Better::from_words(&para[clause.clone()], comparator));
            let target = Target {
                cumulative: cumulative_of(&f.q, &metric),
                metric,
                comparator,
                low: f.q.low,
                high: f.q.high,
                unit: f.q.unit.clone(),
                baseline: None,
                baseline_date: None,
                better,
            };
            if self.repeats(&target, &quote) {
                self.skip(0, span, SkipReason::Repeat);
                continue;
            }
            let section = section_of(self.text, start, para, span.start);
            self.push_draft(
                quote,
                span,
                section,
                Kind::Quantitative(target),
                deadline,
                lead,
            );
        }
    }

    /// Whether `t` repeats a target already taken (the summary of goals
    /// and a later chapter often give the same figure).
    fn repeats(&self, t: &Target, quote: &str) -> bool {
        self.drafts
            .iter()
            .filter(|d| d.quote != quote)
            .any(|d| match &d.kind {
                Kind::Quantitative(o) => {
                    o.unit == t.unit
                        && o.comparator == t.comparator
                        && same(o.low, t.low)
                        && same(o.high, t.high)
                        && similar(&o.metric, &t.metric)
                }
                _ => false,
            })
    }

    /// A milestone or qualitative draft for a clause naming a deliverable.
    fn deliverable(
        &mut self,
        start: usize,
        para: &str,
        sentence: Range<usize>,
        clause: Range<usize>,
    ) {
        let r = trim_range(para, clause);
        let text = &para[r.clone()];
        let kind = if MILESTONE_VERBS.iter().any(|v| text.contains(v)) {
            Kind::Milestone {
                sub_milestones: Vec::new(),
            }
        } else if QUALITATIVE_VERBS.iter().any(|v| text.contains(v)) {
            Kind::Qualitative
        } else {
            return;
        };
        let cjk = text.chars().filter(|c| filters::is_cjk(*c)).count();
        if cjk < 6 || text.contains('“') && cjk < 12 {
            return;
        }
        // 完成国家下达任务 and the like: no deliverable of its own.
        if text.contains("下达") || text.contains("目标任务") {
            return;
        }
        let before_clause = &para[sentence.start..r.end];
        let deadline =
            deadline::find(text, self.year).or_else(|| deadline::find(before_clause, self.year));
        let span = start + r.start..start + r.end;
        let lead = self
            .departments
            .propose(text)
            .or_else(|| self.departments.propose(&para[sentence]))
            .map(str::to_owned);
        let section = section_of(self.text, start, para, span.start);
        self.push_draft(text.to_owned(), span, section, kind, deadline, lead);
    }

    /// One draft: its title from the quote, its due date from the deadline
    /// phrase (else the year's end, marked implied).
    fn push_draft(
        &mut self,
        quote: String,
        span: Range<usize>,
        section: String,
        kind: Kind,
        deadline: Option<deadline::Deadline>,
        lead_department: Option<String>,
    ) {
        let due_implied = deadline.is_none();
        let (due, deadline_text) = match deadline {
            Some(d) => (d.due, d.text),
            None => (year_end(self.year), String::new()),
        };
        self.drafts.push(Draft {
            title: title_of(&quote),
            due_implied,
            quote,
            section,
            span,
            kind,
            due,
            deadline_text,
            lead_department,
        });
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Two metrics name the same thing: one holds the other, or most of their
/// characters are shared.
fn similar(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return a == b;
    }
    if a.contains(b) || b.contains(a) {
        return true;
    }
    let sa: std::collections::BTreeSet<char> = a.chars().collect();
    let sb: std::collections::BTreeSet<char> = b.chars().collect();
    let common = sa.intersection(&sb).count();
    common * 10 >= sa.len().max(sb.len()) * 7
}
