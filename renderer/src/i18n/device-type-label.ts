import type { Language } from './messages';

interface Labelled {
  readonly id: string;
  readonly label: string;
  readonly labelEs?: string | undefined;
}

/** A device type's label in the operator's language, falling back to the other one, then to its id. */
export function deviceTypeLabel(types: readonly Labelled[] | undefined, id: string, language: Language): string {
  const type = types?.find((d) => d.id === id);
  if (!type) return id;
  return language === 'es' ? (type.labelEs ?? type.label) : type.label;
}
