//! Values as an officer reads them: type names in Vietnamese, dates as
//! dd/mm/yyyy, amounts with dot groups and "đồng", "Nam"/"Nữ". The API keeps
//! the contract's forms (slugs, ISO dates, integers); only pages use these.

/// `YYYY-MM-DD` as `dd/mm/yyyy`; `YYYY-MM` as `mm/yyyy`; anything else as is.
pub(super) fn date_vi(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts[..] {
        [y, m, d] if y.len() == 4 => format!("{d}/{m}/{y}"),
        [y, m] if y.len() == 4 => format!("{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// 2055000 as "2.055.000 đồng".
pub(super) fn amount_vi(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + 10);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out.push_str(" đồng");
    out
}

/// A document type slug as its Vietnamese name ("quyet_dinh" → "Quyết định").
pub(super) fn type_vi(slug: &str) -> String {
    crate::extract::doc_type_name(slug).map_or_else(|| slug.to_string(), str::to_string)
}

/// One field value as shown on a page.
pub(super) fn value_vi(key: &str, v: &serde_json::Value) -> String {
    let s = v.as_str().map_or_else(|| v.to_string(), str::to_string);
    match key {
        "doc_type" => type_vi(&s),
        "signed_date" | "date_of_birth" => date_vi(&s),
        "amount_vnd" => v.as_u64().map_or(s, amount_vi),
        "gender" => match s.as_str() {
            "nam" => "Nam".into(),
            "nu" => "Nữ".into(),
            _ => s,
        },
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_read_as_on_paper() {
        assert_eq!(date_vi("2022-11-26"), "26/11/2022");
        assert_eq!(date_vi("1948"), "1948");
        assert_eq!(amount_vi(2_055_000), "2.055.000 đồng");
        assert_eq!(amount_vi(500), "500 đồng");
        assert_eq!(value_vi("doc_type", &json!("quyet_dinh")), "Quyết định");
        assert_eq!(value_vi("gender", &json!("nu")), "Nữ");
        assert_eq!(value_vi("amount_vnd", &json!(1500000)), "1.500.000 đồng");
        assert_eq!(value_vi("full_name", &json!("Lò Văn Minh")), "Lò Văn Minh");
    }
}
