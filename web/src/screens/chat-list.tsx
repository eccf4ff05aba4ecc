// The inbox: every chat with its photo, last message, time, unread count, and who is typing or online.
import { Avatar } from '../components/avatar';
import { Icon } from '../components/icons';
import { formatStamp, t } from '../i18n';
import { location } from '../router';
import { chatName, conversations, isOnline, typingNames } from '../store/chats';
import { me } from '../store/session';
import type { ConversationSummary } from '../types';

function Preview({ chat }: { chat: ConversationSummary }) {
  const typing = typingNames(chat.id);
  if (typing.length > 0) {
    const text = chat.type === 'direct' ? t('typing') : t('someoneTyping', { name: typing[0]! });
    return <span class="preview typing ellipsis">{text}</span>;
  }
  const last = chat.lastMessage;
  if (!last) return <span class="preview ellipsis">&nbsp;</span>;
  const text = last.deleted ? t('deleted') : (last.content ?? '');
  const prefix = last.senderId === me.value?.id ? `${t('you')}: ` : '';
  return <span class="preview ellipsis">{prefix + text}</span>;
}

export function ChatList() {
  const list = conversations.value;
  const current = location.value.path;
  if (list === null) return <p class="empty">…</p>;
  if (list.length === 0) return <p class="empty">{t('noChats')}</p>;
  return (
    <ul class="chat-list" aria-label={t('chats')}>
      {list.map((chat) => {
        const href = `/chats/${chat.id}`;
        const name = chatName(chat);
        const online = chat.type === 'direct' && chat.otherUser ? isOnline(chat.otherUser.id) : false;
        const stamp = chat.lastMessage?.createdAt ?? chat.createdAt;
        const unreadLabel = chat.unreadCount > 0 ? `, ${t('unread', { n: chat.unreadCount })}` : '';
        return (
          <li class="chat-item" key={chat.id} data-chat-id={chat.id}>
            <a
              href={href}
              aria-current={current.startsWith(href) ? 'page' : undefined}
              aria-label={`${name}${unreadLabel}`}
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
                  <span class={`stamp${chat.unreadCount > 0 ? ' unread' : ''}`}>{formatStamp(stamp)}</span>
                </span>
                <span class="row">
                  <span class="grow ellipsis">
                    <Preview chat={chat} />
                  </span>
                  {chat.unreadCount > 0 ? (
                    <span class="badge" data-testid="unread-badge" aria-hidden="true">
                      {chat.unreadCount}
                    </span>
                  ) : null}
                </span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

export function Sidebar() {
  const user = me.value;
  return (
    <aside class="sidebar" aria-label={t('chats')}>
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
      <ChatList />
    </aside>
  );
}
