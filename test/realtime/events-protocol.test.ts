// The list of server events is stated in three places a client developer reads: the ServerEvent union
// (and its list), the protocol text in the OpenAPI document, and the README. These fail when they drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_EVENT_TYPES } from '../../src/core/events.js';
import { useTestApp } from '../helpers/app.js';
import { openApiDocument } from '../helpers/http.js';

const t = useTestApp();

/** Dotted event names in backticks, e.g. `message.created`. */
const dottedNames = (text: string) => new Set([...text.matchAll(/`([a-z]+\.[a-z]+)`/g)].map((m) => m[1]!));
const dotted = SERVER_EVENT_TYPES.filter((type) => type.includes('.'));

describe('the server events', () => {
  it('are all documented, and only they, in the OpenAPI description of the socket', async () => {
    const document = await openApiDocument(t.app);
    const text = document.paths['/api/v1/ws']?.get?.description ?? '';
    for (const type of SERVER_EVENT_TYPES) expect(text).toContain(`- \`${type}\`:`);
    expect(dottedNames(text)).toEqual(new Set(dotted));
  });

  it('are all named, and only they, in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Real time'),
      readme.indexOf('\n## ', readme.indexOf('## Real time') + 1),
    );
    for (const type of SERVER_EVENT_TYPES) expect(section).toContain(`\`${type}\``);
    expect(dottedNames(section)).toEqual(new Set(dotted));
  });
});
