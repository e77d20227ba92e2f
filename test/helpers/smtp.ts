import type { Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server (the smtp-server package) on loopback for the notification tests. */

export interface Received {
  messageId: string;
  to: string;
  subject: string;
  body: string;
}

/** A real SMTP server on 127.0.0.1 that records each message it accepted; `kill` drops every connection at once. */
export async function startSmtp(port = 0, opts: { onMessage?: (n: number) => 'accept' | 'kill' } = {}) {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  let n = 0;
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        n++;
        if (opts.onMessage?.(n) === 'kill') {
          kill();
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' '); // unfolded header lines
        const header = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(head)?.[1]?.trim() ?? '';
        received.push({ messageId: header('Message-ID'), to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: header('Subject'), body: raw });
        callback();
      });
    },
  });
  server.server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const kill = () => {
    for (const s of sockets) s.destroy();
    server.server.close();
  };
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const addr = server.server.address() as { port: number };
  return { received, port: addr.port, kill, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Decodes the (possibly encoded-word) Subject header nodemailer writes. */
export function decodeSubject(s: string): string {
  return s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** The text of a single-part message as nodemailer writes it (quoted-printable or base64, UTF-8). */
export function bodyText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).trim();
  const cte = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase() ?? '7bit';
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
