//! One person's own settings, kept in their configuration folder, never in
//! a corpus: who they are when they annotate.
//!
//! ```ron
//! (
//!     // The annotator's name (default: none, the window opens the gold
//!     // files X.ron). Letters, digits, '-' and '_'.
//!     annotator: Some("ana"),
//! )
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::SettingsError;
use crate::store::Annotator;

/// The file's name in the person's configuration folder.
pub const PERSONAL_FILE_NAME: &str = "settings.ron";

/// The environment variable naming the configuration folder, before the
/// system's own (for a second identity, or a test).
pub const CONFIG_DIR_VARIABLE: &str = "NEWSMARK_CONFIG_DIR";

/// One person's settings. See the [module docs](self) for the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PersonalSettings {
    /// Who the person is as an annotator: the window opens and saves their
    /// files `X.NAME.ron` (checked when the file is read).
    pub annotator: Option<String>,
}

impl PersonalSettings {
    /// The annotator's name, checked.
    pub fn annotator(&self) -> Option<Annotator> {
        Annotator::new(self.annotator.as_deref()?).ok()
    }
}

/// Where the person's settings are: `$NEWSMARK_CONFIG_DIR/settings.ron`,
/// else `$XDG_CONFIG_HOME/newsmark/settings.ron`, else
/// `$HOME/.config/newsmark/settings.ron` (on Windows
/// `%APPDATA%\newsmark\settings.ron`); `None` if none of these is set.
pub fn personal_settings_path() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let dir = var(CONFIG_DIR_VARIABLE)
        .or_else(|| var("XDG_CONFIG_HOME").map(|d| d.join("newsmark")))
        .or_else(|| var("HOME").map(|d| d.join(".config").join("newsmark")))
        .or_else(|| var("APPDATA").map(|d| d.join("newsmark")))?;
    Some(dir.join(PERSONAL_FILE_NAME))
}

/// Reads the person's settings ([`personal_settings_path`]); none there
/// gives the defaults.
pub fn load_personal() -> Result<PersonalSettings, SettingsError> {
    personal_settings_path().map_or_else(
        || Ok(PersonalSettings::default()),
        |p| load_personal_from(&p),
    )
}

/// Reads the person's settings from `path`; a missing file gives the
/// defaults, an annotator name breaking the rule
/// ([`crate::store::annotator_name_problem`]) is an error naming the file.
pub fn load_personal_from(path: &Path) -> Result<PersonalSettings, SettingsError> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            log::debug!("no {}: no annotator name", path.display());
            return Ok(PersonalSettings::default());
        }
        Err(source) => {
            return Err(SettingsError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    let source = super::read_bounded(file, path)?;
    let settings: PersonalSettings = super::parse_ron(path, &source)?;
    if let Some(Err(e)) = settings.annotator.as_deref().map(Annotator::new) {
        return Err(SettingsError::Invalid {
            path: path.to_owned(),
            reason: format!("annotator: {e}"),
        });
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_personal_file_names_the_annotator_or_is_refused_naming_itself() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(PERSONAL_FILE_NAME);
        assert_eq!(
            load_personal_from(&path).ok(),
            Some(PersonalSettings::default())
        );
        std::fs::write(&path, "(annotator: \"ana\")").expect("write");
        let settings = load_personal_from(&path).expect("loads");
        assert_eq!(
            settings.annotator().map(|a| a.to_string()),
            Some("ana".to_owned())
        );
        std::fs::write(&path, "(annotator: Some(\"ana.b\"))").expect("write");
        let err = load_personal_from(&path).expect_err("refused").to_string();
        assert!(
            err.ends_with(
                "settings.ron: annotator: annotator name \"ana.b\": it contains '.', \
                           which separates the annotator's name from the article's in X.NAME.ron"
            ),
            "{err}"
        );
        std::fs::write(&path, "(labels: [])").expect("write");
        let err = load_personal_from(&path).expect_err("refused").to_string();
        assert!(err.contains("settings.ron:1:"), "{err}");
    }
}
