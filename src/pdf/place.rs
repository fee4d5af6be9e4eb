//! Where a page's image and its words go on the PDF page.
//!
//! Word boxes are stored in the pixels of the decoded page (EXIF
//! orientation applied), and the PDF page is laid out upright (the turn
//! cleaning made for OCR applied) and level (the scan's remaining skew,
//! measured on its lines of words, undone by drawing the image turned, not
//! by resampling it), so [`Placement`] maps both the image and the boxes
//! onto one upright page in points.

use super::image::{oriented_size, PageImage};
use crate::store::PageRecord;

/// A 2-D affine map `(x, y) → (a·x + c·y + e, b·x + d·y + f)`, as PDF
/// writes matrices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Affine(pub [f64; 6]);

impl Affine {
    #[cfg(test)]
    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// The map that sends (0,0), (1,0), (0,1) where `f` sends them (exact
    /// when `f` is affine).
    fn through(f: impl Fn(f64, f64) -> (f64, f64)) -> Affine {
        let (x0, y0) = f(0.0, 0.0);
        let (x1, y1) = f(1.0, 0.0);
        let (x2, y2) = f(0.0, 1.0);
        Affine([x1 - x0, y1 - y0, x2 - x0, y2 - y0, x0, y0])
    }

    pub fn as_f32(&self) -> [f32; 6] {
        self.0.map(|v| v as f32)
    }
}

/// Where a page goes: its upright size in points and the maps from the
/// decoded page's pixels to PDF points.
#[derive(Debug, Clone)]
pub struct Placement {
    /// Upright page size in points (grown to hold the image when it is
    /// drawn turned to level its lines).
    pub width_pt: f64,
    pub height_pt: f64,
    /// Resolution of the decoded page, across and down.
    pub dpi: [f64; 2],
    /// Clockwise quarter turns from the decoded page to the upright one.
    quarter_turns: u32,
    /// Decoded page size in pixels.
    size: [f64; 2],
    /// Clockwise turn, in radians, that levels the upright page's lines
    /// (0 for a level page).
    tilt: f64,
}

/// A skew smaller than this (in radians, 0.05°) is left as it is: a line
/// across an A4 page rises by less than 0.5 pt.
const LEAST_TILT: f64 = 0.05 * std::f64::consts::PI / 180.0;

/// Largest tilt taken from the words: beyond it (5.7°) cleaning would have
/// deskewed the page, and boxes that disagree this much are not lines.
const MOST_TILT: f64 = 0.1;

/// Resolutions taken at their word; outside, the record's OCR resolution.
const PLAUSIBLE_DPI: std::ops::RangeInclusive<f64> = 50.0..=2400.0;

impl Placement {
    /// The placement of a page as its record describes it: the decoded
    /// page's resolution is the one OCR used divided by the scale cleaning
    /// applied (a 150 dpi scan enlarged ×2 was read at 300), or the stated
    /// one for records without cleaning facts.
    pub fn of(rec: &PageRecord) -> Placement {
        let ocr = f64::from(rec.image.ocr_dpi.max(1));
        let stated = rec.image.dpi.map(f64::from);
        let dpi = match &rec.preprocess {
            Some(p) => p.scale.map(|s| {
                let d = ocr / f64::from(s);
                if s > 0.0 && PLAUSIBLE_DPI.contains(&d) {
                    d
                } else {
                    stated.unwrap_or(ocr)
                }
            }),
            None => [stated.unwrap_or(ocr); 2],
        };
        let quarter_turns = rec.preprocess.as_ref().map_or(0, |p| (p.rotation / 90) % 4);
        Placement::new(rec.image.width, rec.image.height, dpi, quarter_turns)
    }

    /// A decoded page of `width` × `height` pixels at `dpi`, turned
    /// `quarter_turns` clockwise to be upright.
    fn new(width: u32, height: u32, dpi: [f64; 2], quarter_turns: u32) -> Placement {
        let (w, h) = (f64::from(width), f64::from(height));
        let (wpt, hpt) = (w * 72.0 / dpi[0], h * 72.0 / dpi[1]);
        let (width_pt, height_pt) = if quarter_turns % 2 == 1 {
            (hpt, wpt)
        } else {
            (wpt, hpt)
        };
        Placement {
            width_pt,
            height_pt,
            dpi,
            quarter_turns,
            size: [w, h],
            tilt: 0.0,
        }
    }

