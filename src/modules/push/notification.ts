// What a push says: the encrypted JSON a service worker turns into a notification.

/** Longest text preview, in characters (code points): a notification shows a line or two. */
export const PREVIEW_LENGTH = 120;
const TITLE_LENGTH = 100;

export interface NotificationPayload {
  type: 'message';
  conversationId: string;
  messageId: string;
  /** The sender's name in a direct chat, the group's title in a group. */
  title: string;
  /**
   * The text cut to PREVIEW_LENGTH (an attachment shows as "📷 Photo" or its caption after the icon); in a
   * group prefixed with the sender's first name.
   */
  body: string;
}

/** What stands for an attachment in a notification (the server speaks English; the app's own texts do not reach here). */
const ATTACHMENT_LABELS = {
  image: '📷 Photo',
  audio: '🎤 Voice message',
  video: '🎥 Video',
  file: '📄 File',
} as const;

/** The text, or for a message with attachments, what it carries (and its caption, when it has one). */
function textOf(content: string | null, kind: keyof typeof ATTACHMENT_LABELS | null, count: number): string {
  if (kind === null || count === 0) return content ?? '';
  const label = count > 1 ? `${ATTACHMENT_LABELS[kind]} +${count - 1}` : ATTACHMENT_LABELS[kind];
  return content ? `${label.split(' ')[0]} ${content}` : label;
}

function cut(text: string, length: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= length ? chars.join('') : `${chars.slice(0, length - 1).join('')}…`;
}

export function messageNotification(facts: {
  conversationId: string;
  messageId: string;
  conversationType: 'direct' | 'group';
  conversationTitle: string | null;
  senderFirstName: string;
  senderLastName: string;
  content: string | null;
  attachmentCount: number;
  firstAttachmentKind: keyof typeof ATTACHMENT_LABELS | null;
}): NotificationPayload {
  const text = textOf(facts.content, facts.firstAttachmentKind, facts.attachmentCount);
  const senderName = `${facts.senderFirstName} ${facts.senderLastName}`.trim();
  const group = facts.conversationType === 'group';
  return {
    type: 'message',
    conversationId: facts.conversationId,
    messageId: facts.messageId,
    title: cut(group ? (facts.conversationTitle ?? 'Group') : senderName, TITLE_LENGTH),
    body: cut(group ? `${facts.senderFirstName}: ${text}` : text, PREVIEW_LENGTH),
  };
}
