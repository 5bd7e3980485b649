//! Which documents an agreement study compares, and each annotator's file
//! for each: one folder per annotator (`newsmark agree DIR_A DIR_B …`), or
//! the annotators' files `X.NAME.ron` of one folder (`newsmark agree
//! CORPUS`). Listing is done once; documents are read one at a time.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::{Marked, MarkedRelation};
use crate::corpus::listing::{NameList, to_bytes, visible_stem};
use crate::corpus::{ArticleList, articles_in};
use crate::model::AnnotationSet;
use crate::model::{LabelSchema, Status};
use crate::store::{self, StoreError};

/// Why a study's folders cannot be listed.
#[derive(Debug, thiserror::Error)]
pub enum StudyError {
    /// A folder could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// What was given is not a study.
    #[error("{0}")]
    Invalid(String),
}

/// The files of one document: its name, its article (one, or one per
/// annotator's folder) and each annotator's annotation file, in the
/// annotators' order.
#[derive(Clone, Debug)]
pub struct DocumentFiles {
    /// The article's file name (`X.txt`).
    pub name: String,
    /// The article: one path, or one per annotator (their folders' copies).
    pub articles: Vec<PathBuf>,
    /// Each annotator's annotation file.
    pub annotations: Vec<PathBuf>,
}

/// The documents and annotators of a study.
#[derive(Debug)]
pub struct Study {
    annotators: Vec<String>,
    source: Source,
}

#[derive(Debug)]
enum Source {
    /// One folder per annotator; the articles of the first.
    Folders {
        dirs: Vec<PathBuf>,
        articles: ArticleList,
    },
    /// Annotators' files in one folder: article stems with the annotator's
    /// index (in order of discovery) as their kind; `order[k]` is the
    /// sorted position of the annotator discovered k-th.
    Corpus {
        dir: PathBuf,
        files: NameList,
        order: Vec<usize>,
    },
}

impl Study {
    /// Annotators as folders: each folder's name is its annotator's, its
    /// gold files `X.ron` their work. A document is compared when every
    /// folder has its article and its annotation file.
    pub fn of_folders(dirs: &[PathBuf]) -> Result<Self, StudyError> {
        let mut annotators = Vec::with_capacity(dirs.len());
        for dir in dirs {
            if !dir.is_dir() {
                return Err(StudyError::Invalid(format!(
                    "{}: not a folder",
                    dir.display()
                )));
            }
            let real = std::fs::canonicalize(dir).map_err(|source| StoreError::Read {
                path: dir.clone(),
                source,
            })?;
            let name = real.file_name().map_or_else(
                || real.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            annotators.push(name);
        }
        let Some(first) = dirs.first() else {
            return Err(StudyError::Invalid("no folder given".to_owned()));
        };
        let articles = articles_in(first)?;
        Ok(Self {
            annotators,
            source: Source::Folders {
                dirs: dirs.to_vec(),
                articles,
            },
        })
    }

    /// Annotators as files of one folder: `X.NAME.ron` beside `X.txt`
    /// ([`store::article_of_annotations`]), annotators sorted by name. A
    /// document is compared when every annotator has a file for it.
    pub fn of_corpus(dir: &Path) -> Result<Self, StudyError> {
        let read = |source| StoreError::Read {
            path: dir.to_owned(),
            source,
        };
        let mut names: Vec<String> = Vec::new();
        let mut files = NameList::default();
        for entry in std::fs::read_dir(dir).map_err(read)? {
            let entry = entry.map_err(read)?;
            let file_name = entry.file_name();
            if visible_stem(&file_name, "ron").is_none() {
                continue;
            }
            let Some(text) = file_name.to_str() else {
                continue;
            };
            let Some((article, annotator)) = store::annotator_file_parts(text) else {
                continue;
            };
            // `a.b.ron` beside `a.b.txt` is that article's gold.
            if dir.join(format!("{article}.{annotator}.txt")).is_file() {
                continue;
            }
            let index = match names.iter().position(|n| n == annotator.as_str()) {
                Some(k) => k,
                None => {
                    names.push(annotator.to_string());
                    names.len() - 1
                }
            };
            let kind = u8::try_from(index).map_err(|_| {
                StudyError::Invalid(format!(
                    "{}: more than 256 annotators' files; compare fewer at a time",
                    dir.display()
                ))
            })?;
            files
                .push(OsString::from(article).as_os_str(), kind)
                .map_err(read)?;
        }
        files.sort().map_err(read)?;
        let mut sorted: Vec<usize> = (0..names.len()).collect();
        sorted.sort_by(|&a, &b| names[a].cmp(&names[b]));
        let mut order = vec![0; names.len()];
        for (position, &k) in sorted.iter().enumerate() {
            order[k] = position;
        }
        let annotators = sorted.iter().map(|&k| names[k].clone()).collect();
        Ok(Self {
            annotators,
            source: Source::Corpus {
                dir: dir.to_owned(),
                files,
                order,
            },
        })
    }

    /// The annotators, in order.
    pub fn annotators(&self) -> &[String] {
        &self.annotators
    }

    /// The documents compared, in order of name, each with its files. Each
    /// is found as it is reached (a look at the files of one document).
    pub fn documents(&self) -> Box<dyn Iterator<Item = DocumentFiles> + '_> {
        match &self.source {
            Source::Folders { dirs, articles } => Box::new(articles.iter().filter_map(|first| {
                let name = store::file_name(&first);
                let articles: Vec<PathBuf> = dirs.iter().map(|d| d.join(&name)).collect();
                let annotations: Vec<PathBuf> =
                    articles.iter().map(|a| store::paired_ron_path(a)).collect();
                let complete =
                    articles.iter().all(|a| a.is_file()) && annotations.iter().all(|r| r.is_file());
                complete.then_some(DocumentFiles {
                    name,
                    articles,
                    annotations,
                })
            })),
            Source::Corpus { dir, files, order } => {
                let n = self.annotators.len();
                let mut entries = files.iter().peekable();
                Box::new(std::iter::from_fn(move || {
                    loop {
                        let (stem, kind) = entries.next()?;
                        let mut have = vec![false; n];
                        have[order[usize::from(kind)]] = true;
                        while let Some((_, kind)) = entries.next_if(|(next, _)| *next == stem) {
                            have[order[usize::from(kind)]] = true;
                        }
                        let mut txt = dir.join(&stem);
                        txt.as_mut_os_string().push(".txt");
                        if !have.iter().all(|h| *h) || !txt.is_file() {
                            continue;
                        }
                        let stem = String::from_utf8_lossy(&to_bytes(&stem)).into_owned();
                        let annotations = self
                            .annotators
                            .iter()
                            .map(|a| dir.join(format!("{stem}.{a}.ron")))
                            .collect();
                        return Some(DocumentFiles {
                            name: store::file_name(&txt),
                            articles: vec![txt],
                            annotations,
                        });
                    }
                }))
            }
        }
    }
}

