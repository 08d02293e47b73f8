/** Axis ticks for counts: whole numbers only, from 0 to `top` (at least 1), at most about
 *  `count + 1` of them (0, 1, 2 … or every second, fifth … when counts are large), so a chart of
 *  a few cases never shows 0, 0, 1, 1 from rounded fractions. */
export function wholeTicks(top: number, count = 5): number[] {
  const end = Math.max(1, Math.ceil(top));
  const step = Math.max(1, Math.ceil(end / count));
  return Array.from({ length: Math.floor(end / step) + 1 }, (_, i) => i * step);
}
