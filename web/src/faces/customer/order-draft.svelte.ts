// The order being put together on `/b/:branch/order`: the cart against live stock, the pickup
// time, the contact, and what the last try was refused for. The page fetches and sends; this holds.
import { type ApiError, uuid } from '../../lib/api';
import { formatPrice } from '../../lib/format';
import { i18n } from '../../lib/i18n/index.svelte';
import type { CreateOrderBody, Product } from '../../lib/types';

export type OrderCheck = 'cart' | 'window' | 'name' | 'contact';

const maxQuantity = 20; // the API's per-line limit

/** The most of a product one order may hold. */
export const capOf = (p: Product) => Math.min(p.stock, maxQuantity);
export const price = (agorot: number) => formatPrice(agorot, i18n.locale);

export class OrderDraft {
  readonly #products: () => Product[];
  cart = $state<Record<string, number>>({});
  /** Lines cut down because the stock fell meanwhile: product id → what was left. */
  reduced = $state<Record<string, number>>({});
  windowStart = $state<number | undefined>();
  name = $state('');
  phone = $state('');
  email = $state('');
  note = $state('');
  busy = $state(false);
  error = $state<ApiError | undefined>();
  checks = $state<OrderCheck[]>([]);
  alternatives = $state<{ start: number; end: number }[]>([]);
  /** The product ids of the last submission, in order, to place `body.lines.N` errors. */
  #submitted: string[] = [];
  // One Idempotency-Key per distinct submission: a double tap or a retry reuses it,
  // an edited order gets a fresh one (the server refuses a reused key with a new body).
  #lastAttempt = { body: '', key: '' };

  lines = $derived(this.#productsInCart());
  orderLines = $derived(this.lines.map((l) => ({ productId: l.product.id, quantity: l.quantity })));
  itemCount = $derived(this.lines.reduce((n, l) => n + l.quantity, 0));
  total = $derived(this.lines.reduce((s, l) => s + l.quantity * l.product.priceAgorot, 0));

  /** `products`: the branch's live catalogue, read whenever the lines are worked out. */
  constructor(products: () => Product[]) {
    this.#products = products;
  }

  #productsInCart() {
    return this.#products()
      .filter((p) => (this.cart[p.id] ?? 0) > 0)
      .map((p) => ({ product: p, quantity: this.cart[p.id]! }));
  }

  /** Live stock may fall below what is in the order: cut the line down and say so. */
  fitToStock(list: Product[]) {
    for (const p of list) {
      const q = this.cart[p.id] ?? 0;
      if (q > capOf(p)) {
        this.cart[p.id] = capOf(p);
        this.reduced[p.id] = p.stock;
      }
    }
  }

  /** Sets a line's quantity; true when the line appeared or went (its add button and stepper swap). */
  setQuantity(p: Product, next: number): boolean {
    const before = this.cart[p.id] ?? 0;
    this.cart[p.id] = Math.max(0, Math.min(next, capOf(p)));
    delete this.reduced[p.id];
    this.checks = this.checks.filter((c) => c !== 'cart');
    return before === 0 || this.cart[p.id] === 0;
  }

  pickWindow(start: number) {
    this.windowStart = start;
    this.alternatives = [];
    this.checks = this.checks.filter((c) => c !== 'window');
    if (this.error?.code === 'window_full' || this.error?.code === 'window_too_soon') this.error = undefined;
  }

  validate(): OrderCheck[] {
    const found: OrderCheck[] = [];
    if (!this.lines.length) found.push('cart');
    if (this.windowStart === undefined) found.push('window');
    if (!this.name.trim()) found.push('name');
    if (!this.phone.trim() && !this.email.trim()) found.push('contact');
    return found;
  }

  /** The Idempotency-Key to send `body` with; remembers its lines to place line errors. */
  attemptKey(body: CreateOrderBody): string {
    const json = JSON.stringify(body);
    if (json !== this.#lastAttempt.body) this.#lastAttempt = { body: json, key: uuid() };
    this.#submitted = body.lines.map((l) => l.productId);
    return this.#lastAttempt.key;
  }

  fieldError(...names: string[]) {
    return this.error?.fields.find((f) => names.some((n) => f.field === n || f.field.endsWith(`.${n}`)))?.reason;
  }

  lineError(productId: string) {
    const i = this.#submitted.indexOf(productId);
    return i < 0 ? undefined : this.error?.fields.find((f) => f.field.startsWith(`body.lines.${i}.`))?.reason;
  }
}
