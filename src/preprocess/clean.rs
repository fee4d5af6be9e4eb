//! Cleaning a decoded page so that OCR can read it.
//!
//! In order: bring the page to [`TARGET_DPI`] (from the file's resolution,
//! or from the height of its letters when the file states none); flatten the
//! background (uneven light, yellowed paper, faded ink all become dark ink on
//! an even light ground); find the text components and decide whether the
//! page is blank; turn it upright (the caller's orientation detector, which
//! is Tesseract's OSD, consulted only when a page reads badly); level
//! skewed lines (±15°). Every step is a measured
//! decision on this page, never a setting per file name, and each is
//! recorded in [`Geometry`] so word boxes can be mapped back onto the
//! decoded page.

use super::lept::Pix;
use super::PageImage;
use serde::{Deserialize, Serialize};

/// Resolution OCR works at: Tesseract's models are trained on text of about
/// this size.
pub const TARGET_DPI: f32 = 300.0;

/// Resolution assumed when the file states none and the letters do not tell.
pub const ASSUMED_DPI: f32 = 300.0;

/// Resolutions OCR reads as they are. Below, letters are too small for
/// Tesseract (a 150 dpi scan loses most of its tone marks) and the page is
/// enlarged to [`TARGET_DPI`]; above, the page is reduced to it, which also
/// saves OCR time. Within, resampling would cost time for no gain. 200 dpi
/// is enlarged: a noisy 200 dpi photocopy read at 5.0% CER as it was and
/// 3.0% enlarged, for about 0.2 s more per page.
const NATIVE_DPI: std::ops::RangeInclusive<f32> = 240.0..=400.0;

/// Largest skew corrected, in degrees.
const MAX_SKEW: f32 = 15.0;

/// Most pixels of the page cleaning works on (30 million: A3 at 350 dpi):
/// with the few copies cleaning keeps, about 200 MB per worker.
const MAX_CLEAN_PIXELS: f64 = 30_000_000.0;

/// Smaller skews are left alone: Tesseract follows a baseline this close to
/// level by itself, and a resampled page can come out worse (measured: a G4
/// list page skewed 0.36° went from 0.7% to 8.8% CER when "corrected";
/// pages skewed 0.6° and 0.8° gain, from 19% and 17% to under 1%).
const MIN_SKEW: f32 = 0.5;

/// Leptonica's skew confidence below which the page is left as it is.
const MIN_SKEW_CONFIDENCE: f32 = 2.5;

/// Fewer text-like components than this and the page is blank.
const MIN_TEXT_COMPONENTS: usize = 12;

/// Median height of a text component (mostly lower-case letters) of body
/// text at 300 dpi, measured on 11–14 pt serif and monospace type.
const MEDIAN_LETTER_PX_AT_300: f32 = 27.0;

/// How the OCR image was made from the decoded page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Geometry {
    /// Size of the decoded page.
    pub source: [u32; 2],
    /// Horizontal and vertical scale factors applied first.
    pub scale: [f32; 2],
    /// Clockwise quarter turns applied next (0–3).
    pub quarter_turns: u32,
    /// Clockwise rotation in degrees applied last, about the centre.
    pub skew: f32,
    /// Size of the OCR image.
    pub size: [u32; 2],
}

impl Geometry {
    fn identity(w: u32, h: u32) -> Geometry {
        Geometry {
            source: [w, h],
            scale: [1.0, 1.0],
            quarter_turns: 0,
            skew: 0.0,
            size: [w, h],
        }
    }

    /// Rotation of the page in degrees (0, 90, 180, 270), clockwise.
    pub fn rotation(&self) -> u32 {
        self.quarter_turns * 90
    }

    /// A point of the OCR image on the decoded page.
    fn point_back(&self, x: f32, y: f32) -> (f32, f32) {
        // undo the deskew (about the centre of the OCR image)
        let (cx, cy) = (self.size[0] as f32 / 2.0, self.size[1] as f32 / 2.0);
        let (s, c) = (-self.skew).to_radians().sin_cos();
        let (dx, dy) = (x - cx, y - cy);
        let (x, y) = (cx + dx * c - dy * s, cy + dx * s + dy * c);
        // undo the quarter turns; (w, h) is the size before them
        let (w, h) = match self.quarter_turns % 2 {
            0 => (self.size[0] as f32, self.size[1] as f32),
            _ => (self.size[1] as f32, self.size[0] as f32),
        };
        let (x, y) = match self.quarter_turns % 4 {
            1 => (y, h - x),
            2 => (w - x, h - y),
            3 => (w - y, x),
            _ => (x, y),
        };
        (x / self.scale[0], y / self.scale[1])
    }
}

