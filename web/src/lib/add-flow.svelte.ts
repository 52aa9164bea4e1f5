// "Add something, see what only this answer shows, then back to the list": a webhook and its
// secret, an invited person and their temporary password. Focus returns to the button that began it.
import { tick } from 'svelte';

export class AddFlow<R> {
  /** The form is open. */
  adding = $state(false);
  /** The answer to show once (then back to the list). */
  result = $state<R>();
  /** The button that opens the form, focused again when the flow ends. */
  button = $state<HTMLElement>();

  constructor(private readonly refresh: () => Promise<unknown>) {}

  get idle(): boolean {
    return !this.adding && this.result === undefined;
  }
  open(): void {
    this.adding = true;
  }
  async done(result: R): Promise<void> {
    this.adding = false;
    this.result = result;
    await this.refresh();
  }
  async back(): Promise<void> {
    this.adding = false;
    this.result = undefined;
    await tick();
    this.button?.focus();
  }
}
