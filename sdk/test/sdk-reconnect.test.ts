import { describe, expect, it } from 'vitest';
import { createUser } from '../../test/helpers/factories.js';
import { backoffDelay, type ConnectionChange } from '../src/index.js';
import { connectAndSync, Gate, useTestServer } from './helpers.js';

const server = useTestServer();

describe('the SDK socket', () => {
  it('notices a link that went silent through its ping, and reconnects', async () => {
    const user = await createUser(server.app);
    const gate = await Gate.open(server.baseUrl);
    const client = await server.client(user, { pingIntervalMs: 150 }, gate.url);
    await connectAndSync(client);
    const changes: ConnectionChange[] = [];
    client.on('connection', (change) => changes.push(change));

    const back = client.next('connection', (change) => change.state === 'online', 10_000);
    gate.stall();
    await back;
    expect(changes[0]).toMatchObject({ state: 'connecting', closeCode: 4000 });
    await gate.cut();
  });

  it('keeps retrying while the server is away, and comes back online when it returns', async () => {
    const user = await createUser(server.app);
    const gate = await Gate.open(server.baseUrl);
    const client = await server.client(user, {}, gate.url);
    await connectAndSync(client);
    const attempts: number[] = [];
    client.on('connection', (change) => attempts.push(change.attempt));

    await gate.cut();
    await client.next('connection', (change) => change.attempt >= 3, 10_000);
    const back = client.next('connection', (change) => change.state === 'online', 10_000);
    await gate.restore();
    await back;
    expect(Math.max(...attempts)).toBeGreaterThanOrEqual(3);
    await gate.cut();
  });

  it('waits a random time below an exponentially growing ceiling (full jitter)', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1_000 };
    for (const [attempt, ceiling] of [
      [0, 100],
      [2, 400],
      [5, 1_000],
      [30, 1_000],
    ] as const) {
      const delays = Array.from({ length: 200 }, () => backoffDelay(attempt, options));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...delays)).toBeLessThan(ceiling);
      // Spread over the range, not bunched at the ceiling: that is what keeps clients from stampeding.
      expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(ceiling / 2);
    }
  });
});
