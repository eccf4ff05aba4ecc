// File names people send: made safe to store and show, and to put in a Content-Disposition header.

export const MAX_FILE_NAME_LENGTH = 200;

// Control characters, and the bidirectional overrides that make "evil\u202Egpj.exe" read as "evilexe.jpg".
const UNSAFE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * The last path segment only (no folders, whichever slash a client used), without control or
 * direction-changing characters or leading dots, at most 200 characters (the extension kept).
 */
export function safeFileName(raw: string | undefined, fallback = 'file'): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(UNSAFE, '').trim().replace(/^\.+/, '').trim();
  const chars = Array.from(cleaned);
  if (chars.length === 0) return fallback;
  if (chars.length <= MAX_FILE_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  if (extension.length > 0 && extension.length <= 16) {
    return chars.slice(0, MAX_FILE_NAME_LENGTH - extension.length).join('') + extension.join('');
  }
  return chars.slice(0, MAX_FILE_NAME_LENGTH).join('');
}

/** The name with its extension replaced (a HEIC photo stored as JPEG is "IMG_1.jpg"). */
export function withExtension(name: string, extension: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.${extension}`;
}

/** The lower-cased extension of a name, without the dot ('' when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * RFC 6266: a plain ASCII `filename` for old clients (anything else becomes "_") and the exact name as
 * UTF-8 in `filename*` (RFC 8187 percent-encoding), which every current browser prefers.
 */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
