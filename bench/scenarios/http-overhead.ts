// Scenario 6: the server's cheapest authenticated route (GET /users/me) against a bare node:http server
// in its own process answering a body of the same size, at the same concurrency: what Fastify, schemas,
// the envelope and the auth check (JWT + session lookup) cost.
import { spawn } from 'node:child_process';
import { type BenchUser, call } from '../lib/api-client.js';
import { onCleanup } from '../lib/cleanup.js';
import { runLoad, warmUp } from '../lib/load.js';
import { progress, sleep } from '../lib/progress.js';
import { freePort, type ServerHandle } from '../lib/server.js';
import { ratio } from '../lib/stats.js';
import { formatMs, formatRate } from '../lib/table.js';
import type { ScenarioOutcome } from './types.js';

const BARE_SERVER = `
const http = require('node:http');
const body = Buffer.from(process.env.BODY);
http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
`;

async function startBareServer(body: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', BARE_SERVER], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), BODY: body },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = onCleanup('stop bare http server', async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', () => reject(new Error('the bare http server exited')));
  });
  await sleep(100);
  return { url: `http://127.0.0.1:${port}`, stop };
}

export async function httpOverhead(
  server: ServerHandle,
  users: BenchUser[],
  connections: number,
  seconds: number,
): Promise<ScenarioOutcome> {
  const me = await call(server.url, 'GET', '/api/v1/users/me', { token: users[0]!.token });
  if (me.status !== 200) throw new Error(`GET /users/me answered ${me.status}`);
  const payload = JSON.stringify(me.body);
  const bare = await startBareServer(payload);
  const path = '/api/v1/users/me';
  const forServer = {
    url: server.url,
    connections,
    durationSeconds: seconds,
    requestFor: (i: number) => ({ method: 'GET' as const, path, token: users[i % users.length]!.token }),
  };
  const forBare = { ...forServer, url: bare.url };
  progress(
    `6 overhead: bare node:http, ${Buffer.byteLength(payload)} bytes, ${connections} connections, ${seconds}s`,
  );
  await warmUp(forBare, 1);
  const baseline = await runLoad(forBare);
  await bare.stop();
  progress(`6 overhead: GET ${path}, ${connections} connections, ${seconds}s`);
  await warmUp(forServer, 1);
  const measured = await runLoad(forServer);
  const scenario = '6 http overhead';
  const notes = measured.failed > 0 ? [`${scenario}: ${measured.failed} requests failed`] : [];
  return {
    rows: [
      {
        scenario,
        figure: `GET /users/me requests/s (${connections} conns)`,
        value: formatRate(measured.throughput),
        ceiling: `${formatRate(baseline.throughput)} bare http`,
        ratio: ratio(measured.throughput, baseline.throughput),
      },
      {
        scenario,
        figure: 'latency p50',
        value: formatMs(measured.latency.p50),
        ceiling: `${formatMs(baseline.latency.p50)} bare http`,
        ratio: ratio(measured.latency.p50, baseline.latency.p50),
      },
    ],
    details: { payloadBytes: Buffer.byteLength(payload), measured, baseline },
    notes,
  };
}
