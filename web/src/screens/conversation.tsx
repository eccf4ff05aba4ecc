// One conversation: the history (older pages load as you scroll up), the composer, replies, forwards, deletes.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Avatar } from '../components/avatar';
import { Icon } from '../components/icons';
import { MessageBubble } from '../components/message-bubble';
import { formatDay, formatStamp, t } from '../i18n';
import {
  chatName,
  conversations,
  isOnline,
  lastSeenOf,
  loadOlder,
  markRead,
  messagesOf,
  openConversation,
  senderName,
  sendMessage,
  sendTyping,
  typingNames,
} from '../store/chats';
import { me } from '../store/session';
import type { ConversationSummary, Message, PendingMessage } from '../types';
import { ForwardDialog } from './forward-dialog';

function Subtitle({ chat }: { chat: ConversationSummary }) {
  const typing = typingNames(chat.id);
  if (typing.length > 0) {
    const text = chat.type === 'direct' ? t('typing') : t('someoneTyping', { name: typing[0]! });
    return (
      <span class="subtitle typing" data-testid="typing">
        {text}
      </span>
    );
  }
  if (chat.type === 'group')
    return <span class="subtitle">{t('members', { n: chat.participantCount })}</span>;
  const other = chat.otherUser;
  if (!other) return null;
  if (isOnline(other.id)) return <span class="subtitle">{t('online')}</span>;
  const seen = lastSeenOf(other.id);
  return seen ? <span class="subtitle">{t('lastSeen', { time: formatStamp(seen) })}</span> : null;
}

function Header({ chat }: { chat: ConversationSummary }) {
  const name = chatName(chat);
  const image = chat.type === 'direct' ? chat.otherUser?.profileImage : chat.image;
  const body = (
    <>
      <Avatar name={name} id={chat.otherUser?.id ?? chat.id} image={image} size={40} />
      <span class="grow">
        <h2 class="ellipsis">{name}</h2>
        <Subtitle chat={chat} />
      </span>
    </>
  );
  return (
    <div class="bar">
      <a href="/" class="icon-btn phone-only" aria-label={t('back')}>
        <Icon name="back" />
      </a>
      {chat.type === 'group' ? (
        <a href={`/chats/${chat.id}/info`} class="header-link" aria-label={`${name}, ${t('groupInfo')}`}>
          {body}
        </a>
      ) : (
        <div class="header-link">{body}</div>
      )}
    </div>
  );
}

type Row =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'message'; key: string; message: Message }
  | { kind: 'pending'; key: string; pending: PendingMessage };

function rowsOf(items: Message[], pending: PendingMessage[]): Row[] {
  const rows: Row[] = [];
  let day = '';
  const push = (createdAt: string) => {
    const label = formatDay(createdAt);
    if (label !== day) {
      day = label;
      rows.push({ kind: 'day', key: `day-${createdAt}`, label });
    }
  };
  for (const message of items) {
    push(message.createdAt);
    rows.push({ kind: 'message', key: message.id, message });
  }
  for (const item of pending) {
    push(item.createdAt);
    rows.push({ kind: 'pending', key: item.clientMessageId, pending: item });
  }
  return rows;
}

function History({
  chat,
  onReply,
  onForward,
}: {
  chat: ConversationSummary;
  onReply: (m: Message) => void;
  onForward: (m: Message) => void;
}) {
  const state = messagesOf(chat.id).value;
  const scroller = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const previousHeight = useRef(0);
  const firstId = state.items[0]?.id;
  const lastKey = state.pending.at(-1)?.clientMessageId ?? state.items.at(-1)?.id;

  // Older messages were put on top: keep what the reader was looking at in place.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (stickToBottom.current) element.scrollTop = element.scrollHeight;
    else element.scrollTop += element.scrollHeight - previousHeight.current;
    previousHeight.current = element.scrollHeight;
  }, [firstId]);

  // A new message at the bottom: follow it if the reader was at the bottom (or sent it).
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (stickToBottom.current || state.pending.length > 0) element.scrollTop = element.scrollHeight;
    previousHeight.current = element.scrollHeight;
  }, [lastKey]);

  useEffect(() => {
    const element = scroller.current;
    const sentinel = top.current;
    if (!element || !sentinel) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void loadOlder(chat.id);
      },
      { root: element, rootMargin: '400px 0px 0px 0px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [chat.id, state.loaded]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
    previousHeight.current = element.scrollHeight;
  };

  const rows = rowsOf(state.items, state.pending);
  return (
    <section
      class="messages"
      ref={scroller}
      onScroll={onScroll}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it
      tabIndex={0}
      aria-label={t('messages')}
      data-testid="messages"
    >
      <div ref={top} class="history-edge">
        {state.loaded && !state.hasOlder ? t('beginning') : state.loadingOlder ? t('loadingOlder') : '\u00a0'}
      </div>
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {rows.map((row) =>
          row.kind === 'day' ? (
            <li class="day" key={row.key}>
              <span>{row.label}</span>
            </li>
          ) : (
            <MessageBubble
              key={row.key}
              chat={chat}
              message={row.kind === 'message' ? row.message : null}
              pending={row.kind === 'pending' ? row.pending : null}
              onReply={onReply}
              onForward={onForward}
            />
          ),
        )}
      </ol>
    </section>
  );
}

