// One conversation: the header (search, the chat's options), the history (older pages load as you scroll
// up; a search hit opens it at its message), the composer, replies, forwards, edits, and a blocked notice.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Avatar } from '../components/avatar';
import { Icon } from '../components/icons';
import { type MessageActions, MessageBubble } from '../components/message-bubble';
import { formatDay, formatStamp, t } from '../i18n';
import { location, navigate, queryParam } from '../router';
import { isBlocked, unblockUser } from '../store/blocks';
import {
  chatName,
  isOnline,
  lastSeenOf,
  loadOlder,
  markRead,
  messagesOf,
  openConversation,
  senderName,
  typingNames,
} from '../store/chats';
import { chatById, conversations } from '../store/inbox';
import { canEdit, loadUntil } from '../store/message-actions';
import { showError } from '../store/notices';
import { me } from '../store/session';
import type { ConversationSummary, Message, PendingMessage } from '../types';
import { ChatOptions } from './chat-options';
import { Composer } from './composer';
import { ForwardDialog } from './forward-dialog';
import { ChatSearch } from './search';

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
  // Blocking hides presence both ways: what was known before says nothing now.
  if (!other || isBlocked(other.id)) return null;
  if (isOnline(other.id)) return <span class="subtitle">{t('online')}</span>;
  const seen = lastSeenOf(other.id);
  return seen ? <span class="subtitle">{t('lastSeen', { time: formatStamp(seen) })}</span> : null;
}

function Header({ chat, onSearch }: { chat: ConversationSummary; onSearch: () => void }) {
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
  const info = `/chats/${chat.id}/info`;
  return (
    <div class="bar">
      <a href="/" class="icon-btn phone-only" aria-label={t('back')}>
        <Icon name="back" />
      </a>
      {chat.type === 'group' ? (
        <a href={info} class="header-link" aria-label={`${name}, ${t('groupInfo')}`}>
          {body}
        </a>
      ) : (
        <div class="header-link">{body}</div>
      )}
      <button
        type="button"
        class="icon-btn"
        aria-label={t('searchInChat')}
        title={t('searchInChat')}
        onClick={onSearch}
      >
        <Icon name="search" />
      </button>
      <ChatOptions
        chat={chat}
        label={t('chatOptions')}
        class="align-end"
        extra={chat.type === 'group' ? [{ label: t('groupInfo'), onSelect: () => navigate(info) }] : []}
      />
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
  actions,
  highlightId,
}: {
  chat: ConversationSummary;
  actions: MessageActions;
  /** A message to bring into view and mark (a search hit). */
  highlightId: string | null;
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

  // A search hit: once its message is on the page, scroll it to the middle (the reader left the bottom).
  const scrolledTo = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!highlightId) {
      scrolledTo.current = null;
      return;
    }
    const target = document.getElementById(`m-${highlightId}`);
    const element = scroller.current;
    if (!target || !element || scrolledTo.current === highlightId) return;
    scrolledTo.current = highlightId;
    stickToBottom.current = false;
    target.scrollIntoView({ block: 'center' });
    previousHeight.current = element.scrollHeight;
  }, [highlightId, state.items]);

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
              highlighted={row.kind === 'message' && row.message.id === highlightId}
              {...actions}
            />
          ),
        )}
      </ol>
    </section>
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
      setText(`${senderName(last.senderId)}: ${last.content || t('attachment')}`);
    }
    seen.current = last.id;
  }, [last?.id]);
  return (
    <div class="sr-only" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}

function BlockedNotice({ chat, id }: { chat: ConversationSummary; id: string }) {
  const other = chat.otherUser!;
  return (
    <div class="blocked-notice" id={id} role="status" data-testid="blocked-notice">
      <span class="grow">{t('blockedNotice', { name: chatName(chat) })}</span>
      <button
        type="button"
        class="btn secondary"
        onClick={() => void unblockUser(other.id).catch((error) => showError(error))}
      >
        {t('unblockButton')}
      </button>
    </div>
  );
}

/** `?m=<message id>` (a search hit): load back to it, mark it for a moment, then forget the parameter. */
function useJumpTarget(id: string): string | null {
  const target = queryParam('m');
  const [highlight, setHighlight] = useState<string | null>(null);
  useEffect(() => {
    if (!target) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void loadUntil(id, target).then((found) => {
      if (!current) return;
      navigate(location.value.path, { replace: true });
      if (!found) {
        showError(new Error(t('messageGone')));
        return;
      }
      setHighlight(target);
      timer = setTimeout(() => setHighlight(null), 2500);
    });
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [id, target]);
  return highlight;
}

export function ConversationScreen({ id }: { id: string }) {
  const chat = chatById(id);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [forwarding, setForwarding] = useState<Message | null>(null);
  const [editing, setEditing] = useState<Message | null>(null);
  const [searching, setSearching] = useState(false);
  const state = messagesOf(id).value;
  const newest = state.items.at(-1);
  const highlight = useJumpTarget(id);

  useEffect(() => {
    setReplyTo(null);
    setEditing(null);
    setSearching(false);
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
  const actions: MessageActions = {
    onReply: (message) => {
      setEditing(null);
      setReplyTo(message);
    },
    onForward: setForwarding,
    onEdit: (message) => {
      setReplyTo(null);
      setEditing(message);
    },
  };
  const editLast = () => {
    const last = [...state.items].reverse().find((message) => message.senderId === me.value?.id);
    if (last && canEdit(last, me.value?.id)) actions.onEdit(last);
  };
  const blocked = chat.type === 'direct' && isBlocked(chat.otherUser?.id);
  return (
    <section class="conversation" aria-label={chatName(chat)}>
      <Header chat={chat} onSearch={() => setSearching(!searching)} />
      {searching ? <ChatSearch conversationId={chat.id} onClose={() => setSearching(false)} /> : null}
      <History chat={chat} actions={actions} highlightId={highlight} />
      <Announcer chatId={chat.id} />
      {blocked ? <BlockedNotice chat={chat} id="blocked-notice" /> : null}
      <Composer
        chat={chat}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(null)}
        editing={editing}
        onCancelEdit={() => setEditing(null)}
        onEditLast={editLast}
        blockedNoticeId={blocked ? 'blocked-notice' : null}
      />
      {forwarding ? <ForwardDialog message={forwarding} onClose={() => setForwarding(null)} /> : null}
    </section>
  );
}
