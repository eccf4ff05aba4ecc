// DATA_DIR holds the signing key, mails with live links and uploaded photos: nobody but the server's
// own user may read it, whatever the umask it was started with.
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadJwtKey, openRuntime } from '../../src/runtime.js';
import { createTestApp, type TestApp, testConfig } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';
import { multipartBody } from '../helpers/multipart.js';

const modeOf = (file: string) => statSync(file).mode & 0o777;
const parent = mkdtempSync(path.join(tmpdir(), 'chat-data-dir-'));
// World-readable unless the server says otherwise, as on most machines.
const previousUmask = process.umask(0o022);

let t: TestApp;
let dataDir: string;
beforeAll(async () => {
  dataDir = path.join(parent, 'not-yet-created');
  t = await createTestApp({ env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
  await t.close();
  process.umask(previousUmask);
});

describe('DATA_DIR', () => {
  it('keeps outbox mails, which carry live links, and uploaded photos private to the server', async () => {
    const user = await createUser(t.app);
    const image = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const { payload, headers } = multipartBody({ data: image, filename: 'me.png' });
    const upload = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/users/me/profile-image',
      payload,
      headers: { ...headers, authorization: `Bearer ${user.token}` },
    });
    expect(upload.statusCode).toBe(200);

    expect(modeOf(dataDir)).toBe(0o700);
    for (const folder of ['outbox', 'media']) {
      const dir = path.join(dataDir, folder);
      expect(modeOf(dir), folder).toBe(0o700);
      const files = readdirSync(dir);
      expect(files.length, folder).toBeGreaterThan(0);
      for (const file of files) expect(modeOf(path.join(dir, file)), file).toBe(0o600);
    }
  });

  // The runtime opens the database too: the test database, not a second embedded one.
  it('tightens a DATA_DIR that already existed at start, and writes the generated signing key 0600', async () => {
    const existing = path.join(parent, 'existing');
    mkdirSync(existing);
    chmodSync(existing, 0o755);
    const config = { ...testConfig({ DATA_DIR: existing }), jwtSecret: null, databaseUrl: t.database.url };
    const runtime = await openRuntime(config);
    await runtime.close();
    expect(modeOf(existing)).toBe(0o700);
    expect(modeOf(path.join(existing, 'jwt-secret'))).toBe(0o600);
  });

  it('leaves the embedded PostgreSQL its way into DATA_DIR on a first start, through a clean stop', async () => {
    // As root the embedded PostgreSQL runs as another user, which needs to pass through DATA_DIR.
    const folder = mkdtempSync(path.join(tmpdir(), 'chat-first-start-'));
    chmodSync(folder, 0o755);
    const dir = path.join(folder, 'data');
    try {
      const config = { ...testConfig({ DATA_DIR: dir }), jwtSecret: null, databaseUrl: null };
      const runtime = await openRuntime(config);
      // As `npm start` does: the app then writes the Web Push keys it generates into DATA_DIR.
      const app = await buildApp(config, runtime.deps);
      try {
        // A checkpoint opens the cluster's control file (as every stop does).
        await runtime.deps.database.db.execute(sql`checkpoint`);
      } finally {
        await app.close();
        await runtime.close();
      }
      const log = readFileSync(path.join(dir, 'postgres.log'), 'utf8');
      expect(log).not.toMatch(/PANIC|abnormal/);
      expect(log).toMatch(/database system is shut down/);
      expect(modeOf(path.join(dir, 'vapid-keys.json'))).toBe(0o600);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses to start with a signing key in DATA_DIR shorter than 32 characters, in one clear line', async () => {
    const dir = path.join(parent, 'short-key');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'jwt-secret'), 'short\n');
    const config = { ...testConfig({ DATA_DIR: dir }), jwtSecret: null };
    await expect(openRuntime(config)).rejects.toThrow(
      /jwt-secret holds a signing key shorter than 32 characters/,
    );
    // A long enough key is used as it is.
    const kept = 'k'.repeat(40);
    writeFileSync(path.join(dir, 'jwt-secret'), `${kept}\n`);
    expect(new TextDecoder().decode(loadJwtKey(config))).toBe(kept);
  });
});
