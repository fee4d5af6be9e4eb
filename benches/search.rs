//! Search benchmark: a synthetic corpus of Vietnamese dossier pages (names,
//! ID numbers, document numbers, amounts; no OCR) indexed by sohoa and by
//! SQLite FTS5 (`unicode61 remove_diacritics 2`, through the `sqlite3`
//! command-line tool), then the same fixed mix of 1,000 queries through both:
//! build time and size, latency p50/p99, and how many queries each answers
//! correctly (the right dossier in the top 3).
//!
//! `make bench-search` runs it at 100k and 1M pages; by hand:
//! `cargo bench --bench search -- --pages 100000 [--dir DIR] [--no-fts]`.
//!
//! The sohoa index is built with [`sohoa::index::Writer::put_dossier`], the
//! call `ingest` and `reindex` make for every dossier, straight from page
//! records in memory: a million store files would only measure the disk.

use sohoa::index::Index;
use sohoa::search::{self, Request};
use sohoa::store::{DossierMeta, ImageInfo, PageRecord, RECORD_FORMAT};
use sohoa::text::fold;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// xorshift64*: a fixed, dependency-free sequence (same corpus every run).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đoàn", "Trịnh", "Lò", "Hà", "Mai", "Tạ", "Quách", "Lương",
    "Đinh", "Chu", "Lâm", "Thái", "Kiều",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Xuân", "Ngọc", "Hồng", "Thu", "Kim",
    "Quang", "Công", "Bá", "Đình", "Gia", "Hoài", "Khánh", "Phương", "Thế", "Trọng", "Anh", "Bảo",
    "Diệu",
];
const GIVEN: &[&str] = &[
    "Bảy", "Hoa", "Lan", "Hùng", "Minh", "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà",
    "Hải", "Hạnh", "Hiếu", "Hòa", "Hoàng", "Hương", "Huy", "Khoa", "Khánh", "Linh", "Long", "Mai",
    "Nam", "Nga", "Ngọc", "Nhung", "Phong", "Phúc", "Phương", "Quân", "Quyên", "Sơn", "Tâm",
    "Thảo", "Thắng", "Thủy", "Tiến", "Toàn", "Trang", "Trung", "Tuấn", "Tùng", "Uyên", "Vân",
    "Việt", "Vinh", "Xuân", "Yến", "Đông", "Hiền", "Lộc", "Nghĩa", "Quý", "Thịnh", "Trâm", "Loan",
    "Oanh", "Khuê",
];
const PROVINCES: &[(&str, &str)] = &[
    ("Bắc Ninh", "027"),
    ("Sơn La", "014"),
    ("Hà Nội", "001"),
    ("Nghệ An", "040"),
    ("Thanh Hóa", "038"),
    ("Đà Nẵng", "048"),
    ("Cần Thơ", "092"),
    ("Hải Dương", "030"),
];
const COMMUNES: &[&str] = &[
    "Đình Tổ",
    "Đại Tự",
    "Chiềng Ngần",
    "Tiên Du",
    "Yên Phong",
    "Đông Tiến",
    "Hòa Long",
    "Thuận Thành",
    "Phù Chẩn",
    "Tân Hồng",
    "Đồng Nguyên",
    "Vạn An",
    "Khúc Xuyên",
    "Hạp Lĩnh",
];
/// (title, number abbreviation, slug, subject)
const TYPES: &[(&str, &str, &str, &str)] = &[
    (
        "QUYẾT ĐỊNH",
        "QĐ",
        "quyet_dinh",
        "Về việc trợ cấp hàng tháng đối với",
    ),
    (
        "DANH SÁCH",
        "DS",
        "danh_sach",
        "Người lao động đề nghị hỗ trợ tiền thuê nhà gồm",
    ),
    (
        "ĐƠN ĐỀ NGHỊ",
        "ĐN",
        "don_de_nghi",
        "Cấp thẻ bảo hiểm y tế cho",
    ),
    (
        "GIẤY CHỨNG NHẬN",
        "GCN",
        "giay_chung_nhan",
        "Gia đình liệt sĩ của",
    ),
    (
        "BIÊN BẢN",
        "BB",
        "bien_ban",
        "Tiếp nhận trẻ em cần bảo vệ khẩn cấp là",
    ),
    (
        "HỢP ĐỒNG",
        "HĐ",
        "hop_dong",
        "Đưa người lao động đi làm việc ở nước ngoài với",
    ),
    (
        "TỜ TRÌNH",
        "TTr",
        "to_trinh",
        "Đề nghị phê duyệt hỗ trợ cho",
    ),
];
const FILLER: &[&str] = &[
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng;",
    "Xét đề nghị của Trưởng phòng Người có công và Chánh Văn phòng Sở;",
    "Chánh Văn phòng Sở, Trưởng phòng Kế hoạch - Tài chính chịu trách nhiệm thi hành Quyết định này.",
    "Quyết định có hiệu lực kể từ ngày ký.",
    "Hồ sơ gồm bản sao giấy khai sinh, sổ hộ khẩu và giấy xác nhận của Ủy ban nhân dân xã.",
    "Ủy ban nhân dân xã xác nhận thông tin trên là đúng sự thật.",
    "Kinh phí chi trả từ nguồn ngân sách địa phương năm hiện hành.",
    "Người lao động đang làm việc tại doanh nghiệp và thuê nhà để ở trong thời gian từ ngày 01/4 đến 30/6.",
    "Trung tâm công tác xã hội tiếp nhận và chăm sóc tạm thời theo quy định.",
    "Các bên cam kết thực hiện đúng các điều khoản đã thỏa thuận trong hợp đồng.",
    "Nơi nhận: Như Điều 2; Lưu: VT, NCC.",
    "Tôi xin cam đoan những lời khai trên là đúng sự thật, nếu sai tôi xin chịu trách nhiệm trước pháp luật.",
    "Đề nghị cơ quan bảo hiểm xã hội cấp thẻ bảo hiểm y tế theo quy định.",
    "Mức hỗ trợ được tính theo số tháng thực tế thuê nhà, tối đa ba tháng.",
    "Biên bản được lập thành hai bản có giá trị pháp lý như nhau.",
];

