// The change counter every sync cursor compares: one place hands out its next value.
import { sql } from 'drizzle-orm';

/**
 * The next value of change_seq, stamped on every message change (create, edit, reaction, delete),
 * marker move and hide. Take it under the conversation row's lock, so change ids commit in order within a conversation.
 */
export const nextChangeId = () => sql`nextval('change_seq')`;
