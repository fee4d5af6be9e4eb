//! A small safe wrapper over the Leptonica functions the clean-up needs.
//!
//! Leptonica is the image library Tesseract itself is built on, and it is
//! already linked into sohoa through the `tesseract` crate. It has mature,
//! fast implementations of exactly the operations a scan needs (background
//! normalisation, Sauvola binarisation, skew search, area-map rotation,
//! scaling, connected components, and TIFF reading for CCITT G3 and the
//! other compressions the `tiff` crate lacks), so they are used rather than
//! rewritten. Every `unsafe` call is here, behind an owning [`Pix`] that
//! frees its image on drop; a null result becomes an `Err` with the name of
//! the operation.

use leptonica_sys as l;
use std::ptr::NonNull;
use std::sync::Once;

/// An owned Leptonica image. It holds the only reference to its PIX
/// (Leptonica refcount 1): results that Leptonica hands back as clones of
/// the input are replaced by copies (see [`Pix::derived`]).
pub struct Pix(NonNull<l::Pix>);

// SAFETY: a PIX is plain malloc'd memory (header, pixel data, optional
// colormap and text) with no thread affinity, so it may be used and freed
// on any thread. A Pix holds the only reference to its PIX, so no other
// thread can touch the same non-atomic refcount or pixel data. Pix is not
// Sync: Leptonica functions that take `&self`'s PIX may bump and restore
// its refcount internally (pixClone), which is only safe on one thread.
unsafe impl Send for Pix {}

impl Drop for Pix {
    fn drop(&mut self) {
        let mut p = self.0.as_ptr();
        // SAFETY: p is non-null and is the only reference to this PIX, and
        // drop runs once, so pixDestroy frees it exactly once. It sets only
        // the local copy p to null; self.0 is never used again.
        unsafe { l::pixDestroy(&mut p) };
    }
}

fn quiet() {
    static ONCE: Once = Once::new();
    // Leptonica writes its warnings to stderr; failures reach the user as
    // values instead.
    // SAFETY: setMsgSeverity takes no pointers; it stores an int in a
    // Leptonica global, and Once makes this the only write from sohoa.
    // Leptonica has no lock for that global: a Leptonica call running at
    // the same moment on another thread (e.g. in Tesseract) may read it
    // while it is written. It is an aligned 32-bit int that only decides
    // whether a message is printed.
    ONCE.call_once(|| unsafe {
        l::setMsgSeverity(l::L_SEVERITY_NONE as i32);
    });
}

fn own(p: *mut l::Pix, what: &str) -> Result<Pix, String> {
    NonNull::new(p)
        .map(Pix)
        .ok_or_else(|| format!("image operation failed: {what}"))
}

impl Pix {
    fn ptr(&self) -> *mut l::Pix {
        self.0.as_ptr()
    }

    /// Takes ownership of `p`, the result of a Leptonica operation on
    /// `self`. Some operations (pixRotate for an angle under 0.001 rad)
    /// return a clone: the same PIX with its refcount raised. Two `Pix`
    /// sharing one PIX could then be sent to two threads and race on the
    /// refcount, so a clone is swapped for an independent copy.
    fn derived(&self, p: *mut l::Pix, what: &str) -> Result<Pix, String> {
        if p != self.ptr() {
            return own(p, what);
        }
        let mut clone = p;
        // SAFETY: clone is self's PIX with one extra reference, owned here.
        // pixDestroy drops only that reference (the refcount goes back to
        // 1, nothing is freed) and nulls the local `clone`.
        unsafe { l::pixDestroy(&mut clone) };
        // SAFETY: self.ptr() is a valid PIX borrowed for the call; with a
        // null pixd, pixCopy allocates a new PIX (or returns null) and
        // does not keep a reference to the source.
        let copy = unsafe { l::pixCopy(std::ptr::null_mut(), self.ptr()) };
        own(copy, what)
    }

