// Lints the OpenAPI document the server builds (not a checked-in copy) with Redocly's recommended rules.
// Redocly runs from node_modules with telemetry and update checks off, so the check needs no network.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildOpenApiDocument } from './openapi-document.js';

const folder = mkdtempSync(path.join(tmpdir(), 'chat-openapi-lint-'));
const file = path.join(folder, 'openapi.json');
try {
  writeFileSync(file, JSON.stringify(await buildOpenApiDocument(), null, 2));
  const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
  const result = spawnSync(process.execPath, [redocly, 'lint', file], {
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(folder, { recursive: true, force: true });
}
