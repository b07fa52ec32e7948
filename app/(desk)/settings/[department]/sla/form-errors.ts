/** Messages for a field and its items (zod reports array items as "priorities.0"). */
export function errorsUnder(errors: Record<string, string[]> | undefined, field: string): string[] | undefined {
  if (!errors) return undefined;
  const found = Object.entries(errors).flatMap(([key, messages]) => (key === field || key.startsWith(`${field}.`) ? messages : []));
  return found.length ? [...new Set(found)] : undefined;
}
