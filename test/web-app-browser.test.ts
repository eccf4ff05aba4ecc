// The web app in a real browser (Debian's Chromium, headless) against a real server and database:
// people sign up, verify, chat live, see ticks and typing, join by invite link, upload a photo, go offline.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  DESKTOP,
  type LiveServer,
  launchChromium,
  newPage,
  PHONE,
  startLiveServer,
} from './helpers/browser.js';
import { createDirect } from './helpers/conversations.js';
import { createUser } from './helpers/factories.js';
import { api } from './helpers/http.js';
import { listAll } from './helpers/messages.js';
import { linkFromMail, startSmtpServer, type TestSmtpServer } from './helpers/smtp.js';

const SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const enabled = browserTestsEnabled();

let server: LiveServer;
let smtp: TestSmtpServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function person(viewport = DESKTOP): Promise<Page> {
  const { context, page } = await newPage(browser, server.url, viewport);
  contexts.push(context);
  return page;
}

/** The page at desktop and at phone width, as docs/screenshots/<name>-desktop.png and -phone.png. */
async function screenshots(page: Page, name: string) {
  const size = page.viewportSize() ?? DESKTOP;
  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${label}.png`) });
  }
  await page.setViewportSize(size);
}

const run = Math.random().toString(36).slice(2, 8);
const ada = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: `ada-${run}@example.com`,
  password: 'correct horse battery',
};
const bob = {
  firstName: 'Bob',
  lastName: 'Baker',
  email: `bob-${run}@example.com`,
  password: 'correct horse battery',
};
const cy = {
  firstName: 'Cy',
  lastName: 'Young',
  email: `cy-${run}@example.com`,
  password: 'correct horse battery',
};

async function fillSignup(page: Page, who: typeof ada) {
  await page.getByLabel('First name').fill(who.firstName);
  await page.getByLabel('Last name').fill(who.lastName);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Opens the verification link from the person's mail in their browser. */
async function verifyFromMail(page: Page, email: string) {
  const mail = await smtp.nextMailTo(email, '/verify-account?token=');
  const { url } = linkFromMail(mail.raw, 'verify-account');
  expect(url.origin).toBe(server.url);
  await page.goto(url.href);
  await page.getByRole('heading', { name: 'Your email address is confirmed.' }).waitFor();
}

const bubble = (page: Page, text: string) => page.locator('li.message', { hasText: text });

describe.skipIf(!enabled)('the web app in Chromium', () => {
  let pageA: Page;
  let pageB: Page;
  let pageC: Page;
  let directChatUrl: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    smtp = await startSmtpServer();
    server = await startLiveServer({ SMTP_URL: smtp.url });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('shows the first screen and reports how long it took', async () => {
    // Three first visits, each in a fresh browser context (empty cache); the fastest counts: a busy shared
    // machine only ever adds time, so the best of three is the page's own cost. Measured from navigation start to the app's first
    // screen (a performance mark) and to the first contentful paint.
    const visits: { shown: number; paint: number }[] = [];
    let page!: Page;
    for (let visit = 0; visit < 3; visit += 1) {
      page = await person();
      await page.goto('/');
      await page.getByRole('button', { name: 'Log in' }).waitFor();
      visits.push(
        await page.evaluate(() => ({
          shown: performance.getEntriesByName('first-screen')[0]?.startTime ?? Number.POSITIVE_INFINITY,
          paint:
            performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.POSITIVE_INFINITY,
        })),
      );
    }
    const shown = Math.min(...visits.map((visit) => visit.shown));
    const paint = Math.min(...visits.map((visit) => visit.paint));
    console.log(
      `first screen (best of 3 cold visits): app screen at ${Math.round(shown)} ms, first contentful paint at ${Math.round(paint)} ms`,
    );
    // The budget (under a second) is a measurement reported in the README, not a pass/fail timing: a busy
    // machine must not fail the suite. What must hold is that the app marks its first screen and paints.
    expect(Number.isFinite(shown)).toBe(true);
    expect(Number.isFinite(paint)).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshots(page, 'login');
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('button', { name: 'Iniciar sesión' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await screenshots(page, 'login-es');
    await page.getByLabel('Idioma').selectOption('en');
    await page.goto('/signup');
    await screenshots(page, 'signup');
  });

  it('lets two people sign up, confirm their address from the mail, and chat live', async () => {
    pageA = await person();
    pageB = await person();
    for (const [page, who] of [
      [pageA, ada],
      [pageB, bob],
    ] as const) {
      await page.goto('/signup');
      await fillSignup(page, who);
      await page.getByRole('heading', { name: 'Chats' }).waitFor();
      await verifyFromMail(page, who.email);
      await page.getByRole('link', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Chats' }).waitFor();
    }

    await pageA.getByRole('link', { name: 'New chat' }).click();
    await pageA.getByLabel('Search people by name or email').fill('Bob');
    await pageA.getByRole('button', { name: /Bob Baker/ }).click();
    await pageA.waitForURL(/\/chats\/[0-9a-f-]+$/);
    directChatUrl = new URL(pageA.url()).pathname;
    await pageA.getByRole('textbox', { name: 'Message', exact: true }).fill('Hello Bob!');
    await pageA.keyboard.press('Enter');
    await bubble(pageA, 'Hello Bob!').waitFor();

    // Bob, on his chat list, sees the new chat arrive with its last message and an unread badge.
    const chatLink = pageB.getByRole('link', { name: 'Ada Lovelace, 1 unread' });
    await chatLink.waitFor();
    await expect.poll(() => pageB.locator('.chat-item', { hasText: 'Hello Bob!' }).count()).toBe(1);
    await expect.poll(() => pageB.getByTestId('unread-badge').textContent()).toBe('1');
    await screenshots(pageB, 'chat-list');

    await chatLink.click();
    await bubble(pageB, 'Hello Bob!').waitFor();
    await pageB.getByRole('textbox', { name: 'Message', exact: true }).fill('Hi Ada, nice to meet you.');
    await pageB.getByRole('button', { name: 'Send' }).click();
    await bubble(pageA, 'Hi Ada, nice to meet you.').waitFor();
  }, 90_000);

  it('turns the ticks of a message from sent to delivered to read', async () => {
    await pageB.goto('/');
    await pageB.getByRole('heading', { name: 'Chats' }).waitFor();
    await pageA.getByRole('textbox', { name: 'Message', exact: true }).fill('Are you reading this?');
    await pageA.keyboard.press('Enter');
    const ticks = bubble(pageA, 'Are you reading this?').locator('[data-status]');
    // Bob's device is online but the chat is not open: delivered, not read.
    await expect.poll(() => ticks.getAttribute('data-status')).toBe('delivered');
    await pageB.getByRole('link', { name: /Ada Lovelace/ }).click();
    await bubble(pageB, 'Are you reading this?').waitFor();
    await expect.poll(() => ticks.getAttribute('data-status')).toBe('read');
    expect(await ticks.getAttribute('aria-label')).toBe('Read');
    await screenshots(pageA, 'conversation');
  }, 60_000);

  it('shows that the other person is typing', async () => {
    await pageB
      .getByRole('textbox', { name: 'Message', exact: true })
      .pressSequentially('I am typ', { delay: 30 });
    await expect.poll(() => pageA.getByTestId('typing').textContent()).toBe('typing…');
    await pageB.getByRole('textbox', { name: 'Message', exact: true }).fill('');
  });

  it('lets a third person join a group by invite link and see only what was said after', async () => {
    await pageA.getByRole('link', { name: 'New chat' }).click();
    await pageA.getByRole('button', { name: 'New group' }).click();
    await pageA.getByLabel('Group name').fill('Book club');
    await pageA.getByLabel('Search people by name or email').fill('Bob');
    await pageA.getByRole('button', { name: /Bob Baker/ }).click();
    await pageA.getByRole('button', { name: 'Create group' }).click();
    await pageA.waitForURL(/\/chats\/[0-9a-f-]+$/);
    await pageA.getByRole('textbox', { name: 'Message', exact: true }).fill('Before Cy joined');
    await pageA.keyboard.press('Enter');
    await expect
      .poll(() => bubble(pageA, 'Before Cy joined').locator('[data-status]').getAttribute('data-status'))
      .not.toBe('sending');

    await pageA.getByRole('link', { name: 'Book club, Group info' }).click();
    await pageA.getByRole('button', { name: 'Create invite link' }).click();
    const inviteUrl = (await pageA.getByTestId('invite').locator('code').textContent())!;
    expect(inviteUrl).toMatch(new RegExp(`^${server.url}/join/`));
    await screenshots(pageA, 'group-info');

    pageC = await person(PHONE);
    await pageC.goto(inviteUrl);
    await pageC.getByRole('link', { name: 'Create account' }).click();
    await fillSignup(pageC, cy);
    await pageC.getByTestId('join-title').waitFor();
    expect(await pageC.getByTestId('join-title').textContent()).toBe('Book club');
    await screenshots(pageC, 'join');
    await pageC.getByRole('button', { name: 'Join group' }).click();
    await pageC.waitForURL(/\/chats\/[0-9a-f-]+$/);
    await pageC.getByText('This is the beginning of the conversation.').waitFor();

    await pageA.goto(pageC.url().replace(/^https?:\/\/[^/]+/, ''));
    await pageA.getByRole('textbox', { name: 'Message', exact: true }).fill('Welcome, Cy!');
    await pageA.keyboard.press('Enter');
    await bubble(pageC, 'Welcome, Cy!').waitFor();
    await pageC.getByRole('textbox', { name: 'Message', exact: true }).fill('Thanks!');
    await pageC.keyboard.press('Enter');
    await bubble(pageA, 'Thanks!').waitFor();
    expect(await bubble(pageC, 'Before Cy joined').count()).toBe(0);
  }, 90_000);

  it('shows an uploaded profile photo', async () => {
    const photo = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#3a7bd5' } })
      .composite([
        {
          input: Buffer.from(
            '<svg width="400" height="400"><circle cx="200" cy="170" r="90" fill="#ffd166"/><rect x="80" y="280" width="240" height="120" rx="60" fill="#ffd166"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer();
    await pageA.getByRole('link', { name: 'Profile' }).click();
    await pageA
      .locator('#photo-input')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: photo });
    const image = pageA.getByTestId('profile-photo').locator('img');
    await image.waitFor();
    expect(await image.getAttribute('src')).toMatch(/^\/media\//);
    await expect
      .poll(() => image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await screenshots(pageA, 'profile');
  });

  it('loses nothing and duplicates nothing across going offline and back', async () => {
    await pageA.goto(directChatUrl);
    await pageB.goto(directChatUrl);
    await bubble(pageB, 'Hello Bob!').waitFor();
    const contextB = pageB.context();
    await contextB.setOffline(true);
    await pageB.getByTestId('connection-banner').waitFor({ timeout: 40_000 });

    await pageA.getByRole('textbox', { name: 'Message', exact: true }).fill('Sent while you were away (1)');
    await pageA.keyboard.press('Enter');
    await pageA.getByRole('textbox', { name: 'Message', exact: true }).fill('Sent while you were away (2)');
    await pageA.keyboard.press('Enter');
    await pageB.getByRole('textbox', { name: 'Message', exact: true }).fill('Written while offline');
    await pageB.keyboard.press('Enter');
    const offlineBubble = bubble(pageB, 'Written while offline');
    await offlineBubble.waitFor();
    expect(await offlineBubble.locator('[data-status]').getAttribute('data-status')).toMatch(
      /sending|failed/,
    );

    await contextB.setOffline(false);
    await bubble(pageB, 'Sent while you were away (2)').waitFor({ timeout: 30_000 });
    await bubble(pageA, 'Written while offline').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => offlineBubble.locator('[data-status]').getAttribute('data-status'), { timeout: 15_000 })
      .toMatch(/sent|delivered|read/);
    await pageB.waitForTimeout(500);
    for (const text of [
      'Sent while you were away (1)',
      'Sent while you were away (2)',
      'Written while offline',
    ]) {
      expect(await bubble(pageA, text).count(), text).toBe(1);
      expect(await bubble(pageB, text).count(), text).toBe(1);
    }
    // The server holds the offline message once too.
    expect(await bubble(pageB, 'Written while offline').count()).toBe(1);
  }, 120_000);

  it('replies, forwards and deletes from the message menu, by keyboard', async () => {
    // Bob replies to Ada's message: the menu opens with Enter and its first item is "Reply".
    await bubble(pageB, 'Sent while you were away (1)')
      .getByRole('button', { name: 'Message actions' })
      .focus();
    await pageB.keyboard.press('Enter');
    await expect
      .poll(() => pageB.evaluate(() => (globalThis as any).document.activeElement?.textContent))
      .toBe('Reply');
    await pageB.keyboard.press('Enter');
    await pageB.getByText('Replying to Ada').waitFor();
    await pageB.keyboard.type('Got both of them');
    await pageB.keyboard.press('Enter');
    // Bob's side first (the server took it), then Ada's (it reached her live): a failure says which.
    await expect
      .poll(() => bubble(pageB, 'Got both of them').locator('[data-status]').getAttribute('data-status'), {
        timeout: 30_000,
      })
      .toMatch(/sent|delivered|read/);
    const reply = bubble(pageA, 'Got both of them');
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.locator('.quote').textContent()).toContain('Sent while you were away (1)');

    // Ada forwards a message to the group, where Cy sees it marked as forwarded.
    await bubble(pageA, 'Are you reading this?').getByRole('button', { name: 'Message actions' }).click();
    await pageA.getByRole('menuitem', { name: 'Forward' }).click();
    const dialog = pageA.getByRole('dialog', { name: 'Forward to…' });
    await dialog.getByLabel('Book club').check();
    await dialog.getByRole('button', { name: 'Forward' }).click();
    const forwarded = bubble(pageC, 'Are you reading this?');
    await forwarded.waitFor();
    expect(await forwarded.locator('.forwarded').textContent()).toBe('Forwarded');

    // Ada deletes her first message for everyone: a tombstone takes its place on both sides.
    await bubble(pageA, 'Hello Bob!').getByRole('button', { name: 'Message actions' }).click();
    await pageA.getByRole('menuitem', { name: 'Delete for everyone' }).click();
    await expect.poll(() => bubble(pageB, 'Hello Bob!').count()).toBe(0);
    expect(await pageA.locator('li.message .deleted').count()).toBe(1);
    expect(await pageB.locator('li.message .deleted').count()).toBe(1);

    // Bob hides a message for himself only: gone for him, still there for Ada.
    await bubble(pageB, 'Got both of them').getByRole('button', { name: 'Message actions' }).click();
    await pageB.getByRole('menuitem', { name: 'Delete for me' }).click();
    await expect.poll(() => bubble(pageB, 'Got both of them').count()).toBe(0);
    expect(await bubble(pageA, 'Got both of them').count()).toBe(1);
  }, 60_000);

  it('scrolls a 1,000-message conversation by loading pages, never everything', async () => {
    const reader = await createUser(server.app, { firstName: 'Dana', lastName: 'Reader' });
    const writer = await createUser(server.app, { firstName: 'Eli', lastName: 'Writer' });
    const chat = await createDirect(server.app, writer, reader);
    // Sent 20 at a time: the server numbers them in the order it stores them, which the listing gives back.
    for (let batch = 0; batch < 50; batch += 1) {
      const sends = Array.from({ length: 20 }, (_, i) =>
        api(server.app, 'POST', `/api/v1/conversations/${chat.id}/messages`, {
          token: i % 2 ? writer.token : reader.token,
          body: { content: `Message ${batch * 20 + i + 1} of the long chat` },
        }),
      );
      for (const sent of await Promise.all(sends)) expect(sent.status).toBe(201);
    }
    const newestFirst = (await listAll(server.app, reader, chat.id)).map((message) => message.id as string);
    expect(newestFirst).toHaveLength(1000);
    const page = await person();
    const pagesRequested: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(`/conversations/${chat.id}/messages`) && request.method() === 'GET')
        pagesRequested.push(request.url());
    });
    await page.goto('/login');
    await page.getByLabel('Email').fill(reader.email);
    await page.getByLabel('Password').fill(reader.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: /Eli Writer/ }).click();
    await page.locator(`[data-message-id="${newestFirst[0]}"]`).waitFor();
    const rendered = () => page.locator('li.message').count();
    expect(await rendered()).toBe(50);
    expect(pagesRequested).toHaveLength(1);

    const list = page.getByTestId('messages');
    for (let pages = 2; pages <= 4; pages += 1) {
      const topBefore = await page.locator('li.message').first().getAttribute('data-message-id');
      await list.evaluate((element) => element.scrollTo({ top: 0 }));
      await expect.poll(rendered).toBe(pages * 50);
      // The message that was on top is still on screen: older pages go above it without a jump.
      const stillVisible = await page.locator(`[data-message-id="${topBefore}"]`).evaluate((element) => {
        const box = element.getBoundingClientRect();
        const view = element.closest('.messages')!.getBoundingClientRect();
        return box.bottom > view.top && box.top < view.bottom;
      });
      expect(stillVisible).toBe(true);
    }
    expect(pagesRequested).toHaveLength(4);
    // Exactly the newest 200 are on the page, oldest at the top.
    const shown = await page
      .locator('li.message')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-message-id')));
    expect(shown).toEqual(newestFirst.slice(0, 200).reverse());
    console.log(
      `1,000-message chat: ${pagesRequested.length} pages requested, ${await rendered()} messages rendered after scrolling up three times`,
    );
  }, 120_000);
});
