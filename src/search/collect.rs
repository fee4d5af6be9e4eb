//! One result per dossier: a tantivy collector that keeps the best page of
//! each matching dossier and counts facets from fast fields only, so it
//! stays cheap on a million pages.

use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// The best page of one matching dossier.
#[derive(Debug, Clone)]
pub(super) struct Group_ {
    pub(super) score: Score,
    pub(super) addr: DocAddress,
    pub(super) doc_type: String,
    pub(super) year: Option<i64>,
}

/// Hasher for keys that are already hashes (the dossier key).
#[derive(Default, Clone, Copy)]
pub(super) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(super) type KeyMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// Collects the best-scoring page of every matching dossier, reading only
/// fast fields (dossier key, type, year): no stored document is loaded.
pub(super) struct DossierCollector;

pub(super) struct DossierSegment {
    segment: SegmentOrdinal,
    key: tantivy::columnar::Column<u64>,
    year: tantivy::columnar::Column<i64>,
    type_ord: tantivy::columnar::Column<u64>,
    type_names: Vec<String>,
    best: KeyMap<(Score, DocId)>,
}

impl Collector for DossierCollector {
    type Fruit = KeyMap<Group_>;
    type Child = DossierSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<DossierSegment> {
        let ff = reader.fast_fields();
        let types = ff.str("doc_type")?;
        let (type_ord, type_names) = match types {
            Some(col) => {
                let mut names = Vec::with_capacity(col.num_terms());
                for ord in 0..col.num_terms() as u64 {
                    let mut s = String::new();
                    col.ord_to_str(ord, &mut s)?;
                    names.push(s);
                }
                (col.ords().clone(), names)
            }
            None => (
                tantivy::columnar::Column::build_empty_column(reader.max_doc()),
                Vec::new(),
            ),
        };
        Ok(DossierSegment {
            segment,
            key: ff.u64("dossier_key")?,
            year: ff.i64("year")?,
            type_ord,
            type_names,
            best: KeyMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut fruits = fruits.into_iter();
        let mut all = fruits.next().unwrap_or_default();
        for fruit in fruits {
            for (k, g) in fruit {
                match all.get_mut(&k) {
                    Some(old) if old.score >= g.score => {}
                    Some(old) => *old = g,
                    None => {
                        all.insert(k, g);
                    }
                }
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for DossierSegment {
    type Fruit = KeyMap<Group_>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(key) = self.key.first(doc) else {
            return;
        };
        let e = self.best.entry(key).or_insert((Score::NEG_INFINITY, doc));
        if score > e.0 {
            *e = (score, doc);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out = KeyMap::default();
        out.reserve(self.best.len());
        for (key, (score, doc)) in self.best {
            let doc_type = self
                .type_ord
                .first(doc)
                .and_then(|o| self.type_names.get(o as usize).cloned())
                .unwrap_or_else(|| "khac".into());
            out.insert(
                key,
                Group_ {
                    score,
                    addr: DocAddress::new(self.segment, doc),
                    doc_type,
                    year: self.year.first(doc),
                },
            );
        }
        out
    }
}
