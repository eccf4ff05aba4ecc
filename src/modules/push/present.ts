// Subscription row -> API shape: the keys a device gave stay on the server.
import type { SubscriptionRow } from './queries.js';

export function presentSubscription(row: SubscriptionRow) {
  return {
    id: row.id,
    endpoint: row.endpoint,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
