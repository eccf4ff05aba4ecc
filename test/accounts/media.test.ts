import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { addToGroup, createDirect, createGroup, createGroupWithRoles } from '../helpers/conversations.js';
import { createUser, createUsers, type TestUser } from '../helpers/factories.js';
import { api, fetchFile } from '../helpers/http.js';
import { jpegWithGps, filesOnDisk as listMedia, mediaDir, photo } from '../helpers/media-files.js';
import { recordEvents } from '../helpers/messages.js';
import type { FilePart } from '../helpers/multipart.js';

const t = useTestApp();

const filesOnDisk = () => listMedia(t.config.dataDir);

const upload = <Url extends string>(url: Url, user: TestUser | null, file: FilePart) =>
  api(t.app, 'PUT', url, { token: user?.token, file });

const uploadProfile = (user: TestUser | null, part: FilePart) =>
  upload('/api/v1/users/me/profile-image', user, part);

const fetchMedia = (url: string) => fetchFile(t.app, url);

describe('profile photos', () => {
  it('re-encodes a JPEG to two WebP sizes and drops its EXIF (GPS included)', async () => {
    const user = await createUser(t.app);
    const input = await jpegWithGps(1200, 800);
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const me = () => api(t.app, 'GET', '/api/v1/users/me', { token: user.token });
    expect((await me()).body.data.profileImage).toBeNull();

    const response = await uploadProfile(user, {
      data: input,
      filename: 'holiday.jpg',
      contentType: 'image/jpeg',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ error: false, status: 200 });
    const image = response.body.data.profileImage;
    expect(image!.url).toMatch(/^\/media\/[A-Za-z0-9_-]{24,}-640\.webp$/);
    expect(image!.thumbnailUrl).toBe(image!.url.replace('-640.webp', '-160.webp'));
    expect(response.body.data).toMatchObject({ id: user.id, email: user.email });

    const full = await fetchMedia(image!.url);
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('image/webp');
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const fullMeta = await sharp(full.bytes).metadata();
    expect(fullMeta).toMatchObject({ format: 'webp', width: 640, height: 427 });
    expect(fullMeta.exif).toBeUndefined();

    const thumb = await fetchMedia(image!.thumbnailUrl);
    const thumbMeta = await sharp(thumb.bytes).metadata();
    expect(thumbMeta).toMatchObject({ format: 'webp', width: 160, height: 160 });
    expect(thumbMeta.exif).toBeUndefined();

    // My profile shows it from the next request on, and others see it too.
    expect((await me()).body.data.profileImage).toEqual(image);
    const other = await createUser(t.app);
    const seen = await api(t.app, 'GET', `/api/v1/users/${user.id}`, { token: other.token });
    expect(seen.body.data.profileImage).toEqual(image);
  });

  it('applies the EXIF orientation before dropping it', async () => {
    const user = await createUser(t.app);
    // Stored 200x100, but the camera says "rotate 90°": the picture is 100 wide and 200 high.
    const input = await photo(200, 100).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const response = await uploadProfile(user, { data: input });
    expect(response.status).toBe(200);
    const meta = await sharp((await fetchMedia(response.body.data.profileImage!.url)).bytes).metadata();
    // Small pictures are not enlarged.
    expect(meta).toMatchObject({ width: 100, height: 200 });
    expect(meta.orientation).toBeUndefined();
  });

  it('accepts PNG and WebP, and deletes the replaced files', async () => {
    const user = await createUser(t.app);
    const png = await photo(300, 300).png().toBuffer();
    const first = await uploadProfile(user, { data: png, filename: 'a.png', contentType: 'image/png' });
    expect(first.status).toBe(200);
    const firstImage = first.body.data.profileImage;
    expect((await fetchMedia(firstImage!.url)).status).toBe(200);

    const webp = await photo(900, 300).webp().toBuffer();
    const second = await uploadProfile(user, { data: webp, filename: 'b.webp', contentType: 'image/webp' });
    expect(second.status).toBe(200);
    const secondImage = second.body.data.profileImage;
    expect(secondImage!.url).not.toBe(firstImage!.url);
    const meta = await sharp((await fetchMedia(secondImage!.url)).bytes).metadata();
    expect(meta).toMatchObject({ width: 640, height: 213 });

    for (const url of [firstImage!.url, firstImage!.thumbnailUrl]) {
      const gone = await fetchMedia(url);
      expect(gone.status).toBe(404);
      expect(existsSync(path.join(mediaDir(t.config.dataDir), path.basename(url)))).toBe(false);
    }
  });

  it('removes the photo and its files on DELETE', async () => {
    const user = await createUser(t.app);
    const uploaded = await uploadProfile(user, { data: await photo(50, 50).png().toBuffer() });
    const image = uploaded.body.data.profileImage;
    const response = await api(t.app, 'DELETE', '/api/v1/users/me/profile-image', { token: user.token });
    expect(response.status).toBe(200);
    expect(response.body.data.profileImage).toBeNull();
    expect((await fetchMedia(image!.url)).status).toBe(404);
    expect((await fetchMedia(image!.thumbnailUrl)).status).toBe(404);
    expect(filesOnDisk()).not.toContain(path.basename(image!.url));
    // Removing a photo that is not there is harmless.
    const again = await api(t.app, 'DELETE', '/api/v1/users/me/profile-image', { token: user.token });
    expect(again.status).toBe(200);
  });

  it('refuses a text file renamed .png with 415, decided by its bytes', async () => {
    const user = await createUser(t.app);
    const before = filesOnDisk();
    const response = await uploadProfile(user, {
      data: Buffer.from('just some text, not a picture at all\n'.repeat(10)),
      filename: 'cat.png',
      contentType: 'image/png',
    });
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ error: true, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(filesOnDisk()).toEqual(before);
  });

  it('refuses other real image formats (GIF) with 415', async () => {
    const user = await createUser(t.app);
    const gif = await photo(20, 20).gif().toBuffer();
    const response = await uploadProfile(user, { data: gif, filename: 'a.jpg', contentType: 'image/jpeg' });
    expect(response.status).toBe(415);
  });

  it('answers a body over 5 MB with a 413 envelope', async () => {
    const user = await createUser(t.app);
    const before = filesOnDisk();
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(6 * 1024 * 1024, 7)]);
    const response = await uploadProfile(user, { data: big });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ error: true, status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(filesOnDisk()).toEqual(before);
    const me = await api(t.app, 'GET', '/api/v1/users/me', { token: user.token });
    expect(me.body.data.profileImage).toBeNull();
  });

  it('answers an oversized upload over a real connection with a clean 413, not a hang', async () => {
    const user = await createUser(t.app);
    const address = t.origin;
    const form = new FormData();
    const big = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(6 * 1024 * 1024, 1)]);
    form.append('image', new Blob([big], { type: 'image/png' }), 'big.png');
    const response = await fetch(`${address}/api/v1/users/me/profile-image`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${user.token}` },
      body: form,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: true, status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers a truncated JPEG with 422 and leaves nothing behind', async () => {
    const user = await createUser(t.app);
    const good = await uploadProfile(user, { data: await photo(64, 64).png().toBuffer() });
    const before = filesOnDisk();
    const jpeg = await jpegWithGps(800, 600);
    const response = await uploadProfile(user, { data: jpeg.subarray(0, Math.floor(jpeg.length / 2)) });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ error: true, status: 422, code: 'VALIDATION_FAILED' });
    expect(filesOnDisk()).toEqual(before);
    // The previous photo is untouched.
    const me = await api(t.app, 'GET', '/api/v1/users/me', { token: user.token });
    expect(me.body.data.profileImage).toEqual(good.body.data.profileImage);
    expect((await fetchMedia(good.body.data.profileImage!.url)).status).toBe(200);
  });

  it('refuses a decompression bomb (too many pixels) with 422', async () => {
    const user = await createUser(t.app);
    // 8000 x 8000 = 64 megapixels of one colour: a small PNG that would decode to 192 MB.
    const bomb = await photo(8000, 8000).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    const response = await uploadProfile(user, { data: bomb });
    expect(response.status).toBe(422);
    expect(response.body.message).toMatch(/pixels/);
  });

  it('wants the multipart field "image"', async () => {
    const user = await createUser(t.app);
    const wrongField = await uploadProfile(user, {
      field: 'photo',
      data: await photo(10, 10).png().toBuffer(),
    });
    expect(wrongField.status).toBe(422);
    const json = await api(t.app, 'PUT', '/api/v1/users/me/profile-image', { token: user.token, body: {} });
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('needs a logged-in user', async () => {
    const response = await uploadProfile(null, { data: await photo(10, 10).png().toBuffer() });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });
});

describe('serving /media', () => {
  it('answers unknown or malformed names with a 404 envelope, never a path outside the folder', async () => {
    for (const url of [
      '/media/doesnotexist0000000000000000-640.webp',
      '/media/..%2f..%2fpackage.json',
      '/media/..%2Fjwt-secret',
      '/media/abc-640.png',
      '/media/.tmp-1234',
      '/media/%2e%2e',
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json<unknown>()).toMatchObject({ error: true, status: 404, code: 'NOT_FOUND' });
    }
  });
});

describe('group photos', () => {
  it('lets the owner set the photo, tells the members, and shows it on the conversation', async () => {
    const [owner, member] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, owner, [member]);
    const events = recordEvents(t.bus);
    const url = `/api/v1/conversations/${group.id}/image` as const;

    const response = await upload(url, owner, { data: await jpegWithGps(1000, 1000) });
    events.stop();
    expect(response.status).toBe(200);
    const image = response.body.data.image;
    expect(image!.url).toMatch(/-640\.webp$/);
    const meta = await sharp((await fetchMedia(image!.url)).bytes).metadata();
    expect(meta).toMatchObject({ width: 640, height: 640 });
    expect(meta.exif).toBeUndefined();

    const updates = events.of(member, 'conversation.updated');
    expect(updates.at(-1)).toMatchObject({ id: group.id, image });
    const details = await api(t.app, 'GET', `/api/v1/conversations/${group.id}`, { token: member.token });
    expect(details.body.data.image).toEqual(image);

    const removed = await api(t.app, 'DELETE', url, { token: owner.token });
    expect(removed.status).toBe(200);
    expect(removed.body.data.image).toBeNull();
    expect((await fetchMedia(image!.url)).status).toBe(404);
  });

  it('lets an admin change it but not a plain member (403) nor an outsider (404)', async () => {
    const { group, owner, admin, member, outsider } = await createGroupWithRoles(t.app);
    const url = `/api/v1/conversations/${group.id}/image` as const;
    const png = await photo(200, 200).png().toBuffer();
    const before = filesOnDisk();

    const asMember = await upload(url, member, { data: png });
    expect(asMember.status).toBe(403);
    expect(asMember.body.code).toBe('FORBIDDEN');
    const asOutsider = await upload(url, outsider, { data: png });
    expect(asOutsider.status).toBe(404);
    expect(asOutsider.body.code).toBe('NOT_FOUND');
    const unknown = await upload('/api/v1/conversations/0190a000-0000-7000-8000-000000000000/image', owner, {
      data: png,
    });
    expect(unknown.status).toBe(404);
    expect(filesOnDisk()).toEqual(before);
    expect((await api(t.app, 'DELETE', url, { token: member.token })).status).toBe(403);
    expect((await api(t.app, 'DELETE', url, { token: outsider.token })).status).toBe(404);

    const asAdmin = await upload(url, admin, { data: png });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.data.image).not.toBeNull();
  });

  it('turns away a plain member over a real connection without reading their upload', async () => {
    const [owner, member] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, owner, [member]);
    const address = t.origin;
    const form = new FormData();
    const png = await photo(1500, 1500).png().toBuffer();
    form.append('image', new Blob([png, Buffer.alloc(3 * 1024 * 1024)], { type: 'image/png' }), 'g.png');
    const response = await fetch(`${address}/api/v1/conversations/${group.id}/image`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${member.token}` },
      body: form,
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: true, status: 403, code: 'FORBIDDEN' });
  });

  it('refuses a photo on a direct chat with 403', async () => {
    const [a, b] = await createUsers(t.app, 2);
    const direct = await createDirect(t.app, a, b);
    const response = await upload(`/api/v1/conversations/${direct.id}/image`, a, {
      data: await photo(20, 20).png().toBuffer(),
    });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });

  it('tells a member added later too', async () => {
    const [owner, late] = await createUsers(t.app, 2);
    const group = await createGroup(t.app, owner);
    await addToGroup(t.app, group.id, owner, late);
    const events = recordEvents(t.bus);
    await upload(`/api/v1/conversations/${group.id}/image`, owner, {
      data: await photo(20, 20).png().toBuffer(),
    });
    events.stop();
    expect(events.of(late, 'conversation.updated')).toHaveLength(1);
  });
});
