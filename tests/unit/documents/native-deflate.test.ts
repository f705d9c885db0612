import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../../functions/documents/document-layout.ts';

// The pako instance pdf-lib itself requires (not one this test resolves on its own).
const pdfLibRequire = createRequire(createRequire(import.meta.url).resolve('pdf-lib'));
const pdfLibPako = pdfLibRequire('pako') as typeof import('pako');

describe('the deflate pdf-lib compresses sealed papers with', () => {
  it('is Node’s zlib once the document layout is loaded (pako returns a plain Uint8Array, zlib a Buffer)', () => {
    expect(Buffer.isBuffer(pdfLibPako.deflate(new TextEncoder().encode('退休一件事 BT /F1 12 Tf ET')))).toBe(true);
  });

  it('writes what a PDF reader’s FlateDecode reads back, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(pdfLibPako.inflate(pdfLibPako.deflate(bytes))).toEqual(bytes);
      }),
    );
  });

  it('keeps pako’s own deflate for a call with options (pdf-lib makes none)', () => {
    const raw = pdfLibPako.deflate(new Uint8Array([1, 2, 3]), { raw: true });
    expect(Buffer.isBuffer(raw)).toBe(false);
    expect(pdfLibPako.inflateRaw(raw)).toEqual(new Uint8Array([1, 2, 3]));
  });
});
