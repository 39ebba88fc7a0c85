use proptest::prelude::*;

use super::*;
use crate::model::{Comparator, DeptId, Edit, Plan, Target};

const TEXT: &str = "2025年政府工作报告\n\
一、2025年主要目标\n\
城镇新增就业8万人以上、城镇调查失业率5.5%左右。\n\
（一）扩大有效投资。年内新建5G基站1.4万座以上。西北二环高速年底前竣工。\n\
以品质提升为核心 打造宜居宜业幸福城市\n\
深化国资国企改革，完善现代企业制度。新建学校10所。\n";

fn target(metric: &str, comparator: Comparator, low: f64, unit: &str) -> Kind {
    Kind::Quantitative(Target {
        metric: metric.to_owned(),
        comparator,
        low,
        high: low,
        unit: unit.to_owned(),
        cumulative: true,
        baseline: None,
        baseline_date: None,
        better: None,
    })
}

fn draft(text: &str, quote: &str, title: &str, kind: Kind, lead: Option<&str>) -> Draft {
    let span = crate::report_text::locate(text, quote).unwrap();
    Draft {
        quote: quote.to_owned(),
        span,
        title: title.to_owned(),
        section: section_at(text, crate::report_text::locate(text, quote).unwrap().start),
        kind,
        due: year_end(2025),
        deadline_text: String::new(),
        due_implied: true,
        lead_department: lead.map(str::to_owned),
    }
}

fn review() -> Review {
    let drafts = vec![
        draft(
            TEXT,
            "城镇新增就业8万人以上",
            "城镇新增就业8万人以上",
            target("城镇新增就业", Comparator::AtLeast, 80000.0, "人"),
            Some("市人力资源和社会保障局"),
        ),
        draft(
            TEXT,
            "城镇调查失业率5.5%左右",
            "城镇调查失业率5.5%左右",
            target("城镇调查失业率", Comparator::Approx, 5.5, "%"),
            Some("人社局"),
        ),
        draft(
            TEXT,
            "年内新建5G基站1.4万座以上",
            "新建5G基站1.4万座以上",
            target("5G基站", Comparator::AtLeast, 14000.0, "座"),
            Some("工信局"),
        ),
        draft(
            TEXT,
            "西北二环高速年底前竣工",
            "西北二环高速竣工",
            Kind::Milestone {
                sub_milestones: Vec::new(),
            },
            None,
        ),
        draft(
            TEXT,
            "新建学校10所",
            "新建学校10所",
            target("新建学校", Comparator::Exact, 10.0, "所"),
            Some("教育局"),
        ),
    ];
    Review::new(
        TEXT.to_owned(),
        Extraction {
            year: 2025,
            drafts,
            skipped: Vec::new(),
        },
    )
}

#[test]
fn sections_are_the_headings_above() {
    let at = |q: &str| crate::report_text::locate(TEXT, q).unwrap().start;
    assert_eq!(section_at(TEXT, at("城镇新增就业")), "2025年主要目标");
    assert_eq!(section_at(TEXT, at("年内新建5G")), "扩大有效投资");
    assert_eq!(
        section_at(TEXT, at("新建学校")),
        "以品质提升为核心 打造宜居宜业幸福城市"
    );
    assert_eq!(heading_of("1. 稳就业。其余"), Some("稳就业".to_owned()));
    assert_eq!(heading_of("第三部分：民生"), Some("民生".to_owned()));
    assert_eq!(heading_of("——2025年1月在大会上"), None);
    assert_eq!(heading_of("这是一句话。"), None);
    assert_eq!(section_at("", 0), "");
}

