/**
 * The one layout of every sealed document: SealedDocumentData → unsigned pdf-lib document.
 * A document is a title, header fields and blocks (decision, paragraphs, figures, lists, tables), then the
 * issuer and times; every page carries the case number, the document number, the signing time and a QR
 * code to the public verification page. Large type and plain words: most readers are about to retire.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, rgb } from 'pdf-lib';
import type { PDFFont, PDFPage, RGB } from 'pdf-lib';
import QRCode from 'qrcode';
import type { DocumentBlock, DocumentField, SealedDocumentData, Tone } from '../../schemas/notice.ts';
import { sealFont } from './seal-font.ts';
import './native-deflate.ts';

export interface RenderedDocument {
  doc: PDFDocument;
  font: PDFFont;
  /** Where the visible seal goes: the signature widget's rectangle (its appearance is the seal). */
  sealPage: PDFPage;
  sealRect: [number, number, number, number];
}

const A4: [number, number] = [595.28, 841.89];
const FOOTER = { qr: 72, bottom: 26 };
const MARGIN = { left: 56, right: 56, top: 52, bottom: FOOTER.bottom + FOOTER.qr + 18 };
const CONTENT_W = A4[0] - MARGIN.left - MARGIN.right;
const SIZE = { title: 24, decision: 18, heading: 15, body: 13, small: 12 };
const LEADING = 1.45;
export const SEAL_RADIUS = 54;
const SEAL_BLOCK_HEIGHT = 2 * SEAL_RADIUS + 16;
const CLOSING_NOTE = '本文书已加盖电子印章（数字签名），任何改动都会使签章失效。可用 PDF 阅读器查看签章，或扫描页面下方二维码核验真伪。';

const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.6, 0.6, 0.6);
export const SEAL_RED = rgb(0.8, 0.1, 0.1);
const TONE: Record<Tone, RGB> = {
  positive: rgb(0, 0.45, 0.2),
  warning: rgb(0.7, 0.4, 0),
  negative: SEAL_RED,
  info: rgb(0.1, 0.3, 0.7),
  muted: MUTED,
  normal: INK,
};

export async function renderDocument(data: SealedDocumentData, signedAt: Date): Promise<RenderedDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const { bytes, fontkit, face } = sealFont();
  doc.registerFontkit(fontkit);
  // PDF 32000 §9.6.4: a subset font's name carries a six-letter tag, which tells readers it is partial.
  const font = await doc.embedFont(bytes, { subset: true, customName: `${subsetTag(data.documentId)}+${face.postscriptName ?? 'CJK'}` });
  setMetadata(doc, data, signedAt);

  const w = new Writer(doc, font);
  w.centered(data.title, SIZE.title);
  w.gap(8);
  w.paragraph(`案件编号：${data.caseNumber}　　文书编号：${data.documentId}`, SIZE.body);
  w.gap(4);
  w.fieldLines(data.header);
  for (const block of data.blocks) {
    w.gap(10);
    w.block(block);
  }
  // The closing note goes with the seal: a page never holds the seal without the words that explain it. The gap
  // is small enough that a header naming an employer's unit and officer (two lines more) keeps a notice on one page.
  w.gap(4);
  w.ensure(wrap(CLOSING_NOTE, SIZE.small, CONTENT_W).length * SIZE.small * LEADING + SEAL_BLOCK_HEIGHT);
  w.paragraph(CLOSING_NOTE, SIZE.small, MUTED);
  const seal = w.sealBlock(data, signedAt);
  w.footers(data, signedAt);
  return { doc, font, ...seal };
}

/** Draws top to bottom, opening a new page when the next block would not fit. */
class Writer {
  readonly doc: PDFDocument;
  readonly font: PDFFont;
  page: PDFPage;
  y: number;

  constructor(doc: PDFDocument, font: PDFFont) {
    this.doc = doc;
    this.font = font;
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN.top;
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN.top;
  }

  gap(pt: number): void {
    this.y -= pt;
  }

