// The shapes the screens use, as the API shows them.
export interface Image {
  url: string;
  thumbnailUrl: string;
}
export interface PublicUser {
  id: string;
  firstName: string;
  lastName: string;
  about: string | null;
  profileImage: Image | null;
  lastSeenAt: string | null;
}
export interface Me extends PublicUser {
  email: string;
  phone: string | null;
  isVerified: boolean;
}
export type Role = 'owner' | 'admin' | 'member';
export type Status = 'sent' | 'delivered' | 'read';
export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  content: string | null;
  createdAt: string;
  editedAt: string | null;
  replyTo: { id: string; senderId: string; preview: string | null; deleted: boolean } | null;
  forwarded: { count: number; originalSentAt: string } | null;
  deleted: boolean;
  clientMessageId: string | null;
  status: Status | null;
}
/** A message typed here and not yet confirmed by the server. */
export interface PendingMessage {
  clientMessageId: string;
  conversationId: string;
  content: string;
  replyToId: string | null;
  createdAt: string;
  failed: boolean;
}
export interface ConversationSummary {
  id: string;
  type: 'direct' | 'group';
  title: string | null;
  description: string | null;
  image: Image | null;
  createdAt: string;
  updatedAt: string;
  participantCount: number;
  lastMessage: {
    id: string;
    senderId: string;
    content: string | null;
    createdAt: string;
    deleted: boolean;
  } | null;
  unreadCount: number;
  myRole: Role;
  otherUser: PublicUser | null;
  syncCursor: string;
}
export interface Participant {
  userId: string;
  role: Role;
  joinedAt: string;
  user: PublicUser;
}
export interface Invite {
  code: string;
  url: string;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
}
export interface InvitePreview {
  conversationId: string;
  title: string;
  description: string | null;
  image: Image | null;
  memberCount: number;
  isMember: boolean;
}
