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
import type { Font } from '@pdf-lib/fontkit';
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
    const fontkit: Fontkit = {
      create: (data: Uint8Array) => {
        if (data !== bytes) throw new Error('sealFont facade only serves its own font');
        return face;
      },
    };
    loaded = { bytes, face, fontkit };
    cache.set(path, loaded);
  }
  return loaded;
}
