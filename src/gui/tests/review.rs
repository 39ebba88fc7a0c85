//! UI tests of the report review: a new plan from pasted text, and adding
//! from a report to the open plan. The extractor's rules are another
//! module's; here drafts come from a throw-away helper (one per sentence
//! holding a digit) or are made by hand through the library's model.

use egui_kittest::kittest::Queryable;

use commitments::extract::review::Review;
use commitments::extract::{Draft, ExtractOptions, Extraction};
use commitments::model::Kind;

use super::super::panels::review::{ReviewMode, ReviewState};
use super::{FIVE_G, FIVE_G_TITLE, fixture, harness, on_disk};

const REPORT: &str = "2025年政府工作报告\n一、主要目标\n城镇新增就业8万人以上。新建学校10所。\n二、民生实事\n建成口袋公园3个。办好群众身边的事。\n";

/// One qualitative draft per sentence (or line) holding a digit; a
/// sentence about schools is proposed to 教育局.
fn sentence_drafts(text: &str, options: &ExtractOptions) -> Extraction {
    let year = options.year.unwrap_or(2025);
    let mut drafts = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c != '。' && c != '\n' {
            continue;
        }
        let piece = &text[start..i];
        let lead = piece.len() - piece.trim_start().len();
        let quote = piece.trim();
        if quote.chars().any(|c| c.is_ascii_digit()) {
            let at = start + lead;
            drafts.push(Draft {
                quote: quote.to_owned(),
                span: at..at + quote.len(),
                title: quote.to_owned(),
                section: commitments::extract::review::section_at(text, at),
                kind: Kind::Qualitative,
                due: commitments::extract::review::year_end(year),
                deadline_text: String::new(),
                due_implied: true,
                lead_department: quote.contains("学校").then(|| "教育局".to_owned()),
            });
        }
        start = i + c.len_utf8();
    }
    Extraction {
        year,
        drafts,
        skipped: Vec::new(),
    }
}

#[test]
fn a_review_of_pasted_text_makes_a_plan_of_exactly_the_accepted_drafts() {
    let f = fixture();
    let dir = f.plan.parent().unwrap().to_owned();
    let mut h = harness(&f.plan);
    h.get_by_label("文件").click();
    h.run_steps(2);
    h.get_by_label("从报告新建计划…").click();
    // The menu closes, then the dialog fades in: it is there on the third frame.
    h.run_steps(4);
    h.state_mut()
        .state
        .dialogs
        .report_source
        .as_mut()
        .expect("the source dialog is open")
        .extractor = sentence_drafts;
    h.get_by_label("或粘贴报告文本（粘贴后以文本为准）").focus();
    h.run_steps(1);
    h.event(egui::Event::Paste(REPORT.to_owned()));
    h.run_steps(2);
    h.get_by_label("开始审核").click();
    // The review screen lays its lists out over a few frames.
    h.run_steps(10);
    {
        let review = &h.state().state.review.as_ref().expect("review open").review;
        let titles: Vec<&str> = review
            .drafts()
            .iter()
            .map(|d| d.draft.title.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "2025年政府工作报告",
                "城镇新增就业8万人以上",
                "新建学校10所",
                "建成口袋公园3个"
            ]
        );
    }
    assert!(h.query_by_label_contains("共 4 项").is_some());

    // Drop the report's title line; accept employment and schools; leave the park pending.
    h.get_all_by_label("删除").next().unwrap().click();
    h.run_steps(10);
    h.get_all_by_label("采纳").nth(1).unwrap().click();
    h.run_steps(10);
    h.get_all_by_label("采纳").nth(1).unwrap().click();
    h.run_steps(10);
    assert!(
        h.query_by_label_contains("已采纳 2，待定 1，已删除 1")
            .is_some()
    );

    h.get_by_label("生成计划…").click();
    h.run_steps(2);
    let path = dir.join("plan-2025.ron");
    assert!(
        !path.exists(),
        "nothing is written before the name is confirmed"
    );
    h.get_by_label("确定").click();
    h.run_steps(3);
    assert!(h.state_mut().flush());

    let app = h.state();
    assert!(
        app.state.review.is_none(),
        "the review closes once the plan is written"
    );
    assert_eq!(app.doc.as_ref().unwrap().path(), path);
    let plan = on_disk(&path);
    let titles: Vec<&str> = plan
        .commitments
        .values()
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(titles, ["城镇新增就业8万人以上", "新建学校10所"]);
    let schools = plan.commitments.values().nth(1).unwrap();
    assert_eq!(schools.section, "主要目标");
    assert_eq!(plan.dept_name(schools.lead.as_ref().unwrap()), "市教育局");
    assert!(plan.notes.contains("草拟"));
    assert_eq!(plan.source_report.text_file, "plan-2025.report.txt");
    assert_eq!(
        std::fs::read_to_string(dir.join("plan-2025.report.txt")).unwrap(),
        REPORT
    );
    // The shipped plan is untouched.
    assert_eq!(on_disk(&f.plan).commitments.len(), 82);
}

#[test]
fn adding_from_a_report_skips_repeats_and_one_undo_removes_the_additions() {
    let f = fixture();
    let mut h = harness(&f.plan);
    let before = h.state().plan().unwrap().clone();
    let five_g = before.commitments[&FIVE_G].clone();
    let text = format!("{}。新建学校10所。建成口袋公园3个。", five_g.source_quote);
    let mut extraction = sentence_drafts(&text, &ExtractOptions { year: Some(2023) });
    // The 5G clause as the extractor would give it: the plan already holds it.
    extraction.drafts[0].title = FIVE_G_TITLE.to_owned();
    extraction.drafts[0].kind = five_g.kind.clone();
    h.state_mut().state.review = Some(ReviewState::new(
        Review::new(text, extraction),
        ReviewMode::Supplement,
    ));
    h.run_steps(2);
    assert!(
        h.query_by_label_contains(&format!("与计划第 {FIVE_G} 项重复"))
            .is_some()
    );
    h.get_by_label("采纳全部待定").click();
    h.run_steps(2);
    h.get_by_label("补充到当前计划").click();
    h.run_steps(3);
    assert!(h.state().state.review.is_none());
    assert!(h.state_mut().flush());

    let plan = on_disk(&f.plan);
    assert_eq!(plan.commitments.len(), before.commitments.len() + 2);
    let same = |title: &str| {
        plan.commitments
            .values()
            .filter(|c| c.title == title)
            .count()
    };
    assert_eq!(same(FIVE_G_TITLE), 1, "no repeat of what the plan holds");
    assert_eq!(same("新建学校10所"), 1);
    assert_eq!(same("建成口袋公园3个"), 1);

    h.get_by_label("撤销：从报告补充").click();
    h.run_steps(2);
    assert!(h.state_mut().flush());
    assert_eq!(on_disk(&f.plan), before);
}
