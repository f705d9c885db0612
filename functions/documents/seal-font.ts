/**
 * The CJK font for sealed notices, read and parsed once per process.
 *
 * Why this is not just `pdfDoc.embedFont(bytes)`: pdf-lib hands the bytes to `fontkit.create`, which
 * (a) returns a *collection* for a .ttc, which pdf-lib cannot use, and (b) copies and re-parses the
 * ~5 MB file on every document. So we give pdf-lib a fontkit facade whose `create` returns one face
 * parsed once. pdf-lib subsets from the face's tables (FontFile2 = the subset, not the .ttc), so
 * the file bytes are never embedded. WenQuanYi Micro Hei has TrueType outlines, which subset cleanly
 * (CFF CJK fonts such as Noto do not).
 */
import { readFileSync } from 'node:fs';
import realFontkit from '@pdf-lib/fontkit';
import type { Font, Glyph, GlyphRun } from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

export const DEFAULT_SEAL_FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

export interface LoadedFont {
  bytes: Uint8Array;
  face: Font;
  fontkit: Fontkit;
}

const cache = new Map<string, LoadedFont>();

export function sealFont(path: string = process.env.SEAL_FONT_PATH || DEFAULT_SEAL_FONT_PATH): LoadedFont {
  let loaded = cache.get(path);
  if (!loaded) {
    const bytes = new Uint8Array(readFileSync(path));
    const parsed = realFontkit.create(bytes) as Font | { fonts: Font[] };
    // First face of a collection: in wqy-microhei.ttc that is the proportional "WenQuanYi Micro Hei".
    const face = 'fonts' in parsed ? parsed.fonts[0] : parsed;
    if (!face) throw new Error(`no font face in ${path}`);
    const view = withCachedLayout(face);
    const fontkit: Fontkit = {
      create: (data: Uint8Array) => {
        if (data !== bytes) throw new Error('sealFont facade only serves its own font');
        return view;
      },
    };
    loaded = { bytes, face, fontkit };
    cache.set(path, loaded);
  }
  return loaded;
}

/**
 * The face as pdf-lib sees it, except that laying out a string is one cached glyph per character. pdf-lib
 * runs full OpenType shaping (`layout`) on every drawText, which was the costliest part of a paper's
 * layout; the papers' text is CJK and digits, which neither kern nor ligate, so the glyphs are the same
 * (line breaking already measures widths the same way, document-layout.ts textWidth). The glyphs are
 * kept for the life of the process: a few thousand at most.
 */
function withCachedLayout(face: Font): Font {
  const glyphs = new Map<number, Glyph>();
  const view = Object.create(face) as Font;
  view.layout = (text: string) =>
    ({
      glyphs: Array.from(text, (ch) => {
        const cp = ch.codePointAt(0)!;
        let glyph = glyphs.get(cp);
        if (!glyph) {
          glyph = face.glyphForCodePoint(cp);
          glyphs.set(cp, glyph);
        }
        return glyph;
      }),
    }) as unknown as GlyphRun;
  view.getGlyph = (id: number, codePoints?: number[]) => withDecodedOnce(face.getGlyph.call(view, id, codePoints));
  return view;
}

/** fontkit's glyph object, as far as the subset uses it: `_decode` parses the glyph's outline from the font file. */
type DecodableGlyph = Glyph & { _decode?: () => unknown };

/**
 * The glyph with its outline parsed at most once. pdf-lib's subset (fontkit's TTFSubset) parses every glyph's whole
 * outline on every paper only to learn whether it is a compound glyph; that was a tenth of a paper's CPU. The parsed
 * outline is only read (by the subset, and by a path nobody here draws), and the face is never a variable font,
 * whose outlines would change with the variation; so one parse serves every paper for the life of the process.
 */
function withDecodedOnce(glyph: DecodableGlyph): Glyph {
  // fontkit's `_decode` is on the glyph's class; one of the glyph's own is this wrapper, already in place.
  if (!Object.hasOwn(glyph, '_decode') && typeof glyph._decode === 'function') {
    const decode = glyph._decode.bind(glyph);
    let decoded: unknown;
    let done = false;
    glyph._decode = () => {
      if (!done) {
        decoded = decode();
        done = true;
      }
      return decoded;
    };
  }
  return glyph;
}
