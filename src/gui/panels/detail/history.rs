//! The detail panel's 变更记录 tab: this commitment's records, newest first.

use egui::{RichText, Ui};

use commitments::journal::LogFilter;
use commitments::model::{CommitmentId, Plan};

use super::super::super::journal_view::JournalView;
use super::super::super::theme;
use super::super::journal::{pager, record_ui};
use crate::i18n::{Lang, t};

pub fn show(
    ui: &mut Ui,
    lang: Lang,
    plan: &Plan,
    plan_path: &std::path::Path,
    id: CommitmentId,
    view: &mut JournalView,
) {
    let filter = LogFilter {
        id: Some(id.0),
        ..Default::default()
    };
    view.want(plan_path, &filter, ui.ctx());
    let (records, total) = view.page(plan, |r| r.touches(id));
    pager(ui, lang, view, total);
    if view.busy() {
        ui.label(RichText::new(t(lang, "journal.loading")).color(theme::MUTED));
    } else if records.is_empty() {
        ui.label(RichText::new(t(lang, "journal.empty")).color(theme::MUTED));
    }
    for (r, saved) in &records {
        record_ui(ui, lang, plan, r, *saved, Some(id.0));
    }
}
