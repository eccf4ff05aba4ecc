import { createSecretKey } from 'node:crypto';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AttachmentLinks } from '../../src/core/attachments.js';
import { TEST_JWT_SECRET, useTestApp } from '../helpers/app.js';
import { addToGroup, createDirect, createGroup, removeFromGroup } from '../helpers/conversations.js';
import { createUser, createUsers, type TestUser } from '../helpers/factories.js';
import { api, fetchFile } from '../helpers/http.js';
import {
  jpegWithGps,
  filesOnDisk as listMedia,
  mp3,
  mp4,
  oggOpus,
  photo,
  webm,
} from '../helpers/media-files.js';
import { messagesUrl, recordEvents, sendMessage } from '../helpers/messages.js';
import type { FilePart } from '../helpers/multipart.js';

const MAX_BYTES = 64 * 1024;

const t = useTestApp({ env: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });

const filesOnDisk = () => listMedia(t.config.dataDir);

const upload = (user: TestUser, conversationId: string, part: FilePart) =>
  api(t.app, 'POST', `/api/v1/conversations/${conversationId}/attachments`, {
    token: user.token,
    file: { field: 'file', filename: 'upload.bin', ...part },
  });

async function uploaded(user: TestUser, conversationId: string, part: Omit<FilePart, 'field'>) {
  const response = await upload(user, conversationId, part);
  if (response.status !== 201) throw new Error(`upload failed: ${JSON.stringify(response.body)}`);
  return response.body.data;
}

const download = (url: string, options: { token?: string; range?: string } = {}) =>
  fetchFile(t.app, url, options);

async function sendWith(user: TestUser, conversationId: string, body: Record<string, unknown>) {
  return api(t.app, 'POST', messagesUrl(conversationId), { token: user.token, body });
}

/** Two members of a group, a third user outside it. */
async function scene() {
  const [alice, bob, outsider] = await createUsers(t.app, 3);
  const group = await createGroup(t.app, alice, [bob]);
  return { alice, bob, outsider, group };
}

