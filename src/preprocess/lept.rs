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

/// An owned Leptonica image.
pub struct Pix(NonNull<l::Pix>);

// A Pix is a plain heap image with no thread affinity; each is owned by one
// worker at a time.
unsafe impl Send for Pix {}

impl Drop for Pix {
    fn drop(&mut self) {
        let mut p = self.0.as_ptr();
        unsafe { l::pixDestroy(&mut p) };
    }
}

fn quiet() {
    static ONCE: Once = Once::new();
    // Leptonica writes its warnings to stderr; failures reach the user as
    // values instead.
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

    /// An 8-bit grey image from row-major bytes.
    pub fn from_gray(width: u32, height: u32, gray: &[u8]) -> Result<Pix, String> {
        quiet();
        let (w, h) = (width as usize, height as usize);
        if gray.len() < w * h {
            return Err("grey buffer smaller than the image".into());
        }
        let pix = own(
            unsafe { l::pixCreate(width as i32, height as i32, 8) },
            "create",
        )?;
        let wpl = unsafe { l::pixGetWpl(pix.ptr()) } as usize;
        let data = unsafe { l::pixGetData(pix.ptr()) };
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
            unsafe { l::pixReadMemTiff(bytes.as_ptr(), bytes.len(), n as i32) },
            "TIFF read (Leptonica)",
        )
    }

    pub fn width(&self) -> u32 {
        unsafe { l::pixGetWidth(self.ptr()) as u32 }
    }

    pub fn height(&self) -> u32 {
        unsafe { l::pixGetHeight(self.ptr()) as u32 }
    }

    pub fn depth(&self) -> u32 {
        unsafe { l::pixGetDepth(self.ptr()) as u32 }
    }

    /// Resolution stored with the image (0 when unknown).
    pub fn resolution(&self) -> (u32, u32) {
        unsafe {
            (
                l::pixGetXRes(self.ptr()).max(0) as u32,
                l::pixGetYRes(self.ptr()).max(0) as u32,
            )
        }
    }

    /// Any depth (1-bit, palette, RGB) to 8-bit grey.
    pub fn to_8bit(&self) -> Result<Pix, String> {
        own(
            unsafe { l::pixConvertTo8(self.ptr(), 0) },
            "convert to grey",
        )
    }

    /// Row-major grey bytes of an 8-bit image (1 = black for 1-bit images
    /// becomes 0, as everywhere else in sohoa).
    pub fn gray_bytes(&self) -> Result<Vec<u8>, String> {
        let pix8;
        let src = if self.depth() == 8 {
            self
        } else {
            pix8 = self.to_8bit()?;
            &pix8
        };
        let (w, h) = (src.width() as usize, src.height() as usize);
        let wpl = unsafe { l::pixGetWpl(src.ptr()) } as usize;
        let data = unsafe { l::pixGetData(src.ptr()) };
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
        own(unsafe { l::pixScale(self.ptr(), sx, sy) }, "scale")
    }

    /// Rotate by `quads` quarter turns clockwise.
    pub fn rotate_orth(&self, quads: u32) -> Result<Pix, String> {
        own(
            unsafe { l::pixRotateOrth(self.ptr(), (quads % 4) as i32) },
            "rotate by quarter turns",
        )
    }

    /// Rotate by `degrees` clockwise about the centre, keeping the size and
    /// bringing in white at the corners (area mapping: measured better for
    /// OCR than rotation by shears, even on bilevel pages).
    pub fn rotate(&self, degrees: f32) -> Result<Pix, String> {
        let method = l::L_ROTATE_AREA_MAP;
        own(
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
        own(
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
            if let Some(p) = NonNull::new(out) {
                drop(Pix(p));
            }
            return Err("image operation failed: Sauvola binarisation".into());
        }
        own(out, "Sauvola binarisation")
    }

    /// Global threshold to 1 bit: values below `thresh` are ink.
    pub fn threshold(&self, thresh: u8) -> Result<Pix, String> {
        own(
            unsafe { l::pixThresholdToBinary(self.ptr(), i32::from(thresh)) },
            "threshold",
        )
    }

    /// Skew of the text lines of a 1-bit image, in degrees (the clockwise
    /// rotation that levels them), with Leptonica's confidence; searches
    /// ±`range` degrees.
    pub fn find_skew(&self, range: f32) -> Option<(f32, f32)> {
        let (mut angle, mut conf) = (0f32, 0f32);
        let rc = unsafe {
            l::pixFindSkewSweepAndSearch(self.ptr(), &mut angle, &mut conf, 4, 2, range, 0.5, 0.01)
        };
        (rc == 0).then_some((angle, conf))
    }

    /// Bounding boxes (x, y, w, h) of the 8-connected ink components of a
    /// 1-bit image.
    pub fn components(&self) -> Result<Vec<[u32; 4]>, String> {
        let boxa = unsafe { l::pixConnComp(self.ptr(), std::ptr::null_mut(), 8) };
        if boxa.is_null() {
            return Err("image operation failed: connected components".into());
        }
        let n = unsafe { l::boxaGetCount(boxa) }.max(0);
        let mut out = Vec::with_capacity(n as usize);
        for i in 0..n {
            let (mut x, mut y, mut w, mut h) = (0, 0, 0, 0);
            if unsafe { l::boxaGetBoxGeometry(boxa, i, &mut x, &mut y, &mut w, &mut h) } == 0 {
                out.push([x as u32, y as u32, w as u32, h as u32]);
            }
        }
        let mut b = boxa;
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
