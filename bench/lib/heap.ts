// A binary min-heap: the simulator's event list. Ties leave in insertion order, so runs are
// reproducible whatever the engine's sort does.
export class Heap<T> {
  private items: { value: T; n: number }[] = [];
  private n = 0;

  constructor(private readonly cmp: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0]?.value;
  }

  push(value: T): void {
    const items = this.items;
    items.push({ value, n: this.n++ });
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.less(items[parent]!, items[i]!)) break;
      this.swap(parent, i);
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(items[l]!, items[m]!)) m = l;
        if (r < items.length && this.less(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        this.swap(m, i);
        i = m;
      }
    }
    return top?.value;
  }

  private swap(i: number, j: number): void {
    const t = this.items[i]!;
    this.items[i] = this.items[j]!;
    this.items[j] = t;
  }

  private less(a: { value: T; n: number }, b: { value: T; n: number }): boolean {
    const c = this.cmp(a.value, b.value);
    return c < 0 || (c === 0 && a.n < b.n);
  }
}
