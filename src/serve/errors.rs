//! Errors as the officer sees them: a page in the site's layout (header,
//! search box, a way home) that says in Vietnamese what went wrong, with
//! the right status; the API and images keep a short text answer (the
//! Vietnamese words, then the English ones in brackets).

use super::*;

/// Something a request could not get, said in both languages.
#[derive(Debug, Clone)]
pub(super) struct Problem {
    pub status: StatusCode,
    /// What the page says.
    pub vi: String,
    /// The API's words (its `{"error"}` and text answers keep them).
    pub en: String,
}

impl Problem {
    pub fn new(status: StatusCode, vi: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            status,
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// A server-side failure: the details are the engine's words.
    pub fn internal(e: impl std::fmt::Display) -> Problem {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Máy chủ gặp lỗi khi xử lý yêu cầu này. Thử lại; nếu vẫn lỗi, báo cho người quản trị.",
            e.to_string(),
        )
    }

    /// A short text answer (API, images).
    pub fn plain(&self) -> Response {
        problem(self.status, &format!("{} ({})", self.vi, self.en))
    }

    /// A page in the site's layout.
    pub fn page(&self) -> Response {
        error_page(self.status, &self.vi)
    }
}

/// The heading of an error page for its status.
fn heading(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "Yêu cầu không hợp lệ",
        401 => "Cần đăng nhập",
        403 => "Không có quyền",
        429 => "Thử lại sau",
        404 => "Không tìm thấy",
        503 => "Chưa sẵn sàng",
        _ => "Đã xảy ra lỗi",
    }
}

/// An error page: heading, what happened, links home and to the list.
pub(super) fn error_page(status: StatusCode, message: &str) -> Response {
    let title = heading(status);
    let body = format!(
        "<section class=\"error\" aria-labelledby=\"err-h\"><h1 id=\"err-h\">{title}</h1>\
         <p id=\"error\">{}</p><p class=\"meta\">Mã lỗi HTTP {}</p>\
         <p><a id=\"home\" href=\"/\">← Về trang tra cứu</a> · <a href=\"/dossiers\">Xem danh sách hồ sơ</a></p>\
         <p>Hoặc tìm hồ sơ bằng ô tìm kiếm ở đầu trang.</p></section>",
        esc(message),
        status.as_u16()
    );
    (status, page_layout(title, &body, Some(""))).into_response()
}

/// The answer for an address the server does not have.
pub(super) async fn not_found() -> Response {
    error_page(
        StatusCode::NOT_FOUND,
        "Không có trang nào ở địa chỉ này. Có thể đường dẫn bị gõ sai hoặc đã cũ.",
    )
}
