//! What the rules find in a dossier, gathered as it is read: the flat
//! fields of the contract (each value once, in order of first appearance)
//! and the people (records).
//!
//! A table row is a record of its own. On a form, a labelled name opens a
//! record (or returns to the one of the same name) and the personal values
//! after it belong to that person until the next one, so that `analyse` can
//! check an ID against its holder's birth date and gender. At the end,
//! records without personal data (people named in passing) are dropped and
//! records with the same ID are one person read twice.

use std::collections::BTreeMap;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use super::table::Row;
use super::{Fields, Record, FIELD_KEYS};

/// The fields and people of one dossier so far.
#[derive(Default)]
pub(super) struct Out {
    map: BTreeMap<&'static str, Vec<Value>>,
    /// People found so far, and the one later personal values attach to.
    records: Vec<Record>,
    current: Option<usize>,
    /// 1-based page in the dossier being read.
    pub(super) page: usize,
    /// Every value a document is described by, with its page, each time it
    /// is found (see [`Log`]).
    log: Log,
}

/// The values that describe a document (its title's type, number, signing
/// date, issuer, signer, the names it records), each time one is found, in
/// page order: the documents of a dossier are described from the entries
/// of their own pages, without reading the pages again.
pub(super) type Log = Vec<Entry>;

/// One value found on a page: `key` is a field key or "title" (a title's
/// doc_type) or "signer".
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub(super) page: usize,
    pub(super) key: &'static str,
    pub(super) value: String,
}

/// Field keys logged for the documents.
const LOGGED: [&str; 4] = ["document_no", "signed_date", "issuer", "full_name"];

impl Out {
    /// Note a value for the documents of the dossier (see [`Log`]).
    pub(super) fn log(&mut self, key: &'static str, value: &str) {
        self.log.push(Entry {
            page: self.page,
            key,
            value: value.to_string(),
        });
    }

    pub(super) fn push(&mut self, key: &'static str, v: Value) {
        if LOGGED.contains(&key) {
            if let Some(s) = v.as_str() {
                let s = s.to_string();
                self.log(key, &s);
            }
        }
        let list = self.map.entry(key).or_default();
        if !list.contains(&v) {
            list.push(v);
        }
    }

    pub(super) fn push_str(&mut self, key: &'static str, s: &str) {
        let s: String = s.nfc().collect();
        self.push(key, Value::String(s));
    }

    /// A labelled person: the record of the same name again, else a new one.
    /// `title` is the gender "ông"/"bà" before the name implies.
    /// `role` is what the label says the person is ("… tên người mẹ").
    pub(super) fn person(
        &mut self,
        name: &str,
        title: Option<&'static str>,
        role: Option<&'static str>,
    ) {
        let name: String = name.nfc().collect();
        if let Some(i) = self
            .records
            .iter()
            .position(|r| r.full_name.as_deref() == Some(name.as_str()))
        {
            self.current = Some(i);
            let r = &mut self.records[i];
            r.title_gender = r.title_gender.or(title);
            if r.role.is_none() {
                r.role = role.map(str::to_string);
            }
            return;
        }
        self.records.push(Record {
            full_name: Some(name),
            page: self.page,
            title_gender: title,
            role: role.map(str::to_string),
            ..Record::default()
        });
        self.current = Some(self.records.len() - 1);
    }

    /// The signer under a signature: a record of its own (no personal
    /// values attach to it), not a value of `full_name`.
    pub(super) fn signer(&mut self, name: &str, position: &str) {
        let name: String = name.nfc().collect();
        self.log("signer", &name);
        if self
            .records
            .iter()
            .any(|r| r.role.as_deref() == Some("nguoi_ky") && r.full_name.as_deref() == Some(&name))
        {
            return;
        }
        self.records.push(Record {
            full_name: Some(name),
            role: Some("nguoi_ky".into()),
            position: Some(position.nfc().collect()),
            page: self.page,
            ..Record::default()
        });
        self.current = None;
    }

    /// True on civil-status papers (birth records), where "Quê quán" names
    /// where the family comes from, not where anyone lives.
    pub(super) fn is_civil_status(&self) -> bool {
        self.map
            .get("doc_type")
            .and_then(|v| v.first())
            .and_then(Value::as_str)
            .is_some_and(|t| matches!(t, "trich_luc_khai_sinh" | "giay_khai_sinh"))
    }

    /// A personal value on a non-table line: it belongs to the current
    /// person (a record without a name is opened when there is none). A
    /// slot already filled keeps its first value.
    pub(super) fn attach(&mut self, key: &'static str, value: &str) {
        let i = match self.current {
            Some(i) => i,
            None => {
                self.records.push(Record {
                    page: self.page,
                    ..Record::default()
                });
                self.records.len() - 1
            }
        };
        self.current = Some(i);
        let slot = self.records[i].slot(key);
        if slot.is_none() {
            *slot = Some(value.nfc().collect());
        }
    }

    /// A complete table row: one record of its own.
    pub(super) fn row(&mut self, row: &Row) {
        self.records.push(Record {
            full_name: Some(row.name.nfc().collect()),
            date_of_birth: row.dob.clone(),
            gender: row.gender.map(str::to_string),
            citizen_id: row.ids.first().cloned(),
            social_insurance_no: row.bhxh.first().cloned(),
            health_insurance_no: row.bhyt.first().cloned(),
            page: self.page,
            ..Record::default()
        });
        self.current = None;
    }

    pub(super) fn finish(mut self) -> (Fields, Vec<Record>, Log) {
        let civil_status = self.is_civil_status();
        // On a birth record the person named without a role is the child.
        if civil_status {
            if let Some(r) = self
                .records
                .iter_mut()
                .find(|r| r.role.is_none() && r.full_name.is_some())
            {
                r.role = Some("nguoi_duoc_khai_sinh".into());
            }
        }
        let mut map = self.map;
        let fields = FIELD_KEYS
            .iter()
            .map(|&k| (k.to_string(), map.remove(k).unwrap_or_default()))
            .collect();
        // A name alone links nothing: people named in passing (signers,
        // representatives) are no records.
        // The same ID twice is the same person read twice (a name misread
        // on one page): one record, first values kept, gaps filled.
        let mut records: Vec<Record> = Vec::new();
        let kept = |r: &Record| r.has_personal_data() || r.role.as_deref() == Some("nguoi_ky");
        for r in self.records.into_iter().filter(kept) {
            let same = r.citizen_id.as_ref().and_then(|id| {
                records
                    .iter_mut()
                    .find(|k| k.citizen_id.as_ref() == Some(id))
            });
            match same {
                Some(kept) => kept.fill_from(r),
                None => records.push(r),
            }
        }
        (fields, records, self.log)
    }
}