/// What the generator knows about one dossier: the query answers.
struct Truth {
    id: String,
    name: String,
    cccd: String,
    doc_no: String,
    doc_type: &'static str,
    year: i64,
}

fn name(rng: &mut Rng) -> String {
    let mut parts = vec![rng.pick(SURNAMES)];
    parts.push(rng.pick(MIDDLE));
    if rng.below(3) == 0 {
        parts.push(rng.pick(MIDDLE));
    }
    parts.push(rng.pick(GIVEN));
    parts.join(" ")
}

fn cccd(rng: &mut Rng, prov: &str, year: i64) -> String {
    let century = if rng.below(2) == 0 { 0 } else { 1 }; // nam / nữ, 1900s
    format!(
        "{prov}{century}{:02}{:06}",
        year % 100,
        rng.below(1_000_000)
    )
}

/// A 12-digit number as a clerk might type it on a form.
fn grouped(digits: &str, style: usize) -> String {
    match style {
        0 => digits.to_string(),
        1 => format!(
            "{} {} {} {}",
            &digits[..3],
            &digits[3..6],
            &digits[6..9],
            &digits[9..]
        ),
        _ => format!(
            "{}.{}.{}.{}",
            &digits[..3],
            &digits[3..6],
            &digits[6..9],
            &digits[9..]
        ),
    }
}

