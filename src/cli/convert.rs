//! `newsmark convert [--from ENCODING] FILE…`: UTF-8 copies of articles
//! that are not UTF-8.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use crate::store;

/// Arguments of `newsmark convert`.
#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// Articles to convert. Each is only read: its UTF-8 copy is written
    /// beside it as NAME.utf8.txt (or NAME.utf8-2.txt, … if that exists).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The encoding the files are in, as the WHATWG Encoding Standard names
    /// it: windows-1252 (also what latin1 and iso-8859-1 mean), utf-16le,
    /// utf-16be, iso-8859-15, … Guessed when left out: UTF-16 after a
    /// UTF-16 byte order mark, otherwise windows-1252.
    #[arg(long, value_name = "ENCODING")]
    from: Option<String>,
}

/// Converts each file and prints `FILE -> COPY` for each; a file that is
/// already UTF-8 is left alone. Exit 1 if any file could not be converted.
pub fn run(args: &ConvertArgs) -> anyhow::Result<ExitCode> {
    let chosen = match &args.from {
        Some(label) => Some(
            store::encoding_for_label(label)
                .with_context(|| format!("unknown encoding {label:?}"))?,
        ),
        None => None,
    };
    let mut failed = false;
    for file in &args.files {
        match convert(file, chosen) {
            Ok(message) => println!("{message}"),
            Err(err) => {
                eprintln!("newsmark: {err}");
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Converts one file (unless it is UTF-8 already); says what was done.
fn convert(
    file: &std::path::Path,
    chosen: Option<&'static store::Encoding>,
) -> Result<String, store::StoreError> {
    match store::read_text(file) {
        Ok(_) => return Ok(format!("{}: already UTF-8; left as it is", file.display())),
        Err(store::StoreError::NotUtf8 { .. }) => {}
        Err(err) => return Err(err),
    }
    let encoding = match chosen {
        Some(encoding) => encoding,
        None => store::preview_legacy(file)?.encoding,
    };
    let copy = store::transcode_to_utf8_copy(file, encoding)?;
    Ok(format!(
        "{} -> {} (read as {})",
        file.display(),
        copy.display(),
        encoding.name()
    ))
}
