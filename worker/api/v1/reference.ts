export function renderReferencePage(): string {
  return '<!doctype html><title>Tidemark API</title>';
}
