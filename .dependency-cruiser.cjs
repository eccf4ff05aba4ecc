// The allowed import directions of src/ (ARCHITECTURE.md explains them). `npm run lint:deps` checks them;
// CI fails on any violation, a new cycle included.
//
//   lib, db  <-  core  <-  http  <-  modules (features)  <-  realtime  <-  app.ts, runtime.ts, main.ts
//
// Features may use each other only along these arrows, never back:
//   auth -> users;  conversations -> users;  media -> conversations, users;  invites -> conversations;
//   search -> messages
// messages and attachments use none: what they share (membership, visibility, how an attachment is
// shown and released) lives in core.
// push uses none either: it learns of new messages through ctx.messageCommitted and of open sockets
// through ctx.online.
const feature = (name) => `^src/modules/${name}/`;
const otherThan = (...names) => `^src/modules/(?!(${names.join('|')})/)`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules reach each other one way only: a cycle means a rule belongs lower, in core.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'lib-is-self-contained',
      severity: 'error',
      comment: 'lib/ holds small helpers with no knowledge of the app.',
      from: { path: '^src/lib/' },
      to: { path: '^src/(?!lib/)' },
    },
    {
      name: 'db-below-everything',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/(?!db/|lib/)' },
    },
    {
      name: 'core-on-lib-and-db-only',
      severity: 'error',
      comment: 'The shared core (membership, policies, visibility, pagination, events) knows no feature.',
      from: { path: '^src/core/' },
      to: { path: '^src/(?!core/|lib/|db/)' },
    },
    {
      name: 'http-knows-no-feature',
      severity: 'error',
      comment: 'http/ is plumbing (envelope, errors, auth hook, limits): features plug into it, not back.',
      from: { path: '^src/http/' },
      to: { path: '^src/(modules|realtime)/|^src/(app|runtime|main)\\.ts$' },
    },
    {
      name: 'context-holds-interfaces',
      severity: 'error',
      comment: 'The context names what services get; implementations are chosen in app.ts and runtime.ts.',
      from: { path: '^src/context\\.ts$' },
      to: { path: '^src/(modules|realtime|http)/' },
    },
    {
      name: 'features-do-not-import-realtime',
      severity: 'error',
      comment: 'Services publish events through core/events.ts; the WebSocket layer subscribes.',
      from: { path: '^src/(modules|core|http)/' },
      to: { path: '^src/realtime/' },
    },
    {
      name: 'nothing-imports-the-gateway',
      severity: 'error',
      from: { path: '^src/(?!realtime/)' },
      to: { path: '^src/realtime/gateway\\.ts$' },
    },
    {
      name: 'nothing-imports-the-entry-points',
      severity: 'error',
      from: { path: '^src/(lib|db|core|http|modules|realtime)/' },
      to: { path: '^src/(app|runtime|main|seed)\\.ts$' },
    },
    {
      name: 'users-uses-no-feature',
      severity: 'error',
      from: { path: feature('users') },
      to: { path: otherThan('users') },
    },
    {
      name: 'messages-uses-no-feature',
      severity: 'error',
      from: { path: feature('messages') },
      to: { path: otherThan('messages') },
    },
    {
      name: 'attachments-uses-no-feature',
      severity: 'error',
      from: { path: feature('attachments') },
      to: { path: otherThan('attachments') },
    },
    {
      name: 'push-uses-no-feature',
      severity: 'error',
      comment: 'Push reaches messages through ctx.messageCommitted and presence through ctx.online.',
      from: { path: feature('push') },
      to: { path: otherThan('push') },
    },
    {
      name: 'auth-uses-users-only',
      severity: 'error',
      from: { path: feature('auth') },
      to: { path: otherThan('auth', 'users') },
    },
    {
      name: 'conversations-uses-users-only',
      severity: 'error',
      from: { path: feature('conversations') },
      to: { path: otherThan('conversations', 'users') },
    },
    {
      name: 'media-uses-conversations-and-users',
      severity: 'error',
      from: { path: feature('media') },
      to: { path: otherThan('media', 'conversations', 'users') },
    },
    {
      name: 'accounts-uses-users-and-conversations',
      severity: 'error',
      from: { path: feature('accounts') },
      to: { path: otherThan('accounts', 'users', 'conversations') },
    },
    {
      name: 'search-uses-messages-only',
      comment: 'Search presents its hits as messages are presented everywhere else.',
      severity: 'error',
      from: { path: feature('search') },
      to: { path: otherThan('search', 'messages') },
    },
    {
      name: 'invites-uses-conversations-only',
      severity: 'error',
      from: { path: feature('invites') },
      to: { path: otherThan('invites', 'conversations') },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type is a dependency a newcomer has to follow too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^src/db/migrations/' },
  },
};
