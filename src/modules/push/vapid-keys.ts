// The server's VAPID key pair, which signs every push so push services know it comes from this server:
// from VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY, or generated once and kept in DATA_DIR (0600), so the
// browsers' subscriptions, made for this public key, keep working across restarts.
import { createECDH } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError } from '../../config.js';
import { createPrivateDirSync, PRIVATE_FILE_MODE } from '../../lib/private-files.js';

export interface VapidDetails {
  subject: string;
  publicKey: string;
  privateKey: string;
}

const KEY = /^[A-Za-z0-9_-]+$/;

function parseStored(file: string, text: string): { publicKey: string; privateKey: string } {
  let stored: { publicKey?: unknown; privateKey?: unknown } = {};
  try {
    stored = JSON.parse(text);
  } catch {}
  const { publicKey, privateKey } = stored;
  if (
    typeof publicKey !== 'string' ||
    typeof privateKey !== 'string' ||
    !KEY.test(publicKey) ||
    !KEY.test(privateKey) ||
    Buffer.from(publicKey, 'base64url').length !== 65 ||
    Buffer.from(privateKey, 'base64url').length !== 32
  ) {
    throw new ConfigError(
      `${file} does not hold a VAPID key pair; delete it to have one generated (devices must then subscribe again), or set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY`,
    );
  }
  return { publicKey, privateKey };
}

function readFileOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A P-256 pair as VAPID spells it: the uncompressed public point (65 bytes) and the private scalar (32). */
function generateKeyPair(): { publicKey: string; privateKey: string } {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  // The scalar comes without its leading zero bytes, when it has any: VAPID wants exactly 32.
  const scalar = ecdh.getPrivateKey();
  const privateKey = Buffer.alloc(32);
  scalar.copy(privateKey, 32 - scalar.length);
  return {
    publicKey: ecdh.getPublicKey().toString('base64url'),
    privateKey: privateKey.toString('base64url'),
  };
}

export function loadVapidDetails(config: Config): VapidDetails {
  if (config.vapidKeys) return { subject: config.vapidSubject, ...config.vapidKeys };
  const file = path.resolve(config.dataDir, 'vapid-keys.json');
  const existing = readFileOrNull(file);
  if (existing !== null) return { subject: config.vapidSubject, ...parseStored(file, existing) };
  createPrivateDirSync(path.dirname(file));
  const generated = generateKeyPair();
  try {
    writeFileSync(file, `${JSON.stringify(generated)}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (error) {
    // Another process sharing DATA_DIR wrote its pair first: use that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { subject: config.vapidSubject, ...parseStored(file, readFileSync(file, 'utf8')) };
  }
  return { subject: config.vapidSubject, ...generated };
}
