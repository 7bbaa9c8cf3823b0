import { error } from '@sveltejs/kit';

/**
 * A form action's fields. SvelteKit refuses a JSON body itself, but any other body that is not a
 * form (text/plain, a broken multipart) makes `request.formData()` throw: that is the client's
 * mistake, a 400, never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    error(400, 'The request body must be a form (application/x-www-form-urlencoded or multipart/form-data).');
  }
}
