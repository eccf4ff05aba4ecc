// One push to one device: the payload encrypted for the subscription (aes128gcm, RFC 8291) and signed with
// VAPID (RFC 8292) by the web-push library, then POSTed by us to the address we have just checked, so the
// connection cannot be steered inside the network by a name that resolves differently the second time.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { checkEndpoint, EndpointRejected, EndpointUnresolved } from './endpoint.js';
import type { VapidDetails } from './vapid-keys.js';

/** How long a push service keeps a push for a device that is offline: a day-old chat alert is stale. */
const TIME_TO_LIVE_SECONDS = 24 * 60 * 60;
/** The push service's answer is read only this far (it is only looked at for logs). */
const MAX_ANSWER_BYTES = 4096;

export type PushOutcome =
  | { kind: 'delivered' }
  /** 404/410: the browser dropped the subscription; it is removed. */
  | { kind: 'gone'; status: number }
  /** 429, 5xx, a network failure or a timeout: tried again later. */
  | { kind: 'retry'; reason: string; retryAfterMs: number | null }
  /** Any other answer: trying again would get the same one. */
  | { kind: 'failed'; reason: string }
  /** The endpoint now resolves to an address it may not reach: the subscription is removed. */
  | { kind: 'forbidden'; reason: string }
  /** The server is shutting down: the push was not finished and stays due. */
  | { kind: 'aborted' };

export interface PushRequest {
  endpoint: string;
  p256dh: string;
  auth: string;
  payload: string;
}

export interface PushSettings {
  vapid: VapidDetails;
  timeoutMs: number;
  allowInsecure: boolean;
}

function retryAfterMs(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function classify(status: number, retryAfter: string | string[] | undefined): PushOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 404 || status === 410) return { kind: 'gone', status };
  if (status === 429 || status >= 500) {
    return {
      kind: 'retry',
      reason: `push service answered ${status}`,
      retryAfterMs: retryAfterMs(retryAfter),
    };
  }
  return { kind: 'failed', reason: `push service answered ${status}` };
}

/** web-push is loaded with the first push: a server that never pushes does not load it at start. */
let webPush: Promise<typeof import('web-push')> | null = null;

export async function sendPush(
  settings: PushSettings,
  push: PushRequest,
  shutdown: AbortSignal,
): Promise<PushOutcome> {
  if (shutdown.aborted) return { kind: 'aborted' };
  let target: Awaited<ReturnType<typeof checkEndpoint>>;
  try {
    target = await checkEndpoint(push.endpoint, settings.allowInsecure);
  } catch (error) {
    if (error instanceof EndpointRejected) return { kind: 'forbidden', reason: `endpoint ${error.message}` };
    if (error instanceof EndpointUnresolved) {
      return { kind: 'retry', reason: `endpoint ${error.message}`, retryAfterMs: null };
    }
    throw error;
  }
  webPush ??= import('web-push');
  const { default: webpush } = (await webPush) as unknown as { default: typeof import('web-push') };
  const details = webpush.generateRequestDetails(
    { endpoint: push.endpoint, keys: { p256dh: push.p256dh, auth: push.auth } },
    push.payload,
    {
      vapidDetails: settings.vapid,
      TTL: TIME_TO_LIVE_SECONDS,
      contentEncoding: 'aes128gcm',
      urgency: 'high',
    },
  );
  const { url } = target;
  const secure = url.protocol === 'https:';
  const signal = AbortSignal.any([shutdown, AbortSignal.timeout(settings.timeoutMs)]);
  return new Promise<PushOutcome>((resolve) => {
    const request = (secure ? https : http).request(
      {
        // The address checked above, not the name: DNS is not asked a second time.
        host: target.address,
        family: target.family,
        port: url.port || (secure ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...details.headers, host: url.host },
        // TLS still checks the certificate against the endpoint's name (and sends it as SNI).
        ...(secure && isIP(url.hostname) === 0 ? { servername: url.hostname } : {}),
        agent: false,
        signal,
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) response.destroy();
        });
        response.on('error', () => {});
        resolve(classify(response.statusCode ?? 0, response.headers['retry-after']));
        response.resume();
      },
    );
    request.on('error', (error) => {
      if (shutdown.aborted) resolve({ kind: 'aborted' });
      else if (signal.aborted)
        resolve({ kind: 'retry', reason: 'push service timed out', retryAfterMs: null });
      else resolve({ kind: 'retry', reason: `push failed: ${error.message}`, retryAfterMs: null });
    });
    request.end(details.body ?? undefined);
  });
}
