//! The headless CLI: a contract for scripts. Flags, JSON fields and exit
//! codes are kept stable; new ones are added, none renamed.

mod args;
mod commands;
mod dates;
mod export;
mod extract;
mod filter;
mod import;
mod journal;
mod notices;
mod returns;
mod snapshots;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;

pub use args::{Cli, Command};

/// Exit code of `check` when the plan has problems.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code of any command that failed (bad input, unreadable file, a
/// plan that cannot be written).
pub const EXIT_ERROR: u8 = 2;
/// Exit code when the plan is in use by another window or command: the
/// same command can be tried again later.
pub const EXIT_BUSY: u8 = 3;

/// Whether the error is a plan held by another process.
fn is_busy(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<commitments::storage::StorageError>()
            .is_some_and(|s| s.is_locked())
    })
}

/// Runs one subcommand; errors become one line on stderr and a non-zero exit code.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(|e| {
                matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}

pub fn run(
    command: Command,
    file: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    user: Option<String>,
) -> ExitCode {
    let user = user
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(commitments::journal::default_user);
    let ctx = commands::Context {
        file,
        data_dir,
        user,
    };
    match commands::dispatch(command, &ctx) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS, // `list | head`
        Err(e) => {
            // One line: the chain of context, outermost first.
            let line = format!("{e:#}").replace('\n', " ");
            eprintln!("error: {line}");
            ExitCode::from(if is_busy(&e) { EXIT_BUSY } else { EXIT_ERROR })
        }
    }
}
