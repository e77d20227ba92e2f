/**
 * A scanned PDF as county offices publish it: page images only, no text layer. Built from grey-scale PGM page
 * images (what `pdftoppm -gray` writes), each one page with one Flate-compressed image.
 */
import { deflateSync } from 'node:zlib';

export interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Parse a binary PGM (P5, maxval 255). */
export function parsePgm(bytes: Uint8Array): Gray {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
  const m = head.match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!m || m[3] !== '255') throw new Error('not an 8-bit binary PGM');
  return { width: Number(m[1]), height: Number(m[2]), pixels: bytes.subarray(m[0].length, m[0].length + Number(m[1]) * Number(m[2])) };
}

/** An image-only PDF, one page per image, each page sized at `dpi`. */
export function imagePdf(pages: Gray[], dpi: number): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  let size = 0;
  const push = (b: Uint8Array | string) => {
    const u = typeof b === 'string' ? enc.encode(b) : b;
    chunks.push(u);
    size += u.length;
  };
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const n = pages.length;
  // Objects: 1 catalog, 2 pages, then per page: page, content, image.
  const obj = (id: number, body: (Uint8Array | string)[]) => {
    offsets[id] = size;
    push(`${id} 0 obj\n`);
    for (const b of body) push(b);
    push('\nendobj\n');
  };
  obj(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  obj(2, [`<< /Type /Pages /Count ${n} /Kids [${pages.map((_, i) => `${3 + i * 3} 0 R`).join(' ')}] >>`]);
  pages.forEach((p, i) => {
    const w = (p.width * 72) / dpi;
    const h = (p.height * 72) / dpi;
    const [pageId, contentId, imageId] = [3 + i * 3, 4 + i * 3, 5 + i * 3];
    obj(pageId, [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${imageId} 0 R >> >> /Contents ${contentId} 0 R >>`,
    ]);
    const content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`;
    obj(contentId, [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
    const data = deflateSync(p.pixels, { level: 9 });
    obj(imageId, [
      `<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
      data,
      '\nendstream',
    ]);
  });
  const xref = size;
  const count = 3 + n * 3;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let id = 1; id < count; id++) push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
