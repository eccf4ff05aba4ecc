// Regenerates the SDK's REST types (sdk/src/generated/api.ts) from the OpenAPI document the server builds.
// With --check it writes nothing and fails when the checked-in file differs: the SDK has drifted from the API.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildOpenApiDocument } from './openapi-document.js';

const target = fileURLToPath(new URL('../sdk/src/generated/api.ts', import.meta.url));
const HEADER =
  "// Generated from the server's OpenAPI document by `npm run sdk:generate`. Do not edit by hand.\n\n";

const document = (await buildOpenApiDocument()) as Parameters<typeof openapiTS>[0];
const generated = HEADER + astToString(await openapiTS(document));

if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== generated) {
    console.error(
      "sdk/src/generated/api.ts differs from the server's OpenAPI document: run `npm run sdk:generate` and commit it.",
    );
    process.exitCode = 1;
  } else {
    console.log("sdk/src/generated/api.ts matches the server's OpenAPI document.");
  }
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${target}`);
}
