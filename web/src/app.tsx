// The page: which screen the address shows, the logged-in two-pane layout, the connection banner, and
// the notice that says what failed.

import { useEffect } from 'preact/hooks';
import { Icon } from './components/icons';
import { t } from './i18n';
import { location, match, navigate, nextPath } from './router';
import { LoginScreen, RecoveryScreen, SignupScreen, VerifyScreen } from './screens/auth';
import { Sidebar } from './screens/chat-list';
import { ConversationScreen } from './screens/conversation';
import { GroupInfoScreen } from './screens/group-info';
import { JoinScreen } from './screens/join';
import { NewChatScreen } from './screens/new-chat';
import { PrivacyScreen } from './screens/privacy';
import { ProfileScreen } from './screens/profile';
import { connection } from './store/chats';
import { dismissNotice, notice } from './store/notices';
import { booting, me } from './store/session';

/** Pages anyone may open, logged in or not. */
function publicScreen(path: string) {
  if (match('/verify-account', path)) return <VerifyScreen />;
  if (match('/recovery-password', path)) return <RecoveryScreen />;
  const join = match('/join/:code', path);
  if (join) return <JoinScreen code={join.code!} />;
  return null;
}

function MainPane({ path }: { path: string }) {
  const info = match('/chats/:id/info', path);
  if (info) return <GroupInfoScreen id={info.id!} />;
  const chat = match('/chats/:id', path);
  if (chat) return <ConversationScreen id={chat.id!} />;
  if (match('/new', path)) return <NewChatScreen />;
  if (match('/profile', path)) return <ProfileScreen />;
  if (match('/privacy', path)) return <PrivacyScreen />;
  return <p class="empty">{t('selectChat')}</p>;
}

/** What just failed, until dismissed or replaced (a sixth pin, a refused edit, an upload that failed). */
function Notice() {
  const current = notice.value;
  return (
    <div class="notice-region" role="alert">
      {current ? (
        <div class="notice" key={current.id} data-testid="notice">
          <span class="grow">{current.text}</span>
          <button
            type="button"
            class="icon-btn"
            aria-label={t('close')}
            title={t('close')}
            onClick={dismissNotice}
          >
            <Icon name="close" />
          </button>
        </div>
      ) : null}
    </div>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export function App() {
  const { path } = location.value;
  useEffect(() => {
    // The first screen is on the page: the mark the browser tests measure the load time by.
    if (!booting.value && performance.getEntriesByName('first-screen').length === 0)
      performance.mark('first-screen');
  }, [booting.value]);
  if (booting.value) return null;
  const open = publicScreen(path);
  if (open) return open;
  const loggedIn = me.value !== null;
  if (!loggedIn) {
    if (match('/login', path)) return <LoginScreen />;
    if (match('/signup', path)) return <SignupScreen />;
    return <Redirect to={`/login${path !== '/' ? `?next=${encodeURIComponent(path)}` : ''}`} />;
  }
  if (match('/login', path) || match('/signup', path)) return <Redirect to={nextPath()} />;
  const hasMain = path !== '/';
  return (
    <div class={`layout${hasMain ? ' has-main' : ''}`}>
      <Sidebar />
      <main class="main">
        {connection.value !== 'online' ? (
          <div class="banner" role="status" data-testid="connection-banner">
            {connection.value === 'offline' ? t('offline') : t('reconnecting')}
          </div>
        ) : null}
        <MainPane path={path} />
      </main>
      <Notice />
    </div>
  );
}
