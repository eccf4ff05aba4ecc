// Keeping sockets healthy: dead peers, slow readers and shutdown.

import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, useTestApp } from '../helpers/app.js';
import { createDirect } from '../helpers/conversations.js';
import { createUser, createUsers } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { connectAs, listen } from '../helpers/ws.js';

const t = useTestApp({ env: { WS_HEARTBEAT_INTERVAL: '100ms' } });

describe('heartbeats', () => {
  it('drop a socket that stops answering pings, and keep the ones that answer', async () => {
    const user = await createUser(t.app);
    const healthy = await connectAs(t.base, user);
    const dead = new WebSocket(`${t.base}/api/v1/ws?token=${user.token}`, { autoPong: false });
    const closed = new Promise<number>((resolve) => dead.on('close', (code) => resolve(code)));
    expect(await closed).toBe(1006);
    // The healthy socket lived through the same heartbeats.
    await healthy.sync();
    await healthy.close();
  });
});

describe('backpressure', () => {
  it('closes a client that stops reading with 4429 instead of buffering without bound', async () => {
    // Default heartbeats here: a paused client cannot answer pings, and would be dropped as dead first.
    const patient = await createTestApp({ database: t.database });
    const user = await createUser(t.app);
    const slow = await connectAs(await listen(patient.app), user);
    // Stop reading: the kernel buffers fill, then the server's own buffer grows past its limit.
    const raw = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause();
    const pad = 'x'.repeat(60 * 1024);
    for (let i = 0; i < 600; i += 1) slow.send({ type: 'ping', data: { i, pad } });
    await new Promise<void>((resolve) => slow.ws.send('{"type":"ping"}', () => resolve()));
    raw.resume();
    const closed = await slow.closed;
    expect(closed.code).toBe(4429);
    expect(slow.of('pong').length).toBeLessThan(600);
    await patient.close();
  });
});

describe('shutdown', () => {
  it('closes sockets with 1001 and records the user as last seen', async () => {
    const other = await createTestApp({ database: t.database });
    const otherBase = await listen(other.app);
    const [alice, bob] = await createUsers(t.app, 2);
    await createDirect(t.app, alice, bob);
    const socket = await connectAs(otherBase, bob);
    await other.close();
    expect((await socket.closed).code).toBe(1001);
    const profile = await api(t.app, 'GET', `/api/v1/users/${bob.id}`, { token: alice.token });
    expect(profile.body.data.lastSeenAt).toEqual(expect.any(String));
  });
});
