//! Tesseract's orientation and script detection (the `osd` model), which
//! the safe `tesseract` wrapper does not expose: the one place sohoa calls
//! Tesseract's C API itself, through `tesseract-sys`.

use crate::preprocess::{self, PageImage};
use crate::{Error, Result};
use std::ffi::CString;

/// Tesseract's orientation and script detection, with the `osd` model
/// (Debian's tesseract-ocr-osd). The safe `tesseract` wrapper does not
/// expose it, so this holds its own `TessBaseAPI` through `tesseract-sys`.
pub(super) struct Osd(std::ptr::NonNull<tesseract_sys::TessBaseAPI>);

// SAFETY: a TessBaseAPI has no thread affinity (the `tesseract` crate's
// `TessBaseApi` is Send for the same reason); it must only not be used by
// two threads at once, and every use below takes `&mut self` or `self`.
// Osd is not Sync.
unsafe impl Send for Osd {}

/// OSD's orientation confidence below which the page is left as it is.
const MIN_OSD_CONFIDENCE: f32 = 3.0;

impl Osd {
    pub(super) fn new() -> Result<Osd> {
        // SAFETY: TessBaseAPICreate takes nothing and returns a new API
        // object or null; null is turned into an error, and the object is
        // owned by the Osd from here on (freed once, in Drop).
        let handle = std::ptr::NonNull::new(unsafe { tesseract_sys::TessBaseAPICreate() })
            .ok_or_else(|| Error::Ocr("cannot create a Tesseract instance".into()))?;
        let osd = Osd(handle);
        let lang = CString::new("osd").unwrap();
        // SAFETY: the handle is live (owned by `osd`); a null datapath asks
        // for the default tessdata folder; `lang` is a NUL-terminated string
        // that outlives the call, which copies it. On failure `osd` is
        // dropped, and End/Delete are valid on an uninitialised object.
        let rc = unsafe {
            tesseract_sys::TessBaseAPIInit3(osd.0.as_ptr(), std::ptr::null(), lang.as_ptr())
        };
        if rc != 0 {
            return Err(Error::Ocr(
                "cannot initialise Tesseract's orientation detection: is the \
                 tesseract-ocr-osd package installed?"
                    .into(),
            ));
        }
        let (k, v) = (
            CString::new("debug_file").unwrap(),
            CString::new("/dev/null").unwrap(),
        );
        // SAFETY: live handle; both strings are NUL-terminated and outlive
        // the call, which copies them. An unknown name only returns false.
        unsafe { tesseract_sys::TessBaseAPISetVariable(osd.0.as_ptr(), k.as_ptr(), v.as_ptr()) };
        Ok(osd)
    }

    /// Clockwise quarter turns that make the page upright (0 when unsure).
    pub(super) fn quarter_turns(&mut self, page: &PageImage) -> u32 {
        let h = self.0.as_ptr();
        let (Ok(w), Ok(ht)) = (i32::try_from(page.width), i32::try_from(page.height)) else {
            return 0;
        };
        // Tesseract reads `height` rows of `width` bytes (1 byte per pixel,
        // `width` bytes per line): the buffer must hold exactly that.
        if w == 0 || ht == 0 || page.gray.len() != page.width as usize * page.height as usize {
            return 0;
        }
        let (mut deg, mut conf) = (0i32, 0f32);
        let mut script: *const std::os::raw::c_char = std::ptr::null();
        let mut script_conf = 0f32;
        // SAFETY: live handle, used by this thread alone (`&mut self`). The
        // buffer holds `ht` rows of `w` bytes (checked above), 1 byte per
        // pixel and `w` bytes per line as passed; SetImage copies it into a
        // Pix of its own, so no pointer into `page` is kept past the call.
        // The out-parameters point at locals that outlive the call; the
        // script name it sets points into Tesseract's own tables and is not
        // read or freed here.
        let ok = unsafe {
            tesseract_sys::TessBaseAPISetImage(h, page.gray.as_ptr(), w, ht, 1, w);
            tesseract_sys::TessBaseAPISetSourceResolution(
                h,
                page.dpi.unwrap_or(preprocess::TARGET_DPI) as i32,
            );
            tesseract_sys::TessBaseAPIDetectOrientationScript(
                h,
                &mut deg,
                &mut conf,
                &mut script,
                &mut script_conf,
            )
        };
        // SAFETY: live handle; Clear frees the copied image and results and
        // leaves the object ready for the next page.
        unsafe { tesseract_sys::TessBaseAPIClear(h) };
        tracing::debug!(deg, conf, "orientation");
        if ok == 0 || conf < MIN_OSD_CONFIDENCE {
            return 0;
        }
        // `deg` is how far the page is turned clockwise; turning it back by
        // as much (4 − n quarter turns clockwise) makes it upright.
        (4 - ((deg.rem_euclid(360) + 45) / 90) as u32 % 4) % 4
    }
}

impl Drop for Osd {
    fn drop(&mut self) {
        // SAFETY: the handle came from TessBaseAPICreate, is owned by this
        // Osd alone and is not used after this: End frees the model and
        // Delete the object, once.
        unsafe {
            tesseract_sys::TessBaseAPIEnd(self.0.as_ptr());
            tesseract_sys::TessBaseAPIDelete(self.0.as_ptr());
        }
    }
}
