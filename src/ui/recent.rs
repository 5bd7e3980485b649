//! Recently opened articles and folders, newest first, kept between runs in
//! eframe's storage: File > Open Recent.

use std::path::{Path, PathBuf};

/// The recent articles and the folders (corpora) they were opened from.
#[derive(Debug, Default)]
pub struct Recent {
    /// Articles, newest first.
    pub articles: Vec<PathBuf>,
    /// Folders, newest first.
    pub folders: Vec<PathBuf>,
}

impl Recent {
    /// How many entries of each kind are kept.
    const LIMIT: usize = 12;
    /// The persistence key of the articles (the key of the first version).
    const ARTICLES_KEY: &'static str = "newsmark.recent";
    /// The persistence key of the folders.
    const FOLDERS_KEY: &'static str = "newsmark.recent_folders";

    /// Puts the article `txt` and its folder first in their lists.
    pub fn remember(&mut self, txt: &Path) {
        let txt = std::fs::canonicalize(txt).unwrap_or_else(|_| txt.to_owned());
        if let Some(dir) = txt.parent() {
            push_front(&mut self.folders, dir.to_owned());
        }
        push_front(&mut self.articles, txt);
    }

    /// Adds what earlier runs saved after what this run has already opened
    /// (the path given on the command line stays first).
    pub fn restore(&mut self, storage: &dyn eframe::Storage) {
        for (list, key) in [
            (&mut self.articles, Self::ARTICLES_KEY),
            (&mut self.folders, Self::FOLDERS_KEY),
        ] {
            let saved: Vec<PathBuf> = eframe::get_value(storage, key).unwrap_or_default();
            for path in saved {
                if !list.contains(&path) {
                    list.push(path);
                }
            }
            list.truncate(Self::LIMIT);
        }
    }

    /// Writes both lists to `storage`.
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Self::ARTICLES_KEY, &self.articles);
        eframe::set_value(storage, Self::FOLDERS_KEY, &self.folders);
    }
}

fn push_front(list: &mut Vec<PathBuf>, path: PathBuf) {
    list.retain(|p| *p != path);
    list.insert(0, path);
    list.truncate(Recent::LIMIT);
}