    /// An 8-bit grey image from row-major bytes.
    pub fn from_gray(width: u32, height: u32, gray: &[u8]) -> Result<Pix, String> {
        quiet();
        let (w, h) = (width as usize, height as usize);
        if w.checked_mul(h).is_none_or(|n| gray.len() < n) {
            return Err("grey buffer smaller than the image".into());
        }
        let pix = own(
            // SAFETY: plain integer arguments. A width or height of 0, or
            // over i32::MAX (negative after the cast), or an image of 2^31
            // bytes or more makes pixCreate return null, which `own` turns
            // into an Err. On success the new PIX is exactly width x height
            // x 8 bpp, zero-filled, and owned by `pix`.
            unsafe { l::pixCreate(width as i32, height as i32, 8) },
            "create",
        )?;
        // SAFETY: pix.ptr() is a valid PIX owned by `pix`.
        let wpl = unsafe { l::pixGetWpl(pix.ptr()) } as usize;
        // SAFETY: as above; the pointer returned is owned by the PIX.
        let data = unsafe { l::pixGetData(pix.ptr()) };
        if data.is_null() {
            return Err("image operation failed: create".into());
        }
        // SAFETY: data is non-null and pixCreate allocated exactly wpl * h
        // u32 words for it (wpl * h * 4 < 2^31, so no overflow). The PIX
        // was just created and nothing else refers to it, so this is the
        // only access to the words while `words` lives; `pix` outlives it.
        let words = unsafe { std::slice::from_raw_parts_mut(data, wpl * h) };
        for (row, src) in words.chunks_mut(wpl).zip(gray.chunks(w)) {
            // Leptonica keeps pixel 0 in the most significant byte of a word.
            let mut chunks = src.chunks_exact(4);
            for (word, px) in row.iter_mut().zip(&mut chunks) {
                *word = u32::from_be_bytes([px[0], px[1], px[2], px[3]]);
            }
            let rest = chunks.remainder();
            if !rest.is_empty() {
                let mut px = [255u8; 4];
                px[..rest.len()].copy_from_slice(rest);
                row[w / 4] = u32::from_be_bytes(px);
            }
        }
        Ok(pix)
    }

    /// Page `n` (0-based directory) of a TIFF in memory.
    pub fn read_tiff(bytes: &[u8], n: usize) -> Result<Pix, String> {
        quiet();
        own(
            // SAFETY: bytes.as_ptr() is non-null and valid for bytes.len()
            // bytes for the whole call. Leptonica only reads it (a read-only
            // memstream bounded by the size) and closes the stream before
            // returning; the new PIX copies the pixels and does not point
            // into `bytes`. A bad or missing page gives null, so Err.
            unsafe { l::pixReadMemTiff(bytes.as_ptr(), bytes.len(), n as i32) },
            "TIFF read (Leptonica)",
        )
    }

    pub fn width(&self) -> u32 {
        // SAFETY: self.ptr() is a valid PIX that self owns; the getter only
        // reads a header field.
        unsafe { l::pixGetWidth(self.ptr()) as u32 }
    }

    pub fn height(&self) -> u32 {
        // SAFETY: self.ptr() is a valid PIX that self owns; the getter only
        // reads a header field.
        unsafe { l::pixGetHeight(self.ptr()) as u32 }
    }

    pub fn depth(&self) -> u32 {
        // SAFETY: self.ptr() is a valid PIX that self owns; the getter only
        // reads a header field.
        unsafe { l::pixGetDepth(self.ptr()) as u32 }
    }

    /// Resolution stored with the image (0 when unknown).
    pub fn resolution(&self) -> (u32, u32) {
        // SAFETY: self.ptr() is a valid PIX that self owns; the getters
        // only read header fields.
        unsafe {
            (
                l::pixGetXRes(self.ptr()).max(0) as u32,
                l::pixGetYRes(self.ptr()).max(0) as u32,
            )
        }
    }

    /// Any depth (1-bit, palette, RGB) to 8-bit grey.
    pub fn to_8bit(&self) -> Result<Pix, String> {
        self.derived(
            // SAFETY: self.ptr() is a valid PIX borrowed for the call and
            // only read. The result is a new PIX (documented as never a
            // clone) or null for an unsupported depth.
            unsafe { l::pixConvertTo8(self.ptr(), 0) },
            "convert to grey",
        )
    }

