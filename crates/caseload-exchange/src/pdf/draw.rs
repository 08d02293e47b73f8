//! Draws laid-out pages with krilla: each operation becomes content on the page, marked as
//! the structure slot it belongs to (so the tag tree can point at it) or as an artifact
//! (running header and footer, repeated header rows, borders) that a screen reader skips.

use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point, Rect};
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
                decoration(surface, Paint::Fill(*color), rect(height, *x, *y, *w, *h));
            }
            Op::StrokeRect {
                x,
                y,
                w,
                h,
                line,
                color,
            } => decoration(
                surface,
                Paint::Stroke(*line, *color),
                rect(height, *x, *y, *w, *h),
            ),
            Op::Rule {
                x,
                y,
                w,
                line,
                color,
            } => {
                let mut path = PathBuilder::new();
                path.move_to(*x, height - y);
                path.line_to(x + w, height - y);
                decoration(surface, Paint::Stroke(*line, *color), path.finish());
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

/// How a decoration is painted: filled, or stroked with a line of the given width.
enum Paint {
    Fill(Rgb),
    Stroke(f32, Rgb),
}

/// Draws a border, rule or shading as a layout artifact (screen readers skip it).
fn decoration(surface: &mut Surface, paint: Paint, path: Option<Path>) {
    let Some(path) = path else {
        return;
    };
    let id = begin(surface, Mark::Decoration);
    match paint {
        Paint::Fill(c) => {
            surface.set_stroke(None);
            surface.set_fill(Some(fill(c)));
        }
        Paint::Stroke(width, c) => {
            surface.set_fill(None);
            surface.set_stroke(Some(stroke(width, c)));
        }
    }
    surface.draw_path(&path);
    end(surface, id, Mark::Decoration, &mut []);
}

/// A rectangle given in PDF coordinates (bottom-left corner), in krilla's (top-left).
fn rect(height: f32, x: f32, y: f32, w: f32, h: f32) -> Option<Path> {
    let mut path = PathBuilder::new();
    path.push_rect(Rect::from_xywh(x, height - y - h, w, h)?);
    path.finish()
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
