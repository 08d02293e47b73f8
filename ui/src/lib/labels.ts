// Label maps as a form offers them: each key of a `Record<Enum, string>` with its label, in the
// map's order (for a generated map, the order Rust lists the variants in).

export function labelOptions<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}