/// One document's spans per annotator, and what is worth a warning.
#[derive(Debug, Default)]
pub struct DocumentSpans {
    /// Each annotator's accepted spans, in the annotators' order.
    pub spans: Vec<Vec<Marked>>,
    /// Each annotator's accepted relations between two of their accepted
    /// spans, in the annotators' order.
    pub relations: Vec<Vec<MarkedRelation>>,
    /// Problems met loading the files (each `FILE: …`).
    pub warnings: Vec<String>,
}

/// Reads one document's files: each annotator's accepted spans. Fails
/// (with a message naming the file) when an article or annotation file
/// cannot be read or parsed, or when the annotators' copies of the article
/// differ (their offsets could not be compared).
pub fn read_document(files: &DocumentFiles, schema: &LabelSchema) -> Result<DocumentSpans, String> {
    let mut texts = Vec::with_capacity(files.articles.len());
    for article in &files.articles {
        texts.push(store::read_text(article).map_err(|e| e.to_string())?);
    }
    if let Some(k) = texts.iter().position(|t| t.text() != texts[0].text()) {
        return Err(format!(
            "{}: differs from {}; offsets on different texts are not compared",
            files.articles[k].display(),
            files.articles[0].display()
        ));
    }
    let mut out = DocumentSpans::default();
    for (k, ron) in files.annotations.iter().enumerate() {
        let doc = texts.get(k).unwrap_or(&texts[0]);
        let loaded =
            store::load_annotations(ron, &files.name, doc, schema).map_err(|e| e.to_string())?;
        out.warnings
            .extend(loaded.problems.iter().map(ToString::to_string));
        if !loaded.unplaced.is_empty() {
            out.warnings.push(format!(
                "{}: {} left out (they could not be placed on the text)",
                ron.display(),
                crate::plural::counted(loaded.unplaced.len(), "span", "spans")
            ));
        }
        let (spans, relations) = marked(&loaded.set, schema);
        out.spans.push(spans);
        out.relations.push(relations);
    }
    Ok(out)
}

/// An annotator's work in `set`: the accepted spans, and the accepted
/// relations whose ends are both accepted spans (an end pending, rejected
/// or orphaned is not on the annotator's text).
pub fn marked(set: &AnnotationSet, schema: &LabelSchema) -> (Vec<Marked>, Vec<MarkedRelation>) {
    let accepted = |id| {
        set.get(id)
            .filter(|s| s.status == Status::Accepted)
            .map(Marked::of)
    };
    let spans = set
        .spans()
        .iter()
        .filter(|s| s.status == Status::Accepted)
        .map(Marked::of)
        .collect();
    let relations = set
        .relations()
        .filter(|r| r.status == Status::Accepted)
        .filter_map(|r| {
            let directed = schema.relation(&r.label).is_none_or(|d| d.directed);
            Some(MarkedRelation::new(
                &r.label,
                accepted(r.from)?,
                accepted(r.to)?,
                directed,
            ))
        })
        .collect();
    (spans, relations)
}
