// One line at a time telling the user that something they did failed (the server's refusal, or the
// network), shown by the app as an alert until dismissed or replaced.
import { ApiError } from '@chat/sdk';
import { signal } from '@preact/signals';
import { t } from '../i18n';

export const notice = signal<{ id: number; text: string } | null>(null);
let counter = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

/**
 * What went wrong, in words: a text of ours for the statuses a caller expects (`{ 409: t('pinLimit') }`),
 * else the server's own sentence, else a generic one.
 */
export function errorText(error: unknown, byStatus: Record<number, string> = {}): string {
  if (error instanceof ApiError) return byStatus[error.status] ?? error.message;
  return error instanceof Error && error.message ? error.message : t('error');
}

export function showError(error: unknown, byStatus: Record<number, string> = {}) {
  counter += 1;
  notice.value = { id: counter, text: errorText(error, byStatus) };
  if (timer) clearTimeout(timer);
  timer = setTimeout(dismissNotice, 10_000);
}

export function dismissNotice() {
  notice.value = null;
}
