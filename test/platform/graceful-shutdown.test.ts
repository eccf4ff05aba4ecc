// Graceful shutdown: a request in flight finishes; one that arrives on its kept-alive connection while the
// server stops gets 503 in the envelope; sockets are closed with 1001.
import { connect } from 'node:net';
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.js';
import { createTestApp } from '../helpers/app.js';
import { freshDatabase } from '../helpers/database.js';
import { createUser, createUsers } from '../helpers/factories.js';
import { connectAs, listen } from '../helpers/ws.js';

describe('a server shutting down', () => {
  it('finishes the request in flight, refuses the next one on that connection in the envelope, closes sockets with 1001', async () => {
    const t = await createTestApp();
    const base = await listen(t.app);
    const user = await createUser(t.app);
    const socket = await connectAs(base, user);
    const port = Number(new URL(base).port);

    const tcp = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => tcp.once('connect', () => resolve()));
    let received = '';
    tcp.on('data', (chunk) => {
      received += chunk.toString();
    });
    const ended = new Promise<void>((resolve) => tcp.once('close', () => resolve()));
    const body = JSON.stringify({ email: user.email, password: user.password });
    // The first request is in flight (half its body sent) when the shutdown begins.
    tcp.write(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = t.close();
    expect((await socket.closed).code).toBe(1001);
    // The rest of it, and a second request on the same kept-alive connection.
    tcp.write(
      `${body.slice(5)}GET /api/v1/users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${user.token}\r\n\r\n`,
    );
    await ended;
    await closing;

    const responses = received.split(/(?=HTTP\/1\.1 )/);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200 /);
    expect(responses).toHaveLength(2);
    expect(responses[1]).toMatch(/^HTTP\/1\.1 503 /);
    const refused: unknown = JSON.parse(responses[1]!.slice(responses[1]!.indexOf('\r\n\r\n') + 4));
    expect(refused).toMatchObject({ error: true, status: 503, code: 'UNAVAILABLE' });
  });

  it('stores the last seen of users whose sockets closed just before it stopped, and logs nothing about them', async () => {
    const database = await freshDatabase();
    const lines: string[] = [];
    const t = await createTestApp({
      database,
      env: { LOG_LEVEL: 'warn' },
      logStream: { write: (line) => lines.push(line) },
    });
    try {
      const base = await listen(t.app);
      const people = await createUsers(t.app, 40);
      const sockets = await Promise.all(people.map((person) => connectAs(base, person)));
      // The clients go away; the server is stopped as soon as their closes are through.
      await Promise.all(sockets.map((socket) => socket.close()));
      await t.close();
      const rows = await database.db
        .select({ lastSeenAt: users.lastSeenAt })
        .from(users)
        .where(
          inArray(
            users.id,
            people.map((person) => person.id),
          ),
        );
      expect(rows).toHaveLength(people.length);
      expect(rows.every((row) => row.lastSeenAt !== null)).toBe(true);
      expect(lines.filter((line) => line.includes('presence'))).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('stores the last seen of every user whose socket was still open when it stopped', async () => {
    const database = await freshDatabase();
    const t = await createTestApp({ database });
    try {
      const base = await listen(t.app);
      const people = await createUsers(t.app, 60);
      const sockets = await Promise.all(people.map((person) => connectAs(base, person)));
      const before = Date.now();
      await t.close();
      expect((await Promise.all(sockets.map((socket) => socket.closed))).map((c) => c.code)).toEqual(
        people.map(() => 1001),
      );
      const rows = await database.db
        .select({ id: users.id, lastSeenAt: users.lastSeenAt })
        .from(users)
        .where(
          inArray(
            users.id,
            people.map((person) => person.id),
          ),
        );
      expect(rows.map((row) => row.id).sort()).toEqual(people.map((person) => person.id).sort());
      for (const row of rows) expect(row.lastSeenAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    } finally {
      await database.close();
    }
  });
});
