// Tiny but valid audio and video files, built byte by byte: an Ogg/Opus voice note, an MP3, MP4 and
// WebM containers with an audio or a video track. Enough for a parser to read the tracks and duration.
// Also photos (sharp draws them) and what the server left in its media folder.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

// --- Photos ---

/** A plain-coloured picture of this size; encode it with `.png()`, `.jpeg()`, `.webp()`, ... */
export function photo(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } });
}

/** A camera-like JPEG: EXIF naming the camera, and a GPS position. */
export function jpegWithGps(width: number, height: number): Promise<Buffer> {
  return photo(width, height)
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Spy 3000' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 24/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 21/1 3/1',
      },
    })
    .toBuffer();
}

/** The server's media folder under DATA_DIR. */
export const mediaDir = (dataDir: string) => path.join(dataDir, 'media');

/** The names of the files in the media folder, sorted. */
export function filesOnDisk(dataDir: string): string[] {
  const dir = mediaDir(dataDir);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

// --- Ogg (RFC 3533) with Opus (RFC 7845) ---

const OGG_CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

function oggCrc(bytes: Buffer): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ OGG_CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return crc;
}

function oggPage(packet: Buffer, granule: bigint, sequence: number, headerType: number): Buffer {
  const lacing: number[] = [];
  let left = packet.length;
  while (left >= 255) {
    lacing.push(255);
    left -= 255;
  }
  lacing.push(left);
  const header = Buffer.alloc(27 + lacing.length);
  header.write('OggS', 0, 'latin1');
  header[4] = 0;
  header[5] = headerType;
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(0x1234, 14);
  header.writeUInt32LE(sequence, 18);
  header.writeUInt32LE(0, 22);
  header[26] = lacing.length;
  Buffer.from(lacing).copy(header, 27);
  const page = Buffer.concat([header, packet]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/** A mono Opus voice note of `seconds` (silence). */
export function oggOpus(seconds: number): Buffer {
  const preSkip = 312;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1;
  head[9] = 1;
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(48000, 12);
  const vendor = Buffer.from('test');
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
  tags.write('OpusTags', 0, 'latin1');
  tags.writeUInt32LE(vendor.length, 8);
  vendor.copy(tags, 12);
  const audio = Buffer.from([0xf8, 0xff, 0xfe]);
  return Buffer.concat([
    oggPage(head, 0n, 0, 0x02),
    oggPage(tags, 0n, 1, 0x00),
    oggPage(audio, BigInt(preSkip + Math.round(seconds * 48000)), 2, 0x04),
  ]);
}

// --- MP3: MPEG-1 Layer III frames, 128 kbit/s, 44.1 kHz (1,152 samples and 417 bytes each) ---

export function mp3(frames: number): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x00]);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

// --- MP4 (ISO base media): ftyp + moov with one track ---