#[test]
fn decisions_split_merge_and_selection() {
    let mut r = review();
    assert_eq!(r.counts(), (5, 0, 0));
    r.decide(0, Decision::Accepted).unwrap();
    r.drop_draft(1).unwrap();
    assert_eq!(r.counts(), (3, 1, 1));
    assert!(matches!(
        r.decide(9, Decision::Accepted),
        Err(ReviewError::NoSuchDraft { index: 9, len: 5 })
    ));

    let copy = r.split(2).unwrap();
    assert_eq!(copy, 3);
    assert_eq!(r.drafts()[3].draft.quote, r.drafts()[2].draft.quote);
    assert_eq!(r.len(), 6);

    // Merge the copy with the milestone that follows: one clause covering both.
    r.merge_with_next(3).unwrap();
    assert_eq!(r.len(), 5);
    let merged = &r.drafts()[3].draft;
    assert_eq!(
        merged.quote,
        "年内新建5G基站1.4万座以上。西北二环高速年底前竣工"
    );
    assert_eq!(&r.text()[merged.span.clone()], merged.quote);
    assert!(merged.title.contains('；'));
    assert_eq!(r.merge_with_next(4), Err(ReviewError::NothingToMerge(4)));

    // A selection becomes an accepted qualitative draft, in text order.
    let sel = crate::report_text::locate(TEXT, "深化国资国企改革").unwrap();
    let i = r.add_selection(sel.start..sel.end + "，".len()).unwrap();
    assert_eq!(i, 4, "before 新建学校, after the 5G clause");
    let d = &r.drafts()[i];
    assert_eq!(d.decision, Decision::Accepted);
    assert_eq!(d.draft.title, "深化国资国企改革");
    assert_eq!(d.draft.section, "以品质提升为核心 打造宜居宜业幸福城市");
    assert!(matches!(d.draft.kind, Kind::Qualitative));
    assert!(d.draft.due_implied);
    assert_eq!(r.draft_at(sel.start + 3), Some(i));

    #[allow(clippy::reversed_empty_ranges)]
    let backwards = 3..2;
    assert!(matches!(
        r.add_selection(backwards),
        Err(ReviewError::BadSelection { .. })
    ));
    assert!(matches!(
        r.add_selection(5..6),
        Err(ReviewError::BadSelection { .. })
    ));
    let comma = TEXT.find('，').unwrap();
    assert_eq!(
        r.add_selection(comma..comma + '，'.len_utf8()),
        Err(ReviewError::EmptySelection)
    );
}

#[test]
fn an_edit_keeps_the_highlight_in_step() {
    let mut r = review();
    let mut d = r.drafts()[4].draft.clone();
    d.quote = "新建学校10所。".to_owned();
    d.span = 0..0;
    d.title = "新建中小学校10所".to_owned();
    r.edit(4, d).unwrap();
    let d = &r.drafts()[4].draft;
    assert_eq!(&r.text()[d.span.clone()], "新建学校10所。");
    // A quote not in the text has no highlight.
    let mut d = d.clone();
    d.quote = "不在报告里".to_owned();
    r.edit(4, d).unwrap();
    assert!(r.drafts()[4].draft.span.is_empty());
    assert_eq!(r.draft_at(0), None);
}

#[test]
fn a_new_plan_holds_exactly_the_accepted_drafts() {
    let mut r = review();
    r.decide(0, Decision::Accepted).unwrap();
    r.decide(2, Decision::Accepted).unwrap();
    r.decide(3, Decision::Accepted).unwrap();
    r.drop_draft(4).unwrap();
    let plan = r.into_plan("2025年重点任务", 2025);
    assert_eq!(plan.problems(), vec![]);
    assert_eq!(plan.year, 2025);
    assert_eq!(plan.source_report.title, "2025年政府工作报告");
    let titles: Vec<&str> = plan
        .commitments
        .values()
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "城镇新增就业8万人以上",
            "新建5G基站1.4万座以上",
            "西北二环高速竣工"
        ]
    );
    let first = plan.commitments.values().next().unwrap();
    assert_eq!(first.source_quote, "城镇新增就业8万人以上");
    assert_eq!(first.section, "2025年主要目标");
    assert_eq!(first.due, Some(year_end(2025)));
    // Departments registered from the proposed names, the plan says they are a draft.
    let rs = first.lead.clone().unwrap();
    assert_eq!(plan.dept_name(&rs), "市人力资源和社会保障局");
    let gx = plan
        .commitments
        .values()
        .nth(1)
        .unwrap()
        .lead
        .clone()
        .unwrap();
    assert_eq!(gx.as_str(), "gxj");
    assert_eq!(plan.dept_name(&gx), "市工信局");
    assert!(plan.notes.contains("草拟"));
    assert!(plan.notes.contains("采纳3项"));
}

