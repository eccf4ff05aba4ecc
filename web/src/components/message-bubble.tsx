// One message: who sent it (in groups), the quoted reply, the text, the time and ticks, and its actions menu.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatTime, t } from '../i18n';
import { deleteMessage, senderName } from '../store/chats';
import { me } from '../store/session';
import type { ConversationSummary, Message, PendingMessage } from '../types';
import { Ticks } from './ticks';

interface Props {
  chat: ConversationSummary;
  message: Message | null;
  pending: PendingMessage | null;
  onReply: (message: Message) => void;
  onForward: (message: Message) => void;
}

function ActionsMenu({
  chat,
  message,
  onReply,
  onForward,
}: {
  chat: ConversationSummary;
  message: Message;
  onReply: Props['onReply'];
  onForward: Props['onForward'];
}) {
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const mine = message.senderId === me.value?.id;
  const canDeleteForAll = !message.deleted && (mine || (chat.type === 'group' && chat.myRole !== 'member'));

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector('button')?.focus();
    const close = (event: Event) => {
      if (!menu.current?.contains(event.target as Node) && event.target !== toggle.current) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const act = (action: () => void) => () => {
    setOpen(false);
    toggle.current?.focus();
    action();
  };
  const remove = (scope: 'me' | 'everyone') => () => {
    void deleteMessage(chat.id, message.id, scope).catch((error: Error) => window.alert(error.message));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll('button') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      toggle.current?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      items[next]?.focus();
    }
  };

  return (
    <>
      <button
        ref={toggle}
        type="button"
        class="more"
        aria-label={t('messageActions')}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        ▾
      </button>
      {open ? (
        <div
          class="menu"
          role="menu"
          tabIndex={-1}
          ref={menu}
          onKeyDown={onKeyDown}
          aria-label={t('messageActions')}
        >
          {!message.deleted ? (
            <button type="button" role="menuitem" onClick={act(() => onReply(message))}>
              {t('reply')}
            </button>
          ) : null}
          {!message.deleted ? (
            <button type="button" role="menuitem" onClick={act(() => onForward(message))}>
              {t('forward')}
            </button>
          ) : null}
          <button type="button" role="menuitem" onClick={act(remove('me'))}>
            {t('deleteForMe')}
          </button>
          {canDeleteForAll ? (
            <button type="button" role="menuitem" onClick={act(remove('everyone'))}>
              {t('deleteForEveryone')}
            </button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

export function MessageBubble({ chat, message, pending, onReply, onForward }: Props) {
  const mine = pending !== null || message?.senderId === me.value?.id;
  const createdAt = message?.createdAt ?? pending!.createdAt;
  const status = pending ? (pending.failed ? 'failed' : 'sending') : (message!.status ?? 'sent');
  const text = message ? message.content : pending!.content;
  const scrollToQuoted = (id: string) => {
    document.getElementById(`m-${id}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  return (
    <li
      class={`message${mine ? ' mine' : ''}`}
      id={message ? `m-${message.id}` : undefined}
      data-message-id={message?.id}
      data-client-id={pending?.clientMessageId ?? message?.clientMessageId ?? undefined}
    >
      <div class="bubble">
        {chat.type === 'group' && !mine && message ? (
          <div class="sender">{senderName(message.senderId)}</div>
        ) : null}
        {message?.forwarded && !message.deleted ? (
          <div class="forwarded">{message.forwarded.count >= 5 ? t('forwardedMany') : t('forwarded')}</div>
        ) : null}
        {message?.replyTo && !message.deleted ? (
          <button type="button" class="quote" onClick={() => scrollToQuoted(message.replyTo!.id)}>
            <strong>{senderName(message.replyTo.senderId)}</strong>
            <br />
            {message.replyTo.deleted ? t('deleted') : message.replyTo.preview}
          </button>
        ) : null}
        {message?.deleted ? <span class="deleted">{t('deleted')}</span> : <span class="text">{text}</span>}
        <span class="meta">
          <time dateTime={createdAt}>{formatTime(createdAt)}</time>
          {mine && !message?.deleted ? <Ticks status={status} /> : null}
        </span>
        {message ? (
          <ActionsMenu chat={chat} message={message} onReply={onReply} onForward={onForward} />
        ) : null}
      </div>
    </li>
  );
}