  text(s: string, x: number, baseline: number, size: number, color: RGB = INK): void {
    this.page.drawText(s, { x, y: baseline, size, font: this.font, color });
  }

  paragraph(s: string, size: number, color: RGB = INK, indent = 0, firstLinePrefix = ''): void {
    const lines = wrap(s, size, CONTENT_W - indent);
    lines.forEach((l, i) => {
      this.ensure(size * LEADING);
      this.y -= size * LEADING;
      const baseline = this.y + size * 0.3;
      if (i === 0 && firstLinePrefix) this.text(firstLinePrefix, MARGIN.left, baseline, size, color);
      this.text(l, MARGIN.left + indent, baseline, size, color);
    });
  }

  heading(s: string): void {
    this.ensure(SIZE.heading * LEADING + SIZE.body * LEADING * 2); // never a heading alone at a page end
    this.paragraph(s, SIZE.heading);
    this.gap(2);
  }

  centered(s: string, size: number): void {
    this.ensure(size * LEADING);
    this.y -= size * LEADING;
    this.text(s, (A4[0] - textWidth(s, size)) / 2, this.y + size * 0.3, size);
  }

  /** Header fields, two to a line when both fit, so the person's details stay compact and aligned. */
  fieldLines(fields: DocumentField[]): void {
    const half = CONTENT_W / 2;
    const render = (f: DocumentField) => `${f.label}：${f.value}`;
    for (let i = 0; i < fields.length; i++) {
      const a = render(fields[i]!);
      const b = fields[i + 1] ? render(fields[i + 1]!) : undefined;
      if (b && textWidth(a, SIZE.body) < half - 8 && textWidth(b, SIZE.body) < half) {
        this.ensure(SIZE.body * LEADING);
        this.y -= SIZE.body * LEADING;
        this.text(a, MARGIN.left, this.y + SIZE.body * 0.3, SIZE.body);
        this.text(b, MARGIN.left + half, this.y + SIZE.body * 0.3, SIZE.body);
        i++;
      } else {
        this.paragraph(a, SIZE.body);
      }
    }
  }

  block(b: DocumentBlock): void {
    switch (b.kind) {
      case 'decision':
        this.decision(b.text, TONE[b.tone]);
        return;
      case 'paragraph':
        this.paragraph(b.text, SIZE.body, TONE[b.tone ?? 'normal']);
        return;
      case 'fields':
        if (b.heading) this.heading(b.heading);
        this.grid(
          [0.4, 0.6],
          undefined,
          b.fields.map((f) => [
            { lines: [f.label], tone: 'normal' as const },
            { lines: [f.value], tone: 'normal' as const },
          ]),
        );
        return;
      case 'list':
        if (b.heading) this.heading(b.heading);
        b.items.forEach((item, i) => {
          const prefix = `${i + 1}．`;
          this.paragraph(item, SIZE.body, INK, textWidth(prefix, SIZE.body), prefix);
          this.gap(2);
        });
        return;
      case 'table':
        if (b.heading) this.heading(b.heading);
        this.grid(
          b.columns.map((c) => c.width),
          b.columns.map((c) => c.title),
          b.rows,
        );
        return;
    }
  }

  decision(s: string, color: RGB): void {
    const h = SIZE.decision * 2.2;
    this.ensure(h);
    this.y -= h;
    this.page.drawRectangle({ x: MARGIN.left, y: this.y, width: CONTENT_W, height: h, borderColor: color, borderWidth: 1.5 });
    this.text(s, MARGIN.left + 14, this.y + h / 2 - SIZE.decision * 0.35, SIZE.decision, color);
  }

