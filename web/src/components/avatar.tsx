// A round photo, or the person's initials on a colour derived from their id when there is no photo.
export interface AvatarProps {
  name: string;
  id?: string;
  image?: { url: string; thumbnailUrl: string } | null;
  size?: number;
  online?: boolean;
}

const COLOURS = ['#00806a', '#6b4fbb', '#c2410c', '#0b74c9', '#a21caf', '#4d7c0f', '#b45309', '#be123c'];

function colourFor(key: string): string {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return COLOURS[Math.abs(hash) % COLOURS.length]!;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (
    (parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')
  ).toUpperCase();
}

export function Avatar({ name, id, image, size = 44, online }: AvatarProps) {
  const style = { width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.38)}px` };
  return (
    <span class="avatar-wrap" aria-hidden="true">
      <span class="avatar" style={{ ...style, background: image ? 'transparent' : colourFor(id ?? name) }}>
        {image ? <img src={size > 64 ? image.url : image.thumbnailUrl} alt="" /> : initials(name)}
      </span>
      {online ? <span class="presence-dot" /> : null}
    </span>
  );
}
