// The public views of read state: the status (ticks) of one's own messages and the receipts of a
// message, from membership periods and each member's read and delivered markers.
import { periodCovers } from '../../core/visibility.js';
import type { MessageStatus } from './present.js';
import type { PeriodReadState } from './read-state-queries.js';

/**
 * The other members who could see message `seq` (one entry per user), leaving out those it was
 * withheld from (they blocked the sender).
 */
export function audienceOf(
  periods: PeriodReadState[],
  seq: number,
  withheldFrom: ReadonlySet<string> = new Set(),
): PeriodReadState[] {
  const seen = new Map<string, PeriodReadState>();
  for (const period of periods) {
    if (withheldFrom.has(period.userId)) continue;
    if (periodCovers(period, seq) && !seen.has(period.userId)) seen.set(period.userId, period);
  }
  return [...seen.values()];
}

/**
 * `read` once everyone else who could see it has read it, `delivered` once they all received it, else
 * `sent` (also when nobody else could see it: there is nobody to deliver it to).
 */
export function statusOf(
  periods: PeriodReadState[],
  seq: number,
  withheldFrom?: ReadonlySet<string>,
): MessageStatus {
  const audience = audienceOf(periods, seq, withheldFrom);
  if (audience.length === 0) return 'sent';
  if (audience.every((member) => member.readSeq >= seq)) return 'read';
  if (audience.every((member) => member.deliveredSeq >= seq)) return 'delivered';
  return 'sent';
}
