//! From accepted drafts to a plan: a new plan, or the edits that add them
//! to an open one without repeating what it holds (从报告补充).

use crate::model::{Commitment, CommitmentId, Department, DeptId, Edit, Kind, Plan, Target};

use super::{Draft, Review};

/// Why a draft repeats an existing commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateOf {
    /// The same clause of the report with the same target (or both without one).
    SameQuote(CommitmentId),
    /// The same title, punctuation and spaces aside.
    SameTitle(CommitmentId),
    /// The same target: metric, comparator, values and unit.
    SameTarget(CommitmentId),
}

impl DuplicateOf {
    pub fn id(self) -> CommitmentId {
        match self {
            DuplicateOf::SameQuote(id)
            | DuplicateOf::SameTitle(id)
            | DuplicateOf::SameTarget(id) => id,
        }
    }
}

/// A draft left out of a supplement.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// Its index in the review.
    pub index: usize,
    pub title: String,
    pub duplicate_of: DuplicateOf,
}

/// What adding the accepted drafts to an open plan does: one group of
/// edits (departments first, then commitments), applied as one undoable
/// action.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Supplement {
    pub edits: Vec<Edit>,
    /// The new commitments, with the index of the draft each comes from.
    pub added: Vec<(usize, CommitmentId)>,
    /// Accepted drafts left out because the plan already holds them.
    pub skipped: Vec<Skipped>,
}

/// Text for comparing titles and quotes: no whitespace, no punctuation,
/// lower case.
pub fn normalise(text: &str) -> String {
    const CJK_PUNCT: &str = "，。、；：！？“”‘’（）《》【】—…·「」『』〔〕～";
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !CJK_PUNCT.contains(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn same_target(a: &Target, b: &Target) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    normalise(&a.metric) == normalise(&b.metric)
        && a.comparator == b.comparator
        && close(a.low, b.low)
        && close(a.high, b.high)
        && a.unit.trim() == b.unit.trim()
}

/// The commitment of `plan` that `draft` repeats, if any. Two values of one
/// clause ("分别增长6%和5%") share a quote but not a target, so a quote
/// counts as repeated only with the same target (or neither has one).
pub fn duplicate_of(plan: &Plan, draft: &Draft) -> Option<DuplicateOf> {
    duplicate_in(
        plan.commitments.values(),
        &commitment_of(draft, CommitmentId(0), None),
    )
}

/// The commitment among `commitments` that `new` repeats (compared as it
/// would enter the plan, mended).
fn duplicate_in<'a>(
    commitments: impl Iterator<Item = &'a Commitment>,
    new: &Commitment,
) -> Option<DuplicateOf> {
    let quote = normalise(&new.source_quote);
    let title = normalise(&new.title);
    let target = new.kind.target();
    for c in commitments {
        let targets_agree = match (target, c.kind.target()) {
            (Some(a), Some(b)) => same_target(a, b),
            (None, None) => true,
            _ => false,
        };
        if !quote.is_empty() && normalise(&c.source_quote) == quote && targets_agree {
            return Some(DuplicateOf::SameQuote(c.id));
        }
        if !title.is_empty() && normalise(&c.title) == title {
            return Some(DuplicateOf::SameTitle(c.id));
        }
        if let (Some(a), Some(b)) = (target, c.kind.target())
            && same_target(a, b)
        {
            return Some(DuplicateOf::SameTarget(c.id));
        }
    }
    None
}

/// The department a proposed lead name designates in `departments`, or a
/// new one to register: id from the pinyin initials of the short name
/// (市教育局 → jyj), made unique.
pub fn department_for<'a>(
    departments: impl Iterator<Item = &'a Department> + Clone,
    name: &str,
) -> Result<DeptId, Department> {
    let name = name.trim();
    let short = name.strip_prefix('市').unwrap_or(name);
    let full = if name.starts_with('市') {
        name.to_owned()
    } else {
        format!("市{name}")
    };
    if let Some(d) = departments
        .clone()
        .find(|d| d.answers_to(name) || d.answers_to(short) || d.answers_to(&full))
    {
        return Ok(d.id.clone());
    }
    let mut base: String = crate::search::initials(short)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if base.is_empty() {
        base = "dept".to_owned();
    }
    let taken = |id: &str| departments.clone().any(|d| d.id.as_str() == id);
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}{n}");
        n += 1;
    }
    Err(Department {
        id: DeptId::new(id),
        name: full,
        short_name: short.to_owned(),
    })
}

/// The commitment a draft becomes.
/// A usable lead name: not empty once 市 and spaces are taken off.
fn lead_name(draft: &Draft) -> Option<&str> {
    draft
        .lead_department
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.trim_start_matches('市').is_empty())
}