/// Map a word box `[left, top, width, height]` of the OCR image back onto
/// the decoded page (the smallest upright box around the mapped corners,
/// clamped to the page).
pub fn rotate_box_back(g: &Geometry, b: [u32; 4]) -> [u32; 4] {
    let [l, t, w, h] = b.map(|v| v as f32);
    let corners = [(l, t), (l + w, t), (l, t + h), (l + w, t + h)].map(|(x, y)| g.point_back(x, y));
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for (x, y) in corners {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let (sw, sh) = (g.source[0] as f32, g.source[1] as f32);
    let (x0, y0) = (x0.clamp(0.0, sw).round(), y0.clamp(0.0, sh).round());
    let (x1, y1) = (x1.clamp(0.0, sw).round(), y1.clamp(0.0, sh).round());
    [x0 as u32, y0 as u32, (x1 - x0) as u32, (y1 - y0) as u32]
}

/// A page ready for OCR.
#[derive(Clone)]
pub struct Cleaned {
    /// The cleaned grey page, upright and level, at about [`TARGET_DPI`].
    pub page: PageImage,
    pub geometry: Geometry,
    /// No text on the page (an empty back side, a separator sheet).
    pub blank: bool,
    /// Resolution worked out from the letters, when the file stated none.
    pub dpi_estimated: Option<f32>,
    /// Boxes of the text-like components of the final image: what OCR
    /// should account for.
    pub text_components: Vec<[u32; 4]>,
    /// The flattened page before any rotation, for [`Cleaned::turn`].
    base: Option<PageImage>,
}

impl Cleaned {
    /// The page thresholded with Sauvola's local method: for faded ink and
    /// uneven paper that the grey image leaves ambiguous.
    pub fn binarized(&self) -> Result<PageImage, String> {
        let pix = Pix::from_gray(self.page.width, self.page.height, &self.page.gray)?;
        let bin = pix.sauvola(window(TARGET_DPI), SAUVOLA_K)?;
        Ok(PageImage {
            gray: bin.gray_bytes()?,
            ..self.page.clone()
        })
    }
}

/// Sauvola's k for the OCR image: the usual value for documents.
const SAUVOLA_K: f32 = 0.34;

/// Sauvola's k for finding text (blank test, skew, coverage): low, so that
/// faded ink on a flattened page still counts. On an even background it
/// puts the threshold ~12% under the local mean, clear of scanner noise and
/// of show-through from the other side (measured: with k = 0.34 a readable
/// typewritten page faded to a fifth of full ink came out "blank").
const SURVEY_K: f32 = 0.12;

/// Sauvola half-window: about 2 mm, a few letter strokes wide.
fn window(dpi: f32) -> u32 {
    (dpi / 12.0).round().max(8.0) as u32
}

/// Flatten the background, then stretch it to white: Leptonica maps the
/// background to 200; OCR and the eye prefer ink on white.
fn flatten(pix: &Pix) -> Result<Pix, String> {
    let norm = pix.background_norm()?;
    let lut: Vec<u8> = (0..=255u32)
        .map(|v| (v * 255 / 200).min(255) as u8)
        .collect();
    let gray: Vec<u8> = norm
        .gray_bytes()?
        .iter()
        .map(|&v| lut[v as usize])
        .collect();
    Pix::from_gray(norm.width(), norm.height(), &gray)
}

/// Ink of a flattened page at `dpi`, as 1 bit.
fn ink(flat: &Pix, dpi: f32) -> Result<Pix, String> {
    flat.sauvola(window(dpi), SURVEY_K)
}

/// Components that could be letters or marks of text at `dpi`: not specks of
/// dust, not rules, frames, photos or the black border of a scanner lid.
fn text_like(comps: &[[u32; 4]], width: u32, height: u32, dpi: f32) -> Vec<[u32; 4]> {
    let px = |mm: f32| mm / 25.4 * dpi;
    let margin = px(3.0) as u32;
    comps
        .iter()
        .copied()
        .filter(|&[x, y, w, h]| {
            let (wf, hf) = (w as f32, h as f32);
            hf >= px(0.9)
                && hf <= px(9.0)
                && wf >= px(0.25)
                && wf <= px(12.0)
                && wf * hf >= px(0.6) * px(0.6)
                && x > margin
                && y > margin
                && x + w + margin < width
                && y + h + margin < height
        })
        .collect()
}

fn median(mut v: Vec<u32>) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    Some(v[v.len() / 2] as f32)
}

/// Resolution of a page from the height of its letters, or None when the
/// page has too little text to tell.
fn estimate_dpi(pix: &Pix) -> Result<Option<f32>, String> {
    // At half size: heights only need to be right to a pixel or two.
    let flat = flatten(&pix.scale(0.5, 0.5)?)?;
    let comps = ink(&flat, TARGET_DPI / 2.0)?.components()?;
    // Generous bounds: any resolution from 75 to 1200 dpi.
    let letters: Vec<u32> = comps
        .iter()
        .filter(|c| c[3] >= 3 && c[3] <= 200 && c[2] >= 1 && c[2] <= 250)
        .map(|c| c[3] * 2)
        .collect();
    if letters.len() < 50 {
        return Ok(None);
    }
    Ok(median(letters).map(|m| m / MEDIAN_LETTER_PX_AT_300 * 300.0))
}

