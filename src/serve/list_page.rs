//! The list of every dossier (`/dossiers`), to browse without a query:
//! paged, sorted by name, signing date, type or id, each row with its title
//! and key fields, and the mark of files that could not be read. It reads
//! what `sohoa list` reads (the dossier documents of the index and their
//! stored analysis), once per request.

use super::*;

/// Rows per page of the list.
const LIST_PAGE: usize = 25;

/// How the list is sorted (`sort=`).
#[derive(Clone, Copy, PartialEq)]
enum Sort {
    Id,
    Name,
    Date,
    Type,
}

impl Sort {
    fn parse(s: Option<&str>) -> Option<Sort> {
        match s.unwrap_or("ma") {
            "ma" => Some(Sort::Id),
            "ten" => Some(Sort::Name),
            "ngay" => Some(Sort::Date),
            "loai" => Some(Sort::Type),
            _ => None,
        }
    }
    fn key(self) -> &'static str {
        match self {
            Sort::Id => "ma",
            Sort::Name => "ten",
            Sort::Date => "ngay",
            Sort::Type => "loai",
        }
    }
}

/// One row: what the table shows and sorts on.
struct Row {
    id: String,
    title: String,
    name: String,
    date: String,
    doc_type: String,
    number: String,
    pages: u64,
    unread: usize,
    to_check: usize,
}

fn list_url(sort: Sort, offset: usize) -> String {
    let mut url = format!("/dossiers?sort={}", sort.key());
    if offset > 0 {
        let _ = write!(url, "&offset={offset}");
    }
    url
}

pub(super) async fn page_list(
    State(state): State<Shared>,
    viewer: Viewer,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let Some(sort) = Sort::parse(map.get("sort").map(String::as_str)) else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Cách sắp xếp phải là một trong: ma, ten, ngay, loai.",
        );
    };
    let offset = match map.get("offset").map(|s| s.trim().parse::<usize>()) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            return error_page(
                StatusCode::BAD_REQUEST,
                "Tham số offset= phải là một số nguyên không âm.",
            )
        }
    };
    let st = Arc::clone(&state);
    let rows = tokio::task::spawn_blocking(move || -> Result<Vec<Row>> {
        let live = st.live()?;
        let searcher = live.reader.searcher();
        let mut analyses = live.index.analyses(&searcher)?;
        let store = live.index.store()?;
        // Only the viewer's fonds.
        let rows = search::list(&live.index)?
            .into_iter()
            .filter(|d| viewer.may_see(&d.dossier))
            .map(|d| {
                let analysis = analyses.remove(&d.dossier).unwrap_or_default();
                let first = |key: &str| {
                    analysis
                        .fields
                        .get(key)
                        .and_then(|v| v.first())
                        .map(|v| value_vi(key, v))
                        .unwrap_or_default()
                };
                Row {
                    title: dossier_title(&d.dossier, &analysis),
                    name: first("full_name"),
                    // Sortable: ISO; shown as dd/mm/yyyy.
                    date: analysis
                        .fields
                        .get("signed_date")
                        .and_then(|v| v.first())
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_string(),
                    doc_type: if d.doc_type.is_empty() {
                        String::new()
                    } else {
                        type_vi(&d.doc_type)
                    },
                    number: first("document_no"),
                    pages: d.pages,
                    unread: store.read_meta(&d.dossier).map_or(0, |m| m.unread.len()),
                    to_check: analysis
                        .checks
                        .iter()
                        .filter(|c| c.check != crate::extract::CheckState::Valid)
                        .count(),
                    id: d.dossier,
                }
            })
            .collect();
        Ok(rows)
    })
    .await;
    let mut rows = match rows {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => return Problem::internal(e).page(),
        Err(e) => return Problem::internal(e).page(),
    };
    let natural = crate::text::natural_cmp;
    match sort {
        Sort::Id => {}
        Sort::Name => rows.sort_by(|a, b| {
            // By given name, as Vietnamese lists are: the last word first.
            let given = |r: &Row| {
                let mut w: Vec<String> = crate::text::fold(&r.name)
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                let one = 1.min(w.len());
                w.rotate_right(one);
                w.join(" ")
            };
            (a.name.is_empty(), given(a))
                .cmp(&(b.name.is_empty(), given(b)))
                .then(natural(&a.id, &b.id))
        }),
        // Newest first; undated last.
        Sort::Date => rows.sort_by(|a, b| {
            (a.date.is_empty(), std::cmp::Reverse(&a.date))
                .cmp(&(b.date.is_empty(), std::cmp::Reverse(&b.date)))
                .then(natural(&a.id, &b.id))
        }),
        Sort::Type => rows.sort_by(|a, b| {
            (a.doc_type.is_empty(), crate::text::fold(&a.doc_type))
                .cmp(&(b.doc_type.is_empty(), crate::text::fold(&b.doc_type)))
                .then(natural(&a.id, &b.id))
        }),
    }
    let total = rows.len();
    let here = list_url(sort, offset);
    let mut body = format!(
        "<h1>Danh sách hồ sơ</h1><p class=\"meta\" id=\"count\">{total} hồ sơ · sắp xếp theo {}</p>",
        match sort {
            Sort::Id => "mã hồ sơ",
            Sort::Name => "tên người",
            Sort::Date => "ngày ký (mới nhất trước)",
            Sort::Type => "loại văn bản",
        }
    );
    let th = |label: &str, s: Sort| {
        let sorted = if s == sort {
            " aria-sort=\"ascending\""
        } else {
            ""
        };
        let sorted = if s == sort && s == Sort::Date {
            " aria-sort=\"descending\""
        } else {
            sorted
        };
        format!(
            "<th scope=\"col\"{sorted}><a href=\"{}\">{label}</a></th>",
            esc(&list_url(s, 0))
        )
    };
    let _ = write!(
        body,
        "<div class=\"wide\"><table class=\"list\" id=\"list\"><caption class=\"sr\">Hồ sơ, bấm tên cột để sắp xếp</caption>\
         <thead><tr>{}{}<th scope=\"col\">Số văn bản</th>{}{}<th scope=\"col\">Trang</th></tr></thead><tbody>",
        th("Hồ sơ", Sort::Id),
        th("Loại", Sort::Type),
        th("Ngày ký", Sort::Date),
        th("Họ tên", Sort::Name),
    );
    for r in rows.iter().skip(offset).take(LIST_PAGE) {
        let url = format!("/dossiers/{}?from={}", url_encode(&r.id), url_encode(&here));
        let mut flags = String::new();
        if r.unread > 0 {
            let _ = write!(
                flags,
                " <span class=\"flag bad\">⚠ {} tệp không đọc được</span>",
                r.unread
            );
        }
        if r.to_check > 0 {
            let _ = write!(
                flags,
                " <span class=\"flag doubt\">{} giá trị cần kiểm tra</span>",
                r.to_check
            );
        }
        flags.insert_str(0, copy_flag(&r.id));
        let _ = write!(
            body,
            "<tr><td><a href=\"{}\">{}</a>{flags}<br><span class=\"meta\">{}</span></td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&url),
            esc(&r.title),
            esc(&r.id),
            esc(&r.doc_type),
            esc(&r.number),
            esc(&date_vi(&r.date)),
            esc(&r.name),
            r.pages
        );
    }
    body.push_str("</tbody></table></div><nav class=\"pager\" aria-label=\"Trang danh sách\">");
    body.push_str(&pager_links(offset, LIST_PAGE, total, |o| {
        list_url(sort, o)
    }));
    body.push_str("</nav>");
    page_layout("Danh sách hồ sơ", &body, Some("")).into_response()
}
