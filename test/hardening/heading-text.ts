/** The text that froze the server (issue 8): section headings repeated to the given size, under a report title. */
export function headingText(bytes: number): string {
  const unit = [
    '二、主动公开政府信息情况',
    '第二十条第（一）项',
    '信息内容          本年制发件数    本年废止件数    现行有效件数',
    '    本年新制作数量     本年新公开数量    对外公开总数量',
    '三、收到和处理政府信息公开申请情况',
    '（三）不予公开',
    '四、政府信息公开行政复议、行政诉讼情况',
    '行政复议    行政诉讼',
    '',
  ].join('\n');
  return `某局2023年政府信息公开工作年度报告\n${unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)))}`;
}

export function multipart(fields: Record<string, Buffer>, filename = 'report.txt'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----gk${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [name, data] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
