import type { ServerResponse } from 'node:http';
import type { DeadLetter } from './streams';

// The local channels' record, as a page: what each customer would have received by email, SMS
// or Web Push on AWS, newest first, and any stream batch a consumer gave up on.
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function serveDevOutbox(res: ServerResponse, asJson: boolean, deadLetters: DeadLetter[]): Promise<void> {
  const { listLocalDeliveries } = await import('../../functions/notify/channels');
  const deliveries = await listLocalDeliveries(200);
  if (asJson) {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ deliveries, deadLetters }));
    return;
  }
  const rows = deliveries
    .map((d) => `<tr><td>${esc(new Date(d.at).toLocaleString('en-GB'))}</td><td>${esc(d.channel)}</td><td dir="ltr">${esc(d.to)}</td><td>${esc(d.template)}</td><td dir="auto"><strong>${esc(d.subject)}</strong><br>${esc(d.text).replaceAll('\n', '<br>')}${d.link ? `<br><a href="${esc(d.link)}">${esc(d.link)}</a>` : ''}</td></tr>`)
    .join('');
  const dead = deadLetters.map((d) => `<li>${esc(new Date(d.at).toLocaleString('en-GB'))} · ${esc(d.consumer)} · ${d.DDBStreamBatchInfo.batchSize} record(s) · ${esc(d.reason)}</li>`).join('');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
  res.end(`<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Dalpak · local outbox</title>
<style>body{font:15px system-ui,sans-serif;margin:1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:start;vertical-align:top}</style>
<h1>Local outbox</h1><p>What the notifier delivered on this machine (email, SMS and Web Push go nowhere else locally). JSON: <a href="/dev/outbox.json">/dev/outbox.json</a>. Reload to refresh.</p>
${dead ? `<h2>Dead letters</h2><ul>${dead}</ul>` : ''}
<table><thead><tr><th>When</th><th>Channel</th><th>To</th><th>Template</th><th>Message</th></tr></thead><tbody>${rows || '<tr><td colspan="5">Nothing sent yet.</td></tr>'}</tbody></table></html>`);
}