    /// Row-major grey bytes of an 8-bit image (1 = black for 1-bit images
    /// becomes 0, as everywhere else in sohoa).
    pub fn gray_bytes(&self) -> Result<Vec<u8>, String> {
        let pix8;
        // SAFETY: self.ptr() is a valid PIX that self owns; the getter only
        // reads a header field (the colormap stays owned by the PIX).
        let palette = !unsafe { l::pixGetColormap(self.ptr()) }.is_null();
        // An 8-bit palette image holds indices, not grey levels: converted.
        let src = if self.depth() == 8 && !palette {
            self
        } else {
            pix8 = self.to_8bit()?;
            &pix8
        };
        let (w, h) = (src.width() as usize, src.height() as usize);
        // SAFETY: src.ptr() is a valid PIX owned by self or by pix8.
        let wpl = unsafe { l::pixGetWpl(src.ptr()) } as usize;
        // SAFETY: as above; the pointer returned is owned by the PIX.
        let data = unsafe { l::pixGetData(src.ptr()) };
        if data.is_null() {
            return Err("image operation failed: read pixels".into());
        }
        // SAFETY: data is non-null and the PIX's buffer holds wpl * h u32
        // words (Leptonica's layout for any depth). src is 8 bpp, so each
        // row of wpl words holds at least w bytes. Nothing writes to the
        // PIX while `words` lives, and src (self or pix8) outlives it.
        let words = unsafe { std::slice::from_raw_parts(data, wpl * h) };
        let mut out = Vec::with_capacity(wpl * 4 * h);
        for row in words.chunks(wpl) {
            let start = out.len();
            for word in row {
                out.extend_from_slice(&word.to_be_bytes());
            }
            out.truncate(start + w);
        }
        Ok(out)
    }

    /// Scale by separate horizontal and vertical factors (smoothing when
    /// shrinking, linear interpolation when enlarging).
    pub fn scale(&self, sx: f32, sy: f32) -> Result<Pix, String> {
        // SAFETY: self.ptr() is a valid PIX borrowed for the call and only
        // read. The result is a new PIX or null.
        self.derived(unsafe { l::pixScale(self.ptr(), sx, sy) }, "scale")
    }

    /// Rotate by `quads` quarter turns clockwise.
    pub fn rotate_orth(&self, quads: u32) -> Result<Pix, String> {
        self.derived(
            // SAFETY: self.ptr() is a valid PIX borrowed for the call and
            // only read; quads is in 0..=3 as required. The result is a new
            // PIX (a copy for 0 turns) or null.
            unsafe { l::pixRotateOrth(self.ptr(), (quads % 4) as i32) },
            "rotate by quarter turns",
        )
    }

    /// Rotate by `degrees` clockwise about the centre, keeping the size and
    /// bringing in white at the corners (area mapping: measured better for
    /// OCR than rotation by shears, even on bilevel pages).
    pub fn rotate(&self, degrees: f32) -> Result<Pix, String> {
        let method = l::L_ROTATE_AREA_MAP;
        self.derived(
            // SAFETY: self.ptr() is a valid PIX borrowed for the call and
            // only read; type and incolor are valid enum values, and 0, 0
            // means no embedding. The result is a new PIX, null, or, for an
            // angle under 0.001 rad, a clone of self, which `derived`
            // replaces by a copy.
            unsafe {
                l::pixRotate(
                    self.ptr(),
                    degrees.to_radians(),
                    method as i32,
                    l::L_BRING_IN_WHITE as i32,
                    0,
                    0,
                )
            },
            "rotate",
        )
    }

    /// Flatten uneven illumination: the background becomes a uniform light
    /// grey, the ink keeps its contrast against it.
    pub fn background_norm(&self) -> Result<Pix, String> {
        self.derived(
            // SAFETY: self.ptr() is a valid PIX borrowed for the call and
            // only read; the image mask and grey version are optional and
            // may be null. The result is a new PIX (a copy if no map could
            // be made) or null.
            unsafe {
                l::pixBackgroundNormSimple(self.ptr(), std::ptr::null_mut(), std::ptr::null_mut())
            },
            "background normalisation",
        )
    }

