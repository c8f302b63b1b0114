//! The harness's own errors: a message for the user and the exit status it maps to
//! (sysexits.h numbers, so scripts can tell a usage mistake from a missing file).
//! Errors of the programs being run are not these: `harness run` exits with the
//! program's status, and a failing cell is data in the results, not an error.

use std::fmt;
use std::process::ExitCode;

/// Bad command line (EX_USAGE).
pub const EXIT_USAGE: u8 = 64;
/// Input data malformed: bad JSON, bad manifest (EX_DATAERR).
pub const EXIT_DATA: u8 = 65;
/// An input file is missing or unreadable (EX_NOINPUT).
pub const EXIT_NO_INPUT: u8 = 66;
/// A required tool is missing (EX_UNAVAILABLE), e.g. `go` for `--anchor go`.
pub const EXIT_UNAVAILABLE: u8 = 69;
/// Internal error (EX_SOFTWARE).
pub const EXIT_SOFTWARE: u8 = 70;
/// An output file cannot be created (EX_CANTCREAT).
pub const EXIT_CANT_CREATE: u8 = 73;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HarnessError {
    pub message: String,
    pub status: u8,
}

impl HarnessError {
    pub fn usage(message: impl Into<String>) -> Self {
        HarnessError { message: message.into(), status: EXIT_USAGE }
    }
    pub fn data(message: impl Into<String>) -> Self {
        HarnessError { message: message.into(), status: EXIT_DATA }
    }
    pub fn no_input(message: impl Into<String>) -> Self {
        HarnessError { message: message.into(), status: EXIT_NO_INPUT }
    }
    pub fn unavailable(message: impl Into<String>) -> Self {
        HarnessError { message: message.into(), status: EXIT_UNAVAILABLE }
    }
    pub fn software(message: impl Into<String>) -> Self {
        HarnessError { message: message.into(), status: EXIT_SOFTWARE }
    }
    pub fn cant_create(message: impl Into<String>) -> Self {
        HarnessError { message: message.into(), status: EXIT_CANT_CREATE }
    }

    /// Print `harness: message` to stderr and return the exit code.
    pub fn report(&self) -> ExitCode {
        eprintln!("harness: {}", self.message);
        ExitCode::from(self.status)
    }
}

impl fmt::Display for HarnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HarnessError {}