  /**
   * Rows split across pages line by line (header repeated), so a long cell never runs off the page or
   * leaves a page blank; a row starts on a new page only if fewer than 2 of its lines would fit.
   */
  grid(shares: number[], header: string[] | undefined, rows: { lines: string[]; tone?: Tone }[][]): void {
    const cols = shares.map((s) => s * CONTENT_W);
    const pad = 6;
    const size = SIZE.body;
    const lh = size * LEADING;
    type Cell = { lines: string[]; color: RGB };
    const drawSlice = (cells: Cell[], from: number, n: number, shaded: boolean) => {
      const height = n * lh + 2 * pad;
      this.y -= height;
      if (shaded) this.page.drawRectangle({ x: MARGIN.left, y: this.y, width: CONTENT_W, height, color: rgb(0.93, 0.93, 0.93) });
      let x = MARGIN.left;
      cells.forEach((cell, i) => {
        this.page.drawRectangle({ x, y: this.y, width: cols[i]!, height, borderColor: RULE, borderWidth: 0.75 });
        cell.lines.slice(from, from + n).forEach((l, j) => {
          this.text(l, x + pad, this.y + height - pad - lh * (j + 1) + size * 0.3, size, cell.color);
        });
        x += cols[i]!;
      });
    };
    const drawHeader = () =>
      header &&
      drawSlice(
        header.map((h) => ({ lines: [h], color: INK })),
        0,
        1,
        true,
      );
    const fitLines = () => Math.floor((this.y - MARGIN.bottom - 2 * pad) / lh);

    this.ensure((header ? 3 : 2) * lh + 4 * pad);
    drawHeader();
    for (const row of rows) {
      const cells: Cell[] = row.map((c, i) => ({
        lines: c.lines.flatMap((p) => wrap(p, size, cols[i]! - 2 * pad)),
        color: TONE[c.tone ?? 'normal'],
      }));
      const total = Math.max(...cells.map((c) => c.lines.length));
      let from = 0;
      while (from < total) {
        if (fitLines() < Math.min(2, total - from)) {
          this.newPage();
          drawHeader();
        }
        const n = Math.min(fitLines(), total - from);
        drawSlice(cells, from, n, false);
        from += n;
      }
    }
  }

  /** Issuer and times on the left; the seal (drawn as the signature's appearance) overlapping them on the right. */
  sealBlock(data: SealedDocumentData, signedAt: Date): Pick<RenderedDocument, 'sealPage' | 'sealRect'> {
    const height = SEAL_BLOCK_HEIGHT;
    this.ensure(height);
    const top = this.y - 8;
    const lh = SIZE.body * LEADING;
    const lines = [`出具单位：${data.issuer}`, `签发时间：${beijingTime(data.issuedAt)}`, `签章时间：${beijingTime(signedAt.toISOString())}`];
    lines.forEach((l, i) => {
      this.text(l, MARGIN.left, top - lh * (i + 1.5) + SIZE.body * 0.3, SIZE.body);
    });
    this.text('（以上均为北京时间）', MARGIN.left, top - lh * 4.5 + SIZE.body * 0.3, SIZE.small, MUTED);
    const cx = MARGIN.left + CONTENT_W - SEAL_RADIUS - 24;
    const cy = top - SEAL_RADIUS - 4;
    this.y -= height;
    const r = SEAL_RADIUS + 2;
    return { sealPage: this.page, sealRect: [cx - r, cy - r, cx + r, cy + r] };
  }

  /** Every page: case number, document number, signing time, page x of n, and the verification QR. */
  footers(data: SealedDocumentData, signedAt: Date): void {
    const pages = this.doc.getPages();
    const size = SIZE.small;
    const lh = size * LEADING;
    const qrX = A4[0] - MARGIN.right - FOOTER.qr;
    pages.forEach((p, i) => {
      const top = FOOTER.bottom + FOOTER.qr;
      p.drawLine({ start: { x: MARGIN.left, y: top + 8 }, end: { x: A4[0] - MARGIN.right, y: top + 8 }, thickness: 0.5, color: RULE });
      const lines = [
        `案件编号：${data.caseNumber}　文书编号：${data.documentId}`,
        `签章时间：${beijingTime(signedAt.toISOString())}（北京时间）`,
        `扫码验证真伪 → 第 ${i + 1} 页　共 ${pages.length} 页`,
      ];
      lines.forEach((l, j) => {
        p.drawText(l, { x: MARGIN.left, y: top - lh * (j + 1) + size * 0.3, size, font: this.font, color: MUTED });
      });
      drawQr(p, data.verifyUrl, qrX, top, FOOTER.qr);
    });
  }
}

