import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { PermanentDeliveryError, type OutboxDriver } from './outbox.js';

/**
 * E-mail over SMTP (nodemailer), configured by `SMTP_URL` (smtp://user:pass@host:587, smtps://… for implicit
 * TLS) and `SMTP_FROM`. The message's subject and text come rendered in its params (`subject`, `text`): the
 * capability that enqueued it owns its templates. The Message-ID is derived from the outbox message id, so a
 * resend after a crash between hand-over and bookkeeping carries the same Message-ID (mail systems and the
 * recipient can recognise the duplicate).
 */
export interface SmtpOptions {
  url: string;
  from: string;
  /** Seconds to wait for the server to connect and to answer (default 20). */
  timeoutSeconds?: number;
}

const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

export function messageIdFor(outboxId: string): string {
  return `<${createHash('sha256').update(outboxId).digest('hex').slice(0, 32)}@outbox.gongkai>`;
}

export function smtpDriver(opts: SmtpOptions): OutboxDriver & { close(): void } {
  const timeout = (opts.timeoutSeconds ?? 20) * 1000;
  // nodemailer is loaded with the first message, not at start (the CLI and most processes never send mail).
  let transport: Transporter | null = null;
  const open = async () => {
    if (!transport) {
      const { default: nodemailer } = await import('nodemailer');
      transport = nodemailer.createTransport(
        { url: opts.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout } as import('nodemailer').TransportOptions,
        { from: opts.from },
      );
    }
    return transport;
  };
  return {
    name: 'smtp',
    async send(m) {
      if (!ADDRESS.test(m.recipient)) throw new PermanentDeliveryError(`收件地址“${m.recipient}”不是有效的电子邮箱。`);
      const subject = typeof m.params.subject === 'string' ? m.params.subject : '';
      const text = typeof m.params.text === 'string' ? m.params.text : '';
      if (!subject || !text) throw new PermanentDeliveryError(`消息模板“${m.template}”缺少标题或正文。`);
      const info = await (await open()).sendMail({
        from: opts.from,
        to: m.recipient,
        subject,
        text,
        messageId: messageIdFor(m.id),
        headers: { 'X-Gongkai-Event': m.idempotencyKey },
      });
      return { providerId: info.messageId };
    },
    close: () => transport?.close(),
  };
}
