import type { SubmitFunction } from '@sveltejs/kit';

/** A form's "sending…" state for `use:enhance`: busy while its action runs; the fields keep what was typed. */
export class PendingSubmit {
  busy = $state(false);

  readonly enhance: SubmitFunction = () => {
    this.busy = true;
    return async ({ update }) => {
      await update({ reset: false });
      this.busy = false;
    };
  };
}
