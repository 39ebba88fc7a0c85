//! `commitments extract REPORT [--year YYYY] [--title T] [--format json|table]
//! [--output PLAN.ron] [--force] [--departments TABLE.tsv]`: draft
//! commitments from a report's text; and `commitments extract-eval DIR
//! [--verbose]`: the extractor measured against label files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use serde::Serialize;

use commitments::display;
use commitments::extract::review::{Review, report_file_for};
use commitments::extract::{
    self, Departments, Draft, ExtractOptions, Extraction, SkipReason, eval,
};
use commitments::model::{Comparator, Kind};
use commitments::storage::{self, PlanLock};

use super::commands::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// The report: .txt (UTF-8 or GB18030), .docx, .md, or - for standard input.
    #[arg(value_name = "REPORT")]
    pub report: PathBuf,
    /// The year whose targets the report sets (default: read from the text).
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// The new plan's title (with --output; default: the report's first line).
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ExtractFormat,
    /// Write the drafts as a new plan, the report text kept beside it.
    #[arg(long, value_name = "PLAN.ron")]
    pub output: Option<PathBuf>,
    /// Overwrite the --output plan (and its report text) if they exist.
    #[arg(long)]
    pub force: bool,
    /// A keyword table (keyword TAB department) replacing the built-in one.
    #[arg(long, value_name = "TABLE.tsv")]
    pub departments: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ExtractEvalArgs {
    /// A folder of NAME.tsv label files, each beside its report NAME.txt.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// List the misses, the false positives and comparator disagreements.
    #[arg(long)]
    pub verbose: bool,
}

/// One draft as `--format json` prints it (a contract).
#[derive(Debug, Serialize)]
struct JsonDraft<'a> {
    quote: &'a str,
    title: &'a str,
    section: &'a str,
    kind: &'static str,
    target: Option<JsonTarget<'a>>,
    due: String,
    deadline_text: &'a str,
    lead_department: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct JsonTarget<'a> {
    metric: &'a str,
    comparator: Comparator,
    low: f64,
    high: f64,
    unit: &'a str,
    cumulative: bool,
}

fn json_of(d: &Draft) -> JsonDraft<'_> {
    JsonDraft {
        quote: &d.quote,
        title: &d.title,
        section: &d.section,
        kind: d.kind.key(),
        target: match &d.kind {
            Kind::Quantitative(t) => Some(JsonTarget {
                metric: &t.metric,
                comparator: t.comparator,
                low: t.low,
                high: t.high,
                unit: &t.unit,
                cumulative: t.cumulative,
            }),
            _ => None,
        },
        due: d.due.format("%Y-%m-%d").to_string(),
        deadline_text: &d.deadline_text,
        lead_department: d.lead_department.as_deref(),
    }
}

fn read_text(report: &Path) -> Result<String> {
    if report.as_os_str() == "-" {
        let stdin = std::io::stdin();
        return Ok(extract::read::read_limited(
            stdin.lock(),
            Path::new("<standard input>"),
        )?);
    }
    Ok(extract::read::read_report(report)?)
}

fn departments(path: Option<&Path>) -> Result<Departments> {
    let Some(path) = path else {
        return Ok(Departments::builtin());
    };
    let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    Departments::parse(&text).with_context(|| format!("{}", path.display()))
}

/// Why an extraction found nothing, in one line.
fn why_empty(text: &str, extraction: &Extraction) -> String {
    if extract::numbers::quantities(text).is_empty() {
        return "no drafts: the text holds no numbers with a unit and no clause with a deliverable (建成, 开工, 完成…)".to_owned();
    }
    let past = extraction
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Past)
        .count();
    format!(
        "no drafts: every number was left out ({past} past results, {} names, thresholds or instruments)",
        extraction.skipped.len() - past
    )
}

