//! Which extractor commands the user approved, per corpus folder.
//!
//! A corpus's `newsmark.ron` may name a command to run; a corpus from
//! someone else must not run anything the user has not seen and approved.
//! An approval is for one folder (its canonical path) and one exact command
//! line (a SHA-256 of its arguments): another folder, or a command changed
//! by so much as one argument, asks again. Approvals are kept outside every
//! corpus (the GUI keeps them with its own persisted state, beside the
//! window layout and recent files), so a corpus cannot approve itself.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// One approved command in one folder.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Approval {
    /// The corpus folder, canonical (absolute, links resolved).
    pub folder: PathBuf,
    /// [`command_sha256`] of the approved command's arguments.
    pub command_sha256: String,
}

impl Approval {
    /// The approval of `argv` in `folder`; `None` if the folder cannot be
    /// resolved (it is gone, or unreadable): nothing is approved there.
    pub fn new(folder: &Path, argv: &[String]) -> Option<Self> {
        Some(Self {
            folder: canonical(folder)?,
            command_sha256: command_sha256(argv),
        })
    }
}

/// The canonical form of `folder` (the current folder for an empty path).
fn canonical(folder: &Path) -> Option<PathBuf> {
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    std::fs::canonicalize(folder).ok()
}

/// Lowercase hex SHA-256 of a command's arguments, each preceded by its
/// length, so `["a b"]` and `["a", "b"]` differ.
pub fn command_sha256(argv: &[String]) -> String {
    let mut hasher = Sha256::new();
    for arg in argv {
        hasher.update((arg.len() as u64).to_le_bytes());
        hasher.update(arg.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The approved extractor commands, to be kept between runs by the front
/// end (serialisable).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approvals {
    approved: BTreeSet<Approval>,
}

impl Approvals {
    /// No command approved.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether `argv` was approved for `folder`.
    pub fn is_approved(&self, folder: &Path, argv: &[String]) -> bool {
        Approval::new(folder, argv).is_some_and(|a| self.approved.contains(&a))
    }

    /// Approves `argv` for `folder`. Returns `false` (and approves nothing)
    /// if the folder cannot be resolved.
    pub fn approve(&mut self, folder: &Path, argv: &[String]) -> bool {
        match Approval::new(folder, argv) {
            Some(approval) => {
                self.approved.insert(approval);
                true
            }
            None => false,
        }
    }

    /// Withdraws every approval for `folder`.
    pub fn forget_folder(&mut self, folder: &Path) {
        if let Some(folder) = canonical(folder) {
            self.approved.retain(|a| a.folder != folder);
        }
    }

    /// How many approvals are kept.
    pub fn len(&self) -> usize {
        self.approved.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.approved.is_empty()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn argv(args: &[&str]) -> Vec<String> {
        args.iter().map(|&a| a.to_owned()).collect()
    }

    #[test]
    fn an_approval_holds_for_one_folder_and_one_exact_command() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let run = argv(&["python3", "extract.py"]);
        let mut approvals = Approvals::new();
        assert!(!approvals.is_approved(a.path(), &run));
        assert!(approvals.approve(a.path(), &run));
        assert!(approvals.is_approved(a.path(), &run));
        // The same folder by another path.
        let dotted = a.path().join(".");
        assert!(approvals.is_approved(&dotted, &run));
        // Another folder, or a changed command, is not approved.
        assert!(!approvals.is_approved(b.path(), &run));
        let changed = argv(&["python3", "extract.py", "--all"]);
        assert!(!approvals.is_approved(a.path(), &changed));
        assert!(!approvals.is_approved(a.path(), &argv(&["python3 extract.py"])));
        // A folder that does not exist is never approved.
        let gone = a.path().join("gone");
        assert!(!approvals.approve(&gone, &run));
        assert!(!approvals.is_approved(&gone, &run));
        assert_eq!(approvals.len(), 1);
        approvals.forget_folder(a.path());
        assert!(approvals.is_empty());
    }

    #[test]
    fn approvals_survive_serialisation() {
        let dir = tempfile::tempdir().unwrap();
        let run = argv(&["extract"]);
        let mut approvals = Approvals::new();
        approvals.approve(dir.path(), &run);
        let text = ron::to_string(&approvals).unwrap();
        let back: Approvals = ron::from_str(&text).unwrap();
        assert_eq!(back, approvals);
        assert!(back.is_approved(dir.path(), &run));
        let hash = command_sha256(&run);
        assert_eq!(hash.len(), 64);
        assert!(
            hash.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_ne!(
            command_sha256(&argv(&["a b"])),
            command_sha256(&argv(&["a", "b"]))
        );
    }
}
