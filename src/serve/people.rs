//! The people of a dossier, one row each with their role, on the dossier
//! page. The dossier-level fields gather every name, birth date and ID the
//! pages hold into one list per key, so in an application for a mother and
//! her child "Quách Thị Mai, Tô Minh Khang" stood above "03/04/1988,
//! 21/06/2019" and nothing said whose date was whose. The stored analysis
//! already keeps each person as a record (`Analysis::records`, the values
//! one label block or list row gave together, with the role its label
//! says); this table shows those records, each value with its check.

use super::*;
use crate::extract::{Analysis, Record};
use std::collections::HashSet;

/// The record keys the people table shows, in column order after the name.
const PERSON_KEYS: [&str; 5] = [
    "date_of_birth",
    "gender",
    "citizen_id",
    "social_insurance_no",
    "health_insurance_no",
];

/// True for the field keys that belong to a person; when the dossier names
/// more than one person, the fields table leaves them to the people table.
pub(super) fn is_person_key(key: &str) -> bool {
    key == "full_name" || PERSON_KEYS.contains(&key)
}

/// True when the dossier names more than one person (signers aside), so
/// that its personal values are shown per person rather than pooled.
pub(super) fn several_people(analysis: &Analysis) -> bool {
    analysis.records.iter().filter(|r| !is_signer(r)).count() > 1
}

fn is_signer(r: &Record) -> bool {
    r.role.as_deref() == Some("nguoi_ky")
}

/// A role slug as the officer says it.
pub(super) fn role_vi(r: &Record) -> String {
    let role = match r.role.as_deref() {
        Some("nguoi_de_nghi") => "Người đề nghị",
        Some("nguoi_duoc_khai_sinh") => "Người được khai sinh",
        Some("me") => "Mẹ",
        Some("cha") => "Cha",
        Some("con") => "Con",
        Some("liet_si") => "Liệt sĩ",
        Some("nguoi_ky") => "Người ký",
        Some(other) => other,
        None => "",
    };
    match (&r.position, role) {
        (Some(p), "Người ký") => format!("Người ký ({})", crate::text::nfc(p)),
        _ => role.to_string(),
    }
}

/// The people table; `shown` gains each (key, value) it shows, so the
/// checks list below the fields does not repeat them. Empty when the
/// dossier names at most one person besides its signers.
pub(super) fn people_html(analysis: &Analysis, shown: &mut HashSet<(String, String)>) -> String {
    if !several_people(analysis) {
        return String::new();
    }
    let people = &analysis.records;
    let mut out = format!(
        "<h2 id=\"nguoi\">Người trong hồ sơ ({})</h2><div class=\"wide\"><table class=\"docs people\">\
         <thead><tr><th scope=\"col\">Họ và tên</th><th scope=\"col\">Vai trò</th>\
         <th scope=\"col\">Ngày sinh</th><th scope=\"col\">Giới tính</th>\
         <th scope=\"col\">Giấy tờ</th><th scope=\"col\">Trang</th></tr></thead><tbody>",
        people.len()
    );
    for r in people {
        let cell = |key: &str, shown: &mut HashSet<(String, String)>| -> String {
            match r.get(key) {
                Some(v) => {
                    shown.insert((key.to_string(), v.to_string()));
                    value_html(key, &serde_json::Value::String(v.to_string()), analysis)
                }
                None => "—".into(),
            }
        };
        let name = cell("full_name", shown);
        let born = cell("date_of_birth", shown);
        let gender = cell("gender", shown);
        let papers: Vec<String> = PERSON_KEYS[2..]
            .iter()
            .filter(|k| r.get(k).is_some())
            .map(|k| {
                format!(
                    "<li><span class=\"k\">{}:</span> {}</li>",
                    esc(field_label(k)),
                    cell(k, shown)
                )
            })
            .collect();
        let papers = if papers.is_empty() {
            "—".to_string()
        } else {
            format!("<ul class=\"vals\">{}</ul>", papers.concat())
        };
        let role = role_vi(r);
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{name}</th><td data-label=\"Vai trò\">{}</td>\
             <td data-label=\"Ngày sinh\">{born}</td><td data-label=\"Giới tính\">{gender}</td>\
             <td data-label=\"Giấy tờ\">{papers}</td>\
             <td data-label=\"Trang\"><a href=\"#trang-{p}\">{p}</a></td></tr>",
            if role.is_empty() {
                "—".into()
            } else {
                esc(&role)
            },
            p = r.page
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Check, CheckState};

    fn person(name: &str, born: Option<&str>, role: Option<&str>) -> Record {
        let mut r = Record::default();
        r.full_name = Some(name.into());
        r.date_of_birth = born.map(str::to_string);
        r.role = role.map(str::to_string);
        r.page = 1;
        r
    }

    #[test]
    fn each_person_is_a_row_with_role_and_own_checks() {
        let mut mother = person("Quách Thị Mai", Some("1988-04-03"), Some("nguoi_de_nghi"));
        mother.citizen_id = Some("099188012345".into());
        let child = person("Tô Minh Khang", Some("2019-06-21"), Some("con"));
        let analysis = Analysis {
            records: vec![mother, child],
            checks: vec![Check {
                key: "citizen_id".into(),
                value: "099188012345".into(),
                valid: false,
                check: CheckState::Invalid,
                reason: "province code 099 does not exist".into(),
                suggested: None,
                page: Some(1),
            }],
            ..Analysis::default()
        };
        let mut shown = HashSet::new();
        let html = people_html(&analysis, &mut shown);
        let rows: Vec<&str> = html.split("<tr>").skip(2).collect();
        assert_eq!(rows.len(), 2, "{html}");
        assert!(rows[0].contains("Quách Thị Mai") && rows[0].contains("03/04/1988"));
        assert!(rows[0].contains("Người đề nghị") && rows[0].contains("✗ Không hợp lệ"));
        assert!(rows[1].contains("Tô Minh Khang") && rows[1].contains("21/06/2019"));
        assert!(rows[1].contains("Con") && !rows[1].contains("099188012345"));
        assert!(shown.contains(&("citizen_id".into(), "099188012345".into())));
    }

    #[test]
    fn one_person_and_signers_need_no_table() {
        let analysis = Analysis {
            records: vec![
                person("Trần Văn Bảy", None, None),
                person("Nguyễn Đức Thành", None, Some("nguoi_ky")),
            ],
            ..Analysis::default()
        };
        assert_eq!(people_html(&analysis, &mut HashSet::new()), "");
        let mut signer = person("Nguyễn Đức Thành", None, Some("nguoi_ky"));
        signer.position = Some("PHÓ GIÁM ĐỐC".into());
        assert_eq!(role_vi(&signer), "Người ký (PHÓ GIÁM ĐỐC)");
    }
}
