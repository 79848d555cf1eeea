//! Text set in lines for the PDF export: each paragraph is split into runs by the font that
//! has its characters (Latin face, else the CJK face), shaped with harfrust, then broken
//! greedily into lines that fit a width — at spaces, between Chinese characters, and
//! anywhere inside a word (a long URL) that is wider than a whole line.

use std::io;
use std::ops::Range;

use harfrust::{ShapeOptions, UnicodeBuffer};
use krilla::text::{GlyphId, KrillaGlyph};

use super::pdf_fonts::{missing, Face, Fonts};
use crate::cjk::is_cjk;

/// Which of the export's faces a run is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaceChoice {
    Regular,
    Bold,
    Cjk,
}

/// Glyphs of one face, placed `x` points from the start of their line.
pub struct Run {
    pub face: FaceChoice,
    pub x: f32,
    pub glyphs: Vec<KrillaGlyph>,
}

/// One line of text: its characters (the glyphs' ranges point into `text`) and its runs.
pub struct Line {
    pub text: String,
    pub runs: Vec<Run>,
    pub width: f32,
    pub size: f32,
}

/// A glyph of a shaped paragraph: its face, its advance in points, and `range`, the bytes
/// of the paragraph it draws.
struct Placed {
    face: FaceChoice,
    advance: f32,
    glyph: KrillaGlyph,
}

impl Fonts {
    pub fn face(&self, choice: FaceChoice) -> &Face {
        match choice {
            FaceChoice::Regular => &self.regular,
            FaceChoice::Bold => &self.bold,
            // Runs are only given the CJK face when there is one.
            FaceChoice::Cjk => self.cjk.as_ref().unwrap_or(&self.regular),
        }
    }

    /// The face for `c`: the Latin face when it has the glyph, else the CJK face; a Chinese
    /// character with no CJK font installed is an error (it would print as empty boxes).
    fn face_for(&self, c: char, latin: FaceChoice) -> io::Result<FaceChoice> {
        if c.is_ascii() || self.face(latin).covers(c) {
            return Ok(latin);
        }
        match &self.cjk {
            Some(cjk) if cjk.covers(c) => Ok(FaceChoice::Cjk),
            None if is_cjk(c) => Err(missing("Chinese")),
            _ => Ok(latin),
        }
    }
}

/// `text` set at `size` points in lines at most `width` points wide. Line breaks in the text
/// start new lines; an empty text gives no line.
pub fn lines(
    fonts: &Fonts,
    text: &str,
    weight: Weight,
    size: f32,
    width: f32,
) -> io::Result<Vec<Line>> {
    let mut out = Vec::new();
    // Tabs and other control characters have no glyph: they read as spaces.
    let text: String = text
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            continue;
        }
        let glyphs = shape(fonts, paragraph, weight, size)?;
        for range in breaks(paragraph, &glyphs, width) {
            out.push(line(paragraph, &glyphs[range], size));
        }
    }
    Ok(out)
}

fn shape(fonts: &Fonts, text: &str, weight: Weight, size: f32) -> io::Result<Vec<Placed>> {
    let latin = match weight {
        Weight::Regular => FaceChoice::Regular,
        Weight::Bold => FaceChoice::Bold,
    };
    let mut placed = Vec::with_capacity(text.len());
    let mut run_start = 0;
    let mut run_face = None;
    for (at, c) in text.char_indices() {
        // Spaces and controls stay in the run they are in, so a run breaks only at a
        // character that needs another face.
        let face = if c.is_whitespace() || c.is_control() {
            run_face.unwrap_or(latin)
        } else {
            fonts.face_for(c, latin)?
        };
        if run_face.is_some_and(|f| f != face) {
            shape_run(
                fonts,
                text,
                run_start..at,
                run_face.unwrap_or(latin),
                size,
                &mut placed,
            )?;
            run_start = at;
        }
        run_face = Some(face);
    }
    if let Some(face) = run_face {
        shape_run(fonts, text, run_start..text.len(), face, size, &mut placed)?;
    }
    Ok(placed)
}

