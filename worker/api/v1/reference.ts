export function renderReferencePage(_document: unknown): string {
  return '<!doctype html><title>Tidemark API</title>';
}
