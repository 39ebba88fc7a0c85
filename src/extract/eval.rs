//! Measuring the extractor against hand labels (LABELS.md conventions).
//!
//! A label file `NAME.tsv` (header `sentence_fragment metric comparator
//! target_low target_high unit deadline_text`) sits beside its report
//! `NAME.txt`. A label matches a quantitative draft when the draft's quote
//! holds the label's fragment or the other way round (whitespace ignored)
//! and low, high (within 1e-9 relative) and unit agree; each draft matches
//! at most one label. The comparator's agreement is counted apart.

use std::path::{Path, PathBuf};

use super::{ExtractOptions, Extraction, extract};
use crate::model::{Comparator, Kind, Target};

/// One labelled target.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub line: usize,
    pub fragment: String,
    pub metric: String,
    pub comparator: Option<Comparator>,
    pub low: f64,
    pub high: f64,
    pub unit: String,
    pub deadline_text: String,
}

/// A label file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum LabelError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {what}")]
    Bad {
        path: PathBuf,
        line: usize,
        what: String,
    },
}

/// Reads the labels of a TSV file.
pub fn read_labels(path: &Path) -> Result<Vec<Label>, LabelError> {
    let text = std::fs::read_to_string(path).map_err(|source| LabelError::Io {
        path: path.to_owned(),
        source,
    })?;
    parse_labels(&text).map_err(|(line, what)| LabelError::Bad {
        path: path.to_owned(),
        line,
        what,
    })
}

/// Labels from TSV text (the header line is skipped); an error names the
/// line and what was expected.
pub fn parse_labels(text: &str) -> Result<Vec<Label>, (usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty()
            || line.starts_with('#')
            || (i == 0 && line.starts_with("sentence_fragment"))
        {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cells.len() < 6 {
            return Err((
                i + 1,
                format!("expected 7 tab-separated columns, found {}", cells.len()),
            ));
        }
        let number = |k: usize, name: &str| -> Result<f64, (usize, String)> {
            cells[k].parse::<f64>().map_err(|_| {
                (
                    i + 1,
                    format!("{name}: expected a number, found '{}'", cells[k]),
                )
            })
        };
        out.push(Label {
            line: i + 1,
            fragment: cells[0].to_owned(),
            metric: cells[1].to_owned(),
            comparator: Comparator::from_key(cells[2]),
            low: number(3, "target_low")?,
            high: number(4, "target_high")?,
            unit: cells[5].replace('％', "%"),
            deadline_text: cells.get(6).copied().unwrap_or("").to_owned(),
        });
    }
    Ok(out)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
}

/// Whether a label and a draft's target and quote agree (comparator aside).
pub fn matches(label: &Label, quote: &str, target: &Target) -> bool {
    let (q, f) = (squash(quote), squash(&label.fragment));
    (q.contains(&f) || f.contains(&q))
        && close(label.low, target.low)
        && close(label.high, target.high)
        && label.unit == target.unit
}

/// The outcome on one report.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub name: String,
    pub labels: usize,
    /// Quantitative drafts.
    pub found: usize,
    pub matched: usize,
    /// Matched drafts whose comparator is the label's.
    pub comparator_agrees: usize,
    /// Drafts matching no label that report a result (before the first
    /// label in the text, or in a clause with a past marker).
    pub past_leaked: usize,
    pub misses: Vec<Label>,
    /// (quote, target) of drafts matching no label.
    pub false_positives: Vec<(String, Target)>,
    /// (label, draft comparator) where they differ.
    pub comparator_diffs: Vec<(Label, Comparator)>,
}

impl Score {
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.labels)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.found)
    }
    pub fn comparator_agreement(&self) -> f64 {
        ratio(self.comparator_agrees, self.matched)
    }
    /// The sum of several scores.
    pub fn total(scores: &[Score]) -> Score {
        let mut t = Score {
            name: "total".to_owned(),
            ..Score::default()
        };
        for s in scores {
            t.labels += s.labels;
            t.found += s.found;
            t.matched += s.matched;
            t.comparator_agrees += s.comparator_agrees;
            t.past_leaked += s.past_leaked;
        }
        t
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

const PAST_MARKS: &[&str] = &[
    "比上年",
    "同比",
    "已",
    "累计",
    "过去",
    "一年来",
    "五年来",
    "预计",
];

/// Scores an extraction of `text` against `labels`.
pub fn score(name: &str, text: &str, labels: &[Label], extraction: &Extraction) -> Score {
    let drafts: Vec<(&str, usize, &Target)> = extraction
        .drafts
        .iter()
        .filter_map(|d| match &d.kind {
            Kind::Quantitative(t) => Some((d.quote.as_str(), d.span.start, t)),
            _ => None,
        })
        .collect();
    let mut used = vec![false; drafts.len()];
    let mut s = Score {
        name: name.to_owned(),
        labels: labels.len(),
        found: drafts.len(),
        ..Score::default()
    };
    for label in labels {
        let hit = drafts
            .iter()
            .enumerate()
            .find(|(i, (q, _, t))| !used[*i] && matches(label, q, t));
        match hit {
            Some((i, (_, _, t))) => {
                used[i] = true;
                s.matched += 1;
                if label.comparator == Some(t.comparator) {
                    s.comparator_agrees += 1;
                } else {
                    s.comparator_diffs.push((label.clone(), t.comparator));
                }
            }
            None => s.misses.push(label.clone()),
        }
    }
    let squashed = squash(text);
    let first_label = labels
        .iter()
        .filter_map(|l| squashed.find(&squash(&l.fragment)))
        .min()
        .unwrap_or(0);
    let offsets = squash_offsets(text);
    for (i, (q, at, t)) in drafts.iter().enumerate() {
        if used[i] {
            continue;
        }
        let squashed_at = offsets.partition_point(|&o| o < *at);
        if squashed_at < first_label || PAST_MARKS.iter().any(|m| q.contains(m)) {
            s.past_leaked += 1;
        }
        s.false_positives.push(((*q).to_owned(), (*t).clone()));
    }
    s
}

/// The byte offsets in `text` of each char kept by [`squash`], in order.
fn squash_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| i)
        .collect()
}

/// Scores every `NAME.tsv` of `dir` that has its `NAME.txt` beside it, in
/// name order.
pub fn score_dir(dir: &Path) -> Result<Vec<Score>, LabelError> {
    let io = |source| LabelError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv") && p.with_extension("txt").exists())
        .collect();
    names.sort();
    let mut out = Vec::new();
    for tsv in names {
        let labels = read_labels(&tsv)?;
        let txt = tsv.with_extension("txt");
        let text = std::fs::read_to_string(&txt).map_err(|source| LabelError::Io {
            path: txt.clone(),
            source,
        })?;
        let extraction = extract(&text, &ExtractOptions { year: None });
        let name = tsv
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push(score(&name, &text, &labels, &extraction));
    }
    Ok(out)
}
