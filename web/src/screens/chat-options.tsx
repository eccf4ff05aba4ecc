// A chat's options menu, in the chat list and in the chat's header: pin, mute (for how long, in a
// dialog), archive, and in a direct chat block or unblock the other person (blocking asks first).
import { useEffect, useRef, useState } from 'preact/hooks';
import { Icon } from '../components/icons';
import { Menu, type MenuItem } from '../components/menu';
import { t } from '../i18n';
import { blockUser, isBlocked, unblockUser } from '../store/blocks';
import { type MuteChoice, mute, setArchived, setPinned } from '../store/chat-settings';
import { chatName } from '../store/chats';
import { isMuted } from '../store/inbox';
import { showError } from '../store/notices';
import type { ConversationSummary } from '../types';

const MUTE_CHOICES: MuteChoice[] = ['8h', '1w', 'always'];

function MuteDialog({ chat, onClose }: { chat: ConversationSummary; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState<MuteChoice>('8h');
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="mute-title">
      <form
        method="dialog"
        onSubmit={() => {
          void mute(chat, choice);
        }}
      >
        <fieldset class="choices">
          <legend id="mute-title" class="dialog-title">
            {t('muteTitle')}
          </legend>
          {MUTE_CHOICES.map((option) => (
            <label key={option} class="choice">
              <input
                type="radio"
                name="mute"
                value={option}
                checked={choice === option}
                onChange={() => setChoice(option)}
              />
              {t(`mute_${option}`)}
            </label>
          ))}
        </fieldset>
        <div class="actions">
          <button type="button" class="btn secondary" onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </button>
          <button type="submit" class="btn">
            {t('muteButton')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function BlockDialog({ chat, onClose }: { chat: ConversationSummary; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const userId = chat.otherUser?.id;
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="block-title">
      <form
        method="dialog"
        onSubmit={() => {
          if (userId) void blockUser(userId).catch((error) => showError(error));
        }}
      >
        <p id="block-title" class="dialog-title">
          {t('blockConfirm', { name: chatName(chat) })}
        </p>
        <div class="actions">
          <button type="button" class="btn secondary" onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </button>
          <button type="submit" class="btn danger">
            {t('blockButton')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

export function ChatOptions({
  chat,
  extra = [],
  class: wrapperClass,
  label,
}: {
  chat: ConversationSummary;
  /** Items before the chat's own (the header's group info). */
  extra?: MenuItem[];
  class?: string;
  label: string;
}) {
  const [dialog, setDialog] = useState<'mute' | 'block' | null>(null);
  const other = chat.type === 'direct' ? chat.otherUser : null;
  const { pinned, archived } = chat.settings;
  const items: MenuItem[] = [
    ...extra,
    ...(archived
      ? []
      : [{ label: pinned ? t('unpin') : t('pin'), onSelect: () => void setPinned(chat, !pinned) }]),
    isMuted(chat)
      ? { label: t('unmute'), onSelect: () => void mute(chat, null) }
      : { label: t('mute'), onSelect: () => setDialog('mute') },
    {
      label: archived ? t('unarchive') : t('archive'),
      onSelect: () => void setArchived(chat, !archived),
    },
  ];
  if (other) {
    const name = chatName(chat);
    items.push(
      isBlocked(other.id)
        ? {
            label: t('unblock', { name }),
            onSelect: () => void unblockUser(other.id).catch((error) => showError(error)),
          }
        : { label: t('block', { name }), onSelect: () => setDialog('block'), danger: true },
    );
  }
  return (
    <>
      <Menu label={label} class={wrapperClass} items={items}>
        <Icon name="more" />
      </Menu>
      {dialog === 'mute' ? <MuteDialog chat={chat} onClose={() => setDialog(null)} /> : null}
      {dialog === 'block' ? <BlockDialog chat={chat} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
