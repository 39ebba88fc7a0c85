//! What a new user hits (issue 13) and wide values (issue 14.9): shortcuts,
//! the read-only past, the ledger's columns beside the detail panel, the top
//! bar, the dashboard's filter, plan notes.

use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};

use commitments::model::Status;

use super::{FIVE_G, FIVE_G_TITLE, fixture, harness, search};

fn ctrl_shift() -> Modifiers {
    Modifiers::COMMAND | Modifiers::SHIFT
}

#[test]
fn ctrl_shift_z_redoes_what_ctrl_z_undid() {
    let f = fixture();
    let mut h = harness(&f.plan);
    search(&mut h, "5G");
    h.get_by_label(&format!("勾选完成：{FIVE_G_TITLE}")).click();
    h.run_steps(2);
    let status = |h: &egui_kittest::Harness<'_, super::App>| {
        h.state().plan().unwrap().commitments[&FIVE_G].status
    };
    assert_eq!(status(&h), Status::Done);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(status(&h), Status::NotStarted, "Ctrl+Z undoes");
    h.key_press_modifiers(ctrl_shift(), Key::Z);
    h.run_steps(2);
    assert_eq!(status(&h), Status::Done, "Ctrl+Shift+Z redoes");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(status(&h), Status::Done, "Ctrl+Y redoes");
}

#[test]
fn ctrl_shift_s_opens_save_as() {
    let f = fixture();
    let mut h = harness(&f.plan);
    h.key_press_modifiers(ctrl_shift(), Key::S);
    h.run_steps(2);
    assert!(
        h.state().state.dialogs.file.is_some(),
        "Ctrl+Shift+S opens 另存为"
    );
}

#[test]
fn a_past_date_shows_that_days_tick_and_refuses_undo() {
    let f = fixture();
    let mut h = harness(&f.plan);
    search(&mut h, "5G");
    let tick = format!("勾选完成：{FIVE_G_TITLE}");
    h.get_by_label(&tick).click();
    h.run_steps(2);
    assert_eq!(
        h.state().plan().unwrap().commitments[&FIVE_G].status,
        Status::Done
    );
    let yesterday = commitments::today().pred_opt().unwrap();
    h.state_mut().show_as_of(yesterday);
    h.run_steps(3);
    let node = h.get_by_label(&tick);
    assert_eq!(
        node.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::False),
        "not done yet on the day shown"
    );
    assert!(node.accesskit_node().is_disabled(), "tick box disabled");
    assert!(
        h.get_by_label("撤销：勾选完成")
            .accesskit_node()
            .is_disabled(),
        "undo disabled under the read-only banner"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().plan().unwrap().commitments[&FIVE_G].status,
        Status::Done,
        "Ctrl+Z changes nothing on a past date"
    );
    h.key_press(Key::Space);
    h.run_steps(2);
    assert_eq!(
        h.state().plan().unwrap().commitments[&FIVE_G].status,
        Status::Done,
        "Space changes nothing on a past date"
    );
}

/// In a narrow window the top bar wraps once an undo step is named; the
/// wrapped bar stays two rows high (it once grew a little each frame until
/// it filled the window and hid the ledger).
#[test]
fn a_wrapped_top_bar_keeps_its_height() {
    let f = fixture();
    let mut h = super::harness_sized(&f.plan, [900.0, 650.0]);
    search(&mut h, "5G");
    h.get_by_label(&format!("勾选完成：{FIVE_G_TITLE}")).click();
    h.run_steps(2);
    h.state_mut().state.toast = None;
    for _ in 0..40 {
        h.run_steps(1);
    }
    let export = h.get_by_label("导出…").rect();
    assert!(
        export.bottom() < 110.0,
        "the bar is at most two rows: {export:?}"
    );
    // The ledger's column header (the sidebar has a 完成时限 group too).
    let header = h
        .get_all_by_label("完成时限")
        .map(|n| n.rect())
        .find(|r| r.left() > 200.0)
        .unwrap();
    assert!(
        header.top() < 250.0,
        "the ledger is where it was: {header:?}"
    );
}

/// The detail panel's content fits its least width, so the ledger beside
/// it is never drawn over it (egui shrinks a side panel's room to what its
/// content leaves: a wide checkbox label once let the ledger cover the
/// panel's left part), at 1024 px and narrower.
#[test]
fn the_ledger_never_covers_the_detail_panel() {
    for size in [[1024.0, 700.0], [900.0, 650.0]] {
        let f = fixture();
        let mut h = super::harness_sized(&f.plan, size);
        h.state_mut().state.selected = Some(FIVE_G);
        h.run_steps(20);
        let panel_left = h.get_by_label_contains("任务 #35").rect().left();
        let ledger_right = h
            .get_all_by_label("序时")
            .map(|n| n.rect())
            .filter(|r| r.top() < 300.0)
            .map(|r| r.right())
            .fold(0.0, f32::max);
        assert!(
            ledger_right > 0.0 && ledger_right < panel_left,
            "{size:?}: the ledger ends at {ledger_right}, the panel starts at {panel_left}"
        );
        // Nothing in the panel reaches past the window's edge.
        let past: Vec<String> = h
            .query_all_by(|n| {
                n.raw_bounds()
                    .is_some_and(|b| b.x0 as f32 >= panel_left - 1.0 && b.x1 as f32 > size[0] + 1.0)
            })
            .map(|n| {
                format!(
                    "{:?}",
                    n.accesskit_node().value().or(n.accesskit_node().label())
                )
            })
            .collect();
        assert!(past.is_empty(), "{size:?}: wider than the panel: {past:?}");
    }
}
