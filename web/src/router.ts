// A small history-API router: the current location as a signal, and navigate() for links and redirects.
import { signal } from '@preact/signals';

export const location = signal({ path: window.location.pathname, search: window.location.search });

export function navigate(to: string, options: { replace?: boolean } = {}) {
  const url = new URL(to, window.location.origin);
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  location.value = { path: url.pathname, search: url.search };
}

window.addEventListener('popstate', () => {
  location.value = { path: window.location.pathname, search: window.location.search };
});

/** Same-origin <a href> clicks move inside the app instead of reloading the page. */
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
    return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, window.location.href);
  if (
    url.origin !== window.location.origin ||
    url.pathname.startsWith('/api/') ||
    url.pathname.startsWith('/docs')
  ) {
    return;
  }
  event.preventDefault();
  navigate(url.pathname + url.search);
});

export function queryParam(name: string): string | null {
  return new URLSearchParams(location.value.search).get(name);
}

/** Matches '/chats/:id' against a path; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  if (path === '/') got.splice(1);
  if (want.length !== got.length && !(pattern === '/' && path === '/')) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(got[i] ?? '');
    else if (part !== got[i]) return null;
  }
  return params;
}

/** Where to go after logging in: the page that sent the visitor to log in (an invite link), else the chats. */
export function nextPath(): string {
  const next = queryParam('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}
