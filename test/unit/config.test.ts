// Settings are read once and checked with a clear message; defaults make a bare `npm start` work.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { parseDuration } from '../../src/lib/duration.js';

describe('the settings', () => {
  it('default to a local server on the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      databaseUrl: null,
      migrateOnStart: true,
      embeddedDbPort: null,
      redisUrl: null,
      smtpUrl: null,
      publicUrl: 'http://127.0.0.1:3000',
      jwtSecret: null,
      accessTokenTtlMs: 15 * 60_000,
      refreshTokenTtlMs: 30 * 86_400_000,
      messageDeleteWindowMs: 48 * 3_600_000,
      inviteMaxTtlMs: 30 * 86_400_000,
      rateLimitPerIp: 60,
      loginFailureLimit: 10,
      logLevel: 'info',
      metricsToken: null,
      trustProxy: false,
      vapidKeys: null,
      vapidSubject: 'mailto:admin@localhost',
      authCacheTtlMs: 5_000,
      inboxCacheBytes: 32 * 1_048_576,
    });
    expect(loadConfig({ INBOX_CACHE_MB: '0' }).inboxCacheBytes).toBe(0);
  });

  it('read durations with units and drop a trailing slash from PUBLIC_URL', () => {
    const config = loadConfig({
      MESSAGE_DELETE_WINDOW: '90m',
      MESSAGE_EDIT_WINDOW: '2h',
      INVITE_MAX_TTL: '7d',
      PUBLIC_URL: 'https://chat.example/',
    });
    expect(config.messageDeleteWindowMs).toBe(90 * 60_000);
    expect(config.messageEditWindowMs).toBe(2 * 3_600_000);
    expect(loadConfig({}).messageEditWindowMs).toBe(15 * 60_000);
    expect(config.inviteMaxTtlMs).toBe(7 * 86_400_000);
    expect(config.publicUrl).toBe('https://chat.example');
  });

  it('build the public URL from HOST and PORT when PUBLIC_URL is not set', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://0.0.0.0:8080');
  });

  it('take an https PUBLIC_URL as the push subject unless VAPID_SUBJECT names one', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://chat.example' }).vapidSubject).toBe('https://chat.example');
    expect(loadConfig({ PUBLIC_URL: 'http://chat.example' }).vapidSubject).toBe('mailto:admin@localhost');
    expect(
      loadConfig({ PUBLIC_URL: 'https://chat.example', VAPID_SUBJECT: 'mailto:ops@chat.example' })
        .vapidSubject,
    ).toBe('mailto:ops@chat.example');
  });

  it('log nothing under test unless LOG_LEVEL says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('read true/false and 1/0, and treat an empty value as unset', () => {
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).migrateOnStart).toBe(false);
    expect(loadConfig({ MIGRATE_ON_START: '0' }).migrateOnStart).toBe(false);
    expect(loadConfig({ MIGRATE_ON_START: '1' }).migrateOnStart).toBe(true);
    expect(loadConfig({ MIGRATE_ON_START: '' }).migrateOnStart).toBe(true);
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: null });
  });

  it('pick a free port for the embedded database unless EMBEDDED_DB_PORT names one', () => {
    expect(loadConfig({ EMBEDDED_DB_PORT: '0' }).embeddedDbPort).toBeNull();
    expect(loadConfig({ EMBEDDED_DB_PORT: '5433' }).embeddedDbPort).toBe(5433);
  });

  it('take the database, Redis and mail servers by their URL schemes', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgresql://chat@db/chat',
        REDIS_URL: 'rediss://cache:6380',
        SMTP_URL: 'smtps://mail.example:465',
      }),
    ).toMatchObject({
      databaseUrl: 'postgresql://chat@db/chat',
      redisUrl: 'rediss://cache:6380',
      smtpUrl: 'smtps://mail.example:465',
    });
  });

  it.each([
    [{ PORT: '70000' }, 'PORT must be an integer between 0 and 65535'],
    [{ PORT: '80.5' }, 'PORT must be an integer between 0 and 65535'],
    [{ RATE_LIMIT_PER_IP: '0' }, 'RATE_LIMIT_PER_IP must be an integer between 1 and'],
    [{ INBOX_CACHE_MB: '-1' }, 'INBOX_CACHE_MB must be an integer between 0 and'],
    [{ MESSAGE_DELETE_WINDOW: 'two days' }, 'MESSAGE_DELETE_WINDOW must be a duration'],
    [{ MESSAGE_EDIT_WINDOW: '15 minutes' }, 'MESSAGE_EDIT_WINDOW must be a duration'],
    [{ ACCESS_TOKEN_TTL: '0s' }, 'ACCESS_TOKEN_TTL must be a duration'],
    [{ DATABASE_URL: 'mysql://localhost/chat' }, 'DATABASE_URL must start with postgres:// or postgresql://'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL must be a URL'],
    [{ SMTP_URL: 'http://mail.example' }, 'SMTP_URL must start with smtp:// or smtps://'],
    [{ PUBLIC_URL: 'ftp://chat.example' }, 'PUBLIC_URL must start with http:// or https://'],
    [{ MIGRATE_ON_START: 'yes' }, 'MIGRATE_ON_START must be true or false'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters long'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET is required when NODE_ENV=production'],
    [{ METRICS_TOKEN: 'guessable' }, 'METRICS_TOKEN must be at least 16 characters long'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
  ])('refuses %o with a message that says what is wrong', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('TRUST_PROXY', () => {
  it('is a hop count or a list of proxy addresses and ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, fd00::/8, 192.168.1.5' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.5',
    ]);
  });

  it('refuses "true" and anything that is neither a hop count nor proxy addresses, with one clear line', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true .* number of proxies/);
    for (const bad of ['-1', '11', '1.5', 'proxy.local', '10.0.0.0/33', 'fd00::/129', '10.0.0.1,']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/^TRUST_PROXY must be/);
    }
  });
});

describe('a duration', () => {
  it('is a number with a unit, milliseconds without one', () => {
    expect(['250', '250ms', '90s', '15m', '48h', '30d', ' 2 h ', '1.5s'].map(parseDuration)).toEqual([
      250,
      250,
      90_000,
      15 * 60_000,
      48 * 3_600_000,
      30 * 86_400_000,
      2 * 3_600_000,
      1500,
    ]);
  });

  it('is nothing else', () => {
    for (const text of ['', 'h', '-5m', '5 minutes', '5w', '1e3', '5m30s']) {
      expect(parseDuration(text), text).toBeNull();
    }
  });
});
