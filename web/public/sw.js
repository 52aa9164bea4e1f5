// Dalpak's service worker: shows Web Push messages (your turn, order ready, reminders) and
// opens the page a message links to. It caches nothing: live data always comes from the API.
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: 'Dalpak', body: event.data ? event.data.text() : '' };
  }
  const title = data.title || 'Dalpak';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: data.body || '',
      lang: data.lang,
      dir: data.lang === 'he' ? 'rtl' : 'ltr',
      tag: data.tag,
      renotify: Boolean(data.tag),
      icon: '/icon.svg',
      data: { url: data.url || '/' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || '/', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((wins) => {
      const open = wins.find((w) => w.url === url);
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});