function Composer({
  chat,
  replyTo,
  onCancelReply,
}: {
  chat: ConversationSummary;
  replyTo: Message | null;
  onCancelReply: () => void;
}) {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);
  useEffect(() => {
    setText('');
  }, [chat.id]);
  const submit = () => {
    const content = text.trim();
    if (!content) return;
    void sendMessage(chat.id, content, replyTo?.id ?? null);
    setText('');
    onCancelReply();
    input.current?.focus();
  };
  return (
    <div class="composer">
      {replyTo ? (
        <div class="reply-preview">
          <span class="grow ellipsis">
            <strong>{t('replyingTo', { name: senderName(replyTo.senderId) })}</strong>: {replyTo.content}
          </span>
          <button type="button" class="icon-btn" aria-label={t('cancelReply')} onClick={onCancelReply}>
            <Icon name="close" />
          </button>
        </div>
      ) : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label class="sr-only" for="composer">
          {t('messagePlaceholder')}
        </label>
        <textarea
          id="composer"
          ref={input}
          rows={1}
          value={text}
          placeholder={t('messagePlaceholder')}
          maxLength={4096}
          onInput={(event) => {
            setText((event.currentTarget as HTMLTextAreaElement).value);
            sendTyping(chat.id);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              submit();
            } else if (event.key === 'Escape' && replyTo) onCancelReply();
          }}
        />
        <button
          class="icon-btn"
          type="submit"
          aria-label={t('send')}
          title={t('send')}
          style={{ color: 'var(--accent)' }}
        >
          <Icon name="send" />
        </button>
      </form>
    </div>
  );
}

/** Says new messages from others out loud in screen readers, without re-reading the history. */
function Announcer({ chatId }: { chatId: string }) {
  const state = messagesOf(chatId).value;
  const last = state.items.at(-1);
  const [text, setText] = useState('');
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!last) return;
    if (
      seen.current !== undefined &&
      seen.current !== last.id &&
      last.senderId !== me.value?.id &&
      !last.deleted
    ) {
      setText(`${senderName(last.senderId)}: ${last.content ?? ''}`);
    }
    seen.current = last.id;
  }, [last?.id]);
  return (
    <div class="sr-only" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}

export function ConversationScreen({ id }: { id: string }) {
  const chat = conversations.value?.find((entry) => entry.id === id) ?? null;
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [forwarding, setForwarding] = useState<Message | null>(null);
  const state = messagesOf(id).value;
  const newest = state.items.at(-1);

  useEffect(() => {
    setReplyTo(null);
    void openConversation(id);
  }, [id]);

  // Reading: the newest message from someone else is on screen while the page is visible.
  useEffect(() => {
    const mark = () => {
      if (document.visibilityState === 'visible') void markRead(id);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [id, newest?.id, chat?.unreadCount]);

  if (!chat) return <p class="empty">{conversations.value === null ? '…' : t('selectChat')}</p>;
  return (
    <section class="conversation" aria-label={chatName(chat)}>
      <Header chat={chat} />
      <History chat={chat} onReply={setReplyTo} onForward={setForwarding} />
      <Announcer chatId={chat.id} />
      <Composer chat={chat} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} />
      {forwarding ? <ForwardDialog message={forwarding} onClose={() => setForwarding(null)} /> : null}
    </section>
  );
}
