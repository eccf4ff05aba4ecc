// One message: who sent it (in groups), the quoted reply, its files, the text, "edited", the time and
// ticks, its reactions, and its two menus: quick reactions and the actions (reply, forward, edit, delete).
import { formatTime, t } from '../i18n';
import { deleteMessage, senderName } from '../store/chats';
import { canEdit, toggleReaction } from '../store/message-actions';
import { showError } from '../store/notices';
import { me } from '../store/session';
import type { ConversationSummary, Message, PendingMessage } from '../types';
import { AttachmentView } from './attachments';
import { Icon } from './icons';
import { Menu, type MenuItem } from './menu';
import { Ticks } from './ticks';

/** The reactions offered at one click, as in WhatsApp. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

export interface MessageActions {
  onReply: (message: Message) => void;
  onForward: (message: Message) => void;
  onEdit: (message: Message) => void;
}

interface Props extends MessageActions {
  chat: ConversationSummary;
  message: Message | null;
  pending: PendingMessage | null;
  /** The message a search opened the chat at: marked for a moment. */
  highlighted?: boolean;
}

const react = (message: Message, emoji: string) => () =>
  void toggleReaction(message, emoji).catch((error) => showError(error));

function actionsOf(chat: ConversationSummary, message: Message, actions: MessageActions): MenuItem[] {
  const mine = message.senderId === me.value?.id;
  const remove = (scope: 'me' | 'everyone') => () =>
    void deleteMessage(chat.id, message.id, scope).catch((error) => showError(error));
  const items: MenuItem[] = [];
  if (!message.deleted) {
    items.push({ label: t('reply'), onSelect: () => actions.onReply(message) });
    items.push({ label: t('forward'), onSelect: () => actions.onForward(message) });
  }
  if (canEdit(message, me.value?.id))
    items.push({ label: t('edit'), onSelect: () => actions.onEdit(message) });
  items.push({ label: t('deleteForMe'), onSelect: remove('me') });
  if (!message.deleted && (mine || (chat.type === 'group' && chat.myRole !== 'member'))) {
    items.push({ label: t('deleteForEveryone'), onSelect: remove('everyone'), danger: true });
  }
  return items;
}

function Reactions({ message }: { message: Message }) {
  if (message.reactions.length === 0 || message.deleted) return null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form's fieldset
    <div class="reactions" role="group" aria-label={t('reactions')}>
      {message.reactions.map((reaction) => (
        <button
          key={reaction.emoji}
          type="button"
          class={`reaction${reaction.me ? ' mine' : ''}`}
          aria-pressed={reaction.me}
          aria-label={t('reactionLabel', { emoji: reaction.emoji, n: reaction.count })}
          data-emoji={reaction.emoji}
          onClick={react(message, reaction.emoji)}
        >
          {t('reactionCount', { emoji: reaction.emoji, n: reaction.count })}
        </button>
      ))}
    </div>
  );
}

function PendingFiles({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <span class="pending-files">
      <Icon name="attach" /> {count === 1 ? t('attachment') : t('attachments', { n: count })}
    </span>
  );
}

export function MessageBubble({ chat, message, pending, highlighted, ...actions }: Props) {
  const mine = pending !== null || message?.senderId === me.value?.id;
  const createdAt = message?.createdAt ?? pending!.createdAt;
  const status = pending ? (pending.failed ? 'failed' : 'sending') : (message!.status ?? 'sent');
  const text = message ? message.content : pending!.content;
  const scrollToQuoted = (id: string) => {
    document.getElementById(`m-${id}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  const myReaction = message?.reactions.find((reaction) => reaction.me)?.emoji;
  return (
    <li
      class={`message${mine ? ' mine' : ''}${highlighted ? ' highlighted' : ''}`}
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
            {message.replyTo.deleted ? t('deleted') : message.replyTo.preview || t('attachment')}
          </button>
        ) : null}
        {message && !message.deleted
          ? message.attachments.map((attachment) => (
              <AttachmentView key={attachment.id} message={message} attachment={attachment} />
            ))
          : null}
        {pending ? <PendingFiles count={pending.attachmentCount} /> : null}
        {message?.deleted ? (
          <span class="deleted">{t('deleted')}</span>
        ) : text ? (
          <span class="text">{text}</span>
        ) : null}
        <span class="meta">
          {message?.editedAt && !message.deleted ? <span class="edited">{t('edited')}</span> : null}
          <time dateTime={createdAt}>{formatTime(createdAt)}</time>
          {mine && !message?.deleted ? <Ticks status={status} /> : null}
        </span>
        {message ? (
          <Menu
            label={t('messageActions')}
            class="more-wrap"
            buttonClass="more"
            items={actionsOf(chat, message, actions)}
          >
            ▾
          </Menu>
        ) : null}
        {message ? <Reactions message={message} /> : null}
      </div>
      {message && !message.deleted ? (
        <Menu
          label={t('react')}
          class="react-wrap"
          buttonClass="icon-btn react"
          horizontal
          items={QUICK_REACTIONS.map((emoji) => ({
            label: emoji,
            checked: emoji === myReaction,
            onSelect: react(message, emoji),
          }))}
        >
          <Icon name="smile" />
        </Menu>
      ) : null}
    </li>
  );
}
