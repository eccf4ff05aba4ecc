// Lean WebSocket clients for the connections scenario: a TCP socket that sends the upgrade request and
// reads the frames itself (admitted on `ready`, answering pings, nothing else parsed). The server sees
// the same handshake and the same sockets as from any client; the benchmark's own CPU per handshake,
// which shares the machine's cores with the server, drops to a fraction of what the `ws` client costs
// (its HTTP client, key checks, event objects and per-message buffers).
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { closeEach, localAddressFor, type OpenedSockets, openEach } from './ws-clients.js';

const KEY = randomBytes(16).toString('base64');
const ACCEPT = createHash('sha1').update(`${KEY}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
const HEAD_END = Buffer.from('\r\n\r\n');
const READY = Buffer.from('"ready"');
const OPCODE_CLOSE = 0x8;
const OPCODE_PING = 0x9;

/** Client frames are masked; a zero mask leaves the payload as it is. */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  const head = Buffer.from([0x80 | opcode, 0x80 | payload.length, 0, 0, 0, 0]);
  return Buffer.concat([head, payload]);
}

/** The whole frames at the start of `data` (server frames are never masked), and what is left over. */
function readFrames(data: Buffer, onFrame: (opcode: number, payload: Buffer) => void): Buffer {
  let rest = data;
  while (rest.length >= 2) {
    let length = rest[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (rest.length < 4) break;
      length = rest.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (rest.length < 10) break;
      length = Number(rest.readBigUInt64BE(2));
      offset = 10;
    }
    if (rest.length < offset + length) break;
    onFrame(rest[0]! & 0x0f, rest.subarray(offset, offset + length));
    rest = rest.subarray(offset + length);
  }
  return rest;
}

/** Opens one authenticated socket and resolves once the server has admitted it (`ready`). */
export function openLeanSocket(httpUrl: string, token: string, index: number): Promise<net.Socket> {
  const { hostname, port } = new URL(httpUrl);
  return new Promise((resolve, reject) => {
    const localAddress = localAddressFor(index);
    const socket = net.connect({
      host: hostname,
      port: Number(port),
      ...(localAddress ? { localAddress } : {}),
    });
    let pending: Buffer = Buffer.alloc(0);
    let upgraded = false;
    let admitted = false;
    const fail = (reason: string) => {
      if (admitted) return;
      socket.destroy();
      reject(new Error(`socket ${index}: ${reason}`));
    };
    socket.setNoDelay(true);
    socket.once('connect', () => {
      socket.write(
        `GET /api/v1/ws?token=${encodeURIComponent(token)} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
          `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\n` +
          'Sec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      if (!upgraded) {
        const end = pending.indexOf(HEAD_END);
        if (end === -1) return;
        const head = pending.toString('latin1', 0, end);
        if (!head.startsWith('HTTP/1.1 101') || !head.includes(ACCEPT)) {
          fail(head.split('\r\n')[0] ?? 'no answer');
          return;
        }
        upgraded = true;
        pending = pending.subarray(end + HEAD_END.length);
      }
      pending = readFrames(pending, (opcode, payload) => {
        if (opcode === OPCODE_PING) socket.write(clientFrame(0xa, payload));
        else if (opcode === OPCODE_CLOSE) socket.end();
        else if (!admitted && payload.includes(READY)) {
          admitted = true;
          resolve(socket);
        }
      });
    });
    // Also after admission (a reset while closing): an error nobody listens to would end the run.
    socket.on('error', (error) => fail(error.message));
    socket.once('close', () => fail('closed before ready'));
  });
}

export type LeanBatch = OpenedSockets<net.Socket>;

/** Opens one socket per token, `concurrency` handshakes at a time; failures are counted, not thrown. */
export function openLeanSockets(
  httpUrl: string,
  tokens: string[],
  options: { concurrency: number; onProgress?: (opened: number) => void },
): Promise<LeanBatch> {
  return openEach(tokens, options, (token, index) => openLeanSocket(httpUrl, token, index));
}

/** Sends each a close frame (1000) and waits, briefly, for the server to close it. */
export function closeLeanSockets(sockets: net.Socket[]): Promise<void> {
  const goodbye = clientFrame(OPCODE_CLOSE, Buffer.from([0x03, 0xe8]));
  return closeEach(sockets, {
    closed: (socket) => socket.destroyed,
    close: (socket) => socket.end(goodbye),
    force: (socket) => socket.destroy(),
  });
}
