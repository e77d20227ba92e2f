import { constants, deflateRawSync } from 'node:zlib';
import { pdfFromObjects } from '../helpers/pdf-objects.js';

/**
 * Decompression bombs, built without ever holding the inflated content: a raw-deflate segment of 1 MB of one
 * byte, flushed so that copies of it can be chained, repeated `mb` times, then a final empty block.
 */
export function deflateBomb(mb: number, byte = 0x41): Buffer {
  const segment = deflateRawSync(Buffer.alloc(1024 * 1024, byte), { finishFlush: constants.Z_SYNC_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array<Buffer>(mb).fill(segment), end]);
}

/** A zip with one deflated entry whose headers declare `declared` bytes (a lie when it is a bomb). */
export function zipWith(entries: { name: string; data: Buffer; declared: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** A .docx (by its entry names) whose document.xml inflates to `mb` MB while declaring 1 KB. */
export function docxBomb(mb: number): Buffer {
  return zipWith([
    { name: '[Content_Types].xml', data: deflateRawSync(Buffer.from('<Types/>')), declared: 8 },
    { name: 'word/document.xml', data: deflateBomb(mb), declared: 1024 },
  ]);
}

/** A PDF with `streams` FlateDecode streams of `mb` MB each (zlib header, chained raw blocks). */
export function pdfBomb(streams: number, mb: number): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const body = Buffer.concat([Buffer.from([0x78, 0x9c]), deflateBomb(mb), Buffer.alloc(4)]);
  for (let i = 1; i <= streams; i++) {
    parts.push(Buffer.from(`${i} 0 obj<</Length ${body.length}/Filter/FlateDecode>>stream\n`), body, Buffer.from('\nendstream\nendobj\n'));
  }
  parts.push(Buffer.from('trailer<<>>\n%%EOF\n'));
  return Buffer.concat(parts);
}

/**
 * A small PDF (~54 KB, nothing compressed) whose text layer is huge: one form XObject holding a line of
 * `charsPerLine` characters, drawn `linesPerPage` times on each of `pages` pages that share one content stream.
 * `pdftotext -layout` writes ~15 MB for (300, 200, 1000); pdfjs takes over 20 s.
 */
export function pdfTextBomb(pages: number, linesPerPage: number, charsPerLine: number): Buffer {
  const line = 'ABCDEFGHIJ'.repeat(Math.ceil(charsPerLine / 10)).slice(0, charsPerLine);
  const form = `BT /F1 1 Tf 0 0 Td (${line}) Tj ET`;
  const draws = Array.from({ length: linesPerPage }, (_, i) => `q 1 0 0 1 10 ${830 - i * 4} cm /X Do Q`).join('\n');
  const kids = Array.from({ length: pages }, (_, i) => `${i + 6} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Type /XObject /Subtype /Form /BBox [0 0 600 10] /Resources << /Font << /F1 3 0 R >> >> /Length ${form.length} >>\nstream\n${form}\nendstream`,
    `<< /Length ${draws.length} >>\nstream\n${draws}\nendstream`,
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /XObject << /X 4 0 R >> >> >>'),
  ];
  return Buffer.from(pdfFromObjects(objects), 'latin1');
}
