// The production build (`npm run build`: one esbuild bundle plus on-demand chunks) is what `npm start` runs,
// so it gets the same first steps as a person would take: start it, sign up (the mail goes through the
// mailer chunk loaded on demand, the password through the native argon2 package), log in, read your profile,
// open the docs page. Also: the benchmark's profile summary finds the source file behind bundled code.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceMapResolver } from '../../bench/lib/profile.js';
import { buildServer } from '../../scripts/build-server.js';
import { freePort } from '../../src/lib/free-port.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the built server', () => {
  // Inside the project, so the bundle finds src/db/migrations the way dist/main.js does.
  const outdir = path.join(ROOT, `.build-test-${process.pid}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chat-built-'));
  let database: TestDatabase;
  let server: ChildProcess;
  let base: string;
  let output = '';

  beforeAll(async () => {
    await buildServer(outdir);
    database = await freshDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const { REDIS_URL: _none, ...environment } = process.env;
    server = spawn(process.execPath, [path.join(outdir, 'main.js')], {
      env: {
        ...environment,
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(32).toString('hex'),
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      server.once('exit', (code) => reject(new Error(`the built server exited (${code}): ${output}`))),
    );
    const ready = (async () => {
      for (;;) {
        const answer = await fetch(`${base}/ready`).catch(() => null);
        if (answer?.status === 200) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await Promise.race([ready, exited]);
  }, 120_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const stopped = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await stopped;
    }
    await database?.close();
    rmSync(outdir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs a person up, mails them, logs them in and shows their profile', async () => {
    const email = `built-${process.pid}@example.com`;
    const signup = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery', firstName: 'Ada', lastName: 'Built' }),
    });
    expect(signup.status).toBe(201);
    // Without SMTP_URL the verification mail is written to the outbox.
    const outbox = path.join(dataDir, 'outbox');
    expect(existsSync(outbox) && readdirSync(outbox).some((file) => file.endsWith('.eml'))).toBe(true);

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    expect(login.status).toBe(200);
    const { data } = (await login.json()) as { data: { token: string } };

    const me = await fetch(`${base}/api/v1/users/me`, { headers: { authorization: `Bearer ${data.token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { data: { email: string } }).data.email).toBe(email);
  });

  it('answers a bad body in the envelope, validated by the schema compiled on first use', async () => {
    const answer = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not an address' }),
    });
    expect(answer.status).toBe(422);
    expect(await answer.json()).toMatchObject({ error: true, status: 422, code: 'VALIDATION_FAILED' });
  });

  it('serves the API reference page and the OpenAPI document', async () => {
    const docs = await fetch(`${base}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('<html');
    const document = await fetch(`${base}/api/v1/openapi.json`);
    expect(((await document.json()) as { openapi: string }).openapi).toMatch(/^3\./);
  });
});

describe('benchmark profile of a bundle', () => {
  it('charges bundled code to the package or source folder it came from', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chat-bundle-map-'));
    try {
      mkdirSync(path.join(dir, 'node_modules/left-pad-ish'), { recursive: true });
      mkdirSync(path.join(dir, 'src/modules/messages'), { recursive: true });
      writeFileSync(
        path.join(dir, 'node_modules/left-pad-ish/index.js'),
        'export function padFromPackage(s) { return " " + s; }\n',
      );
      writeFileSync(
        path.join(dir, 'src/modules/messages/send.ts'),
        'import { padFromPackage } from "left-pad-ish";\nexport function sendFromSource(s: string) { return padFromPackage(s); }\nconsole.log(sendFromSource("x"));\n',
      );
      await build({
        entryPoints: [path.join(dir, 'src/modules/messages/send.ts')],
        outdir: path.join(dir, 'dist'),
        bundle: true,
        format: 'esm',
        platform: 'node',
        sourcemap: 'linked',
        logLevel: 'silent',
      });
      const file = path.join(dir, 'dist/send.js');
      const lines = readFileSync(file, 'utf8').split('\n');
      const frameOf = (functionName: string) => {
        const lineNumber = lines.findIndex((line) => line.includes(`function ${functionName}`));
        return {
          functionName,
          url: `file://${file}`,
          lineNumber,
          columnNumber: lines[lineNumber]!.indexOf('function'),
        };
      };
      const sourceOf = sourceMapResolver();
      expect(sourceOf(frameOf('padFromPackage'))).toMatch(/\/node_modules\/left-pad-ish\/index\.js$/);
      expect(sourceOf(frameOf('sendFromSource'))).toMatch(/\/src\/modules\/messages\/send\.ts$/);
      // Not a bundle: the frame's own file.
      expect(sourceOf({ functionName: 'x', url: 'node:internal/timers', lineNumber: 1 })).toBe(
        'node:internal/timers',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
