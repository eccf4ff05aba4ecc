// Writing in a chat: text (Enter sends, Shift+Enter a new line), a reply or an edit under way, files to
// attach with a caption, and voice notes recorded in the browser. In a chat with someone I blocked it is
// disabled until I unblock them.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Icon } from '../components/icons';
import { Menu } from '../components/menu';
import { canRecord, type VoiceNote, VoiceRecorder } from '../components/voice-recorder';
import { formatSize, t } from '../i18n';
import { senderName, sendMessage, sendTyping } from '../store/chats';
import { editMessage, sendFiles } from '../store/message-actions';
import { showError } from '../store/notices';
import type { ConversationSummary, Message } from '../types';

/** The most files one message may carry. */
const MAX_FILES = 10;

interface Chosen {
  blob: File;
  name: string;
  /** A local preview of a photo (a blob: URL, released when it goes). */
  preview: string | null;
}

export interface ComposerProps {
  chat: ConversationSummary;
  replyTo: Message | null;
  onCancelReply: () => void;
  editing: Message | null;
  onCancelEdit: () => void;
  /** Up arrow in an empty composer: edit my last message. */
  onEditLast: () => void;
  /** Id of the notice that says why the composer is disabled; null when it is not. */
  blockedNoticeId: string | null;
}

function FilePicker({
  id,
  accept,
  label,
  onFiles,
}: {
  id: string;
  accept?: string;
  label: string;
  onFiles: (files: File[]) => void;
}) {
  return (
    <input
      id={id}
      class="sr-only"
      type="file"
      multiple
      accept={accept}
      aria-label={label}
      tabIndex={-1}
      onChange={(event) => {
        const input = event.currentTarget as HTMLInputElement;
        onFiles([...(input.files ?? [])]);
        input.value = '';
      }}
    />
  );
}

