/**
 * Filling a text's `{name}` placeholders and `{name|one|other}` plurals (`#` is the number). English
 * and Spanish both use the singular for exactly 1, so no text needs "device(s)".
 */

export type FillValues = Readonly<Record<string, string | number>>;

const PLURAL = /\{(\w+)\|([^{}|]*)\|([^{}|]*)\}/g;
const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * The names a text needs, read from its literal type: `{uid}` and `{n|once|# times}` give "uid" | "n".
 * A text typed only as string gives never (nothing is knowable).
 */
export type Placeholders<S> = S extends `${string}{${infer Inner}}${infer Rest}`
  ? (Inner extends `${infer Name}|${string}` ? Name : Inner) | Placeholders<Rest>
  : never;

/** The names a text needs, at run time: the same rule as `Placeholders`. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)[}|]/g)].map((m) => m[1]!))].sort();
}

export function fillPlurals(template: string, values: FillValues): string {
  return template.replace(PLURAL, (whole, name: string, one: string, other: string) =>
    Object.hasOwn(values, name)
      ? (Number(values[name]) === 1 ? one : other).replaceAll('#', String(values[name]))
      : whole,
  );
}

/** Fills every placeholder it has a value for; one without stays visible as `{name}`. */
export function fill(template: string, values: FillValues): string {
  return fillPlurals(template, values).replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** Fills every placeholder, or answers undefined when a value is missing (the caller falls back). */
export function fillAll(template: string, values: FillValues): string | undefined {
  const missing = placeholderNames(template).some((name) => !Object.hasOwn(values, name));
  return missing ? undefined : fill(template, values);
}
