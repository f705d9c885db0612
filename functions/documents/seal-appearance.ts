/**
 * The visible seal: a red ring, a five-pointed star, the issuer's name along the upper arc and 电子印章
 * beneath the star — the familiar shape of a Chinese official seal, drawn as vectors (no image) into a
 * form XObject that becomes the signature widget's appearance. Clicking it in a reader opens the
 * signature details; the legal seal is the digital signature, this is how a person sees it.
 */
import { degrees, drawEllipse, drawSvgPath, drawText, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import type { PDFDocument, PDFFont, PDFOperator, PDFRef } from 'pdf-lib';
import { SEAL_RED } from './document-layout.ts';

const FONT_KEY = 'SealFont';

/**
 * @param width, height the widget rectangle's size; the seal is centred in it.
 * @param arcText the issuer, e.g. "东莞市医疗保障局"; parenthesised notes such as "（开发环境）" are left off the ring.
 */
export function sealAppearance(doc: PDFDocument, font: PDFFont, width: number, height: number, arcText: string, centreText = '电子印章'): PDFRef {
  const cx = width / 2;
  const cy = height / 2;
  const radius = Math.min(width, height) / 2 - 3;
  const ops: PDFOperator[] = [pushGraphicsState()];
  ops.push(...drawEllipse({ x: cx, y: cy, xScale: radius, yScale: radius, color: undefined, borderColor: SEAL_RED, borderWidth: 3 }));
  ops.push(...drawEllipse({ x: cx, y: cy, xScale: radius - 5, yScale: radius - 5, color: undefined, borderColor: SEAL_RED, borderWidth: 0.8 }));

  const starR = radius * 0.3;
  ops.push(...drawSvgPath(starPath(starR), { x: cx - starR, y: cy + starR * 1.25, scale: 1, color: SEAL_RED, borderColor: undefined, borderWidth: 0 }));

  const name = arcText.replace(/[（(][^）)]*[）)]/g, '').trim() || arcText;
  const chars = [...name];
  const textRadius = radius - 9;
  const span = Math.min(220, Math.max(120, chars.length * 20)) * (Math.PI / 180);
  const size = Math.min(14, ((textRadius * span) / chars.length) * 0.8);
  chars.forEach((ch, i) => {
    // Left to right along the upper arc: from the left end of the span, clockwise.
    const angle = Math.PI / 2 + span / 2 - (span * (i + 0.5)) / chars.length;
    const r = textRadius - size * 0.95;
    const w = font.widthOfTextAtSize(ch, size);
    const rot = angle - Math.PI / 2; // each glyph upright relative to the ring
    // Position the glyph's baseline-left so its centre sits on the arc.
    const gx = cx + r * Math.cos(angle) - (w / 2) * Math.cos(rot);
    const gy = cy + r * Math.sin(angle) - (w / 2) * Math.sin(rot);
    ops.push(
      ...drawText(font.encodeText(ch), {
        x: gx,
        y: gy,
        size,
        font: FONT_KEY,
        color: SEAL_RED,
        rotate: degrees((rot * 180) / Math.PI),
        xSkew: degrees(0),
        ySkew: degrees(0),
      }),
    );
  });

  const cSize = Math.min(13, radius * 0.24);
  const cw = font.widthOfTextAtSize(centreText, cSize);
  ops.push(
    ...drawText(font.encodeText(centreText), {
      x: cx - cw / 2,
      y: cy - radius * 0.55,
      size: cSize,
      font: FONT_KEY,
      color: SEAL_RED,
      rotate: degrees(0),
      xSkew: degrees(0),
      ySkew: degrees(0),
    }),
  );
  ops.push(popGraphicsState());

  const stream = doc.context.formXObject(ops, {
    BBox: [0, 0, width, height],
    Resources: { Font: { [FONT_KEY]: font.ref } },
  });
  return doc.context.register(stream);
}

/** Five-pointed star of outer radius r, in SVG coordinates (y down) with its bounding box's top-left at 0,0. */
function starPath(r: number): string {
  const inner = r * 0.382;
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? r : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push(`${(r + rr * Math.cos(a)).toFixed(2)} ${(r + rr * Math.sin(a)).toFixed(2)}`);
  }
  return `M${pts.join('L')}Z`;
}
