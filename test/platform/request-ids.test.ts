// The server names each request itself: a client-chosen id is kept only when it is a UUID, so nothing
// a client makes up ends up in logs, headers or error messages.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UUID_PATTERN } from '../../src/lib/ids.js';
import { useTestApp } from '../helpers/app.js';

const t = useTestApp();

const requestIdOf = async (header?: string) => {
  const response = await t.app.inject({
    method: 'GET',
    url: '/health',
    headers: header === undefined ? {} : { 'x-request-id': header },
  });
  return String(response.headers['x-request-id']);
};

describe('request ids', () => {
  it('makes its own id when the client sends none', async () => {
    const first = await requestIdOf();
    const second = await requestIdOf();
    expect(first).toMatch(new RegExp(UUID_PATTERN));
    expect(second).toMatch(new RegExp(UUID_PATTERN));
    expect(first).not.toBe(second);
  });

  it("replaces a client's id that is not a UUID", async () => {
    for (const chosen of ['admin-request', '1', 'x'.repeat(5000), `${randomUUID()} OR 1=1`]) {
      const id = await requestIdOf(chosen);
      expect(id).not.toBe(chosen);
      expect(id).toMatch(new RegExp(UUID_PATTERN));
    }
  });

  it("keeps a client's id that is a UUID, so a trace can follow it", async () => {
    const chosen = randomUUID();
    expect(await requestIdOf(chosen)).toBe(chosen);
  });
});