pub fn extract(_ctx: &Context, args: ExtractArgs) -> Result<ExitCode> {
    if let Some(y) = args.year
        && !(1990..=2100).contains(&y)
    {
        bail!("--year {y}: expected a year between 1990 and 2100");
    }
    let table = departments(args.departments.as_deref())?;
    let text = read_text(&args.report)?;
    let extraction = extract::extract_with(&text, &ExtractOptions { year: args.year }, &table);
    if extraction.drafts.is_empty() {
        eprintln!("{}", why_empty(&text, &extraction));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ExtractFormat::Json => {
            let rows: Vec<JsonDraft> = extraction.drafts.iter().map(json_of).collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        ExtractFormat::Table => write_table(&mut out, &extraction)?,
    }
    drop(out);
    if let Some(output) = &args.output {
        write_plan(output, text, extraction, &args)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn target_text(d: &Draft) -> String {
    match &d.kind {
        Kind::Quantitative(t) => {
            let value = |v: f64| display::report_style(v, &t.unit);
            match t.comparator {
                Comparator::Range => format!("{}–{}", value(t.low), value(t.high)),
                Comparator::AtLeast => format!("≥ {}", value(t.low)),
                Comparator::AtMost => format!("≤ {}", value(t.high)),
                Comparator::Approx => format!("≈ {}", value(t.low)),
                Comparator::Exact => value(t.low),
            }
        }
        _ => String::new(),
    }
}

fn write_table(out: &mut impl Write, extraction: &Extraction) -> Result<()> {
    let counts = extraction
        .drafts
        .iter()
        .fold((0, 0, 0), |c, d| match d.kind {
            Kind::Quantitative(_) => (c.0 + 1, c.1, c.2),
            Kind::Milestone { .. } => (c.0, c.1 + 1, c.2),
            Kind::Qualitative => (c.0, c.1, c.2 + 1),
        });
    writeln!(
        out,
        "year {}: {} drafts ({} quantitative, {} milestone, {} qualitative); {} numbers left out",
        extraction.year,
        extraction.drafts.len(),
        counts.0,
        counts.1,
        counts.2,
        extraction.skipped.len()
    )?;
    for (i, d) in extraction.drafts.iter().enumerate() {
        let quote: String = d.quote.chars().take(40).collect();
        let due = if d.due_implied {
            format!("{} (implied)", d.due)
        } else {
            format!("{} ({})", d.due, d.deadline_text)
        };
        writeln!(
            out,
            "{:>4}  {:<12} {:<16} {:<26} {:<10} {}",
            i + 1,
            d.kind.key(),
            target_text(d),
            due,
            d.lead_department.as_deref().unwrap_or("-"),
            quote
        )?;
    }
    Ok(())
}

fn write_plan(
    output: &Path,
    text: String,
    extraction: Extraction,
    args: &ExtractArgs,
) -> Result<()> {
    let beside = report_file_for(output);
    for p in [output, beside.as_path()] {
        if p.exists() && !args.force {
            bail!("{}: exists; pass --force to overwrite it", p.display());
        }
    }
    if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    }
    // Never over a plan open in the window or another command.
    let _lock = PlanLock::acquire(output)?;
    let year = extraction.year;
    let skipped = extraction
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Past)
        .map(|s| s.span.clone())
        .collect();
    let mut review = Review::new(text, extraction).with_skipped(skipped);
    review.accept_pending();
    let title = args.title.clone().unwrap_or_else(|| {
        let first = review
            .text()
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("政府工作报告");
        let first: String = first.chars().take(40).collect();
        format!("{first}重点任务")
    });
    let mut plan = review.into_plan(&title, year);
    storage::save::write_atomically(
        &beside,
        review.text().as_bytes(),
        &storage::save::NoFaults,
        false,
    )?;
    plan.source_report.text_file = beside
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let saved = storage::save(&plan, output)?;
    eprintln!(
        "written: {} ({} commitments; report text in {})",
        saved.path.display(),
        plan.commitments.len(),
        beside.display()
    );
    Ok(())
}

pub fn extract_eval(args: ExtractEvalArgs) -> Result<ExitCode> {
    let scores = eval::score_dir(&args.dir)?;
    if scores.is_empty() {
        bail!(
            "{}: no label files (NAME.tsv beside NAME.txt)",
            args.dir.display()
        );
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "{:<16} {:>6} {:>6} {:>7} {:>9} {:>10} {:>11}",
        "report", "labels", "found", "matched", "recall", "precision", "comparator"
    )?;
    let total = eval::Score::total(&scores);
    for s in scores.iter().chain(std::iter::once(&total)) {
        writeln!(
            out,
            "{:<16} {:>6} {:>6} {:>7} {:>8.1}% {:>9.1}% {:>10.1}%   past leaked: {}",
            s.name,
            s.labels,
            s.found,
            s.matched,
            s.recall() * 100.0,
            s.precision() * 100.0,
            s.comparator_agreement() * 100.0,
            s.past_leaked
        )?;
    }
    if args.verbose {
        for s in &scores {
            for l in &s.misses {
                writeln!(
                    out,
                    "{} miss (line {}): {} | {} {} {} {}",
                    s.name,
                    l.line,
                    l.fragment,
                    l.comparator.map_or("?", Comparator::key),
                    l.low,
                    l.high,
                    l.unit
                )?;
            }
            for (q, t) in &s.false_positives {
                writeln!(
                    out,
                    "{} false positive: {} | {} {} {} {}",
                    s.name,
                    q,
                    t.comparator.key(),
                    t.low,
                    t.high,
                    t.unit
                )?;
            }
            for (l, c) in &s.comparator_diffs {
                writeln!(
                    out,
                    "{} comparator (line {}): {} | label {} draft {}",
                    s.name,
                    l.line,
                    l.fragment,
                    l.comparator.map_or("?", Comparator::key),
                    c.key()
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