    /// This placement with the page drawn turned so that its lines, which
    /// rise by `slope` (points up per point right, measured on this
    /// placement's boxes), come out level. The page grows just enough to
    /// hold the whole turned image: no pixel of the scan is cut off, and
    /// nothing is resampled (the image is drawn turned, as a viewer would).
    pub fn levelled(&self, slope: f64) -> Placement {
        let tilt = slope.atan();
        if !tilt.is_finite() || tilt.abs() < LEAST_TILT || tilt.abs() > MOST_TILT {
            return self.clone();
        }
        let (w, h) = self.upright_size();
        let (sin, cos) = tilt.abs().sin_cos();
        Placement {
            width_pt: w * cos + h * sin,
            height_pt: w * sin + h * cos,
            tilt,
            ..self.clone()
        }
    }

    /// The page's size in points before any levelling turn.
    fn upright_size(&self) -> (f64, f64) {
        let (w, h) = (
            self.size[0] * 72.0 / self.dpi[0],
            self.size[1] * 72.0 / self.dpi[1],
        );
        if self.quarter_turns % 2 == 1 {
            (h, w)
        } else {
            (w, h)
        }
    }

    /// A point of the decoded page (pixels, y down) on the PDF page
    /// (points, y up).
    pub fn point(&self, x: f64, y: f64) -> (f64, f64) {
        let [w, h] = self.size;
        // points on the decoded page, y still down
        let (px, py) = (x * 72.0 / self.dpi[0], y * 72.0 / self.dpi[1]);
        let (wpt, hpt) = (w * 72.0 / self.dpi[0], h * 72.0 / self.dpi[1]);
        // turned clockwise onto the upright page
        let (u, v) = match self.quarter_turns {
            1 => (hpt - py, px),
            2 => (wpt - px, hpt - py),
            3 => (py, wpt - px),
            _ => (px, py),
        };
        let (uw, uh) = self.upright_size();
        let (x, y) = (u, uh - v);
        if self.tilt == 0.0 {
            return (x, y);
        }
        // turned clockwise by the tilt about the centre, onto the grown page
        let (sin, cos) = self.tilt.sin_cos();
        let (dx, dy) = (x - uw / 2.0, y - uh / 2.0);
        (
            self.width_pt / 2.0 + dx * cos + dy * sin,
            self.height_pt / 2.0 - dx * sin + dy * cos,
        )
    }

    /// A word box `[left, top, width, height]` of the decoded page as an
    /// upright rectangle in points: `[x0, y0, x1, y1]`, y up. On a levelled
    /// page the stored box is the upright box around a tilted word: the
    /// rectangle is the word's own, the box's size with the tilt taken out,
    /// about the box's centre.
    pub fn rect(&self, b: [u32; 4]) -> [f64; 4] {
        let [l, t, w, h] = b.map(f64::from);
        let corners =
            [(l, t), (l + w, t), (l, t + h), (l + w, t + h)].map(|(x, y)| self.point(x, y));
        if self.tilt == 0.0 {
            let xs = corners.map(|c| c.0);
            let ys = corners.map(|c| c.1);
            let min = |v: [f64; 4]| v.into_iter().fold(f64::MAX, f64::min);
            let max = |v: [f64; 4]| v.into_iter().fold(f64::MIN, f64::max);
            return [min(xs), min(ys), max(xs), max(ys)];
        }
        let (cx, cy) = self.point(l + w / 2.0, t + h / 2.0);
        // the box's size in points on the upright page, then the tilted
        // rectangle it bounds: W = w·cos + h·sin, H = w·sin + h·cos
        let (bw, bh) = {
            let (a, b) = (w * 72.0 / self.dpi[0], h * 72.0 / self.dpi[1]);
            if self.quarter_turns % 2 == 1 {
                (b, a)
            } else {
                (a, b)
            }
        };
        let (sin, cos) = self.tilt.abs().sin_cos();
        let det = cos * cos - sin * sin;
        let ww = ((bw * cos - bh * sin) / det).clamp(0.5 * bw, bw);
        let hh = ((bh * cos - bw * sin) / det).clamp(0.5 * bh, bh);
        [cx - ww / 2.0, cy - hh / 2.0, cx + ww / 2.0, cy + hh / 2.0]
    }

