// A real Web Push receiver for tests: an HTTP push service on a loopback port whose devices hold their own
// keys. Each push is checked as a push service and a browser would: the VAPID JWT (RFC 8292) against the
// key it names, then the aes128gcm payload (RFC 8188/8291) decrypted with the device's private key.
import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  type ECDH,
  hkdfSync,
  randomBytes,
  verify,
} from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NotificationPayload } from '../../src/modules/push/notification.js';

export interface ReceivedPush {
  /** The decrypted payload, parsed. */
  payload: NotificationPayload;
  /** The VAPID public key the request was signed with (base64url) and the JWT's claims. */
  vapidKey: string;
  claims: { aud: string; exp: number; sub: string };
  headers: http.IncomingHttpHeaders;
}

export interface TestDevice {
  /** What a browser's PushSubscription.toJSON() gives. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Every push it accepted or refused (answers other than 2xx included), decrypted, in arrival order. */
  pushes: ReceivedPush[];
  /** The statuses to answer the next pushes with, in order; then 201. */
  answers: number[];
  /** While set, requests are held unanswered until release() is called. */
  holding: boolean;
  /** Requests held right now. */
  held: number;
  release(status?: number): void;
  /** Resolves once `count` pushes have arrived (counting those already here). */
  received(count: number): Promise<ReceivedPush[]>;
}

interface DeviceState extends TestDevice {
  ecdh: ECDH;
  publicKey: Buffer;
  authSecret: Buffer;
  waiters: { count: number; resolve: () => void }[];
  heldResponses: http.ServerResponse[];
}

function hkdf(salt: Buffer, ikm: Buffer, info: Buffer, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
}

/** RFC 8291 (with RFC 8188's aes128gcm framing): the plaintext the server encrypted for this device. */
export function decryptAes128gcm(
  body: Buffer,
  device: { ecdh: ECDH; publicKey: Buffer; authSecret: Buffer },
) {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const serverPublicKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error(`keyid is ${idLength} bytes, not a P-256 public key`);
  if (ciphertext.length > recordSize) throw new Error('more than one record');
  const sharedSecret = device.ecdh.computeSecret(serverPublicKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), device.publicKey, serverPublicKey]);
  const ikm = hkdf(device.authSecret, sharedSecret, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with a 0x02 delimiter followed by optional zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('missing the last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/** Checks `Authorization: vapid t=<jwt>, k=<key>`: an ES256 JWT signed by the key it names. */
export function verifyVapid(header: string | undefined, origin: string) {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`not a VAPID Authorization header: ${header}`);
  const [, jwt, key] = match as unknown as [string, string, string];
  const [head, body, signature] = jwt.split('.') as [string, string, string];
  const point = Buffer.from(key, 'base64url');
  if (point.length !== 65 || point[0] !== 4) throw new Error('k is not an uncompressed P-256 key');
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const valid = verify(
    'sha256',
    Buffer.from(`${head}.${body}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) throw new Error('the VAPID JWT signature does not verify with k');
  const header_ = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: unknown };
  if (header_.alg !== 'ES256') throw new Error(`JWT alg is ${header_.alg}`);
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as ReceivedPush['claims'];
  if (claims.aud !== origin) throw new Error(`JWT aud is ${claims.aud}, not ${origin}`);
  if (!(claims.exp * 1000 > Date.now())) throw new Error('JWT expired');
  if (claims.exp * 1000 > Date.now() + 24 * 3600 * 1000 + 60_000) throw new Error('JWT lives over 24 h');
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error(`JWT sub is ${claims.sub}`);
  return { vapidKey: key, claims };
}

export class PushReceiver {
  private readonly server = http.createServer((request, response) => this.onRequest(request, response));
  private readonly devices = new Map<string, DeviceState>();
  /** Requests that failed a check (bad VAPID, undecryptable body, unknown path): a test expects none. */
  readonly problems: string[] = [];
  origin = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const device of this.devices.values()) device.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A new browser: its own P-256 key pair and 16-byte auth secret, and its own endpoint path. */
  device(): TestDevice {
    const ecdh = createECDH('prime256v1');
    const publicKey = ecdh.generateKeys();
    const authSecret = randomBytes(16);
    const path = `/push/${randomBytes(8).toString('hex')}`;
    const device: DeviceState = {
      ecdh,
      publicKey,
      authSecret,
      subscription: {
        endpoint: `${this.origin}${path}`,
        keys: { p256dh: publicKey.toString('base64url'), auth: authSecret.toString('base64url') },
      },
      pushes: [],
      answers: [],
      holding: false,
      held: 0,
      waiters: [],
      heldResponses: [],
      release: (status = 201) => {
        device.holding = false;
        for (const response of device.heldResponses.splice(0)) response.writeHead(status).end();
        device.held = 0;
      },
      received: (count) =>
        device.pushes.length >= count
          ? Promise.resolve(device.pushes)
          : new Promise((resolve) => device.waiters.push({ count, resolve: () => resolve(device.pushes) })),
    };
    this.devices.set(path, device);
    return device;
  }

  private onRequest(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const device = this.devices.get(request.url ?? '');
      if (!device || request.method !== 'POST') {
        this.problems.push(`${request.method} ${request.url}: no such device`);
        response.writeHead(404).end();
        return;
      }
      try {
        if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
        if (!request.headers.ttl) throw new Error('no TTL header');
        const { vapidKey, claims } = verifyVapid(request.headers.authorization, this.origin);
        const payload = JSON.parse(decryptAes128gcm(Buffer.concat(chunks), device)) as NotificationPayload;
        device.pushes.push({ payload, vapidKey, claims, headers: request.headers });
      } catch (error) {
        this.problems.push(`${request.url}: ${(error as Error).message}`);
        response.writeHead(400).end();
        return;
      }
      for (const waiter of [...device.waiters]) {
        if (device.pushes.length >= waiter.count) {
          device.waiters.splice(device.waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      if (device.holding) {
        device.held += 1;
        device.heldResponses.push(response);
        return;
      }
      response.writeHead(device.answers.shift() ?? 201).end();
    });
  }
}
