/**
 * The one layout of the 退休审批结果通知书: NoticeData → unsigned pdf-lib document.
 * Large type and plain words because most readers are about to retire; everything the citizen must
 * still do (补缴, 办理建议) is printed in full, never behind a code.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, rgb } from 'pdf-lib';
import type { PDFFont, PDFPage, RGB } from 'pdf-lib';
import QRCode from 'qrcode';
import type { NoticeData, NoticeDepartment, NoticeOutcome } from '../../schemas/notice.ts';
import { sealFont } from './seal-font.ts';

export interface RenderedNotice {
  doc: PDFDocument;
  /** Where the visible seal sits, so the signature widget can cover it (click → signature details). */
  sealPage: PDFPage;
  sealRect: [number, number, number, number];
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = { left: 56, right: 56, top: 52, bottom: 56 };
const CONTENT_W = A4[0] - MARGIN.left - MARGIN.right;
const SIZE = { title: 24, decision: 18, heading: 15, body: 13, small: 12 };
const LEADING = 1.45;

const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.6, 0.6, 0.6);
const SEAL_RED = rgb(0.8, 0.1, 0.1);

const DECISION_TEXT = { APPROVED: '准予退休', REJECTED: '不予批准' } as const;
const DECISION_COLOR = { APPROVED: rgb(0, 0.45, 0.2), REJECTED: SEAL_RED } as const;
const OUTCOME_TEXT: Record<NoticeOutcome, string> = {
  PASS: '通过',
  CONDITIONAL: '附条件通过',
  FAIL: '不通过',
  MANUAL: '人工审核',
  NOT_APPLICABLE: '不适用',
};
const OUTCOME_COLOR: Record<NoticeOutcome, RGB> = {
  PASS: rgb(0, 0.45, 0.2),
  CONDITIONAL: rgb(0.7, 0.4, 0),
  FAIL: SEAL_RED,
  MANUAL: rgb(0.1, 0.3, 0.7),
  NOT_APPLICABLE: MUTED,
};
const GENDER_TEXT = { male: '男', female: '女' } as const;
const RETIREMENT_TEXT: Record<NoticeData['retirement']['type'], string> = {
  normal: '正常退休',
  'flexible-early': '弹性提前退休',
  'flexible-late': '弹性延迟退休',
  'special-job': '特殊工种提前退休',
  disability: '因病或非因工致残完全丧失劳动能力退休',
};
const DEPARTMENT_ORDER = ['hr', 'tax', 'medical', 'housingFund'] as const;

