// Settings are read once and checked with a clear message; defaults make a bare `npm start` work.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('the settings', () => {
  it('default to a local server on the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: null,
      redisUrl: null,
      publicUrl: 'http://127.0.0.1:3000',
      messageDeleteWindowMs: 48 * 3_600_000,
      inviteMaxTtlMs: 30 * 86_400_000,
      rateLimitPerIp: 60,
      loginFailureLimit: 10,
      trustProxy: false,
    });
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

  it.each([
    [{ PORT: '70000' }, 'PORT must be an integer between 0 and 65535'],
    [{ MESSAGE_DELETE_WINDOW: 'two days' }, 'MESSAGE_DELETE_WINDOW must be a duration'],
    [{ MESSAGE_EDIT_WINDOW: '15 minutes' }, 'MESSAGE_EDIT_WINDOW must be a duration'],
    [{ DATABASE_URL: 'mysql://localhost/chat' }, 'DATABASE_URL must start with postgres:// or postgresql://'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL must be a URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters long'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET is required when NODE_ENV=production'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
  ])('refuses %o with a message that says what is wrong', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
