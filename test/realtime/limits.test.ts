// What one account or one address can hold open: at most 20 sockets per user (a new one closes the
// oldest with 4409, across processes when they share Redis), and a few sockets per address waiting to
// authenticate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';
import { connectAs, listen, openSocket, type TestSocket } from '../helpers/ws.js';

const open: TestSocket[] = [];
afterAll(async () => {
  await Promise.all(open.map((socket) => socket.close()));
});

async function connectMany(base: string, user: { token: string }, count: number): Promise<TestSocket[]> {
  const sockets: TestSocket[] = [];
  for (let i = 0; i < count; i++) sockets.push(await connectAs(base, user));
  open.push(...sockets);
  return sockets;
}

/** Resolves with the close code, or null if the socket is still open after `ms`. */
function closeCodeWithin(socket: TestSocket, ms: number): Promise<number | null> {
  return Promise.race([
    socket.closed.then(({ code }) => code),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), ms)),
  ]);
}

describe('sockets per user, one process', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { WS_UNAUTHENTICATED_PER_IP: '10' } });
    base = await listen(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it('closes the oldest socket with 4409 when a 21st opens, and keeps the 20 newest', async () => {
    const user = await createUser(t.app);
    const first20 = await connectMany(base, user, 20);
    const newest = (await connectMany(base, user, 1))[0]!;
    expect(await closeCodeWithin(first20[0]!, 3000)).toBe(4409);
    expect((await first20[0]!.closed).reason).toMatch(/at most 20/);
    for (const socket of [...first20.slice(1), newest]) await socket.sync();

    // Another user's sockets are not counted against this one.
    const other = await createUser(t.app);
    const theirs = (await connectMany(base, other, 1))[0]!;
    await theirs.sync();
  });

  it('refuses an 11th socket from one address waiting for its auth frame (WS_UNAUTHENTICATED_PER_IP=10), at once with 4429', async () => {
    const waiting: TestSocket[] = [];
    for (let i = 0; i < 10; i++) waiting.push(await openSocket(base));
    open.push(...waiting);
    const extra = await openSocket(base);
    open.push(extra);
    expect(await closeCodeWithin(extra, 2000)).toBe(4429);
    // A query token is checked at once: such a socket never waits, so it is not refused.
    const user = await createUser(t.app);
    await (await connectMany(base, user, 1))[0]!.sync();
    // The first ten are still waiting for their auth frame, and one that authenticates frees a place.
    waiting[0]!.send({ type: 'auth', token: user.token });
    await waiting[0]!.next('ready');
    const again = await openSocket(base);
    open.push(again);
    expect(await closeCodeWithin(again, 300)).toBeNull();
  });
});

describe.skipIf(!process.env.REDIS_URL)('sockets per user, across processes sharing Redis', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await createTestApp({ redis: true });
    second = await createTestApp({ redis: true, database: first.database });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('counts sockets on every process: a 21st on another process closes the oldest with 4409', async () => {
    const user = await createUser(first.app);
    const onFirst = await connectMany(await listen(first.app), user, 20);
    const onSecond = (await connectMany(await listen(second.app), user, 1))[0]!;
    expect(await closeCodeWithin(onFirst[0]!, 3000)).toBe(4409);
    for (const socket of [...onFirst.slice(1), onSecond]) await socket.sync();
  });
});