fn money(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn filler(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| rng.pick(FILLER))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One dossier: its truth and page texts (about 120–250 words a page).
/// A dossier: its truth, its page texts, and every other (name, CCCD) its
/// pages list (so absent queries can be checked to be absent).
fn dossier(rng: &mut Rng, n: usize) -> (Truth, Vec<String>, Vec<(String, String)>) {
    let (title, abbr, slug, subject) = TYPES[rng.below(TYPES.len())];
    let (prov, code) = PROVINCES[rng.below(PROVINCES.len())];
    let year = 2015 + rng.below(10) as i64;
    let born = 1940 + rng.below(70) as i64;
    let person = name(rng);
    let id = cccd(rng, code, born);
    // Unique per dossier, so a document-number query has one right answer.
    let doc_no = format!("{}/{abbr}-SLĐTBXH", 10 + n);
    let commune = rng.pick(COMMUNES);
    let pages = 1 + rng.below(8);
    let mut texts = Vec::with_capacity(pages);
    let mut others = Vec::new();
    let honorific = if person.contains(" Thị ") {
        "bà"
    } else {
        "ông"
    };
    texts.push(format!(
        "UBND TỈNH {}\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: {doc_no}\n\
         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
         {prov}, ngày {} tháng {} năm {year}\n{title}\n{subject} {honorific} {person}\n{}\n\
         Họ và tên: {person}\nNgày sinh: {:02}/{:02}/{born}\nSố CCCD: {}\n\
         Điện thoại: 09{:08}\nNơi thường trú: thôn {}, xã {commune}, tỉnh {prov}\n\
         Mức trợ cấp: {} đồng/tháng\n{}",
        prov.to_uppercase(),
        1 + rng.below(28),
        1 + rng.below(12),
        filler(rng, 3),
        1 + rng.below(28),
        1 + rng.below(12),
        grouped(&id, rng.below(3)),
        rng.below(100_000_000),
        rng.pick(COMMUNES),
        money(500_000 + 100_000 * rng.below(40) as u64),
        filler(rng, 4),
    ));
    for p in 1..pages {
        let mut t = format!("Trang {}\n{}\n", p + 1, filler(rng, 3));
        if slug == "danh_sach" || rng.below(2) == 0 {
            for row in 0..6 {
                let other = name(rng);
                let born = 1950 + rng.below(50) as i64;
                let oid = cccd(rng, code, born);
                t.push_str(&format!(
                    "{} {other} {} {} {}\n",
                    row + 1 + 6 * p,
                    1950 + rng.below(50),
                    oid,
                    money(500_000 * (1 + rng.below(6) as u64))
                ));
                others.push((other, oid));
            }
        } else {
            t.push_str(&format!("Ông/bà {person} đã nhận đủ hồ sơ.\n"));
        }
        t.push_str(&filler(rng, 3));
        texts.push(t);
    }
    let truth = Truth {
        id: format!("{slug}/{n:07} {person}"),
        name: person,
        cccd: id,
        doc_no,
        doc_type: slug,
        year,
    };
    (truth, texts, others)
}

fn record(dossier: &str, p: usize, text: String) -> PageRecord {
    PageRecord {
        format: RECORD_FORMAT,
        dossier: dossier.to_string(),
        file: format!("trang {}.tif", p + 1),
        page_in_file: 0,
        pages_in_file: 1,
        content_hash: format!("blake3:{:064x}", p),
        file_size: 0,
        file_mtime: None,
        image: ImageInfo {
            width: 2480,
            height: 3508,
            dpi: Some(300.0),
            ocr_dpi: 300,
        },
        text,
        words: Vec::new(),
        mean_confidence: 90.0,
        blank: false,
        preprocess: None,
        engine: sohoa::ocr::EngineInfo::current(),
        ocr_seconds: 0.0,
        ocr_at: 0,
    }
}

/// The kind of a benchmark query, for the per-kind counts.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
enum Kind {
    ToneLess,
    Toned,
    Id,
    DocNo,
    Phrase,
    Filter,
    /// Absent: a present person's surname and middle name, another given name.
    OtherGiven,
    /// Absent: given and middle name swapped.
    Swapped,
    /// Absent as typed: one tone mark changed (a folded match is fine).
    ToneChanged,
    /// Absent: a CCCD one digit off.
    IdOff,
    /// Two words of random letters: must find nothing at all.
    Nonsense,
}

impl Kind {
    fn absent(self) -> bool {
        self >= Kind::OtherGiven
    }
}

/// Every name and CCCD anywhere in the corpus.
#[derive(Default)]
struct People {
    names: std::collections::HashSet<String>,
    ids: std::collections::HashSet<String>,
}

impl People {
    fn has_folded(&self, folded: &std::collections::HashSet<String>, name: &str) -> bool {
        folded.contains(&fold(name))
    }
}

/// Tone marks of Vietnamese vowels: each row is one vowel with its six tones.
const TONE_ROWS: &[&str] = &[
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
];

/// `word` with its tone changed (another of the six), if it has a vowel.
fn change_tone(rng: &mut Rng, word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    for (i, c) in chars.iter().enumerate().rev() {
        let lower = c.to_lowercase().next().unwrap_or(*c);
        for row in TONE_ROWS {
            let row: Vec<char> = row.chars().collect();
            if let Some(t) = row.iter().position(|&r| r == lower) {
                if t == 0
                    && i + 1 < chars.len()
                    && chars[..i].iter().any(|c| "aăâeêioôơuưy".contains(*c))
                {
                    continue; // an unmarked vowel next to the marked one
                }
                let mut other = 1 + rng.below(5);
                if other == t {
                    other = 0;
                }
                let mut out = chars.clone();
                out[i] = if c.is_uppercase() {
                    row[other].to_uppercase().next().unwrap()
                } else {
                    row[other]
                };
                return Some(out.into_iter().collect());
            }
        }
    }
    None
}

/// 1,000 queries for nobody in the corpus: names built from common
/// syllables, IDs one digit off, and nonsense.
fn absent_queries(truth: &[Truth], people: &People, n: usize) -> Vec<BenchQuery> {
    let folded: std::collections::HashSet<String> = people.names.iter().map(|s| fold(s)).collect();
    let mut rng = Rng(0x5eed_0002);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let i = out.len();
        let t = &truth[rng.below(truth.len())];
        let parts: Vec<&str> = t.name.split(' ').collect();
        let (kind, text) = match i % 10 {
            0..=2 => {
                let mut p = parts.clone();
                *p.last_mut().unwrap() = rng.pick(GIVEN);
                let name = p.join(" ");
                if people.has_folded(&folded, &name) {
                    continue;
                }
                (Kind::OtherGiven, name)
            }
            3 | 4 => {
                let mut p = parts.clone();
                let last = p.len() - 1;
                p.swap(last - 1, last);
                let name = p.join(" ");
                if fold(&name) == fold(&t.name) || people.has_folded(&folded, &name) {
                    continue;
                }
                (Kind::Swapped, name)
            }
            5 | 6 => {
                let mut p: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
                let k = rng.below(p.len());
                let Some(changed) = change_tone(&mut rng, &p[k]) else {
                    continue;
                };
                p[k] = changed;
                let name = p.join(" ");
                if people.names.contains(&name) {
                    continue;
                }
                (Kind::ToneChanged, name)
            }
            7 | 8 => {
                let mut d: Vec<u8> = t.cccd.bytes().collect();
                let k = 3 + rng.below(d.len() - 3);
                d[k] = b'0' + ((d[k] - b'0' + 1 + rng.below(9) as u8) % 10);
                let id = String::from_utf8(d).unwrap();
                if people.ids.contains(&id) {
                    continue;
                }
                (Kind::IdOff, grouped(&id, rng.below(3)))
            }
            _ => {
                let word = |rng: &mut Rng| -> String {
                    (0..5 + rng.below(3))
                        .map(|_| (b'a' + rng.below(26) as u8) as char)
                        .collect()
                };
                (
                    Kind::Nonsense,
                    format!("{} {}", word(&mut rng), word(&mut rng)),
                )
            }
        };
        out.push(BenchQuery {
            kind,
            fts: fts_words(&text),
            text,
            filter: None,
            target: usize::MAX,
        });
    }
    out
}