/// The commitment a draft becomes; what the plan file would refuse (an
/// empty title or unit, a range upside down, a value that is not a number)
/// is mended and said in the notes.
fn commitment_of(draft: &Draft, id: CommitmentId, lead: Option<DeptId>) -> Commitment {
    let mut title = draft.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        title = draft
            .quote
            .split_whitespace()
            .collect::<String>()
            .chars()
            .take(60)
            .collect();
    }
    if title.is_empty() {
        title = "未命名任务".to_owned();
    }
    let mut c = Commitment::new(id, title, draft.kind.clone());
    let mut mended = false;
    if let Kind::Quantitative(t) = &mut c.kind {
        for v in [&mut t.low, &mut t.high] {
            if !v.is_finite() {
                *v = 0.0;
                mended = true;
            }
        }
        if t.low > t.high {
            std::mem::swap(&mut t.low, &mut t.high);
            mended = true;
        }
        if t.unit.trim().is_empty() {
            t.unit = "项".to_owned();
            mended = true;
        }
    }
    c.section = draft.section.clone();
    c.source_quote = draft.quote.clone();
    c.due = Some(draft.due);
    let mut notes = Vec::new();
    if lead.is_some() {
        notes.push("牵头单位为按关键词草拟的分工，请核定。".to_owned());
    }
    if draft.due_implied {
        notes.push("报告未写明时限，按年底前完成计。".to_owned());
    } else if !draft.deadline_text.is_empty() {
        notes.push(format!("报告时限：{}。", draft.deadline_text));
    }
    if mended {
        notes.push("目标数值或单位经程序补正，请核对。".to_owned());
    }
    c.notes = notes.join("");
    c.lead = lead;
    if let Kind::Quantitative(t) = &mut c.kind
        && t.metric.trim().is_empty()
    {
        t.metric = draft.title.clone();
    }
    c
}

/// The first non-empty line of the text, as the report's title.
fn report_title(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.chars().take(60).collect())
        .unwrap_or_default()
}

pub(super) fn into_plan(review: &Review, title: &str, year: i32) -> Plan {
    let mut plan = Plan::new(title.trim(), year);
    plan.source_report.title = report_title(review.text());
    let mut drafted_leads = 0;
    for (_, draft) in review.accepted() {
        let lead = lead_name(draft).map(|name| {
            drafted_leads += 1;
            match department_for(plan.departments.values(), name) {
                Ok(id) => id,
                Err(dept) => {
                    let id = dept.id.clone();
                    plan.departments.insert(id.clone(), dept);
                    id
                }
            }
        });
        let id = plan.next_commitment_id();
        plan.commitments.insert(id, commitment_of(draft, id, lead));
    }
    plan.notes = format!(
        "本计划由“从报告新建计划”依据《{report}》的文本草拟，经人工审核采纳{n}项。\
         牵头单位（{leads}项）为按关键词草拟的分工，单位名录亦为草拟，请督查室核定；\
         责任人暂空，待各单位确认后填写。未注明时限的任务按年底前（{year}年12月31日）完成计。",
        report = if plan.source_report.title.is_empty() {
            "政府工作报告"
        } else {
            &plan.source_report.title
        },
        n = plan.commitments.len(),
        leads = drafted_leads,
    );
    plan
}

pub(super) fn supplement(review: &Review, existing: &Plan) -> Supplement {
    let mut out = Supplement::default();
    let mut departments: Vec<Department> = existing.departments.values().cloned().collect();
    let mut added: Vec<Commitment> = Vec::new();
    let mut next = existing.next_commitment_id().0;
    for (index, draft) in review.accepted() {
        let candidate = commitment_of(draft, CommitmentId(0), None);
        let repeated = duplicate_in(existing.commitments.values(), &candidate)
            .or_else(|| duplicate_in(added.iter(), &candidate));
        if let Some(duplicate_of) = repeated {
            out.skipped.push(Skipped {
                index,
                title: draft.title.clone(),
                duplicate_of,
            });
            continue;
        }
        let lead = lead_name(draft).map(|name| match department_for(departments.iter(), name) {
            Ok(id) => id,
            Err(dept) => {
                let id = dept.id.clone();
                out.edits.push(Edit::PutDepartment(dept.clone()));
                departments.push(dept);
                id
            }
        });
        let id = CommitmentId(next);
        next = next.saturating_add(1);
        added.push(commitment_of(draft, id, lead));
        out.added.push((index, id));
    }
    out.edits
        .extend(added.into_iter().map(|c| Edit::Insert(Box::new(c))));
    out
}
