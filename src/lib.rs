//! sohoa ("số hóa": digitise) turns folders of scanned Vietnamese dossiers
//! into a searchable archive.
//!
//! Data flows one way, and the modules are named after the stages:
//!
//! [`scan`] finds dossiers (folders of page files) → [`preprocess`] decodes
//! each page into a grey image with its resolution → [`ocr`] reads it with
//! Tesseract's Vietnamese model → [`store`] keeps one JSON record per page,
//! the source of truth → [`extract`] pulls names, dates, ID and document
//! numbers out of the text → [`index`] builds the tantivy index from the
//! store, and analyses each dossier once ([`folder`] is the one way to read it
//! back) → [`search`] answers queries one dossier per result, and [`serve`]
//! puts search and the scans on a web page.
//! [`pdf`] writes the archive itself: searchable PDF/A of every document.
//! [`ingest`] wires the stages into a parallel run ([`watch`] runs it
//! again whenever new scans have settled), [`eval`] measures
//! accuracy against ground truth, and [`cli`] is the command line on top.
//!
//! Failures of single files are values ([`ingest::Failure`]) collected into
//! the run report; [`Error`] is for what stops a command as a whole.

pub mod audit;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod corrections;
mod error;
pub mod eval;
pub mod extract;
pub mod folder;
pub mod gazetteer;
pub mod index;
pub mod ingest;
pub mod lexicon;
pub mod ocr;
pub mod ocr_eval;
pub mod pdf;
pub mod preprocess;
pub mod readonly;
pub mod review;
pub mod scaleout;
pub mod scan;
pub mod search;
pub mod serve;
pub mod store;
pub mod text;
pub mod users;
pub mod verify;
pub mod watch;

pub use error::{Error, Result};
