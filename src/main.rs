//! The `commitments` binary: the desktop window when run without a
//! subcommand, the headless CLI otherwise. Both sit on the same library.

mod cli;
mod gui;
mod i18n;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    gui::startup::mark();
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) if e.use_stderr() => {
            // One line, as every CLI error: clap's message up to its usage
            // part, with the lines naming the arguments joined on.
            let text = e.to_string();
            let line = text
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ");
            let line = if line.is_empty() {
                "invalid arguments".to_owned()
            } else {
                line
            };
            eprintln!("{line} (see commitments --help)");
            return ExitCode::from(cli::EXIT_ERROR);
        }
        Err(e) => e.exit(), // --help, --version
    };
    match args.command {
        None => match gui::run(args.file, args.data_dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(2)
            }
        },
        Some(command) => cli::run(command, args.file, args.data_dir, args.user),
    }
}
