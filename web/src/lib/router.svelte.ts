// A tiny history-API router: the app has a handful of URL shapes, a library would be heavier than this.
export type FaceName = 'branches' | 'branch' | 'order' | 'book' | 'ticket' | 'orderStatus' | 'booking' | 'kiosk' | 'staff' | 'board' | 'notFound';
export interface Route {
  name: FaceName;
  params: Record<string, string>;
}

const patterns: [RegExp, FaceName, string?][] = [
  [/^\/$/, 'branches'],
  [/^\/b\/([^/]+)\/?$/, 'branch', 'branchId'],
  [/^\/b\/([^/]+)\/order\/?$/, 'order', 'branchId'],
  [/^\/b\/([^/]+)\/book\/?$/, 'book', 'branchId'],
  [/^\/t\/([^/]+)\/?$/, 'ticket', 'ticketId'],
  [/^\/o\/([^/]+)\/?$/, 'orderStatus', 'orderId'],
  [/^\/a\/([^/]+)\/?$/, 'booking', 'bookingId'],
  [/^\/kiosk\/([^/]+)\/?$/, 'kiosk', 'branchId'],
  [/^\/staff(?:\/(orders|bookings|callbacks|dashboard|integrations|people|setup|devices|privacy))?\/?$/, 'staff', 'view'],
  [/^\/board\/([^/]+)\/?$/, 'board', 'branchId'],
];

export function match(pathname: string): Route {
  for (const [re, name, param] of patterns) {
    const m = re.exec(pathname);
    if (!m) continue;
    let value = m[1] ?? '';
    try {
      value = decodeURIComponent(value);
    } catch {
      return { name: 'notFound', params: {} };
    }
    return { name, params: param ? { [param]: value } : {} };
  }
  return { name: 'notFound', params: {} };
}

let path = $state(location.pathname);

export const router = {
  get path() {
    return path;
  },
  get route(): Route {
    return match(path);
  },
  /** Go to an in-app URL (may carry ?query and #fragment). */
  navigate(to: string, opts: { replace?: boolean } = {}) {
    const url = new URL(to, location.href);
    if (url.origin !== location.origin) {
      location.assign(url);
      return;
    }
    history[opts.replace ? 'replaceState' : 'pushState'](null, '', url);
    path = url.pathname;
    window.scrollTo(0, 0);
  },
};

addEventListener('popstate', () => (path = location.pathname));

/** Same-origin <a href> clicks become in-app navigations; modified clicks still open new tabs. */
export function interceptLinks(root: HTMLElement) {
  root.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest('a');
    if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
    if (a.pathname.startsWith('/api/')) return;
    e.preventDefault();
    router.navigate(a.href);
  });
}
