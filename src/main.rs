//! The `sohoa` binary: everything lives in the library; this parses the
//! arguments, runs the command and maps the outcome to an exit code
//! (0 all ingested, 1 some files failed, 2 could not run).

use std::process::ExitCode;

fn main() -> ExitCode {
    limit_openmp_threads();
    let cli = match sohoa::cli::Cli::parse_with_config() {
        Ok(cli) => cli,
        Err(e) => {
            eprintln!("sohoa: error: {e:#}");
            return ExitCode::from(sohoa::cli::EXIT_CANNOT_RUN);
        }
    };
    match sohoa::cli::run(cli).map_err(anyhow::Error::from) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("sohoa: error: {e:#}");
            ExitCode::from(sohoa::cli::EXIT_CANNOT_RUN)
        }
    }
}

/// Tesseract's OpenMP runtime reads `OMP_THREAD_LIMIT` once, when the
/// library is loaded, before `main` runs: setting it from inside the process
/// is too late. Without it, parallel pages fight over OpenMP threads and each
/// is about 2× slower (tesseract#3109). So when it is unset, run this same
/// program again with it set; if that is impossible, go on as we are.
fn limit_openmp_threads() {
    if std::env::var_os(sohoa::ocr::OMP_THREAD_LIMIT).is_some() {
        return;
    }
    #[cfg(unix)]
    if let Ok(exe) = std::env::current_exe() {
        use std::os::unix::process::CommandExt;
        let err = std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(sohoa::ocr::OMP_THREAD_LIMIT, "1")
            .exec();
        eprintln!(
            "sohoa: warning: could not restart with OMP_THREAD_LIMIT=1 ({err}); OCR will be slower"
        );
    }
}