#[test]
fn a_supplement_skips_what_the_plan_holds_and_undoes_cleanly() {
    let mut first = review();
    first.decide(0, Decision::Accepted).unwrap();
    first.decide(2, Decision::Accepted).unwrap();
    let mut plan = first.into_plan("计划", 2025);

    let mut second = review();
    second.accept_pending();
    // Two values of one clause are not repeats of each other.
    let copy = second.split(1).unwrap();
    let mut d = second.drafts()[copy].draft.clone();
    d.kind = target("城镇调查失业率", Comparator::AtMost, 6.0, "%");
    d.title = "城镇调查失业率控制在6%以内".to_owned();
    second.edit(copy, d).unwrap();
    second.decide(copy, Decision::Accepted).unwrap();

    let s = second.supplement(&plan);
    let skipped: Vec<usize> = s.skipped.iter().map(|k| k.index).collect();
    assert_eq!(skipped, [0, 3]);
    assert!(matches!(
        s.skipped[0].duplicate_of,
        DuplicateOf::SameQuote(_)
    ));
    assert_eq!(s.added.len(), 4);
    // 人社局 and 教育局 are not in the first plan's registry: registered.
    let new_depts: Vec<&str> = s
        .edits
        .iter()
        .filter_map(|e| match e {
            Edit::PutDepartment(d) => Some(d.short_name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(new_depts, ["人社局", "教育局"]);

    let before = plan.clone();
    let inverse = Edit::apply_group(s.edits.clone(), &mut plan).unwrap();
    assert_eq!(plan.commitments.len(), 6);
    assert_eq!(plan.problems(), vec![]);
    // Supplementing again adds nothing.
    let again = second.supplement(&plan);
    assert!(again.added.is_empty(), "{:?}", again.added);
    Edit::apply_group(inverse, &mut plan).unwrap();
    assert_eq!(plan, before);
}

#[test]
fn department_ids_are_unique_slugs() {
    let mut plan = Plan::new("p", 2025);
    for name in ["教育局", "交通局", "市教育局", "建设局", "技术局"] {
        if let Err(d) = department_for(plan.departments.values(), name) {
            plan.departments.insert(d.id.clone(), d);
        }
    }
    let ids: Vec<&str> = plan.departments.keys().map(|d| d.as_str()).collect();
    assert_eq!(ids, ["jsj", "jsj2", "jtj", "jyj"]);
    assert_eq!(plan.dept_name(&DeptId::new("jyj")), "市教育局");
}

#[test]
#[allow(clippy::single_range_in_vec_init)]
fn skipped_ranges_outside_the_text_are_ignored() {
    let r = review().with_skipped(vec![0..3, 5..6, 5..10_000]);
    assert_eq!(r.skipped(), &[0..3]);
}

#[derive(Debug, Clone)]
enum Op {
    Decide(usize, u8),
    Split(usize),
    Merge(usize),
    Select(usize, usize),
    AcceptPending,
    /// An edit the plan file would refuse as it stands.
    Mangle(usize, f64, f64, bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..12usize, 0..3u8).prop_map(|(i, d)| Op::Decide(i, d)),
        (0..12usize).prop_map(Op::Split),
        (0..12usize).prop_map(Op::Merge),
        (0..400usize, 0..60usize).prop_map(|(s, n)| Op::Select(s, n)),
        Just(Op::AcceptPending),
        (
            0..12usize,
            prop_oneof![Just(f64::NAN), Just(f64::INFINITY), -1e12..1e12f64],
            -1e12..1e12f64,
            any::<bool>()
        )
            .prop_map(|(i, low, high, blank)| Op::Mangle(i, low, high, blank)),
    ]
}

proptest! {
    /// Whatever the user does, every highlight is a range of the text, the
    /// plan holds exactly the accepted drafts and is valid, and a
    /// supplement onto that plan adds nothing new.
    #[test]
    fn any_review_gives_a_valid_plan(ops in proptest::collection::vec(op(), 0..25)) {
        let mut r = review();
        for op in ops {
            let len = r.len();
            let _ = match op {
                Op::Decide(i, d) => r.decide(i % len.max(1), match d {
                    0 => Decision::Pending,
                    1 => Decision::Accepted,
                    _ => Decision::Dropped,
                }).map(|_| ()),
                Op::Split(i) => r.split(i % len.max(1)).map(|_| ()),
                Op::Merge(i) => r.merge_with_next(i % len.max(1)),
                Op::Select(s, n) => r.add_selection(s..s + n).map(|_| ()),
                Op::AcceptPending => { r.accept_pending(); Ok(()) }
                Op::Mangle(i, low, high, blank) => {
                    let i = i % len.max(1);
                    match r.drafts().get(i).map(|d| d.draft.clone()) {
                        Some(mut d) => {
                            let unit = if blank { String::new() } else { "座".to_owned() };
                            d.kind = Kind::Quantitative(Target { low, high, unit, ..match target("m", Comparator::Range, 1.0, "座") { Kind::Quantitative(t) => t, _ => unreachable!() } });
                            if blank { d.title = " ".to_owned(); d.lead_department = Some("市".to_owned()); }
                            r.edit(i, d)
                        }
                        None => Ok(()),
                    }
                }
            };
        }
        for d in r.drafts() {
            let s = &d.draft.span;
            prop_assert!(s.end <= r.text().len());
            prop_assert!(r.text().is_char_boundary(s.start) && r.text().is_char_boundary(s.end));
        }
        let plan = r.into_plan("计划", 2025);
        prop_assert_eq!(plan.commitments.len(), r.counts().1);
        prop_assert_eq!(plan.problems(), vec![]);
        let s = r.supplement(&plan);
        prop_assert!(s.added.is_empty());
        prop_assert_eq!(s.skipped.len(), r.counts().1);
    }
}