export async function renderNotice(data: NoticeData, signedAt: Date): Promise<RenderedNotice> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const { bytes, fontkit, face } = sealFont();
  doc.registerFontkit(fontkit);
  // PDF 32000 §9.6.4: a subset font's name carries a six-letter tag, which tells readers it is partial.
  const font = await doc.embedFont(bytes, { subset: true, customName: `${subsetTag(data.documentId)}+${face.postscriptName ?? 'CJK'}` });
  setMetadata(doc, data, signedAt);

  const w = new Writer(doc, font);
  w.centered('退休审批结果通知书', SIZE.title);
  w.gap(10);
  w.paragraph(`案件编号：${data.caseNumber}`, SIZE.body);
  w.paragraph(`文书编号：${data.documentId}`, SIZE.body);
  w.gap(6);
  const a = data.applicant;
  w.paragraph(`申请人：${a.name}　　性别：${GENDER_TEXT[a.gender]}　　出生日期：${chineseDate(a.birthDate)}`, SIZE.body);
  w.paragraph(`公民身份号码：${a.idNumberMasked}`, SIZE.body);
  w.paragraph(
    `退休类型：${RETIREMENT_TEXT[data.retirement.type]}　　申请退休时间：${chineseMonth(data.retirement.requestedMonth)}`,
    SIZE.body,
  );
  w.gap(10);
  w.decision(`审批结论：${DECISION_TEXT[data.decision]}`, DECISION_COLOR[data.decision]);
  w.gap(10);
  w.paragraph('经相关部门联合审核，意见如下：', SIZE.body);
  w.gap(4);
  w.departmentTable(sortDepartments(data.departments));
  w.gap(12);
  w.paragraph(
    '本通知书已加盖电子印章（数字签名），任何改动都会使签章失效。可用 PDF 阅读器查看签章，或扫描右下方二维码核验真伪。',
    SIZE.small,
    MUTED,
  );
  const seal = w.sealBlock(data, signedAt);
  w.pageNumbers();
  return { doc, ...seal };
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

  paragraph(s: string, size: number, color: RGB = INK, indent = 0): void {
    for (const l of wrap(s, size, CONTENT_W - indent)) {
      this.ensure(size * LEADING);
      this.y -= size * LEADING;
      this.text(l, MARGIN.left + indent, this.y + size * 0.3, size, color);
    }
  }

  centered(s: string, size: number): void {
    this.ensure(size * LEADING);
    this.y -= size * LEADING;
    const x = (A4[0] - textWidth(s, size)) / 2;
    this.text(s, x, this.y + size * 0.3, size);
  }

  decision(s: string, color: RGB): void {
    const h = SIZE.decision * 2.2;
    this.ensure(h);
    this.y -= h;
    this.page.drawRectangle({ x: MARGIN.left, y: this.y, width: CONTENT_W, height: h, borderColor: color, borderWidth: 1.5 });
    this.text(s, MARGIN.left + 14, this.y + h / 2 - SIZE.decision * 0.35, SIZE.decision, color);
  }

  /**
   * Rows split across pages line by line (header repeated), so a department with many reasons never
   * runs off the page or leaves a page blank; a row starts on a new page only if <2 lines would fit.
   */
  departmentTable(departments: NoticeDepartment[]): void {
    const cols = [144, 92, CONTENT_W - 144 - 92];
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
    const header = () => drawSlice(['部门', '审核结果', '说明与需办理事项'].map((h) => ({ lines: [h], color: INK })), 0, 1, true);
    const fitLines = () => Math.floor((this.y - MARGIN.bottom - 2 * pad) / lh);

    this.ensure(3 * lh + 4 * pad);
    header();
    for (const d of departments) {
      const cells: Cell[] = [
        { lines: wrap(d.title, size, cols[0]! - 2 * pad), color: INK },
        { lines: wrap(OUTCOME_TEXT[d.outcome], size, cols[1]! - 2 * pad), color: OUTCOME_COLOR[d.outcome] },
        { lines: explanation(d).flatMap((p) => wrap(p, size, cols[2]! - 2 * pad)), color: INK },
      ];
      const total = Math.max(...cells.map((c) => c.lines.length));
      let from = 0;
      while (from < total) {
        if (fitLines() < Math.min(2, total - from)) {
          this.newPage();
          header();
        }
        const n = Math.min(fitLines(), total - from);
        drawSlice(cells, from, n, false);
        from += n;
      }
    }
  }

  /** Issuer, times, a drawn seal ring and the verification QR code, kept together on one page. */
  sealBlock(data: NoticeData, signedAt: Date): Pick<RenderedNotice, 'sealPage' | 'sealRect'> {
    const qrSize = 88;
    const height = qrSize + 36;
    this.ensure(height);
    const top = this.y - 12;
    const lh = SIZE.body * LEADING;
    const lines = [`出具单位：${data.issuer}`, `签发时间：${beijingTime(data.issuedAt)}`, `签章时间：${beijingTime(signedAt.toISOString())}`];
    lines.forEach((l, i) => this.text(l, MARGIN.left, top - lh * (i + 1) + SIZE.body * 0.3, SIZE.body));
    this.text('（以上均为北京时间）', MARGIN.left, top - lh * 4 + SIZE.body * 0.3, SIZE.small, MUTED);

    // Visual cue only; the legal seal is the digital signature over the file.
    const cx = MARGIN.left + CONTENT_W - qrSize - 70;
    const cy = top - qrSize / 2;
    this.page.drawCircle({ x: cx, y: cy, size: 44, borderColor: SEAL_RED, borderWidth: 2.5 });
    const label = '电子印章';
    this.text(label, cx - textWidth(label, SIZE.small) / 2, cy - SIZE.small * 0.35, SIZE.small, SEAL_RED);

    const qrX = MARGIN.left + CONTENT_W - qrSize;
    drawQr(this.page, data.verifyUrl, qrX, top, qrSize);
    const caption = '扫码验证真伪';
    this.text(caption, qrX + (qrSize - textWidth(caption, SIZE.small)) / 2, top - qrSize - 16, SIZE.small, MUTED);
    this.y -= height;
    return { sealPage: this.page, sealRect: [cx - 46, cy - 46, cx + 46, cy + 46] };
  }

  pageNumbers(): void {
    const pages = this.doc.getPages();
    pages.forEach((p, i) => {
      const s = `第 ${i + 1} 页　共 ${pages.length} 页`;
      p.drawText(s, { x: (A4[0] - textWidth(s, SIZE.small)) / 2, y: 32, size: SIZE.small, font: this.font, color: MUTED });
    });
  }
}

function explanation(d: NoticeDepartment): string[] {
  const out: string[] = [];
  for (const r of d.reasons) {
    out.push(`原因：${r.message}`);
    if (r.remedy) out.push(`办理建议：${r.remedy}`);
  }
  for (const duty of d.duties) out.push(`待办事项：${duty}`);
  for (const f of d.figures) out.push(`${f.label}：${f.value}`);
  return out.length > 0 ? out : ['无'];
}

/**
 * Greedy line breaking. CJK may break between any two characters; Latin words and numbers (amounts,
 * case numbers) stay whole unless longer than the line. Closing punctuation may hang past the margin
 * rather than start a line (Chinese typesetting rule 避头).
 */
export function wrap(text: string, size: number, maxWidth: number): string[] {
  const tokens = text.replace(/[\r\n\t]+/g, ' ').match(/[A-Za-z0-9¥$][\w.,:/%¥$+\-]*|\s+|./gsu) ?? [];
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
function textWidth(s: string, size: number): number {
  const { face } = sealFont();
  let advanceCache = advanceCaches.get(face);
  if (!advanceCache) advanceCaches.set(face, (advanceCache = new Map()));
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
function drawQr(page: PDFPage, url: string, x: number, top: number, size: number): void {
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
  page.drawSvgPath(path, { x, y: top, scale: size / modules.size, color: rgb(0, 0, 0), borderWidth: 0 });
}

function sortDepartments(ds: NoticeDepartment[]): NoticeDepartment[] {
  return [...ds].sort((a, b) => DEPARTMENT_ORDER.indexOf(a.key) - DEPARTMENT_ORDER.indexOf(b.key));
}

function setMetadata(doc: PDFDocument, data: NoticeData, signedAt: Date): void {
  doc.setTitle(`退休审批结果通知书 ${data.caseNumber}`);
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

const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const chineseMonth = (iso: string) => {
  const [y, m] = iso.split('-').map(Number);
  return `${y}年${m}月`;
};

/** China has one time zone and no DST, so a fixed +8 h offset is exact and needs no ICU data. */
function beijingTime(instant: string): string {
  const t = new Date(new Date(instant).getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
}