    /// Sauvola local threshold (1-bit result): a pixel is ink when darker
    /// than its neighbourhood's mean by more than the local contrast says.
    /// The window is narrowed to fit a small page (Leptonica refuses a
    /// window larger than the image or its tiles); a page too small for
    /// any window (under 8 pixels a side) is thresholded globally.
    pub fn sauvola(&self, half_window: u32, k: f32) -> Result<Pix, String> {
        let mut out: *mut l::Pix = std::ptr::null_mut();
        let tiles = |side: u32| (side / 600).clamp(1, 8);
        let (w, h) = (self.width(), self.height());
        let tile_side = (w / tiles(w)).min(h / tiles(h));
        // Leptonica needs w, h >= 2 * half + 3 per tile, and half >= 2.
        let fit = tile_side.saturating_sub(3) / 2;
        if fit < 2 {
            return self.threshold(128);
        }
        let half_window = half_window.min(fit);
        let tiles = |side: u32| tiles(side) as i32;
        // SAFETY: self.ptr() is a valid PIX borrowed for the call and only
        // read. ppixth may be null (optional); &mut out is a valid pointer
        // to a local. Leptonica sets *ppixd to null first, so `out` is
        // either null or a new PIX that we now own.
        let rc = unsafe {
            l::pixSauvolaBinarizeTiled(
                self.ptr(),
                half_window as i32,
                k,
                tiles(w),
                tiles(h),
                std::ptr::null_mut(),
                &mut out,
            )
        };
        if rc != 0 {
            // Leptonica leaves `out` null on error; if not, it is freed here
            // once and the early return keeps it from reaching `own`.
            if let Some(p) = NonNull::new(out) {
                drop(Pix(p));
            }
            return Err("image operation failed: Sauvola binarisation".into());
        }
        own(out, "Sauvola binarisation")
    }

    /// Global threshold to 1 bit: values below `thresh` are ink.
    pub fn threshold(&self, thresh: u8) -> Result<Pix, String> {
        self.derived(
            // SAFETY: self.ptr() is a valid PIX borrowed for the call and
            // only read. The result is a new 1 bpp PIX or null.
            unsafe { l::pixThresholdToBinary(self.ptr(), i32::from(thresh)) },
            "threshold",
        )
    }

    /// Skew of the text lines of a 1-bit image, in degrees (the clockwise
    /// rotation that levels them), with Leptonica's confidence; searches
    /// ±`range` degrees.
    pub fn find_skew(&self, range: f32) -> Option<(f32, f32)> {
        let (mut angle, mut conf) = (0f32, 0f32);
        // SAFETY: self.ptr() is a valid PIX borrowed for the call and only
        // read; &mut angle and &mut conf point to live locals that
        // Leptonica writes one f32 each to. Nothing is allocated for us.
        let rc = unsafe {
            l::pixFindSkewSweepAndSearch(self.ptr(), &mut angle, &mut conf, 4, 2, range, 0.5, 0.01)
        };
        (rc == 0).then_some((angle, conf))
    }

