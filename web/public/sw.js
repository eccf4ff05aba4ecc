// The web app's service worker: shows the server's pushes (sent while no tab of the app has a socket open)
// as notifications, and opens the chat when one is clicked.
self.addEventListener('push', (event) => {
  let push = null;
  try {
    push = event.data ? event.data.json() : null;
  } catch {
    push = null;
  }
  if (push?.type !== 'message') return;
  event.waitUntil(
    self.registration.showNotification(push.title, {
      body: push.body,
      // One notification per chat: a newer message replaces the older one.
      tag: push.conversationId,
      renotify: true,
      data: { url: `/chats/${push.conversationId}` },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data?.url ?? '/';
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      for (const client of windows) {
        if ('focus' in client) {
          client.navigate(url);
          return client.focus();
        }
      }
      return self.clients.openWindow(url);
    }),
  );
});