export function Composer(props: ComposerProps) {
  const { chat, replyTo, editing, blockedNoticeId } = props;
  const [text, setText] = useState('');
  const [files, setFiles] = useState<Chosen[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [recording, setRecording] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const blocked = blockedNoticeId !== null;

  // Focus moves to the field as the reply banner appears, before the next key press can land (an effect
  // runs after paint: on a busy device the first keys went to the menu's button).
  useLayoutEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);
  // The text to edit is in the field before the next key press can land.
  useLayoutEffect(() => {
    if (!editing) return;
    setText(editing.content ?? '');
    input.current?.focus();
  }, [editing]);
  useEffect(() => {
    setText('');
    setRecording(false);
    setFiles((chosen) => {
      for (const file of chosen) if (file.preview) URL.revokeObjectURL(file.preview);
      return [];
    });
  }, [chat.id]);

  const addFiles = (picked: File[]) => {
    const room = MAX_FILES - files.length;
    if (picked.length > room) showError(new Error(t('tooManyFiles', { n: MAX_FILES })));
    const added = picked.slice(0, Math.max(0, room)).map((file) => ({
      blob: file,
      name: file.name,
      preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
    }));
    setFiles([...files, ...added]);
    input.current?.focus();
  };
  const removeFile = (chosen: Chosen) => {
    if (chosen.preview) URL.revokeObjectURL(chosen.preview);
    setFiles(files.filter((file) => file !== chosen));
  };

  const upload = async (toSend: { blob: Blob; name: string }[], caption: string) => {
    setProgress({ done: 0, total: toSend.length });
    try {
      await sendFiles(chat.id, toSend, caption, replyTo?.id ?? null, (done) =>
        setProgress({ done, total: toSend.length }),
      );
      return true;
    } catch (error) {
      showError(error);
      return false;
    } finally {
      setProgress(null);
    }
  };

  const submit = async () => {
    const content = text.trim();
    if (editing) {
      if (!content) return;
      props.onCancelEdit();
      setText('');
      await editMessage(editing, content).catch((error) => showError(error));
      return;
    }
    if (files.length > 0) {
      if (!(await upload(files, content))) return;
      for (const file of files) if (file.preview) URL.revokeObjectURL(file.preview);
      setFiles([]);
    } else {
      if (!content) return;
      void sendMessage(chat.id, content, replyTo?.id ?? null);
    }
    setText('');
    props.onCancelReply();
    input.current?.focus();
  };

  const cancelEdit = () => {
    props.onCancelEdit();
    setText('');
  };

  const voiceDone = async (note: VoiceNote | null) => {
    setRecording(false);
    if (note && (await upload([note], ''))) props.onCancelReply();
    input.current?.focus();
  };

  const showMic = !text.trim() && files.length === 0 && !editing && canRecord();
  const busy = progress !== null;
  return (
    <div class="composer">
      {editing ? (
        <div class="reply-preview">
          <span class="grow ellipsis">
            <strong>{t('editing')}</strong>: {editing.content}
          </span>
          <button type="button" class="icon-btn" aria-label={t('cancelEdit')} onClick={cancelEdit}>
            <Icon name="close" />
          </button>
        </div>
      ) : replyTo ? (
        <div class="reply-preview">
          <span class="grow ellipsis">
            <strong>{t('replyingTo', { name: senderName(replyTo.senderId) })}</strong>:{' '}
            {replyTo.content || t('attachment')}
          </span>
          <button type="button" class="icon-btn" aria-label={t('cancelReply')} onClick={props.onCancelReply}>
            <Icon name="close" />
          </button>
        </div>
      ) : null}
      {files.length > 0 ? (
        <ul class="chosen-files" aria-label={t('attachments', { n: files.length })}>
          {files.map((file) => (
            <li key={file.preview ?? file.name} class="chosen">
              {file.preview ? <img src={file.preview} alt="" /> : <Icon name="file" />}
              <span class="grow">
                <span class="ellipsis file-name">{file.name}</span>
                <span class="muted small">{formatSize(file.blob.size)}</span>
              </span>
              <button
                type="button"
                class="icon-btn"
                aria-label={t('removeAttachment', { name: file.name })}
                disabled={busy}
                onClick={() => removeFile(file)}
              >
                <Icon name="close" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {progress ? (
        <p class="muted small uploading" role="status">
          {t('uploading', { done: Math.min(progress.done + 1, progress.total), n: progress.total })}
        </p>
      ) : null}
      {recording ? (
        <VoiceRecorder
          onDone={(note) => void voiceDone(note)}
          onError={(error) => {
            setRecording(false);
            showError(
              error instanceof Error && error.name === 'NotAllowedError' ? new Error(t('micBlocked')) : error,
            );
          }}
        />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Menu
            label={t('attach')}
            disabled={blocked || busy || editing !== null}
            items={[
              { label: t('attachPhoto'), onSelect: () => document.getElementById('attach-photo')?.click() },
              { label: t('attachFile'), onSelect: () => document.getElementById('attach-file')?.click() },
              { label: t('attachAudio'), onSelect: () => document.getElementById('attach-audio')?.click() },
            ]}
          >
            <Icon name="attach" />
          </Menu>
          <FilePicker
            id="attach-photo"
            accept="image/*,video/*"
            label={t('attachPhoto')}
            onFiles={addFiles}
          />
          <FilePicker id="attach-file" label={t('attachFile')} onFiles={addFiles} />
          <FilePicker id="attach-audio" accept="audio/*" label={t('attachAudio')} onFiles={addFiles} />
          <label class="sr-only" for="composer">
            {t('messagePlaceholder')}
          </label>
          <textarea
            id="composer"
            ref={input}
            rows={1}
            value={text}
            disabled={blocked}
            aria-describedby={blockedNoticeId ?? undefined}
            placeholder={
              blocked
                ? t('unblockToSend')
                : files.length > 0
                  ? t('captionPlaceholder')
                  : t('messagePlaceholder')
            }
            maxLength={4096}
            onInput={(event) => {
              setText((event.currentTarget as HTMLTextAreaElement).value);
              sendTyping(chat.id);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                if (!busy) void submit();
              } else if (event.key === 'Escape' && editing) cancelEdit();
              else if (event.key === 'Escape' && replyTo) props.onCancelReply();
              else if (event.key === 'ArrowUp' && !text && !editing && files.length === 0) props.onEditLast();
            }}
          />
          {showMic ? (
            <button
              class="icon-btn"
              type="button"
              aria-label={t('recordVoice')}
              title={t('recordVoice')}
              disabled={blocked || busy}
              onClick={() => setRecording(true)}
            >
              <Icon name="mic" />
            </button>
          ) : (
            <button
              class="icon-btn accent"
              type="submit"
              aria-label={t('send')}
              title={t('send')}
              disabled={blocked || busy}
            >
              <Icon name="send" />
            </button>
          )}
        </form>
      )}
    </div>
  );
}