/// Clean one decoded page: resolution, background, blank test, skew. The
/// page is not turned; [`Cleaned::turn`] does that when OCR finds it
/// unreadable and orientation detection says which way is up.
pub fn clean(page: &PageImage) -> Result<Cleaned, String> {
    let src = Pix::from_gray(page.width, page.height, &page.gray)?;
    let mut geometry = Geometry::identity(page.width, page.height);

    // 1. resolution
    let mut dpi_estimated = None;
    let dpi_x = match page.dpi {
        Some(d) => d,
        None => {
            dpi_estimated = estimate_dpi(&src)?.filter(|d| (100.0..=1200.0).contains(d));
            dpi_estimated.unwrap_or(ASSUMED_DPI)
        }
    };
    let dpi_y = page.dpi_y.unwrap_or(dpi_x);
    let factor = |dpi: f32| {
        if NATIVE_DPI.contains(&dpi) {
            1.0
        } else {
            (TARGET_DPI / dpi).clamp(0.2, 4.0)
        }
    };
    // Both directions scaled as one when either needs it (a fax's 204 × 98).
    let (sx, sy) = if factor(dpi_x) == 1.0 && factor(dpi_y) == 1.0 {
        (1.0, 1.0)
    } else {
        (
            (TARGET_DPI / dpi_x).clamp(0.2, 4.0),
            (TARGET_DPI / dpi_y).clamp(0.2, 4.0),
        )
    };
    // A page that would pass MAX_CLEAN_PIXELS once at 300 dpi (a poster,
    // a huge drawing, a page whose stated resolution is tiny) is cleaned
    // smaller: every step below keeps a few copies of the page.
    let (w, h) = (f64::from(src.width()), f64::from(src.height()));
    let after = w * f64::from(sx) * h * f64::from(sy);
    let (sx, sy) = if after > MAX_CLEAN_PIXELS {
        let m = (MAX_CLEAN_PIXELS / after).sqrt() as f32;
        (sx * m, sy * m)
    } else {
        (sx, sy)
    };
    let scaled = if sx != 1.0 || sy != 1.0 {
        geometry.scale = [sx, sy];
        src.scale(sx, sy)?
    } else {
        src
    };
    // The resolution the page is now at (what OCR is told).
    let dpi = dpi_x * sx;

    // 2. background
    let flat = flatten(&scaled)?;
    drop(scaled);

    // 3. blank? (on a half-size copy: components and skew need no more)
    let survey = Survey::of(&flat, dpi)?;
    if survey.text.len() < MIN_TEXT_COMPONENTS {
        geometry.size = [flat.width(), flat.height()];
        return Ok(Cleaned {
            page: to_image(&flat, dpi)?,
            geometry,
            blank: true,
            dpi_estimated,
            text_components: Vec::new(),
            base: None,
        });
    }
    let base = to_image(&flat, dpi)?;
    let mut cleaned = Cleaned {
        page: base.clone(),
        geometry,
        blank: false,
        dpi_estimated,
        text_components: Vec::new(),
        base: Some(base),
    };
    // 4. skew
    cleaned.deskew(flat, survey)?;
    Ok(cleaned)
}

/// Text components and skew of a page, measured at half size.
struct Survey {
    /// Text-like component boxes, in full-size pixels.
    text: Vec<[u32; 4]>,
    skew: Option<(f32, f32)>,
}

impl Survey {
    fn of(flat: &Pix, dpi: f32) -> Result<Survey, String> {
        let half = flat.scale(0.5, 0.5)?;
        let bin = ink(&half, dpi / 2.0)?;
        let text = text_like(&bin.components()?, bin.width(), bin.height(), dpi / 2.0)
            .into_iter()
            .map(|b| b.map(|v| v * 2))
            .collect();
        Ok(Survey {
            text,
            skew: bin.find_skew(MAX_SKEW),
        })
    }
}

