// Security headers for the web app, shared by CloudFront (lib/web.ts) and the local server,
// so that what works on a laptop works behind CloudFront.
export const contentSecurityPolicy =
  "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'";
export const referrerPolicy = 'strict-origin-when-cross-origin';

/** The web app's runtime configuration (/config.json): the same on a laptop and behind CloudFront. */
// One origin: CloudFront forwards /ws to the WebSocket API in AWS, the local server serves it itself.
export const webConfig = { apiBase: '/api', wsUrl: '/ws' };
