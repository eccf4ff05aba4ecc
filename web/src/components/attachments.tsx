// What a message carries, in its bubble: a photo's thumbnail (opening the photo full size), a video, a
// voice note's player, a file's name and size to download. Links are signed for me and expire: a file
// that fails to load asks once for a fresh copy of its message.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDuration, formatSize, t } from '../i18n';
import { refreshMessage } from '../store/message-actions';
import type { Attachment, Message } from '../types';
import { Icon } from './icons';

/** A size that fits the bubble and keeps the photo's shape, known before it loads (no jump while scrolling). */
function displaySize(attachment: Attachment): { width: number; height: number } {
  const width = attachment.width ?? 280;
  const height = attachment.height ?? 280;
  const scale = Math.min(1, 280 / width, 320 / height);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

function PhotoViewer({ attachment, onClose }: { attachment: Attachment; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} class="viewer" onClose={onClose} aria-label={attachment.name}>
      <div class="viewer-bar">
        <span class="grow ellipsis">{attachment.name}</span>
        <a class="btn secondary" href={attachment.url} download={attachment.name}>
          {t('downloadShort')}
        </a>
        <button
          type="button"
          class="icon-btn"
          aria-label={t('close')}
          title={t('close')}
          onClick={() => dialog.current?.close()}
        >
          <Icon name="close" />
        </button>
      </div>
      <img class="full" src={attachment.url} alt={attachment.name} data-testid="photo-full" />
    </dialog>
  );
}

export function AttachmentView({ message, attachment }: { message: Message; attachment: Attachment }) {
  const [viewing, setViewing] = useState(false);
  const expired = () => void refreshMessage(message.conversationId, message.id).catch(() => {});
  if (attachment.kind === 'image') {
    const size = displaySize(attachment);
    return (
      <>
        <button
          type="button"
          class="photo"
          aria-label={t('openPhoto', { name: attachment.name })}
          onClick={() => setViewing(true)}
        >
          <img
            src={attachment.thumbnailUrl ?? attachment.url}
            alt=""
            width={size.width}
            height={size.height}
            onError={expired}
          />
        </button>
        {viewing ? <PhotoViewer attachment={attachment} onClose={() => setViewing(false)} /> : null}
      </>
    );
  }
  if (attachment.kind === 'audio') {
    return (
      <div class="voice">
        {/* biome-ignore lint/a11y/useMediaCaption: people's own voice notes come without captions */}
        <audio
          controls
          preload="metadata"
          src={attachment.url}
          aria-label={t('voiceMessage')}
          onError={expired}
        />
        {attachment.durationMs ? (
          <span class="muted small">{formatDuration(attachment.durationMs)}</span>
        ) : null}
      </div>
    );
  }
  if (attachment.kind === 'video') {
    const size = displaySize(attachment);
    return (
      // biome-ignore lint/a11y/useMediaCaption: people's own videos come without captions
      <video
        class="video"
        controls
        preload="metadata"
        src={attachment.url}
        width={size.width}
        aria-label={t('video')}
        onError={expired}
      />
    );
  }
  const size = formatSize(attachment.size);
  return (
    <a
      class="file"
      href={attachment.url}
      download={attachment.name}
      aria-label={t('download', { name: attachment.name, size })}
    >
      <Icon name="file" />
      <span class="grow">
        <span class="ellipsis file-name">{attachment.name}</span>
        <span class="muted small">{size}</span>
      </span>
    </a>
  );
}
