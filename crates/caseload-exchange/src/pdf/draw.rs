//! Draws laid-out pages with krilla: each operation becomes content on the page, marked as
//! the structure slot it belongs to (so the tag tree can point at it) or as an artifact
//! (running header and footer, repeated header rows, borders) that a screen reader skips.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, SpanTag};

use super::pages::{Mark, Op, Rgb};

/// Draws one page's operations; pushes each identifier of tagged content onto its slot's list.
/// `height` is the page's: layout measures down from the top, PDF up from the bottom.
pub(crate) fn page(surface: &mut Surface, height: f32, ops: &[Op], ids: &mut [Vec<Identifier>]) {
    for op in ops {
        match op {
            Op::Text {
                x,
                baseline,
                line,
                style,
                color,
                mark,
            } => {
                let tagged = begin(surface, *mark);
                surface.set_fill(Some(fill(*color)));
                surface.set_stroke(None);
                let face = style.font.face();
                surface.draw_glyphs(
                    Point::from_xy(*x, height - baseline),
                    &line.glyphs,
                    face.embedded.clone(),
                    &line.text,
                    style.size,
                    false,
                );
                end(surface, tagged, *mark, ids);
            }
            Op::Empty { slot } => {
                let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                surface.end_tagged();
                if let Some(list) = ids.get_mut(*slot) {
                    list.push(id);
                }
            }
            Op::FillRect { x, y, w, h, color } => {
                decoration(surface, |s| {
                    s.set_stroke(None);
                    s.set_fill(Some(fill(*color)));
                    rect(s, height, *x, *y, *w, *h);
                });
            }
            Op::StrokeRect {
                x,
                y,
                w,
                h,
                line,
                color,
            } => {
                decoration(surface, |s| {
                    s.set_fill(None);
                    s.set_stroke(Some(stroke(*line, *color)));
                    rect(s, height, *x, *y, *w, *h);
                });
            }
            Op::Rule {
                x,
                y,
                w,
                line,
                color,
            } => {
                decoration(surface, |s| {
                    s.set_fill(None);
                    s.set_stroke(Some(stroke(*line, *color)));
                    let mut path = PathBuilder::new();
                    path.move_to(*x, height - y);
                    path.line_to(x + w, height - y);
                    if let Some(path) = path.finish() {
                        s.draw_path(&path);
                    }
                });
            }
        }
    }
}

fn begin(surface: &mut Surface, mark: Mark) -> Identifier {
    let tag = match mark {
        Mark::Content(_) => ContentTag::Span(SpanTag::empty()),
        Mark::Repeated => ContentTag::Artifact(Artifact::with_kind(ArtifactType::PaginationOther)),
        Mark::Decoration => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)),
        Mark::Header => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Header)),
        Mark::Footer => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Footer)),
    };
    surface.start_tagged(tag)
}

fn end(surface: &mut Surface, id: Identifier, mark: Mark, ids: &mut [Vec<Identifier>]) {
    surface.end_tagged();
    if let Mark::Content(slot) = mark
        && let Some(list) = ids.get_mut(slot)
    {
        list.push(id);
    }
}

fn decoration(surface: &mut Surface, draw: impl FnOnce(&mut Surface)) {
    let id = begin(surface, Mark::Decoration);
    draw(surface);
    end(surface, id, Mark::Decoration, &mut []);
}

/// A rectangle given in PDF coordinates (bottom-left corner), drawn in krilla's (top-left).
fn rect(surface: &mut Surface, height: f32, x: f32, y: f32, w: f32, h: f32) {
    let mut path = PathBuilder::new();
    if let Some(r) = Rect::from_xywh(x, height - y - h, w, h) {
        path.push_rect(r);
    }
    if let Some(path) = path.finish() {
        surface.draw_path(&path);
    }
}

fn color(c: Rgb) -> rgb::Color {
    let byte = |v: f32| (v * 255.0).round().clamp(0.0, 255.0) as u8;
    rgb::Color::new(byte(c.0), byte(c.1), byte(c.2))
}

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: color(c).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn stroke(width: f32, c: Rgb) -> Stroke {
    Stroke {
        paint: color(c).into(),
        width,
        ..Stroke::default()
    }
}
