// Debian's Chromium driven by playwright-core (no browser download), and a real server for it to talk to.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from './app.js';

/** Where Chromium is: CHROMIUM_PATH, else Debian's /usr/bin/chromium. Null when there is none. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return (
    candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate))) ?? null
  );
}

/**
 * Whether the browser tests run here. Without Chromium they are skipped with one line, except in CI
 * (CI=true), where a missing browser is an error: the suite must not pass by skipping them.
 */
export function browserTestsEnabled(): boolean {
  if (findChromium()) return true;
  if (process.env.CI === 'true') {
    throw new Error('CI=true but no Chromium was found (install it: apt-get install -y chromium)');
  }
  console.warn('Browser tests skipped: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH).');
  return false;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium()!,
    // playwright-core gives every launch a fresh, temporary profile (user data dir).
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // A microphone that plays a tone and needs no permission prompt: voice notes record for real.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface LiveServer extends TestApp {
  url: string;
}

/** The real server (built web app included) on a free loopback port; PUBLIC_URL points at it. */
export async function startLiveServer(env: Record<string, string> = {}): Promise<LiveServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ webApp: true, env: { PUBLIC_URL: url, ...env } });
  await t.app.listen({ port, host: '127.0.0.1' });
  return { ...t, url };
}

export const PHONE = { width: 390, height: 780 };
export const DESKTOP = { width: 1280, height: 800 };

export async function newPage(
  browser: Browser,
  baseURL: string,
  viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

/** Logs `user` in through the login page and waits for the chat list. */
export async function logIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Chats' }).waitFor();
}

/** A message bubble holding `text`. */
export const bubble = (page: Page, text: string) => page.locator('li.message', { hasText: text });

/** A chat in the chat list, by the name it shows. */
export const chatItem = (page: Page, name: string) => page.locator('.chat-item', { hasText: name });
