/** What each settings form's action answers; `form` says which form on the page it belongs to. */
export type SettingsForm = 'reporting' | 'branding' | 'invite' | 'people';

export interface FormAnswer {
  form: SettingsForm;
  ok: boolean;
  message: string;
  /** Per field (the input's name): what is wrong with it. */
  errors?: Record<string, string>;
  /** What was sent, so a refused form keeps what the person typed. */
  values?: Record<string, string>;
}

/** The first message of each field of a zod error, by field name ("branding.primaryColor" becomes "primaryColor"). */
export function fieldErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path.at(-1) ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}
