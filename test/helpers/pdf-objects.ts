/**
 * A PDF file's text from its objects (numbered 1…n in order; object 1 is the catalogue): header, objects, a
 * cross-reference table with each object's offset, and a trailer. `trailerExtra` is added to the trailer
 * dictionary (an /Encrypt entry, say). For hand-made test PDFs; the text is ASCII unless an object is not.
 */
export function pdfFromObjects(objects: string[], trailerExtra = ''): string {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}
