// Shapes of the API's data, taken from the generated OpenAPI types so they follow the server exactly.
import type { operations } from './generated/api.js';

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;
/** The `data` of an operation's successful answer (the envelope unwrapped). */
export type ResponseData<Op extends keyof operations, Status extends keyof operations[Op]['responses']> =
  JsonOf<operations[Op]['responses'][Status]> extends { data: infer D } ? D : never;
/** The JSON body an operation takes. */
export type RequestBody<Op extends keyof operations> = operations[Op] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type Message = ResponseData<'getMessage', 200>;
export type Attachment = ResponseData<'uploadAttachment', 201>;
export type Changes = ResponseData<'listChanges', 200>;
export type ReadState = Changes['readStates'][number];
export type ConversationSummary = ResponseData<'listConversations', 200>['items'][number];
export type ConversationDetails = ResponseData<'getConversation', 200>;
export type Conversation = Pick<
  ConversationSummary,
  'id' | 'type' | 'title' | 'description' | 'image' | 'createdAt' | 'updatedAt' | 'participantCount'
>;
export type Participant = ResponseData<'listParticipants', 200>['items'][number];
export type Me = ResponseData<'getMe', 200>;
export type LoginResult = ResponseData<'login', 200>;
export type SignupBody = RequestBody<'signup'>;
export type LoginBody = RequestBody<'login'>;
export type SendMessageBody = RequestBody<'sendMessage'>;
export type PushSubscriptionInfo = ResponseData<'subscribePush', 201>;
export type PublicUser = ResponseData<'getUser', 200>;
export type Reaction = Message['reactions'][number];
/** My own settings for one chat: pinned, archived, muted until a time or `"forever"` (or null). */
export type ChatSettings = ConversationSummary['settings'];
export type ChatSettingsChanges = RequestBody<'updateChatSettings'>;
/** Someone I blocked, as my block list shows them. */
export type BlockedUser = ResponseData<'blockUser', 200>;
/** Who sees my last seen and photo, whether read receipts go both ways, who may add me to groups. */
export type Privacy = ResponseData<'getPrivacy', 200>;
export type PrivacyChanges = RequestBody<'updatePrivacy'>;
export type SearchPage = ResponseData<'searchMessages', 200>;
/** One search hit: the message, its conversation and a snippet with the matched words in `<mark>`. */
export type SearchHit = SearchPage['items'][number];