function box(type: string, ...parts: Buffer[]): Buffer {
  const payload = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

const u32 = (...values: number[]) => {
  const out = Buffer.alloc(4 * values.length);
  for (const [i, value] of values.entries()) out.writeUInt32BE(value >>> 0, 4 * i);
  return out;
};

const MATRIX = u32(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);

/** An MP4 with one audio ('soun') or video ('vide') track lasting `seconds`. */
export function mp4(track: 'audio' | 'video', seconds: number, brand = 'isom'): Buffer {
  const timescale = 48000;
  const ftyp = box('ftyp', Buffer.from(brand, 'latin1'), u32(0x200), Buffer.from('isommp41', 'latin1'));
  const mvhd = box(
    'mvhd',
    u32(0, 0, 0, 1000, Math.round(seconds * 1000), 0x10000),
    Buffer.from([0x01, 0x00]),
    Buffer.alloc(10),
    MATRIX,
    Buffer.alloc(24),
    u32(2),
  );
  const tkhd = box(
    'tkhd',
    u32(0x00000003, 0, 0, 1, 0, Math.round(seconds * 1000), 0, 0),
    Buffer.alloc(8),
    MATRIX,
    u32(track === 'video' ? 16 << 16 : 0, track === 'video' ? 16 << 16 : 0),
  );
  const mdhd = box(
    'mdhd',
    u32(0, 0, 0, timescale, Math.round(seconds * timescale)),
    Buffer.from([0x55, 0xc4, 0, 0]),
  );
  const hdlr = box(
    'hdlr',
    u32(0, 0),
    Buffer.from(track === 'video' ? 'vide' : 'soun', 'latin1'),
    Buffer.alloc(12),
    Buffer.from('test\0', 'latin1'),
  );
  // An AAC sample entry: 1 channel, 16 bits, 48 kHz.
  const mp4a = box(
    'mp4a',
    Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]),
    u32(0, 0),
    Buffer.from([0, 1, 0, 16, 0, 0, 0, 0]),
    u32(48000 << 16),
  );
  const stbl = box(
    'stbl',
    box('stsd', u32(0, track === 'audio' ? 1 : 0), track === 'audio' ? mp4a : Buffer.alloc(0)),
    box('stts', u32(0, 0)),
    box('stsc', u32(0, 0)),
    box('stsz', u32(0, 0, 0)),
    box('stco', u32(0, 0)),
  );
  const minf = box('minf', stbl);
  const moov = box('moov', mvhd, box('trak', tkhd, box('mdia', mdhd, hdlr, minf)));
  return Buffer.concat([ftyp, moov, box('mdat')]);
}

// --- WebM (Matroska EBML) ---

function ebml(id: number, ...parts: Buffer[]): Buffer {
  const payload = Buffer.concat(parts);
  const idBytes = Buffer.from(
    id.toString(16).padStart(id > 0xffffff ? 8 : id > 0xffff ? 6 : id > 0xff ? 4 : 2, '0'),
    'hex',
  );
  const size = Buffer.alloc(8);
  size[0] = 0x01;
  size.writeUIntBE(payload.length, 2, 6);
  return Buffer.concat([idBytes, size, payload]);
}

const uint = (value: number) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
};
const float = (value: number) => {
  const out = Buffer.alloc(8);
  out.writeDoubleBE(value);
  return out;
};
const text = (value: string) => Buffer.from(value, 'latin1');

/** A WebM with one Opus audio track or one VP8 video track, lasting `seconds`. */
export function webm(track: 'audio' | 'video', seconds: number): Buffer {
  const header = ebml(
    0x1a45dfa3,
    ebml(0x4286, uint(1)),
    ebml(0x42f7, uint(1)),
    ebml(0x42f2, uint(4)),
    ebml(0x42f3, uint(8)),
    ebml(0x4282, text('webm')),
    ebml(0x4287, uint(4)),
    ebml(0x4285, uint(2)),
  );
  const info = ebml(
    0x1549a966,
    ebml(0x2ad7b1, uint(1_000_000)),
    ebml(0x4d80, text('test')),
    ebml(0x5741, text('test')),
    ebml(0x4489, float(seconds * 1000)),
  );
  const entry =
    track === 'audio'
      ? ebml(
          0xae,
          ebml(0xd7, uint(1)),
          ebml(0x73c5, uint(1)),
          ebml(0x83, uint(2)),
          ebml(0x86, text('A_OPUS')),
          ebml(0xe1, ebml(0xb5, float(48000)), ebml(0x9f, uint(1))),
        )
      : ebml(
          0xae,
          ebml(0xd7, uint(1)),
          ebml(0x73c5, uint(1)),
          ebml(0x83, uint(1)),
          ebml(0x86, text('V_VP8')),
          ebml(0xe0, ebml(0xb0, uint(16)), ebml(0xba, uint(16))),
        );
  const segment = ebml(0x18538067, info, ebml(0x1654ae6b, entry));
  return Buffer.concat([header, segment]);
}
