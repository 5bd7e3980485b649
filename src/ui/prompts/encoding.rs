//! "This article is not UTF-8: open a UTF-8 copy?", asked when an article
//! fails to open because it is not UTF-8. Converting writes the copy beside
//! the original ([`store::transcode_to_utf8_copy`]) and opens it; the
//! original is never written to.

use std::path::PathBuf;

use super::{KeyName, PromptAnswer, answer_row};
use crate::store::{self, Encoding, StoreError};

/// An article that is not UTF-8, and the encoding offered to read it in.
#[derive(Debug)]
pub struct EncodingOffer {
    /// The article.
    pub path: PathBuf,
    /// The encoding it most likely is in.
    pub encoding: &'static Encoding,
    /// Why it did not open (the load error, naming the file and offset).
    pub reason: String,
    /// Its first line decoded with [`Self::encoding`].
    pub first_line: String,
}

impl EncodingOffer {
    /// The offer for a failure to open an article, if the failure is that it
    /// is not UTF-8 (and its start can be read again).
    pub fn for_error(err: &StoreError) -> Option<Self> {
        let StoreError::NotUtf8 { path, .. } = err else {
            return None;
        };
        let preview = store::preview_legacy(path).ok()?;
        Some(Self {
            path: path.clone(),
            encoding: preview.encoding,
            reason: err.to_string(),
            first_line: preview.first_line,
        })
    }

    /// The convert button's label: `Open as windows-1252`.
    pub fn button_label(&self) -> String {
        format!("Open as {}", self.encoding.name())
    }
}

/// The answers to "open a UTF-8 copy?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingAnswer {
    /// Write a UTF-8 copy and open it.
    Convert,
    /// Leave the article as it is, not opened.
    Cancel,
}

/// Shows the offer.
pub fn show(ctx: &egui::Context, offer: &EncodingOffer, key: KeyName) -> Option<EncodingAnswer> {
    egui::Modal::new(egui::Id::unique("encoding_offer"))
        .show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("Not UTF-8 text");
            ui.label(&offer.reason);
            ui.label(format!(
                "It may be {} text (which also covers Latin-1). Its first line would read:",
                offer.encoding.name()
            ));
            ui.label(egui::RichText::new(&offer.first_line).monospace());
            let name = store::file_name(&offer.path);
            let stem = offer
                .path
                .file_stem()
                .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
            ui.label(format!(
                "Opening it writes a UTF-8 copy, {stem}.utf8.txt (or a free name like it), \
             and opens that; {name} itself is left as it is."
            ));
            let convert = offer.button_label();
            answer_row(
                ui,
                key,
                PromptAnswer::Encoding,
                &[
                    (convert.as_str(), EncodingAnswer::Convert),
                    ("Cancel", EncodingAnswer::Cancel),
                ],
            )
        })
        .inner
}
