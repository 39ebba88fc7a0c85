//! How long the window takes to show itself and then the plan, measured from
//! the start of the process: `COMMITMENTS_STARTUP_PROBE=1` prints both to
//! stderr and closes the window once the plan was painted
//! (benches/compare.sh uses it; nobody else needs it).

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Notes the moment the process started; call first thing in `main`.
pub fn mark() {
    STARTED.get_or_init(Instant::now);
}

/// Whether this run only measures the first frames (read once: it is
/// asked every frame).
pub fn probing() -> bool {
    static PROBING: OnceLock<bool> = OnceLock::new();
    *PROBING.get_or_init(|| std::env::var_os("COMMITMENTS_STARTUP_PROBE").is_some_and(|v| v == "1"))
}

/// Prints the time since [`mark`] for a frame that was painted.
pub fn painted(what: &str) {
    let ms = STARTED
        .get()
        .map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
    eprintln!("{what}: {ms:.0} ms after start");
}

/// Asks the window to close (the probe is done).
pub fn close(ctx: &egui::Context) {
    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
}
