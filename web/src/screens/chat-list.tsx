// The chat list: every chat with its photo, last message, time, unread count, pin and mute icons, who is
// typing or online, and its options; the "Archived" entry and the archived chats; the search over chat
// names and messages.
import { signal } from '@preact/signals';
import { useState } from 'preact/hooks';
import { Avatar } from '../components/avatar';
import { Icon } from '../components/icons';
import { formatStamp, t } from '../i18n';
import { location } from '../router';
import { chatName, isOnline, typingNames } from '../store/chats';
import { allChats, archived, conversations, isMuted } from '../store/inbox';
import { me } from '../store/session';
import type { ConversationSummary } from '../types';
import { ChatOptions } from './chat-options';
import { SearchHits, useMessageSearch } from './search';

/** What the side pane lists: my chats, or the archived ones (kept while a chat is open, as in WhatsApp). */
const sidebarView = signal<'chats' | 'archived'>('chats');

function Preview({ chat }: { chat: ConversationSummary }) {
  const typing = typingNames(chat.id);
  if (typing.length > 0) {
    const text = chat.type === 'direct' ? t('typing') : t('someoneTyping', { name: typing[0]! });
    return <span class="preview typing ellipsis">{text}</span>;
  }
  const last = chat.lastMessage;
  if (!last) return <span class="preview ellipsis">&nbsp;</span>;
  const files = last.deleted ? 0 : last.attachmentCount;
  const text = last.deleted
    ? t('deleted')
    : (last.content ?? (files === 1 ? t('attachment') : t('attachments', { n: files })));
  const prefix = last.senderId === me.value?.id ? `${t('you')}: ` : '';
  return (
    <span class="preview ellipsis">
      {prefix}
      {files > 0 ? <Icon name="attach" class="preview-icon" /> : null}
      {text}
    </span>
  );
}

function ChatItem({ chat }: { chat: ConversationSummary }) {
  const href = `/chats/${chat.id}`;
  const name = chatName(chat);
  const online = chat.type === 'direct' && chat.otherUser ? isOnline(chat.otherUser.id) : false;
  const stamp = chat.lastMessage?.createdAt ?? chat.createdAt;
  const muted = isMuted(chat);
  const pinned = chat.settings.pinned && !chat.settings.archived;
  const label = [
    name,
    chat.unreadCount > 0 ? t('unread', { n: chat.unreadCount }) : null,
    pinned ? t('pinned') : null,
    muted ? t('muted') : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <li class="chat-item" data-chat-id={chat.id}>
      <a
        href={href}
        aria-current={location.value.path.startsWith(href) ? 'page' : undefined}
        aria-label={label}
      >
        <Avatar
          name={name}
          id={chat.otherUser?.id ?? chat.id}
          image={chat.type === 'direct' ? chat.otherUser?.profileImage : chat.image}
          online={online}
        />
        <span class="grow">
          <span class="row">
            <span class="title grow ellipsis">{name}</span>
            <span class={`stamp${chat.unreadCount > 0 && !muted ? ' unread' : ''}`}>
              {formatStamp(stamp)}
            </span>
          </span>
          <span class="row">
            <span class="grow ellipsis">
              <Preview chat={chat} />
            </span>
            {muted ? (
              <span class="state-icon" data-testid="muted-icon">
                <Icon name="muted" />
              </span>
            ) : null}
            {pinned ? (
              <span class="state-icon" data-testid="pinned-icon">
                <Icon name="pin" />
              </span>
            ) : null}
            {chat.unreadCount > 0 ? (
              <span class={`badge${muted ? ' muted' : ''}`} data-testid="unread-badge" aria-hidden="true">
                {chat.unreadCount}
              </span>
            ) : null}
          </span>
        </span>
      </a>
      <ChatOptions chat={chat} label={t('chatOptionsFor', { name })} class="item-options align-end" />
    </li>
  );
}

function ChatItems({ list, label }: { list: ConversationSummary[]; label: string }) {
  return (
    <ul class="chat-list" aria-label={label}>
      {list.map((chat) => (
        <ChatItem key={chat.id} chat={chat} />
      ))}
    </ul>
  );
}

function ArchivedEntry() {
  const count = archived.value.length;
  if (count === 0) return null;
  return (
    <button
      type="button"
      class="archived-entry"
      aria-label={t('archivedEntry', { n: count })}
      onClick={() => {
        sidebarView.value = 'archived';
      }}
    >
      <Icon name="archive" />
      <span class="grow">{t('archived')}</span>
      <span class="muted small">{count}</span>
    </button>
  );
}

function Lists() {
  const list = conversations.value;
  if (list === null) return <p class="empty">…</p>;
  if (sidebarView.value === 'archived') {
    return archived.value.length === 0 ? (
      <p class="empty">{t('noArchived')}</p>
    ) : (
      <ChatItems list={archived.value} label={t('archived')} />
    );
  }
  return (
    <div class="lists">
      <ArchivedEntry />
      {list.length === 0 && archived.value.length === 0 ? <p class="empty">{t('noChats')}</p> : null}
      <ChatItems list={list} label={t('chats')} />
    </div>
  );
}

/** Chats whose name holds what was typed, then the messages that hold its words. */
function SearchResults({ query }: { query: string }) {
  const state = useMessageSearch(query);
  const needle = query.trim().toLocaleLowerCase();
  const chats = allChats().filter((chat) => chatName(chat).toLocaleLowerCase().includes(needle));
  return (
    <div class="lists">
      {chats.length > 0 ? (
        <>
          <h2 class="list-heading">{t('chats')}</h2>
          <ChatItems list={chats} label={t('chats')} />
        </>
      ) : null}
      <h2 class="list-heading">{t('messages')}</h2>
      <SearchHits state={state} showChat />
    </div>
  );
}

export function Sidebar() {
  const user = me.value;
  const [query, setQuery] = useState('');
  const inArchive = sidebarView.value === 'archived';
  return (
    <aside class="sidebar" aria-label={t('chats')}>
      {inArchive ? (
        <div class="bar">
          <button
            type="button"
            class="icon-btn"
            aria-label={t('back')}
            title={t('back')}
            onClick={() => {
              sidebarView.value = 'chats';
            }}
          >
            <Icon name="back" />
          </button>
          <h1>{t('archived')}</h1>
        </div>
      ) : (
        <div class="bar">
          <a href="/profile" class="icon-btn" aria-label={t('profile')} title={t('profile')}>
            {user ? (
              <Avatar
                name={`${user.firstName} ${user.lastName}`}
                id={user.id}
                image={user.profileImage}
                size={36}
              />
            ) : null}
          </a>
          <h1>{t('chats')}</h1>
          <a href="/new" class="icon-btn" aria-label={t('newChat')} title={t('newChat')}>
            <Icon name="plus" />
          </a>
        </div>
      )}
      <div class="search-box sidebar-search">
        <Icon name="search" class="search-icon" />
        <input
          type="search"
          aria-label={t('searchChats')}
          placeholder={t('searchChats')}
          value={query}
          onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setQuery('');
          }}
        />
      </div>
      {query.trim() ? <SearchResults query={query} /> : <Lists />}
    </aside>
  );
}
