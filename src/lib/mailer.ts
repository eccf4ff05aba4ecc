// Outgoing mail: SMTP through nodemailer when SMTP_URL is set, else .eml files in DATA_DIR/outbox with
// the link logged, so verification and recovery work on a laptop with no mail server.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The action link inside the mail; the outbox logs it so a developer can click it. */
  link?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

export interface MailerSettings {
  smtpUrl: string | null;
  mailFrom: string;
  dataDir: string;
}

type TransportOptions = Parameters<typeof import('nodemailer')['createTransport']>[0];

/**
 * A nodemailer transport made on the first mail: nodemailer is a large package that most starts never
 * need, so it is loaded then, not with the server.
 */
function lazyTransport(options: TransportOptions): { get(): Promise<Transporter>; close(): void } {
  let transport: Promise<Transporter> | null = null;
  return {
    get() {
      transport ??= import('nodemailer').then((nodemailer) => nodemailer.default.createTransport(options));
      return transport;
    },
    close() {
      void transport?.then((made) => made.close());
    },
  };
}

export function createMailer(settings: MailerSettings, log: FastifyBaseLogger): Mailer {
  return settings.smtpUrl ? smtpMailer(settings.smtpUrl, settings.mailFrom) : outboxMailer(settings, log);
}

function smtpMailer(smtpUrl: string, from: string): Mailer {
  // Short timeouts: signup waits for its mail, and an unreachable server must not hold it for minutes.
  const transport = lazyTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await (await transport.get()).sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
    async close() {
      transport.close();
    },
  };
}

function outboxMailer(settings: MailerSettings, log: FastifyBaseLogger): Mailer {
  const folder = path.resolve(settings.dataDir, 'outbox');
  // nodemailer's stream transport renders the complete RFC 822 message without sending it.
  const renderer = lazyTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await (await renderer.get()).sendMail({
        from: settings.mailFrom,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      // The mails carry live verification and recovery links: readable by the server's user only.
      await ensurePrivateDir(folder);
      // Time first, so the newest mail sorts last in a directory listing.
      const file = path.join(folder, `${Date.now()}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer, { mode: PRIVATE_FILE_MODE });
      log.info(
        { to: message.to, subject: message.subject, link: message.link, file },
        'mail written to outbox',
      );
    },
    async close() {
      renderer.close();
    },
  };
}