/**
 * Greedy line breaking. CJK may break between any two characters; Latin words and numbers (amounts,
 * case numbers) stay whole unless longer than the line. Closing punctuation may hang past the margin
 * rather than start a line (Chinese typesetting rule 避头).
 */
export function wrap(text: string, size: number, maxWidth: number): string[] {
  const tokens = text.replace(/[\r\n\t]+/g, ' ').match(/[A-Za-z0-9¥$][\w.,:/%¥$+-]*|\s+|./gsu) ?? [];
  const lines: string[] = [];
  let cur = '';
  let curW = 0;
  for (const t of tokens) {
    const w = textWidth(t, size);
    if (curW + w <= maxWidth || cur === '' || /^[，。、；：！？）》」』,.;:!?)]$/u.test(t)) {
      if (cur === '' && w > maxWidth) {
        for (const ch of t) {
          const cw = textWidth(ch, size);
          if (cur !== '' && curW + cw > maxWidth) {
            lines.push(cur);
            cur = '';
            curW = 0;
          }
          cur += ch;
          curW += cw;
        }
      } else {
        cur += t;
        curW += w;
      }
      continue;
    }
    lines.push(cur.trimEnd());
    cur = /^\s+$/.test(t) ? '' : t;
    curW = cur === '' ? 0 : w;
  }
  if (cur.trim() !== '' || lines.length === 0) lines.push(cur.trimEnd());
  return lines;
}

/**
 * Width from cached per-character advances. pdf-lib's widthOfTextAtSize runs full OpenType shaping on
 * every call, which made line breaking the hottest part of rendering; CJK text neither kerns nor
 * ligates, so summing advances gives the same answer.
 */
const advanceCaches = new WeakMap<object, Map<number, number>>();
export function textWidth(s: string, size: number): number {
  const { face } = sealFont();
  let advanceCache = advanceCaches.get(face);
  if (!advanceCache) {
    advanceCache = new Map();
    advanceCaches.set(face, advanceCache);
  }
  let units = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    let adv = advanceCache.get(cp);
    if (adv === undefined) {
      adv = face.glyphForCodePoint(cp).advanceWidth;
      advanceCache.set(cp, adv);
    }
    units += adv;
  }
  return (units * size) / face.unitsPerEm;
}

/** Vector QR (one path) instead of an embedded PNG: sharp at any print size, smaller, no PNG decode. */
const qrPaths = new Map<string, { path: string; size: number }>();
function drawQr(page: PDFPage, url: string, x: number, top: number, size: number): void {
  let qr = qrPaths.get(url);
  if (!qr) {
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    let path = '';
    for (let r = 0; r < modules.size; r++) {
      let c = 0;
      while (c < modules.size) {
        if (!modules.get(r, c)) {
          c++;
          continue;
        }
        const start = c;
        while (c < modules.size && modules.get(r, c)) c++;
        path += `M${start} ${r}h${c - start}v1h${start - c}z`;
      }
    }
    qr = { path, size: modules.size };
    qrPaths.clear(); // one document at a time: keep only the current URL
    qrPaths.set(url, qr);
  }
  page.drawSvgPath(qr.path, { x, y: top, scale: size / qr.size, color: rgb(0, 0, 0), borderWidth: 0 });
}

function setMetadata(doc: PDFDocument, data: SealedDocumentData, signedAt: Date): void {
  doc.setTitle(`${data.title} ${data.caseNumber}`);
  doc.setAuthor(data.issuer);
  doc.setSubject(data.documentId);
  doc.setCreator('退休一件事');
  doc.setProducer('退休一件事 sealing');
  doc.setCreationDate(signedAt);
  doc.setModificationDate(signedAt);
  doc.setLanguage('zh-CN');
}

function subsetTag(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

/** China has one time zone and no DST, so a fixed +8 h offset is exact and needs no ICU data. */
export function beijingTime(instant: string): string {
  const t = new Date(new Date(instant).getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
}
