/** Human-readable request numbers such as FAC-1042: the providing department's key and a number. */
export function formatReference(departmentKey: string, number: number): string {
  return `${departmentKey}-${number}`;
}

export function parseReference(reference: string): { departmentKey: string; number: number } | null {
  const m = /^([A-Z][A-Z0-9]{0,9})-(\d{1,9})$/.exec(reference.trim().toUpperCase());
  if (!m) return null;
  return { departmentKey: m[1]!, number: Number(m[2]) };
}
