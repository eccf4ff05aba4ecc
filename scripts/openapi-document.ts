// Builds the server in-process (a throw-away embedded PostgreSQL, nothing listening) and returns the OpenAPI
// document it serves at /api/v1/openapi.json, so tools can check exactly what clients will get.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { MemoryBus } from '../src/realtime/bus.js';

export async function buildOpenApiDocument(): Promise<unknown> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chat-openapi-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  // Run as root, the embedded PostgreSQL runs as the user "postgres", which must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  const database = await openDatabase({
    databaseUrl: null,
    embedded: { dir: path.join(dataDir, 'postgres'), port: null, settings: { fsync: 'off' } },
  });
  const bus = new MemoryBus();
  const app = await buildApp(config, { database, bus, jwtKey: randomBytes(32) });
  try {
    const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    if (response.statusCode !== 200) throw new Error(`the document answered ${response.statusCode}`);
    return response.json();
  } finally {
    await app.close();
    await bus.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `tsx scripts/openapi-document.ts <file>` writes the document there. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2];
  if (!target) throw new Error('usage: tsx scripts/openapi-document.ts <output.json>');
  const document = await buildOpenApiDocument();
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
}
