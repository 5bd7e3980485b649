//! Suggesting spans: built-in string matching and gazetteer, and external extractor commands.