fn shape_run(
    fonts: &Fonts,
    text: &str,
    range: Range<usize>,
    choice: FaceChoice,
    size: f32,
    out: &mut Vec<Placed>,
) -> io::Result<()> {
    let face = fonts.face(choice);
    let font = harfrust::FontRef::from_index(&face.data, face.index)
        .map_err(|e| io::Error::other(format!("cannot write the PDF: unreadable font: {e}")))?;
    let shaper = face.shaper.shaper(&font).build();
    let piece = &text[range.clone()];
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(piece);
    buffer.set_direction(harfrust::Direction::LeftToRight);
    buffer.guess_segment_properties();
    let shaped = shaper.shape(buffer, ShapeOptions::new());
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    let em = face.units_per_em;
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        let end = infos[i + 1..]
            .iter()
            .find(|next| next.cluster != info.cluster)
            .map_or(piece.len(), |next| next.cluster as usize);
        let advance = pos.x_advance as f32 / em;
        out.push(Placed {
            face: choice,
            advance: advance * size,
            glyph: KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                advance,
                pos.x_offset as f32 / em,
                pos.y_offset as f32 / em,
                pos.y_advance as f32 / em,
                range.start + start..range.start + end,
                None,
            ),
        });
    }
    Ok(())
}

fn first_char(text: &str, glyph: &Placed) -> Option<char> {
    text.get(glyph.glyph.text_range.start..)?.chars().next()
}

/// Where the lines of a shaped paragraph start and end (glyph indices), without the spaces
/// at the break.
fn breaks(text: &str, glyphs: &[Placed], width: f32) -> Vec<Range<usize>> {
    let is_space = |g: &Placed| first_char(text, g).is_some_and(char::is_whitespace);
    let wide = |g: &Placed| first_char(text, g).is_some_and(is_cjk);
    let mut lines = Vec::new();
    let mut start = 0;
    while start < glyphs.len() {
        while start < glyphs.len() && is_space(&glyphs[start]) {
            start += 1;
        }
        if start == glyphs.len() {
            break;
        }
        let mut used = 0.0;
        let mut last_break = None;
        let mut end = start;
        while end < glyphs.len() {
            let glyph = &glyphs[end];
            if end > start
                && (is_space(&glyphs[end - 1]) || wide(glyph) || wide(&glyphs[end - 1]))
                && !is_space(glyph)
            {
                last_break = Some(end);
            }
            if used + glyph.advance > width && end > start && !is_space(glyph) {
                break;
            }
            used += glyph.advance;
            end += 1;
        }
        if end < glyphs.len() {
            if let Some(at) = last_break {
                end = at;
            }
        }
        let mut shown = end;
        while shown > start && is_space(&glyphs[shown - 1]) {
            shown -= 1;
        }
        lines.push(start..shown);
        start = end;
    }
    lines
}

/// The glyphs of one line, their ranges moved to point into the line's own text.
fn line(text: &str, glyphs: &[Placed], size: f32) -> Line {
    let from = glyphs
        .iter()
        .map(|g| g.glyph.text_range.start)
        .min()
        .unwrap_or(0);
    let to = glyphs
        .iter()
        .map(|g| g.glyph.text_range.end)
        .max()
        .unwrap_or(from);
    let mut runs: Vec<Run> = Vec::new();
    let mut x = 0.0;
    for placed in glyphs {
        let mut glyph = placed.glyph.clone();
        glyph.text_range = glyph.text_range.start - from..glyph.text_range.end - from;
        match runs.last_mut() {
            Some(run) if run.face == placed.face => run.glyphs.push(glyph),
            _ => runs.push(Run {
                face: placed.face,
                x,
                glyphs: vec![glyph],
            }),
        }
        x += placed.advance;
    }
    Line {
        text: text.get(from..to).unwrap_or_default().to_owned(),
        runs,
        width: x,
        size,
    }
}