    /// The matrix that draws `img` (the unit square, first row at the top)
    /// where the decoded page lies on the upright page. The image may have
    /// another resolution than the decoded page (the scan inside a PDF,
    /// which was rendered at 300 dpi): it covers the same page.
    pub fn image_matrix(&self, img: &PageImage) -> Affine {
        let (ws, hs) = (f64::from(img.width), f64::from(img.height));
        let o = img.orientation;
        let (ow, oh) = oriented_size(o, img.width, img.height);
        let (sx, sy) = (self.size[0] / f64::from(ow), self.size[1] / f64::from(oh));
        Affine::through(|s, t| {
            // unit square → stored pixel grid (row 0 at t = 1)
            let (xs, ys) = (s * ws, (1.0 - t) * hs);
            let (x, y) = orient(o, xs, ys, ws, hs);
            self.point(x * sx, y * sy)
        })
    }
}

/// A point of a stored `ws`×`hs` grid on the grid once EXIF orientation `o`
/// is applied (as `image`'s `apply_orientation` turns and flips).
fn orient(o: image::metadata::Orientation, x: f64, y: f64, ws: f64, hs: f64) -> (f64, f64) {
    use image::metadata::Orientation::*;
    match o {
        NoTransforms => (x, y),
        Rotate90 => (hs - y, x),
        Rotate180 => (ws - x, hs - y),
        Rotate270 => (y, ws - x),
        FlipHorizontal => (ws - x, y),
        FlipVertical => (x, hs - y),
        Rotate90FlipH => (y, x),
        Rotate270FlipH => (hs - y, ws - x),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::image::Compression;
    use image::metadata::Orientation;

    fn placement(w: u32, h: u32, dpi: f64, turns: u32) -> Placement {
        Placement::new(w, h, [dpi; 2], turns)
    }

    #[test]
    fn a4_at_300_dpi_is_a4_in_points() {
        let p = placement(2480, 3508, 300.0, 0);
        assert!((p.width_pt - 595.2).abs() < 0.01 && (p.height_pt - 841.92).abs() < 0.01);
        // the top-left pixel is the top-left of the page
        assert_eq!(p.point(0.0, 0.0), (0.0, p.height_pt));
        let r = p.rect([300, 0, 300, 150]);
        assert_eq!(r, [72.0, p.height_pt - 36.0, 144.0, p.height_pt]);
    }

    #[test]
    fn pages_turned_for_ocr_are_upright_and_their_boxes_follow() {
        // 200×100 decoded page lying on its side, turned clockwise once
        let p = placement(200, 100, 72.0, 1);
        assert_eq!((p.width_pt, p.height_pt), (100.0, 200.0));
        // the decoded page's bottom-left corner is the upright top-left
        assert_eq!(p.point(0.0, 100.0), (0.0, 200.0));
        // a box at the decoded top-left ends up at the upright top-right
        assert_eq!(p.rect([0, 0, 20, 10]), [90.0, 180.0, 100.0, 200.0]);
        let p = placement(200, 100, 72.0, 2);
        assert_eq!(p.rect([0, 0, 20, 10]), [180.0, 0.0, 200.0, 10.0]);
    }

    #[test]
    fn the_image_matrix_puts_the_stored_grid_where_the_boxes_are() {
        // a JPEG stored 100×200 with EXIF "turn 90° clockwise" decodes to 200×100
        let p = placement(200, 100, 72.0, 0);
        for o in [
            Orientation::NoTransforms,
            Orientation::Rotate90,
            Orientation::Rotate180,
            Orientation::Rotate270,
            Orientation::FlipHorizontal,
            Orientation::FlipVertical,
            Orientation::Rotate90FlipH,
            Orientation::Rotate270FlipH,
        ] {
            let (sw, sh) = match oriented_size(o, 200, 100) {
                (200, 100) => (200, 100),
                _ => (100, 200),
            };
            let img = PageImage {
                data: vec![],
                compression: Compression::Dct,
                width: sw,
                height: sh,
                components: 1,
                orientation: o,
            };
            let m = p.image_matrix(&img);
            // stored pixel (1.5, 0.5) (near the stored top-left) in unit-square terms
            let (s, t) = (1.5 / f64::from(sw), 1.0 - 0.5 / f64::from(sh));
            let (x, y) = orient(o, 1.5, 0.5, f64::from(sw), f64::from(sh));
            let want = p.point(x, y);
            let got = m.apply(s, t);
            assert!(
                (got.0 - want.0).abs() < 1e-9 && (got.1 - want.1).abs() < 1e-9,
                "{o:?}"
            );
            // and the whole square covers the page
            let corners =
                [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(s, t)| m.apply(s, t));
            for (cx, cy) in corners {
                assert!(cx.abs() < 1e-9 || (cx - 200.0).abs() < 1e-9, "{o:?} {cx}");
                assert!(cy.abs() < 1e-9 || (cy - 100.0).abs() < 1e-9, "{o:?} {cy}");
            }
        }
    }

    #[test]
    fn a_levelled_page_grows_to_hold_the_turned_scan_and_its_words_line_up() {
        // a 1000×500 px page at 72 dpi whose line rises 1° to the right
        let p = placement(1000, 500, 72.0, 0);
        let slope = 1f64.to_radians().tan();
        let boxes: Vec<[u32; 4]> = (0..8)
            .map(|i| {
                let x = 60 + 110 * i;
                let cy = 250.0 - slope * f64::from(x + 40);
                [x, (cy - 10.0).round() as u32, 80, 20]
            })
            .collect();
        let level = p.levelled(slope);
        let (s, c) = 1f64.to_radians().sin_cos();
        assert!((level.width_pt - (1000.0 * c + 500.0 * s)).abs() < 1e-9);
        assert!((level.height_pt - (1000.0 * s + 500.0 * c)).abs() < 1e-9);
        let mids: Vec<f64> = boxes
            .iter()
            .map(|&b| {
                let r = level.rect(b);
                (r[1] + r[3]) / 2.0
            })
            .collect();
        for m in &mids {
            assert!((m - mids[0]).abs() < 1.0, "{mids:?}");
        }
        // unlevelled, the same words climb 1 pt every 57 pt
        let climb = p.rect(boxes[7])[1] - p.rect(boxes[0])[1];
        assert!((climb - slope * 770.0).abs() < 1.0, "{climb}");
        // the turned image lies on the page and touches all four edges
        let img = PageImage {
            data: vec![],
            compression: Compression::Dct,
            width: 1000,
            height: 500,
            components: 1,
            orientation: Orientation::NoTransforms,
        };
        let m = level.image_matrix(&img);
        let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(s, t)| m.apply(s, t));
        let (xs, ys) = (corners.map(|c| c.0), corners.map(|c| c.1));
        let lo = |v: [f64; 4]| v.into_iter().fold(f64::MAX, f64::min);
        let hi = |v: [f64; 4]| v.into_iter().fold(f64::MIN, f64::max);
        assert!(lo(xs).abs() < 1e-9 && lo(ys).abs() < 1e-9);
        assert!((hi(xs) - level.width_pt).abs() < 1e-9 && (hi(ys) - level.height_pt).abs() < 1e-9);
        // a level page, or one the words do not agree on, stays as it is
        assert_eq!(p.levelled(0.0).width_pt, p.width_pt);
        assert_eq!(p.levelled(f64::NAN).width_pt, p.width_pt);
        assert_eq!(p.levelled(0.5).width_pt, p.width_pt);
    }
}
