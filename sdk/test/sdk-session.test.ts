import { describe, expect, it } from 'vitest';
import { createUser } from '../../test/helpers/factories.js';
import { api } from '../../test/helpers/http.js';
import { createChatClient, MemoryStorage, unwrap } from '../src/index.js';
import { clientOptions, useTestServer } from './helpers.js';

const TTL_MS = 2000;
const server = useTestServer({ ACCESS_TOKEN_TTL: `${TTL_MS / 1000}s` });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fetch that counts refreshes and the 401s the server answered. */
function countingFetch() {
  const seen = { refreshes: 0, expired: 0 };
  const fetchImpl = async (request: Request) => {
    if (request.url.endsWith('/auth/refresh')) seen.refreshes += 1;
    const response = await fetch(request);
    if (response.status === 401) seen.expired += 1;
    return response;
  };
  return { seen, fetchImpl };
}

describe('the SDK session', () => {
  it('refreshes once for concurrent calls when the server says the token expired, and replays them', async () => {
    const user = await createUser(server.app);
    const { seen, fetchImpl } = countingFetch();
    const storage = new MemoryStorage();
    const loggedIn = await server.client(user, { storage });
    loggedIn.close();
    // This device's clock runs behind: it believes the token has an hour left, so it sends it as it is
    // and meets 401 TOKEN_EXPIRED.
    const firstPair = JSON.parse(storage.get('chat:session')!) as Record<string, unknown>;
    storage.set('chat:session', JSON.stringify({ ...firstPair, expiresAt: Date.now() + 3_600_000 }));
    const client = server.track(
      await createChatClient(clientOptions(server.baseUrl, { fetch: fetchImpl, storage })),
    );
    await sleep(TTL_MS + 1100);

    const answers = await Promise.all(
      [1, 2, 3].map(() => unwrap(client.api.GET('/api/v1/users/me')).then((me) => me.id)),
    );
    expect(answers).toEqual([user.id, user.id, user.id]);
    expect(seen.expired).toBe(3);
    expect(seen.refreshes).toBe(1);
    // Rotation: the spent refresh token was replaced in storage by the new one.
    const secondPair = JSON.parse(storage.get('chat:session')!) as Record<string, unknown>;
    expect(secondPair.refreshToken).not.toBe(firstPair.refreshToken);
    expect(client.loggedIn).toBe(true);
  });

  it('refreshes before the token expires when a call comes close to expiry', async () => {
    const user = await createUser(server.app);
    const { seen, fetchImpl } = countingFetch();
    const client = await server.client(user, { fetch: fetchImpl, refreshLeewayMs: TTL_MS - 500 });
    await sleep(700);
    expect((await unwrap(client.api.GET('/api/v1/users/me'))).id).toBe(user.id);
    expect(seen).toEqual({ refreshes: 1, expired: 0 });
  });

  it('reconnects its socket after expiry with a fresh token', async () => {
    const user = await createUser(server.app);
    const { seen, fetchImpl } = countingFetch();
    const client = await server.client(user, { fetch: fetchImpl, refreshLeewayMs: 0 });
    await sleep(TTL_MS + 1100);
    const online = client.next('connection', (change) => change.state === 'online');
    client.connect();
    await online;
    expect(seen.refreshes).toBe(1);
  });

  it('ends the session when the server has ended it elsewhere', async () => {
    const user = await createUser(server.app);
    let token = '';
    const client = await server.client(user, {
      fetch: (request) => {
        token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? token;
        return fetch(request);
      },
    });
    const ended = client.next('session', (change) => !change.loggedIn);
    // The session is logged out from elsewhere (another tab) with the token this client sends.
    await unwrap(client.api.GET('/api/v1/users/me'));
    expect((await api(server.app, 'POST', '/api/v1/auth/logout', { token })).status).toBe(200);
    await expect(unwrap(client.api.GET('/api/v1/users/me'))).rejects.toMatchObject({ status: 401 });
    expect(await ended).toEqual({ loggedIn: false, reason: 'SESSION_ENDED' });
    expect(client.loggedIn).toBe(false);
  });
});
