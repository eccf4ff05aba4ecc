// Recording a voice note with the browser's MediaRecorder: a running clock, cancel, and send. Where a
// browser cannot record (no MediaRecorder or no microphone), the attach menu's audio file is the way.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDuration, t } from '../i18n';
import { Icon } from './icons';

export function canRecord(): boolean {
  return typeof MediaRecorder !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** A container the server takes as audio (Ogg/Opus, WebM, MP4), in the browser's order of preference. */
function recordingType(): string | undefined {
  return ['audio/ogg;codecs=opus', 'audio/webm;codecs=opus', 'audio/webm', 'audio/mp4'].find((type) =>
    MediaRecorder.isTypeSupported(type),
  );
}

function extensionOf(type: string): string {
  if (type.includes('ogg')) return 'ogg';
  if (type.includes('mp4')) return 'm4a';
  return 'webm';
}

export interface VoiceNote {
  blob: Blob;
  name: string;
}

/**
 * Starts recording as it appears (the microphone permission prompt, if any, comes now) and ends with
 * onDone(note) or onDone(null) when cancelled; onError when the microphone cannot be had.
 */
export function VoiceRecorder({
  onDone,
  onError,
}: {
  onDone: (note: VoiceNote | null) => void;
  onError: (error: unknown) => void;
}) {
  const [started, setStarted] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const recorder = useRef<MediaRecorder | null>(null);
  const keep = useRef(false);
  // The latest callbacks: the recording outlives the render that started it.
  const done = useRef(onDone);
  done.current = onDone;
  const failed = useRef(onError);
  failed.current = onError;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let cancelled = false;
    const chunks: Blob[] = [];
    const stopTracks = () => {
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
    navigator.mediaDevices
      .getUserMedia({ audio: true })
      .then((media) => {
        stream = media;
        if (cancelled) return stopTracks();
        const type = recordingType();
        const rec = new MediaRecorder(media, type ? { mimeType: type } : {});
        rec.ondataavailable = (event) => {
          if (event.data.size > 0) chunks.push(event.data);
        };
        rec.onstop = () => {
          stopTracks();
          if (!keep.current) return done.current(null);
          const mime = rec.mimeType || type || 'audio/webm';
          const blob = new Blob(chunks, { type: mime.split(';')[0] });
          done.current({
            blob,
            name: `voice-${new Date().toISOString().replace(/[:.]/g, '-')}.${extensionOf(mime)}`,
          });
        };
        rec.start();
        recorder.current = rec;
        setStarted(Date.now());
      })
      .catch((error: unknown) => failed.current(error));
    const clock = setInterval(() => setNow(Date.now()), 250);
    return () => {
      cancelled = true;
      clearInterval(clock);
      if (recorder.current?.state === 'recording') recorder.current.stop();
      stopTracks();
    };
  }, []);

  const finish = (send: boolean) => {
    keep.current = send;
    if (recorder.current?.state === 'recording') recorder.current.stop();
    else done.current(null);
  };
  const elapsed = started === null ? 0 : now - started;
  return (
    <div class="recorder" data-testid="recorder">
      <button
        type="button"
        class="icon-btn"
        aria-label={t('cancelRecording')}
        title={t('cancelRecording')}
        onClick={() => finish(false)}
      >
        <Icon name="trash" />
      </button>
      <span class="grow recording" role="timer" aria-live="off">
        <span class="rec-dot" aria-hidden="true" /> {t('recording', { time: formatDuration(elapsed) })}
      </span>
      <button
        type="button"
        class="icon-btn accent"
        aria-label={t('sendVoice')}
        title={t('sendVoice')}
        disabled={started === null}
        onClick={() => finish(true)}
      >
        <Icon name="send" />
      </button>
    </div>
  );
}
