// What the request log keeps: a reader of the logs must not be able to reset a password, join a group
// or open a socket with what they find there.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createGroup } from '../helpers/conversations.js';
import { createUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { listen, openSocket } from '../helpers/ws.js';

const lines: string[] = [];
const t = useTestApp({ env: { LOG_LEVEL: 'info' }, logStream: { write: (line) => lines.push(line) } });

/** The logged urls of every request line, as the server wrote them. */
function loggedUrls(): string[] {
  return lines.flatMap((line) => {
    const entry = JSON.parse(line) as { req?: { url?: string } };
    return entry.req?.url ? [entry.req.url] : [];
  });
}

describe('request logs', () => {
  it('redact password-reset tokens, invite codes and access tokens wherever the url carries them', async () => {
    const owner = await createUser(t.app);
    const group = await createGroup(t.app, owner, []);
    const invite = await api(t.app, 'POST', `/api/v1/conversations/${group.id}/invites`, {
      token: owner.token,
      body: {},
    });
    const code: string = invite.body.data.code;
    const resetToken = randomBytes(32).toString('base64url');

    await api(t.app, 'PATCH', `/api/v1/auth/recovery-password/${resetToken}`, {
      body: { password: 'a long enough password' },
    });
    await api(t.app, 'GET', `/api/v1/invites/${code}`, { token: owner.token });
    await api(t.app, 'POST', `/api/v1/invites/${code}/join`, { token: owner.token });
    await api(t.app, 'DELETE', `/api/v1/conversations/${group.id}/invites/${code}`, { token: owner.token });
    await t.app.inject({ method: 'GET', url: `/join/${code}` });
    await t.app.inject({ method: 'GET', url: `/verify-account?token=${resetToken}` });
    const socket = await openSocket(await listen(t.app), owner.token);
    await socket.next('ready');
    await socket.close();

    const urls = loggedUrls();
    expect(urls).toContain('/api/v1/auth/recovery-password/[redacted]');
    expect(urls).toContain('/api/v1/invites/[redacted]');
    expect(urls).toContain('/api/v1/invites/[redacted]/join');
    expect(urls).toContain(`/api/v1/conversations/${group.id}/invites/[redacted]`);
    expect(urls).toContain('/join/[redacted]');
    expect(urls).toContain('/api/v1/ws?token=[redacted]');
    const leaks = lines.filter(
      (line) => line.includes(code) || line.includes(resetToken) || line.includes(owner.token),
    );
    expect(leaks).toEqual([]);
  });

  it('keeps ordinary urls readable', async () => {
    const user = await createUser(t.app);
    await api(t.app, 'GET', '/api/v1/conversations?limit=5', { token: user.token });
    expect(loggedUrls()).toContain('/api/v1/conversations?limit=5');
  });
});
