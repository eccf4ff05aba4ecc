// The one SDK client of the page: tokens, cursors and unsent messages kept in localStorage.
import { createChatClient, LocalStorageAdapter } from '@chat/sdk';

export const client = await createChatClient({ storage: new LocalStorageAdapter() });
