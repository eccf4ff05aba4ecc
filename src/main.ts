// Starts the server: settings, database, event bus, HTTP; stops it gracefully on SIGTERM/SIGINT.
import 'dotenv/config';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { PROJECT_ROOT } from './lib/project-root.js';
import { openRuntime } from './runtime.js';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Invalid setting: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // Whatever the server writes (the embedded database's files included) is private to its user.
  process.umask(0o077);
  // The embedded PostgreSQL (its own process) starts while the app's modules load.
  const [runtime, { buildApp }] = await Promise.all([openRuntime(config), import('./app.js')]);
  // The web app is built next to the server (npm run build) into web/dist.
  const webAppDir = path.join(PROJECT_ROOT, 'web/dist');
  const app = await buildApp(config, { ...runtime.deps, webAppDir });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000).unref();
    try {
      await app.close();
      await runtime.close();
      clearTimeout(timer);
      app.log.info('stopped');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: runtime.deps.database.kind, redis: Boolean(config.redisUrl) },
    `chat server ready: ${config.publicUrl} (docs at ${config.publicUrl}/docs)`,
  );
}

main().catch((error: unknown) => {
  console.error('The server could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