impl Cleaned {
    /// Level the lines of `flat` (this page's image) if the survey found
    /// them skewed.
    fn deskew(&mut self, flat: Pix, survey: Survey) -> Result<(), String> {
        let dpi = self.page.dpi.unwrap_or(TARGET_DPI);
        let mut flat = flat;
        let mut survey = survey;
        self.geometry.skew = 0.0;
        if let Some((angle, conf)) = survey.skew {
            if conf >= MIN_SKEW_CONFIDENCE && angle.abs() >= MIN_SKEW && angle.abs() <= MAX_SKEW {
                flat = flat.rotate(angle)?;
                self.geometry.skew = angle;
                // The components turn with the page (about its centre): their
                // boxes are only used for where their centres fall.
                let (cx, cy) = (flat.width() as f32 / 2.0, flat.height() as f32 / 2.0);
                let (sin, cos) = angle.to_radians().sin_cos();
                for b in &mut survey.text {
                    let (x, y) = (
                        b[0] as f32 + b[2] as f32 / 2.0 - cx,
                        b[1] as f32 + b[3] as f32 / 2.0 - cy,
                    );
                    let (nx, ny) = (cx + x * cos - y * sin, cy + x * sin + y * cos);
                    b[0] = (nx - b[2] as f32 / 2.0).max(0.0) as u32;
                    b[1] = (ny - b[3] as f32 / 2.0).max(0.0) as u32;
                }
            }
        }
        self.geometry.size = [flat.width(), flat.height()];
        self.text_components = survey.text;
        self.page = to_image(&flat, dpi)?;
        Ok(())
    }

    /// Turn the page by `quads` clockwise quarter turns (from orientation
    /// detection), then level it again.
    pub fn turn(&mut self, quads: u32) -> Result<(), String> {
        let quads = quads % 4;
        if quads == 0 || self.blank {
            return Ok(());
        }
        let Some(base) = &self.base else {
            return Ok(());
        };
        let dpi = self.page.dpi.unwrap_or(TARGET_DPI);
        // from the flattened page before any rotation, not the deskewed one
        let flat = Pix::from_gray(base.width, base.height, &base.gray)?.rotate_orth(quads)?;
        self.geometry.quarter_turns = (self.geometry.quarter_turns + quads) % 4;
        let survey = Survey::of(&flat, dpi)?;
        self.deskew(flat, survey)
    }
}

fn to_image(pix: &Pix, dpi: f32) -> Result<PageImage, String> {
    Ok(PageImage {
        width: pix.width(),
        height: pix.height(),
        gray: pix.gray_bytes()?,
        dpi: Some(dpi),
        dpi_y: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geometry(quads: u32, skew: f32) -> Geometry {
        let (w, h) = (200u32, 100u32);
        let (sw, sh) = (w * 2, h * 3);
        let size = if quads % 2 == 1 { [sh, sw] } else { [sw, sh] };
        Geometry {
            source: [w, h],
            scale: [2.0, 3.0],
            quarter_turns: quads,
            skew,
            size,
        }
    }

    #[test]
    fn boxes_map_back_through_scale_and_quarter_turns() {
        // upright: only the scale
        assert_eq!(
            rotate_box_back(&geometry(0, 0.0), [20, 30, 40, 60]),
            [10, 10, 20, 20]
        );
        // turned half way: the box sits in the opposite corner
        let g = geometry(2, 0.0);
        assert_eq!(rotate_box_back(&g, [0, 0, 40, 60]), [180, 80, 20, 20]);
        // a quarter turn clockwise: the OCR image's top-left corner was the
        // decoded page's bottom-left corner
        let g = geometry(1, 0.0);
        assert_eq!(rotate_box_back(&g, [0, 0, 60, 40]), [0, 80, 20, 20]);
        let g = geometry(3, 0.0);
        assert_eq!(rotate_box_back(&g, [0, 0, 60, 40]), [180, 0, 20, 20]);
    }

    #[test]
    fn deskew_maps_the_centre_to_itself() {
        let g = geometry(0, 5.0);
        let b = rotate_box_back(&g, [195, 145, 10, 10]);
        // centre (200,150) of the OCR image is the centre (100,50) of the page
        assert!(
            (b[0] as i32 - 97).abs() <= 1 && (b[1] as i32 - 48).abs() <= 1,
            "{b:?}"
        );
    }

    #[test]
    fn a_blank_page_is_blank_and_a_text_page_is_not() {
        // light paper with a few dust specks
        let (w, h) = (800u32, 1000u32);
        let mut gray = vec![230u8; (w * h) as usize];
        for i in 0..40u32 {
            gray[((i * 97 % h) * w + i * 31 % w) as usize] = 40;
        }
        let page = PageImage {
            width: w,
            height: h,
            gray: gray.clone(),
            dpi: Some(300.0),
            dpi_y: None,
        };
        assert!(clean(&page).unwrap().blank);
        // rows of letter-sized blocks
        for row in 0..20u32 {
            for col in 0..20u32 {
                let (x0, y0) = (60 + col * 30, 60 + row * 40);
                for y in y0..y0 + 22 {
                    for x in x0..x0 + 14 {
                        gray[(y * w + x) as usize] = 30;
                    }
                }
            }
        }
        let page = PageImage { gray, ..page };
        let c = clean(&page).unwrap();
        assert!(!c.blank);
        assert!(
            c.text_components.len() >= 300,
            "{}",
            c.text_components.len()
        );
    }
}
