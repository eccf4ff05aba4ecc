// Run as a separate process by test/platform/embedded-postgres.test.ts: starts the embedded PostgreSQL on the folder
// given, says "ready <port>", and waits to be killed.
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';

const server = await startEmbeddedPostgres({ dir: process.argv[2]!, port: null, settings: { fsync: 'off' } });
process.stdout.write(`ready ${server.port}\n`);
setInterval(() => {}, 60_000);
