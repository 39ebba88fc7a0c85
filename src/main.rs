//! The `commitments` binary: the desktop window when run without a
//! subcommand, the headless CLI otherwise. Both sit on the same library.

mod cli;
mod gui;
mod i18n;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) if e.use_stderr() => {
            // One line, as every CLI error: the first line of clap's message.
            let text = e.to_string();
            let line = text.lines().next().unwrap_or("invalid arguments");
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
        Some(command) => cli::run(command, args.file, args.data_dir),
    }
}
