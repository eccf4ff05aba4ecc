// What a file is, from its first bytes ("magic numbers"), never from its name or a declared type.

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'heic' | 'avif';
/** Containers of sound and pictures; whether one holds a video track is read later from its tracks. */
export type MediaContainer = 'mp4' | 'quicktime' | 'webm' | 'matroska' | 'ogg' | 'mp3' | 'aac';

export type SniffedType =
  | { family: 'image'; format: ImageFormat }
  | { family: 'media'; container: MediaContainer }
  | { family: 'other'; mimeType: string };

/** How many leading bytes `sniffFileType` looks at. */
export const SNIFF_BYTES = 4100;

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

const ascii = (bytes: Buffer, start: number, end: number) =>
  bytes.length >= end ? bytes.toString('latin1', start, end) : '';

/** The ISO base media brands (major, then compatible) of an `ftyp` box at the start, or null. */
function isoBrands(bytes: Buffer): string[] | null {
  if (ascii(bytes, 4, 8) !== 'ftyp') return null;
  const boxSize = bytes.readUInt32BE(0);
  const end = Math.min(bytes.length, Math.max(16, boxSize));
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  return brands;
}

/** MPEG audio frame header: 11 sync bits, then the layer bits say III (MP3) or 00 (AAC in ADTS). */
function mpegAudio(bytes: Buffer): 'mp3' | 'aac' | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || (bytes[1]! & 0xe0) !== 0xe0) return null;
  const layer = (bytes[1]! >> 1) & 0x03;
  if (layer === 0x01) return 'mp3';
  if (layer === 0x00 && (bytes[1]! & 0xf0) === 0xf0) return 'aac';
  return null;
}

export function sniffFileType(bytes: Buffer): SniffedType {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { family: 'image', format: 'jpeg' };
  }
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'))) {
    return { family: 'image', format: 'png' };
  }
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')
    return { family: 'image', format: 'gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { family: 'image', format: 'webp' };
  const brands = isoBrands(bytes);
  if (brands) {
    if (brands.some((brand) => AVIF_BRANDS.has(brand))) return { family: 'image', format: 'avif' };
    if (HEIF_BRANDS.has(brands[0]!)) return { family: 'image', format: 'heic' };
    return { family: 'media', container: brands[0] === 'qt  ' ? 'quicktime' : 'mp4' };
  }
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x1a45dfa3) {
    // EBML: the DocType element names the flavour within the header.
    const header = bytes.subarray(0, 160).toString('latin1');
    return { family: 'media', container: header.includes('webm') ? 'webm' : 'matroska' };
  }
  if (ascii(bytes, 0, 4) === 'OggS') return { family: 'media', container: 'ogg' };
  if (ascii(bytes, 0, 3) === 'ID3') return { family: 'media', container: 'mp3' };
  const mpeg = mpegAudio(bytes);
  if (mpeg) return { family: 'media', container: mpeg };
  if (ascii(bytes, 0, 5) === '%PDF-') return { family: 'other', mimeType: 'application/pdf' };
  return { family: 'other', mimeType: 'application/octet-stream' };
}

/** The types an image is stored as after re-encoding (HEIC and AVIF become JPEG: every client shows it). */
export const IMAGE_MIME_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/jpeg',
  avif: 'image/jpeg',
};

/** The served type of each container, as audio or as video. */
export const MEDIA_MIME_TYPES: Record<MediaContainer, { audio: string; video: string }> = {
  mp4: { audio: 'audio/mp4', video: 'video/mp4' },
  quicktime: { audio: 'audio/mp4', video: 'video/quicktime' },
  webm: { audio: 'audio/webm', video: 'video/webm' },
  matroska: { audio: 'audio/x-matroska', video: 'video/x-matroska' },
  ogg: { audio: 'audio/ogg', video: 'video/ogg' },
  mp3: { audio: 'audio/mpeg', video: 'audio/mpeg' },
  aac: { audio: 'audio/aac', video: 'audio/aac' },
};
