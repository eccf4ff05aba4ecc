// The delivery state of one of my messages: a clock while sending, one tick sent, two delivered, two blue read.
import { t } from '../i18n';

export type TickStatus = 'sending' | 'failed' | 'sent' | 'delivered' | 'read';

const ONE = 'M11.1 2.3 4.9 8.5 2.6 6.2 1.5 7.3l3.4 3.4 7.3-7.3z';
const TWO =
  'M15.1 2.3 8.9 8.5l-.7-.7-1.1 1.1 1.8 1.8 7.3-7.3zM11.1 2.3 4.9 8.5 2.6 6.2 1.5 7.3l3.4 3.4 7.3-7.3z';

export function Ticks({ status }: { status: TickStatus }) {
  const label = t(`status_${status}`);
  if (status === 'sending' || status === 'failed') {
    return (
      <span class={`ticks ${status}`} role="img" aria-label={label} title={label} data-status={status}>
        {status === 'failed' ? '!' : '🕓'}
      </span>
    );
  }
  return (
    <span class={`ticks ${status}`} role="img" aria-label={label} title={label} data-status={status}>
      <svg viewBox="0 0 18 12" aria-hidden="true">
        <path d={status === 'sent' ? ONE : TWO} />
      </svg>
    </span>
  );
}