    /// Bounding boxes (x, y, w, h) of the 8-connected ink components of a
    /// 1-bit image.
    pub fn components(&self) -> Result<Vec<[u32; 4]>, String> {
        // SAFETY: self.ptr() is a valid PIX borrowed for the call and only
        // read; the pixa output is optional and may be null. The result is
        // a new BOXA that we own, or null (checked below).
        let boxa = unsafe { l::pixConnComp(self.ptr(), std::ptr::null_mut(), 8) };
        if boxa.is_null() {
            return Err("image operation failed: connected components".into());
        }
        // SAFETY: boxa is non-null and owned here until boxaDestroy below.
        let n = unsafe { l::boxaGetCount(boxa) }.max(0);
        let mut out = Vec::with_capacity(n as usize);
        for i in 0..n {
            let (mut x, mut y, mut w, mut h) = (0, 0, 0, 0);
            // SAFETY: boxa is valid and 0 <= i < its count; the four
            // pointers are to live i32 locals. The box it reads stays
            // owned by boxa.
            if unsafe { l::boxaGetBoxGeometry(boxa, i, &mut x, &mut y, &mut w, &mut h) } == 0 {
                out.push([x as u32, y as u32, w as u32, h as u32]);
            }
        }
        let mut b = boxa;
        // SAFETY: boxa is non-null, owned here and freed only here (no
        // early return lies between pixConnComp and this line); the
        // geometry was copied into `out`. boxaDestroy nulls the local b.
        unsafe { l::boxaDestroy(&mut b) };
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grey_bytes_round_trip_through_leptonica() {
        let (w, h) = (7u32, 3u32);
        let gray: Vec<u8> = (0..w * h).map(|i| (i * 11) as u8).collect();
        let pix = Pix::from_gray(w, h, &gray).unwrap();
        assert_eq!((pix.width(), pix.height(), pix.depth()), (7, 3, 8));
        assert_eq!(pix.gray_bytes().unwrap(), gray);
        let turned = pix.rotate_orth(1).unwrap();
        assert_eq!((turned.width(), turned.height()), (3, 7));
        // a quarter turn clockwise: the old bottom-left pixel is the new top-left
        assert_eq!(turned.gray_bytes().unwrap()[0], gray[(2 * w) as usize]);
    }

    /// An 8-bit palette TIFF whose palette is the grey ramp reversed
    /// (index i is grey 255 − i), written by Leptonica.
    fn reversed_palette_tiff(gray_index: &[u8], w: u32, h: u32) -> Vec<u8> {
        let pix = Pix::from_gray(w, h, gray_index).unwrap();
        // SAFETY: test code; the colormap is created, filled and handed to
        // the PIX, which owns it from then on; the TIFF bytes Leptonica
        // allocates are copied out and freed once with lept_free.
        unsafe {
            let cmap = l::pixcmapCreate(8);
            assert!(!cmap.is_null());
            for i in 0..256 {
                let v = 255 - i;
                assert_eq!(l::pixcmapAddColor(cmap, v, v, v), 0);
            }
            assert_eq!(l::pixSetColormap(pix.ptr(), cmap), 0);
            let mut data: *mut u8 = std::ptr::null_mut();
            let mut size = 0usize;
            let rc = l::pixWriteMemTiff(&mut data, &mut size, pix.ptr(), l::IFF_TIFF_LZW as i32);
            assert!(rc == 0 && !data.is_null());
            let out = std::slice::from_raw_parts(data, size).to_vec();
            l::lept_free(data.cast());
            out
        }
    }

    #[test]
    fn a_palette_tiff_reads_as_its_grey_levels() {
        let (w, h) = (5u32, 2u32);
        let index: Vec<u8> = (0..w * h).map(|i| (i * 20) as u8).collect();
        let tiff = reversed_palette_tiff(&index, w, h);
        let page = crate::preprocess::decode_page(&tiff, 0).unwrap();
        assert_eq!((page.width, page.height), (w, h));
        let want: Vec<u8> = index.iter().map(|i| 255 - i).collect();
        assert_eq!(page.gray, want);
    }

    #[test]
    fn rotate_by_a_tiny_angle_is_an_independent_image() {
        let gray: Vec<u8> = (0..12u8).collect();
        let pix = Pix::from_gray(4, 3, &gray).unwrap();
        // 0.01 degrees is under Leptonica's 0.001 rad: pixRotate clones
        let turned = pix.rotate(0.01).unwrap();
        assert_ne!(turned.ptr(), pix.ptr());
        drop(pix);
        assert_eq!(turned.gray_bytes().unwrap(), gray);
    }

    #[test]
    fn components_of_a_binary_image() {
        let (w, h) = (20u32, 10u32);
        let mut gray = vec![255u8; (w * h) as usize];
        for y in 2..5 {
            for x in 3..6 {
                gray[(y * w + x) as usize] = 0;
            }
        }
        gray[(8 * w + 15) as usize] = 0;
        let bin = Pix::from_gray(w, h, &gray).unwrap().threshold(128).unwrap();
        let mut comps = bin.components().unwrap();
        comps.sort();
        assert_eq!(comps, vec![[3, 2, 3, 3], [15, 8, 1, 1]]);
    }

    #[test]
    fn sauvola_fits_its_window_to_small_pages() {
        for (w, h) in [(40u32, 30u32), (63, 9), (5, 5), (1, 1), (2000, 20)] {
            let mut gray = vec![255u8; (w * h) as usize];
            gray[0] = 0;
            let pix = Pix::from_gray(w, h, &gray).unwrap();
            let bin = pix
                .sauvola(25, 0.34)
                .unwrap_or_else(|e| panic!("{w}x{h}: {e}"));
            assert_eq!((bin.width(), bin.height(), bin.depth()), (w, h, 1));
        }
    }
}