/// For an absent query: does sohoa present a hit as what was asked for?
/// Exact or folded is a false match (for a changed tone only exact is);
/// a `words` hit is counted apart.
fn false_match(q: &BenchQuery, r: &search::Results) -> (bool, bool) {
    use sohoa::search::MatchKind;
    let wrong = r.hits.iter().any(|h| match q.kind {
        Kind::Nonsense => true,
        Kind::ToneChanged => h.kind == MatchKind::Exact,
        _ => h.kind <= MatchKind::Folded,
    });
    let words = r.hits.iter().any(|h| h.kind == MatchKind::Words);
    (wrong, words)
}

struct BenchQuery {
    kind: Kind,
    /// As an officer types it into sohoa.
    text: String,
    /// Words / phrases for FTS5 MATCH, and its filters.
    fts: String,
    filter: Option<(&'static str, i64, i64)>,
    target: usize,
}

fn fts_words(q: &str) -> String {
    sohoa::text::word_spans(q)
        .into_iter()
        .map(|(a, b)| format!("\"{}\"", &q[a..b]))
        .collect::<Vec<_>>()
        .join(" ")
}

fn queries(truth: &[Truth], n: usize) -> Vec<BenchQuery> {
    let mut rng = Rng(0x5eed_0001);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let target = rng.below(truth.len());
        let t = &truth[target];
        let q = match i % 10 {
            0..=2 => {
                let text = fold(&t.name);
                BenchQuery {
                    kind: Kind::ToneLess,
                    fts: fts_words(&text),
                    text,
                    filter: None,
                    target,
                }
            }
            3 | 4 => BenchQuery {
                kind: Kind::Toned,
                text: t.name.clone(),
                fts: fts_words(&t.name),
                filter: None,
                target,
            },
            5 | 6 => {
                let text = grouped(&t.cccd, rng.below(3));
                BenchQuery {
                    kind: Kind::Id,
                    fts: fts_words(&text),
                    text,
                    filter: None,
                    target,
                }
            }
            7 => BenchQuery {
                kind: Kind::DocNo,
                text: t.doc_no.clone(),
                fts: format!(
                    "\"{}\"",
                    sohoa::text::word_spans(&t.doc_no)
                        .iter()
                        .map(|&(a, b)| &t.doc_no[a..b])
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                filter: None,
                target,
            },
            8 => BenchQuery {
                kind: Kind::Phrase,
                text: format!("\"{}\"", t.name),
                fts: format!("\"{}\"", t.name),
                filter: None,
                target,
            },
            _ => {
                let (lo, hi) = (t.year - 1, t.year + 1);
                let text = format!("{} loai:{} nam:{lo}..{hi}", fold(&t.name), t.doc_type);
                BenchQuery {
                    kind: Kind::Filter,
                    fts: fts_words(&fold(&t.name)),
                    text,
                    filter: Some((t.doc_type, lo, hi)),
                    target,
                }
            }
        };
        out.push(q);
    }
    out
}

/// Is the answer right: the target dossier in the top 3, or for name
/// queries any top-3 dossier of a person with that name (names repeat).
fn correct(q: &BenchQuery, truth: &[Truth], by_id: &HashMap<&str, usize>, top: &[String]) -> bool {
    let t = &truth[q.target];
    top.iter().take(3).any(|id| {
        let Some(&j) = by_id.get(id.as_str()) else {
            return false;
        };
        let o = &truth[j];
        match q.kind {
            Kind::Id | Kind::DocNo => j == q.target,
            Kind::ToneLess => fold(&o.name) == fold(&t.name),
            Kind::Toned | Kind::Phrase => o.name == t.name,
            Kind::Filter => {
                fold(&o.name) == fold(&t.name)
                    && o.doc_type == t.doc_type
                    && (t.year - 1..=t.year + 1).contains(&o.year)
            }
            _ => false, // absent queries have no right answer
        }
    })
}

fn dir_size(p: &Path) -> u64 {
    walk(p)
        .iter()
        .map(|f| f.metadata().map(|m| m.len()).unwrap_or(0))
        .sum()
}

fn walk(p: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            let path = e.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    } else if p.is_file() {
        out.push(p.to_path_buf());
    }
    out
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

struct Row {
    engine: &'static str,
    build_s: f64,
    size_mb: f64,
    p50: f64,
    p99: f64,
    correct: HashMap<Kind, (usize, usize)>,
    /// Absent queries: (false matches, with a `words` hit, asked) per kind.
    absent: HashMap<Kind, (usize, usize, usize)>,
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn sql_str(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let pages: usize =
        arg("--pages").map_or(100_000, |s| s.replace('_', "").parse().expect("--pages N"));
    let nq: usize = arg("--queries").map_or(1000, |s| s.parse().expect("--queries N"));
    let no_fts = args.iter().any(|a| a == "--no-fts");
    // --reuse: keep the sohoa index a previous run built (same corpus).
    let reuse = args.iter().any(|a| a == "--reuse");
    let dir = PathBuf::from(arg("--dir").unwrap_or_else(|| format!("target/bench-search/{pages}")));
    if !reuse {
        let _ = std::fs::remove_dir_all(&dir);
    }
    std::fs::create_dir_all(&dir).unwrap();
    eprintln!("bench-search: {pages} pages into {}", dir.display());

    // Corpus → sohoa index through put_dossier, and → a CSV for FTS5.
    let t0 = Instant::now();
    let index_dir = dir.join("sohoa");
    let index = Index::create_or_open(&index_dir).unwrap();
    let mut writer = index.writer().unwrap();
    let mut rng = Rng(0x5eed_0000);
    let mut truth = Vec::new();
    let mut people = People::default();
    let fts_db_exists = dir.join("fts5.db").is_file();
    let build_fts = !(no_fts || reuse && fts_db_exists);
    let mut csv = build_fts
        .then(|| std::io::BufWriter::new(std::fs::File::create(dir.join("pages.csv")).unwrap()));
    let mut gen_s = 0.0;
    let mut done = 0;
    while done < pages {
        let g = Instant::now();
        let (t, texts, others) = dossier(&mut rng, truth.len());
        for (name, id) in others {
            people.names.insert(name);
            people.ids.insert(id);
        }
        people.names.insert(t.name.clone());
        people.ids.insert(t.cccd.clone());
        let texts: Vec<String> = texts.into_iter().take(pages - done).collect();
        let meta = DossierMeta {
            dossier: t.id.clone(),
            path: format!("/kho/{}", t.id),
            unread: Vec::new(),
        };
        if let Some(w) = csv.as_mut() {
            for (p, text) in texts.iter().enumerate() {
                writeln!(
                    w,
                    "{},{},{},{},{}",
                    csv_field(&t.id),
                    p + 1,
                    t.doc_type,
                    t.year,
                    csv_field(text)
                )
                .unwrap();
            }
        }
        let records: Vec<PageRecord> = texts
            .into_iter()
            .enumerate()
            .map(|(p, text)| record(&t.id, p, text))
            .collect();
        gen_s += g.elapsed().as_secs_f64();
        done += records.len();
        if !reuse {
            writer.put_dossier(&meta, &records).unwrap();
        }
        truth.push(t);
        if truth.len() % 20_000 == 0 {
            eprintln!(
                "bench-search: {done} pages, {:.0} s",
                t0.elapsed().as_secs_f64()
            );
        }
    }
    writer.finish().unwrap();
    drop(csv);
    let sohoa_build = if reuse {
        f64::NAN // built by an earlier run
    } else {
        t0.elapsed().as_secs_f64() - gen_s
    };
    eprintln!(
        "bench-search: sohoa index built in {sohoa_build:.1} s ({} dossiers; generating took {gen_s:.1} s)",
        truth.len()
    );
    let by_id: HashMap<&str, usize> = truth
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut qs = queries(&truth, nq);
    qs.extend(absent_queries(&truth, &people, nq));

    // sohoa: one reader, as `serve` keeps; limit 10 as the web page asks.
    let index = Index::open(&index_dir).unwrap();
    let reader = index.reader().unwrap();
    let searcher = reader.searcher();
    eprintln!(
        "bench-search: sohoa index has {} segments",
        searcher.segment_readers().len()
    );
    let run = |q: &BenchQuery| {
        let req = Request {
            query: q.text.clone(),
            limit: 10,
            offset: 0,
            ..Request::default()
        };
        search::search_with(&index, &searcher, &req).unwrap()
    };
    for q in qs.iter().take(50) {
        run(q); // warm the page cache
    }
    // --probe "q1|q2|…": the latency of extra queries (median of 5 runs),
    // for queries outside the fixed mix such as one common word.
    if let Some(probe) = arg("--probe") {
        for text in probe.split('|') {
            let q = BenchQuery {
                kind: Kind::ToneLess,
                text: text.to_string(),
                fts: String::new(),
                filter: None,
                target: 0,
            };
            let mut ms: Vec<f64> = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    run(&q);
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            ms.sort_by(f64::total_cmp);
            let total = run(&q).total;
            eprintln!(
                "bench-search: probe {text:?}: {:.2} ms, {total} dossiers",
                ms[2]
            );
        }
    }
    let mut lat = Vec::new();
    let mut by_kind: std::collections::BTreeMap<Kind, Vec<(f64, String)>> = Default::default();
    let mut ok: HashMap<Kind, (usize, usize)> = HashMap::new();
    let mut absent: HashMap<Kind, (usize, usize, usize)> = HashMap::new();
    for q in &qs {
        let t = Instant::now();
        let r = run(q);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        lat.push(ms);
        by_kind
            .entry(q.kind)
            .or_default()
            .push((ms, q.text.clone()));
        if q.kind.absent() {
            let (wrong, words) = false_match(q, &r);
            let e = absent.entry(q.kind).or_default();
            e.0 += usize::from(wrong);
            e.1 += usize::from(words);
            e.2 += 1;
            if wrong {
                eprintln!(
                    "bench-search: sohoa false match for absent {:?}: {:?}",
                    q.text,
                    r.hits
                        .iter()
                        .take(3)
                        .map(|h| (h.dossier.as_str(), h.kind.as_str()))
                        .collect::<Vec<_>>()
                );
            }
            continue;
        }
        // Right only with a complete match (exact, folded or words).
        let top: Vec<String> = r
            .hits
            .iter()
            .filter(|h| h.kind.is_complete())
            .map(|h| h.dossier.clone())
            .collect();
        let e = ok.entry(q.kind).or_default();
        e.1 += 1;
        let right = correct(q, &truth, &by_id, &top);
        e.0 += usize::from(right);
        if !right {
            eprintln!(
                "bench-search: sohoa missed {:?} (wanted {}, got {:?})",
                q.text,
                truth[q.target].id,
                &top[..top.len().min(3)]
            );
        }
    }
    lat.sort_by(f64::total_cmp);
    for (kind, mut v) in by_kind {
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        let ms: Vec<f64> = v.iter().map(|x| x.0).collect();
        eprintln!(
            "bench-search: sohoa {kind:?}: p50 {:.2} ms, p99 {:.2} ms, slowest {:.2} ms ({:?})",
            percentile(&ms, 0.5),
            percentile(&ms, 0.99),
            ms[ms.len() - 1],
            v[v.len() - 1].1
        );
    }
    let mut rows = vec![Row {
        engine: "sohoa (tantivy)",
        build_s: sohoa_build,
        size_mb: dir_size(&index_dir) as f64 / 1e6,
        p50: percentile(&lat, 0.5),
        p99: percentile(&lat, 0.99),
        correct: ok,
        absent,
    }];

    if !no_fts {
        rows.push(fts5(&dir, &qs, &truth, &by_id, reuse && fts_db_exists));
    }

    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "\n{pages} pages, {} dossiers, {} queries; load average {}",
        truth.len(),
        qs.len(),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "{:<18} {:>9} {:>9} {:>9} {:>9}  present: right dossier in top 3 with a complete match, all | toneless toned id doc_no phrase filter",
        "engine", "build s", "size MB", "p50 ms", "p99 ms"
    );
    let present = [
        Kind::ToneLess,
        Kind::Toned,
        Kind::Id,
        Kind::DocNo,
        Kind::Phrase,
        Kind::Filter,
    ];
    let absent = [
        Kind::OtherGiven,
        Kind::Swapped,
        Kind::ToneChanged,
        Kind::IdOff,
        Kind::Nonsense,
    ];
    for r in &rows {
        let total: usize = r.correct.values().map(|c| c.0).sum();
        let asked: usize = r.correct.values().map(|c| c.1).sum();
        let per: Vec<String> = present
            .iter()
            .map(|k| {
                let (a, b) = r.correct.get(k).copied().unwrap_or_default();
                format!("{a}/{b}")
            })
            .collect();
        println!(
            "{:<18} {:>9.1} {:>9.0} {:>9.2} {:>9.2}  {total}/{asked} | {}",
            r.engine,
            r.build_s,
            r.size_mb,
            r.p50,
            r.p99,
            per.join(" ")
        );
    }
    println!(
        "\n{:<18} absent: false matches (sohoa: an exact or folded hit, for a changed tone an exact one; \
         nonsense: any hit; FTS5: any row), all | other-given swapped tone-changed id-off nonsense; [with a `words` hit]",
        "engine"
    );
    for r in &rows {
        let wrong: usize = r.absent.values().map(|c| c.0).sum();
        let asked: usize = r.absent.values().map(|c| c.2).sum();
        let words: usize = r.absent.values().map(|c| c.1).sum();
        let per: Vec<String> = absent
            .iter()
            .map(|k| {
                let (a, _, b) = r.absent.get(k).copied().unwrap_or_default();
                format!("{a}/{b}")
            })
            .collect();
        println!(
            "{:<18} {wrong}/{asked} | {} [{words}]",
            r.engine,
            per.join(" ")
        );
    }
}

/// The same corpus and queries through SQLite FTS5 and the sqlite3 tool:
/// one process runs every query with `.timer on` (its own timing per
/// statement), grouped one row per dossier, best bm25 first.
fn fts5(
    dir: &Path,
    qs: &[BenchQuery],
    truth: &[Truth],
    by_id: &HashMap<&str, usize>,
    reuse: bool,
) -> Row {
    let db = dir.join("fts5.db");
    let t0 = Instant::now();
    if reuse {
        return fts5_queries(&db, qs, truth, by_id, f64::NAN);
    }
    let build = format!(
        "CREATE TABLE raw(dossier, page, doc_type, year, text);\n\
         .import --csv {} raw\n\
         CREATE VIRTUAL TABLE pages USING fts5(dossier UNINDEXED, page UNINDEXED, doc_type UNINDEXED, \
         year UNINDEXED, text, tokenize='unicode61 remove_diacritics 2');\n\
         INSERT INTO pages SELECT dossier, page, doc_type, CAST(year AS INTEGER), text FROM raw;\n\
         DROP TABLE raw;\nVACUUM;\n",
        dir.join("pages.csv").display()
    );
    sqlite(&db, &build);
    let build_s = t0.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(dir.join("pages.csv"));
    eprintln!("bench-search: FTS5 built in {build_s:.1} s");
    fts5_queries(&db, qs, truth, by_id, build_s)
}

/// The queries through an FTS5 database built by [`fts5`].
fn fts5_queries(
    db: &Path,
    qs: &[BenchQuery],
    truth: &[Truth],
    by_id: &HashMap<&str, usize>,
    build_s: f64,
) -> Row {
    let mut script = String::from(".mode list\n.separator |\n");
    // Warm-up as for sohoa, then the measured run.
    for (i, q) in qs.iter().take(50).chain(qs.iter()).enumerate() {
        let filter = q
            .filter
            .map(|(t, lo, hi)| {
                format!(
                    " AND doc_type = {} AND year BETWEEN {lo} AND {hi}",
                    sql_str(t)
                )
            })
            .unwrap_or_default();
        script.push_str(&format!(".timer off\nSELECT '@@{i}';\n.timer on\n"));
        script.push_str(&format!(
            "SELECT dossier FROM pages WHERE pages MATCH {}{filter} GROUP BY dossier ORDER BY min(rank) LIMIT 10;\n",
            sql_str(&q.fts)
        ));
    }
    let out = sqlite(db, &script);
    let mut lat = Vec::new();
    let mut ok: HashMap<Kind, (usize, usize)> = HashMap::new();
    let mut absent: HashMap<Kind, (usize, usize, usize)> = HashMap::new();
    let mut current: Option<usize> = None;
    let mut top: Vec<String> = Vec::new();
    let warm = qs.len().min(50);
    for line in out.lines() {
        if let Some(i) = line.strip_prefix("@@") {
            current = i.parse().ok();
            top.clear();
        } else if let Some(rest) = line.strip_prefix("Run Time: real ") {
            let secs: f64 = rest.split_whitespace().next().unwrap().parse().unwrap();
            if let Some(i) = current.filter(|&i| i >= warm) {
                let q = &qs[i - warm];
                lat.push(secs * 1000.0);
                if q.kind.absent() {
                    // FTS5 cannot say how a row matched: any row is presented as a match.
                    let e = absent.entry(q.kind).or_default();
                    e.0 += usize::from(!top.is_empty());
                    e.2 += 1;
                } else {
                    let e = ok.entry(q.kind).or_default();
                    e.1 += 1;
                    e.0 += usize::from(correct(q, truth, by_id, &top));
                }
            }
            current = None;
        } else if current.is_some() {
            top.push(line.to_string());
        }
    }
    lat.sort_by(f64::total_cmp);
    Row {
        engine: "SQLite FTS5",
        build_s,
        size_mb: dir_size(db) as f64 / 1e6,
        p50: percentile(&lat, 0.5),
        p99: percentile(&lat, 0.99),
        correct: ok,
        absent,
    }
}

/// Run an SQL script through the sqlite3 tool; its standard output.
fn sqlite(db: &Path, script: &str) -> String {
    let mut child = std::process::Command::new("sqlite3")
        .arg(db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the sqlite3 tool (Debian package sqlite3)");
    let mut stdin = child.stdin.take().unwrap();
    let script = script.to_string();
    let feeder = std::thread::spawn(move || stdin.write_all(script.as_bytes()));
    let mut out = String::new();
    let stdout = child.stdout.take().unwrap();
    for line in std::io::BufReader::new(stdout).lines() {
        out.push_str(&line.unwrap());
        out.push('\n');
    }
    feeder.join().unwrap().unwrap();
    assert!(child.wait().unwrap().success(), "sqlite3 failed");
    out
}
