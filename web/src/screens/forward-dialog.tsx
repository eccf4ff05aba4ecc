// Forward a message to up to five chats, picked from the inbox.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Avatar } from '../components/avatar';
import { FormError, useAction } from '../components/form';
import { t } from '../i18n';
import { chatName, forwardMessage } from '../store/chats';
import { allChats } from '../store/inbox';
import type { Message } from '../types';

export function ForwardDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const { busy, error, run } = useAction();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const toggle = (id: string) =>
    setChosen(chosen.includes(id) ? chosen.filter((entry) => entry !== id) : [...chosen, id].slice(0, 5));
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await forwardMessage(message.conversationId, message.id, chosen);
      dialog.current?.close();
    });
  };
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="forward-title">
      <form onSubmit={submit}>
        <h2 id="forward-title" class="dialog-title">
          {t('forwardTo')}
        </h2>
        <ul class="people" style={{ maxHeight: '50vh', overflowY: 'auto' }}>
          {allChats().map((chat) => (
            <li key={chat.id}>
              <label class="row grow" style={{ cursor: 'pointer' }}>
                <input type="checkbox" checked={chosen.includes(chat.id)} onChange={() => toggle(chat.id)} />
                <Avatar
                  name={chatName(chat)}
                  id={chat.otherUser?.id ?? chat.id}
                  image={chat.otherUser?.profileImage ?? chat.image}
                  size={32}
                />
                <span class="ellipsis">{chatName(chat)}</span>
              </label>
            </li>
          ))}
        </ul>
        <FormError error={error} />
        <div class="actions">
          <button type="button" class="btn secondary" onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </button>
          <button type="submit" class="btn" disabled={busy || chosen.length === 0}>
            {t('forward')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
