import realFontkit, { type Font } from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { sealFont } from '../../../functions/documents/seal-font.ts';

/** A subset font as pdf-lib embeds it (CustomFontSubsetEmbedder.serializeFont): the glyphs of `text`, encoded. */
function subsetOf(face: Font, text: string): Promise<Buffer> {
  const subset = face.createSubset() as unknown as {
    includeGlyph(g: unknown): number;
    encodeStream(): NodeJS.EventEmitter;
  };
  for (const glyph of face.layout(text).glyphs) subset.includeGlyph(glyph);
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    subset
      .encodeStream()
      .on('data', (b: Buffer) => parts.push(Buffer.from(b)))
      .on('end', () => resolve(Buffer.concat(parts)))
      .on('error', reject);
  });
}

// Characters a paper may well carry (a name, a department, figures); each test takes its own, so that no glyph
// was parsed by an earlier one.
const NAME = '欧阳淑芬住房公积金';
const FIGURES = '贰仟叁佰肆拾伍元整〇一二三';

describe('the seal font', () => {
  const { bytes, fontkit } = sealFont();
  const view = fontkit.create(bytes) as unknown as Font;

  it('subsets to the same bytes as a face of its own, the first time and every time after', async () => {
    const parsed = realFontkit.create(bytes) as Font | { fonts: Font[] };
    const fresh = 'fonts' in parsed ? parsed.fonts[0]! : parsed;
    const expected = await subsetOf(fresh, NAME);
    expect(expected.length).toBeGreaterThan(1000);
    expect(await subsetOf(view, NAME)).toEqual(expected);
    expect(await subsetOf(view, NAME)).toEqual(expected);
    // Another text is another subset: the cache answers per glyph, not per paper.
    expect(await subsetOf(view, `${NAME}退休`)).not.toEqual(expected);
  });

  it("parses each glyph's outline once for all the papers of a process", async () => {
    const glyphClass = Object.getPrototypeOf(view.glyphForCodePoint('贰'.codePointAt(0)!)) as { _decode: () => unknown };
    const original = glyphClass._decode;
    let parses = 0;
    glyphClass._decode = function (this: unknown) {
      parses++;
      return original.call(this);
    };
    try {
      await subsetOf(view, FIGURES);
      const first = parses;
      // At least one parse per character, the first time.
      expect(first).toBeGreaterThanOrEqual(new Set(FIGURES).size);
      await subsetOf(view, FIGURES);
      await subsetOf(view, `${FIGURES}${FIGURES}`);
      expect(parses).toBe(first);
    } finally {
      glyphClass._decode = original;
    }
  });
});
