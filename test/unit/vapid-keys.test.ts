// The VAPID key pair: generated once into DATA_DIR (private to the server's user), or taken from settings.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { loadVapidDetails } from '../../src/modules/push/vapid-keys.js';

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'chat-vapid-'));
const PUBLIC = `B${'A'.repeat(86)}`;
const PRIVATE = 'A'.repeat(43);

describe('VAPID keys', () => {
  it('are generated once, kept 0600 in DATA_DIR and read back on the next start', () => {
    const config = loadConfig({ DATA_DIR: freshDir() });
    const first = loadVapidDetails(config);
    const again = loadVapidDetails(config);
    expect(again).toEqual(first);
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(first.privateKey, 'base64url')).toHaveLength(32);
    expect(statSync(path.join(config.dataDir, 'vapid-keys.json')).mode & 0o777).toBe(0o600);
    expect(first.subject).toBe('mailto:admin@localhost');
  });

  it('come from VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY when set, and nothing is written', () => {
    const dir = freshDir();
    const config = loadConfig({ DATA_DIR: dir, VAPID_PUBLIC_KEY: PUBLIC, VAPID_PRIVATE_KEY: PRIVATE });
    expect(loadVapidDetails(config)).toMatchObject({ publicKey: PUBLIC, privateKey: PRIVATE });
    expect(() => statSync(path.join(dir, 'vapid-keys.json'))).toThrow();
  });

  it('refuse half a pair, wrong sizes, a subject that is not mailto: or https:, and a damaged file', () => {
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: PUBLIC })).toThrow(ConfigError);
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: PUBLIC.slice(2), VAPID_PRIVATE_KEY: PRIVATE })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: PUBLIC, VAPID_PRIVATE_KEY: `${PRIVATE}AA` })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ VAPID_SUBJECT: 'http://chat.example' })).toThrow(ConfigError);
    expect(loadConfig({ VAPID_SUBJECT: 'mailto:ops@chat.example' }).vapidSubject).toBe(
      'mailto:ops@chat.example',
    );
    expect(loadConfig({ PUBLIC_URL: 'https://chat.example' }).vapidSubject).toBe('https://chat.example');
    const dir = freshDir();
    writeFileSync(path.join(dir, 'vapid-keys.json'), '{"publicKey":"short"}');
    expect(() => loadVapidDetails(loadConfig({ DATA_DIR: dir }))).toThrow(ConfigError);
  });

  it('PUSH_ALLOW_INSECURE_ENDPOINTS is off unless set', () => {
    expect(loadConfig({}).pushAllowInsecureEndpoints).toBe(false);
    expect(loadConfig({ PUSH_ALLOW_INSECURE_ENDPOINTS: 'true' }).pushAllowInsecureEndpoints).toBe(true);
    expect(() => loadConfig({ PUSH_ALLOW_INSECURE_ENDPOINTS: 'yes' })).toThrow(ConfigError);
  });
});