describe('uploading attachments', () => {
  it('re-encodes a photo without its metadata, with dimensions and a thumbnail', async () => {
    const { alice, group } = await scene();
    const input = await jpegWithGps(600, 400);
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const attachment = await uploaded(alice, group.id, {
      data: input,
      filename: 'holiday.jpg',
      contentType: 'image/jpeg',
    });
    expect(attachment).toMatchObject({
      kind: 'image',
      mimeType: 'image/jpeg',
      name: 'holiday.jpg',
      width: 600,
      height: 400,
    });
    expect(attachment.url).toMatch(/^\/api\/v1\/attachments\/[0-9a-f-]{36}\?u=.+&e=\d+&s=/);

    const full = await download(attachment.url);
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    expect(full.bytes.length).toBe(attachment.size);
    const stored = await sharp(full.bytes).metadata();
    expect(stored.exif).toBeUndefined();
    expect([stored.width, stored.height]).toEqual([600, 400]);

    const thumbnail = await download(attachment.thumbnailUrl!);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    const thumb = await sharp(thumbnail.bytes).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(320);
  });

  it('reads PNG, WebP and GIF by their bytes, whatever the name says', async () => {
    const { alice, group } = await scene();
    const cases: [Buffer, string][] = [
      [await photo(40, 30).png().toBuffer(), 'image/png'],
      [await photo(40, 30).webp().toBuffer(), 'image/webp'],
      [await photo(40, 30).gif().toBuffer(), 'image/gif'],
    ];
    for (const [data, mimeType] of cases) {
      const attachment = await uploaded(alice, group.id, { data, filename: 'picture.bin' });
      expect(attachment).toMatchObject({ kind: 'image', mimeType, width: 40, height: 30 });
    }
  });

  it('keeps voice notes and videos as sent, with their duration where the container says', async () => {
    const { alice, group } = await scene();
    const cases: [Buffer, string, object][] = [
      [oggOpus(1.5), 'voice.ogg', { kind: 'audio', mimeType: 'audio/ogg', durationMs: 1500 }],
      [mp3(100), 'song.mp3', { kind: 'audio', mimeType: 'audio/mpeg', durationMs: 2612 }],
      [mp4('audio', 2), 'note.m4a', { kind: 'audio', mimeType: 'audio/mp4', durationMs: 2000 }],
      [webm('audio', 2.5), 'note.webm', { kind: 'audio', mimeType: 'audio/webm', durationMs: 2500 }],
      [webm('video', 2.5), 'clip.webm', { kind: 'video', mimeType: 'video/webm', durationMs: 2500 }],
      [mp4('video', 2), 'clip.mp4', { kind: 'video', mimeType: 'video/mp4' }],
    ];
    for (const [data, filename, expected] of cases) {
      const attachment = await uploaded(alice, group.id, { data, filename });
      expect(attachment, filename).toMatchObject({ ...expected, size: data.length, name: filename });
      expect(attachment.thumbnailUrl).toBeUndefined();
      const served = await download(attachment.url);
      expect(served.bytes.equals(data), filename).toBe(true);
      expect(served.headers['content-disposition']).toMatch(/^inline; /);
    }
  });

  it('serves anything else as a download with a safe name', async () => {
    const { alice, group } = await scene();
    const data = Buffer.from('<html><script>alert(1)</script></html>');
    const attachment = await uploaded(alice, group.id, {
      data,
      filename: '../../etc/ré\u202Esumé\u0007.html',
      contentType: 'text/html',
    });
    expect(attachment).toMatchObject({
      kind: 'file',
      mimeType: 'application/octet-stream',
      name: 'résumé.html',
    });
    const served = await download(attachment.url);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('application/octet-stream');
    expect(served.headers['content-disposition']).toBe(
      `attachment; filename="r_sum_.html"; filename*=UTF-8''r%C3%A9sum%C3%A9.html`,
    );
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
  });

  it('refuses a file over ATTACHMENT_MAX_BYTES with 413 and keeps nothing', async () => {
    const { alice, group } = await scene();
    const before = filesOnDisk();
    const response = await upload(alice, group.id, {
      data: Buffer.alloc(MAX_BYTES + 1, 7),
      filename: 'big.bin',
    });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(filesOnDisk()).toEqual(before);
    // Exactly at the limit is fine.
    expect(
      (await upload(alice, group.id, { data: Buffer.alloc(MAX_BYTES, 7), filename: 'ok.bin' })).status,
    ).toBe(201);
  });

  it('refuses a file that claims to be an image but is not (422), leaving nothing behind', async () => {
    const { alice, group } = await scene();
    const before = filesOnDisk();
    const [rows] = await countAttachments();
    const byType = await upload(alice, group.id, {
      data: Buffer.from('plain text'),
      filename: 'x',
      contentType: 'image/png',
    });
    const byName = await upload(alice, group.id, { data: Buffer.from('plain text'), filename: 'cat.JPG' });
    const broken = await upload(alice, group.id, {
      data: (await photo(50, 50).jpeg().toBuffer()).subarray(0, 200),
      filename: 'cut.bin',
    });
    for (const response of [byType, byName, broken]) {
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    expect(filesOnDisk()).toEqual(before);
    expect((await countAttachments())[0]).toBe(rows);
  });

  it('answers 404 to a non-member and 401 without a token', async () => {
    const { outsider, group, alice } = await scene();
    const response = await upload(outsider, group.id, { data: Buffer.from('hi'), filename: 'a.txt' });
    expect(response.status).toBe(404);
    const anonymous = await api(t.app, 'POST', `/api/v1/conversations/${group.id}/attachments`, {
      file: { field: 'file', data: Buffer.from('hi') },
    });
    expect(anonymous.status).toBe(401);
    expect((await upload(alice, group.id, { field: 'image', data: Buffer.from('hi') })).status).toBe(422);
  });
});

async function countAttachments(): Promise<[number]> {
  const result = await t.database.db.execute(sql`select count(*)::int as n from attachments`);
  return [(result.rows[0] as { n: number }).n];
}

describe('messages with attachments', () => {
  it('carries 1 to 10 attachments and a caption on every read path and event', async () => {
    const { alice, bob, group } = await scene();
    const events = recordEvents(t.bus);
    const first = await uploaded(alice, group.id, {
      data: await photo(20, 10).png().toBuffer(),
      filename: 'a.png',
    });
    const second = await uploaded(alice, group.id, { data: oggOpus(1), filename: 'b.ogg' });
    const sent = await sendWith(alice, group.id, {
      attachmentIds: [first.id, second.id],
      content: '  look  ',
    });
    expect(sent.status).toBe(201);
    expect(sent.body.data.content).toBe('look');
    expect(sent.body.data.attachments.map((a) => a.id)).toEqual([first.id, second.id]);

    const history = await api(t.app, 'GET', `${messagesUrl(group.id)}`, { token: bob.token });
    const [message] = history.body.data.items;
    expect(message!.attachments).toHaveLength(2);
    expect(message!.attachments[0]).toMatchObject({ id: first.id, kind: 'image', width: 20, height: 10 });
    // Bob's links are made for Bob.
    expect(message!.attachments[0]!.url).toContain(`u=${bob.id}`);
    expect((await download(message!.attachments[1]!.url)).status).toBe(200);

    const single = await api(t.app, 'GET', `${messagesUrl(group.id)}/${sent.body.data.id}`, {
      token: bob.token,
    });
    expect(single.body.data.attachments).toHaveLength(2);
    const changes = await api(
      t.app,
      'GET',
      `/api/v1/conversations/${group.id}/changes?since=${encodeSince()}`,
      {
        token: bob.token,
      },
    );
    expect(changes.body.data.items.at(-1)!.attachments).toHaveLength(2);
    const [event] = events.of(bob, 'message.created');
    expect(event!.attachments[0]!.url).toContain(`u=${bob.id}`);
    expect(events.of(alice, 'message.created')[0]!.attachments[0]!.url).toContain(`u=${alice.id}`);
    events.stop();

    // Without a caption; and no content at all without attachments is still refused.
    const photoOnly = await uploaded(alice, group.id, { data: await photo(5, 5).png().toBuffer() });
    const bare = await sendWith(alice, group.id, { attachmentIds: [photoOnly.id] });
    expect(bare.status).toBe(201);
    expect(bare.body.data.content).toBeNull();
    expect(bare.body.data.deleted).toBe(false);
    const inbox = await api(t.app, 'GET', '/api/v1/conversations', { token: bob.token });
    const entry = inbox.body.data.items.find((item) => item.id === group.id);
    expect(entry!.lastMessage).toMatchObject({
      id: bare.body.data.id,
      content: null,
      attachmentCount: 1,
      deleted: false,
    });
    expect((await sendWith(alice, group.id, {})).status).toBe(422);
    expect((await sendWith(alice, group.id, { attachmentIds: [] })).status).toBe(422);
    const eleven = Array.from({ length: 11 }, () => '0190aaaa-0000-7000-8000-000000000000');
    expect((await sendWith(alice, group.id, { attachmentIds: eleven })).status).toBe(422);
  });

  it("answers 404 for another conversation's upload, someone else's, or one already used", async () => {
    const { alice, bob, group } = await scene();
    const other = await createDirect(t.app, alice, bob);
    const elsewhere = await uploaded(alice, other.id, { data: Buffer.from('x'), filename: 'x.txt' });
    const bobs = await uploaded(bob, group.id, { data: Buffer.from('x'), filename: 'x.txt' });
    const mine = await uploaded(alice, group.id, { data: Buffer.from('x'), filename: 'x.txt' });
    const seqBefore = (await api(t.app, 'GET', messagesUrl(group.id), { token: alice.token })).body.data.items
      .length;
    for (const id of [elsewhere.id, bobs.id]) {
      const response = await sendWith(alice, group.id, { attachmentIds: [mine.id, id], content: 'hi' });
      expect(response.status).toBe(404);
    }
    // Nothing was written by the refused sends: the upload is still free to use once.
    expect(
      (await api(t.app, 'GET', messagesUrl(group.id), { token: alice.token })).body.data.items,
    ).toHaveLength(seqBefore);
    expect((await sendWith(alice, group.id, { attachmentIds: [mine.id] })).status).toBe(201);
    expect((await sendWith(alice, group.id, { attachmentIds: [mine.id] })).status).toBe(404);
  });

  it('forwards the reference, not the bytes, and the forward’s reader can download it', async () => {
    const { alice, bob, group } = await scene();
    const carol = await createUser(t.app);
    const direct = await createDirect(t.app, bob, carol);
    const attachment = await uploaded(alice, group.id, {
      data: await photo(30, 30).png().toBuffer(),
      filename: 'p.png',
    });
    const sent = (await sendWith(alice, group.id, { attachmentIds: [attachment.id] })).body.data;
    const filesBefore = filesOnDisk();
    const forward = await api(t.app, 'POST', `${messagesUrl(group.id)}/${sent.id}/forward`, {
      token: bob.token,
      body: { conversationIds: [direct.id] },
    });
    expect(forward.status).toBe(201);
    expect(forward.body.data.items[0]!.attachments[0]!.id).toBe(attachment.id);
    expect(filesOnDisk()).toEqual(filesBefore);

    const carolsView = (await api(t.app, 'GET', messagesUrl(direct.id), { token: carol.token })).body.data
      .items[0];
    expect(carolsView!.attachments[0]!.url).toContain(`u=${carol.id}`);
    expect((await download(carolsView!.attachments[0]!.url)).status).toBe(200);

    // Deleting the original for everyone keeps the bytes: the forward still references them.
    expect(
      (await api(t.app, 'DELETE', `${messagesUrl(group.id)}/${sent.id}`, { token: alice.token })).status,
    ).toBe(200);
    expect(filesOnDisk()).toEqual(filesBefore);
    expect((await download(carolsView!.attachments[0]!.url)).status).toBe(200);
    const alicesOld = (await api(t.app, 'GET', `${messagesUrl(group.id)}/${sent.id}`, { token: alice.token }))
      .body.data;
    expect(alicesOld.attachments).toEqual([]);
    // Alice saw it only through the deleted message: gone for her.
    expect((await download(attachment.url)).status).toBe(404);
  });
});

/** A sync cursor from before everything (change id 0). */
function encodeSince(): string {
  return Buffer.from(JSON.stringify([0])).toString('base64url');
}

describe('downloads, from the outsider’s side', () => {
  async function photoMessage(sender: TestUser, conversationId: string) {
    const attachment = await uploaded(sender, conversationId, { data: await photo(8, 8).png().toBuffer() });
    const message = (await sendWith(sender, conversationId, { attachmentIds: [attachment.id] })).body.data;
    return { attachment, message };
  }

  const bareUrl = (attachmentId: string) => `/api/v1/attachments/${attachmentId}` as const;

  it('accepts the bearer token of a member, and nobody else', async () => {
    const { alice, bob, outsider, group } = await scene();
    const { attachment } = await photoMessage(alice, group.id);
    expect((await download(bareUrl(attachment.id), { token: bob.token })).status).toBe(200);
    expect((await download(bareUrl(attachment.id), { token: outsider.token })).status).toBe(404);
    expect((await download(bareUrl(attachment.id))).status).toBe(404);
    expect((await download(bareUrl(attachment.id), { token: 'not-a-token' })).status).toBe(404);
  });

  it('keeps an unused upload to its uploader', async () => {
    const { alice, bob, group } = await scene();
    const attachment = await uploaded(alice, group.id, { data: Buffer.from('draft') });
    expect((await download(bareUrl(attachment.id), { token: alice.token })).status).toBe(200);
    expect((await download(bareUrl(attachment.id), { token: bob.token })).status).toBe(404);
  });

  it('refuses a late joiner a file sent before they joined, and serves them one sent after', async () => {
    const { alice, group } = await scene();
    const before = await photoMessage(alice, group.id);
    const late = await createUser(t.app);
    await addToGroup(t.app, group.id, alice, late);
    const after = await photoMessage(alice, group.id);
    expect((await download(bareUrl(before.attachment.id), { token: late.token })).status).toBe(404);
    expect((await download(bareUrl(after.attachment.id), { token: late.token })).status).toBe(200);
  });

  it('ends a removed member’s links, signed ones included', async () => {
    const { alice, bob, group } = await scene();
    await photoMessage(alice, group.id);
    const [message] = (await api(t.app, 'GET', messagesUrl(group.id), { token: bob.token })).body.data.items;
    const link = message!.attachments[0]!.url;
    expect((await download(link)).status).toBe(200);
    await removeFromGroup(t.app, group.id, alice, bob);
    expect((await download(link)).status).toBe(404);
    expect((await download(bareUrl(message!.attachments[0]!.id), { token: bob.token })).status).toBe(404);
  });

  it('hides it from whoever deleted the message for themselves', async () => {
    const { alice, bob, group } = await scene();
    const { attachment, message } = await photoMessage(alice, group.id);
    await api(t.app, 'DELETE', `${messagesUrl(group.id)}/${message.id}?scope=me`, { token: bob.token });
    expect((await download(bareUrl(attachment.id), { token: bob.token })).status).toBe(404);
    expect((await download(bareUrl(attachment.id), { token: alice.token })).status).toBe(200);
  });

  it('removes the bytes when the only message carrying them is deleted for everyone', async () => {
    const { alice, bob, group } = await scene();
    const before = filesOnDisk();
    const { attachment, message } = await photoMessage(alice, group.id);
    expect(filesOnDisk()).toHaveLength(before.length + 2);
    await api(t.app, 'DELETE', `${messagesUrl(group.id)}/${message.id}`, { token: alice.token });
    expect((await download(bareUrl(attachment.id), { token: bob.token })).status).toBe(404);
    expect((await download(attachment.url)).status).toBe(404);
    expect(filesOnDisk()).toEqual(before);
  });

  it('refuses an expired signature, a signature for someone else, and a tampered one', async () => {
    const { alice, bob, outsider, group } = await scene();
    const { attachment } = await photoMessage(alice, group.id);
    const links = new AttachmentLinks(createSecretKey(new TextEncoder().encode(TEST_JWT_SECRET)), 3_600_000);
    const signed = (userId: string, now: number) => {
      const { u, e, s } = links.sign(attachment.id, userId, now);
      return `${bareUrl(attachment.id)}?u=${u}&e=${e}&s=${s}`;
    };
    expect((await download(signed(bob.id, Date.now()))).status).toBe(200);
    expect((await download(signed(bob.id, Date.now() - 2 * 3_600_000))).status).toBe(404);
    // A valid signature for a user who may not see it.
    expect((await download(signed(outsider.id, Date.now()))).status).toBe(404);
    // Bob's signature presented as the outsider's.
    expect(
      (await download(signed(bob.id, Date.now()).replace(`u=${bob.id}`, `u=${outsider.id}`))).status,
    ).toBe(404);
    // A signature made with another key.
    const forged = new AttachmentLinks(createSecretKey(Buffer.alloc(48, 1)), 3_600_000).sign(
      attachment.id,
      bob.id,
    );
    expect(
      (await download(`${bareUrl(attachment.id)}?u=${forged.u}&e=${forged.e}&s=${forged.s}`)).status,
    ).toBe(404);
  });

  it('answers ranges with 206, and past the end with 416', async () => {
    const { alice, bob, group } = await scene();
    const data = mp3(10);
    const attachment = await uploaded(alice, group.id, { data, filename: 's.mp3' });
    await sendWith(alice, group.id, { attachmentIds: [attachment.id] });
    const url = bareUrl(attachment.id);
    const middle = await download(url, { token: bob.token, range: 'bytes=100-199' });
    expect(middle.status).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 100-199/${data.length}`);
    expect(middle.headers['content-type']).toBe('audio/mpeg');
    expect(middle.bytes.equals(data.subarray(100, 200))).toBe(true);
    const tail = await download(url, { token: bob.token, range: 'bytes=-10' });
    expect(tail.status).toBe(206);
    expect(tail.bytes.equals(data.subarray(data.length - 10))).toBe(true);
    const open = await download(url, { token: bob.token, range: `bytes=${data.length - 5}-` });
    expect(open.bytes.equals(data.subarray(data.length - 5))).toBe(true);
    const past = await download(url, { token: bob.token, range: `bytes=${data.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${data.length}`);
    const whole = await download(url, { token: bob.token });
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['cache-control']).toBe('private, no-cache');
  });
});

describe('the sweeper', () => {
  it('removes uploads unused for a day and keeps those in messages', async () => {
    const { alice, group } = await scene();
    const unused = await uploaded(alice, group.id, { data: await photo(6, 6).png().toBuffer() });
    const used = await uploaded(alice, group.id, { data: Buffer.from('kept') });
    await sendWith(alice, group.id, { attachmentIds: [used.id] });
    const fresh = await uploaded(alice, group.id, { data: Buffer.from('fresh') });
    const filesBefore = filesOnDisk();

    // A day and a minute later, for the old uploads; `fresh` is only a minute old then.
    await t.database.db.execute(
      sql`update attachments set created_at = created_at - interval '1 day' where id in (${unused.id}, ${used.id})`,
    );
    const removed = await t.app.sweepUnusedAttachments(new Date(Date.now() + 60_000));
    expect(removed).toBe(1);
    expect(filesOnDisk()).toHaveLength(filesBefore.length - 2);
    expect((await download(bareUrl(unused.id), { token: alice.token })).status).toBe(404);
    expect((await download(bareUrl(used.id), { token: alice.token })).status).toBe(200);
    expect((await download(bareUrl(fresh.id), { token: alice.token })).status).toBe(200);
    // A swept upload can no longer be put in a message.
    expect((await sendWith(alice, group.id, { attachmentIds: [unused.id] })).status).toBe(404);
  });

  const bareUrl = (attachmentId: string) => `/api/v1/attachments/${attachmentId}` as const;
});

it('sendMessage helper still sends plain text', async () => {
  const { alice, group } = await scene();
  const message = await sendMessage(t.app, alice, group.id, 'plain');
  expect(message.attachments).toEqual([]);
});
