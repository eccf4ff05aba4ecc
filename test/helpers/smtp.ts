// A real SMTP server on loopback for mail tests, and helpers to pull the token out of a received mail.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  /** The whole message as received (headers and body, transfer-encoded). */
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  mails: ReceivedMail[];
  /** The next mail to `to` (containing `text`, if given) that no earlier call took; waits for it to arrive. */
  nextMailTo(to: string, text?: string): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  const waiters: { to: string; text: string; resolve: (mail: ReceivedMail) => void }[] = [];
  // Hands unclaimed mails to waiters; each mail goes to one waiter only.
  const claim = (to: string, text: string): ReceivedMail | undefined => {
    const mail = mails.find(
      (m) => !taken.has(m) && m.to.includes(to) && decodeQuotedPrintable(m.raw).includes(text),
    );
    if (mail) taken.add(mail);
    return mail;
  };
  const notify = () => {
    for (let i = 0; i < waiters.length; ) {
      const waiter = waiters[i]!;
      const mail = claim(waiter.to, waiter.text);
      if (mail) {
        waiters.splice(i, 1);
        waiter.resolve(mail);
      } else {
        i += 1;
      }
    }
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        mails.push({ to, raw: Buffer.concat(chunks).toString('utf8') });
        notify();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    nextMailTo(to, text = '') {
      const address = to.toLowerCase();
      const mail = claim(address, text);
      if (mail) return Promise.resolve(mail);
      return new Promise<ReceivedMail>((resolve) => waiters.push({ to: address, text, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Undoes quoted-printable soft line breaks and escapes, which long link lines get in a mail body. */
export function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** The link to `page` in a mail (e.g. "verify-account"), and the token in its `token` query parameter. */
export function linkFromMail(raw: string, page: 'verify-account' | 'recovery-password') {
  const text = decodeQuotedPrintable(raw);
  const match = new RegExp(`(https?://\\S+/${page}\\?token=[A-Za-z0-9_%-]+)`).exec(text);
  if (!match) throw new Error(`no ${page} link in the mail:\n${text}`);
  const url = new URL(match[1]!);
  return { url, token: url.searchParams.get('token')! };
}
