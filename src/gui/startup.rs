//! How long the window takes to show its first frame, measured from the
//! start of the process: `COMMITMENTS_STARTUP_PROBE=1` prints the figure to
//! stderr after the first frame and closes the window (benches/compare.sh
//! uses it; nobody else needs it).

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Notes the moment the process started; call first thing in `main`.
pub fn mark() {
    STARTED.get_or_init(Instant::now);
}

/// Whether this run only measures the first frame.
pub fn probing() -> bool {
    std::env::var_os("COMMITMENTS_STARTUP_PROBE").is_some_and(|v| v == "1")
}

/// After the first frame was painted: prints the time since [`mark`] and
/// asks the window to close.
pub fn first_frame_painted(ctx: &egui::Context) {
    let ms = STARTED
        .get()
        .map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
    eprintln!("first frame: {ms:.0} ms after start");
    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
}
