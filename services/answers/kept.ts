/**
 * `value`, and everything reachable from it, made read-only (Object.freeze) and returned: for an
 * answer or card kept and handed to every asker, so a later change to one copy fails loudly (a
 * TypeError in strict code) instead of showing in everyone else's reply.
 */
export function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) frozen(child);
  }
  return value;
}

/**
 * `make(key, variant)` worked out once per key object and variant, and kept for as long as the key
 * object lives (a WeakMap: a plan snapshot's entries, dropped with the snapshot when a plan's
 * revision moves). The result is frozen (see `frozen`): every caller gets the same object. Only for a
 * `make` whose result depends on nothing but the key object and the variant.
 */
export function keptPerObject<K extends object, T>(
  make: (key: K, variant: string) => T,
): (key: K, variant?: string) => T {
  const kept = new WeakMap<K, Map<string, T>>();
  return (key, variant = '') => {
    let variants = kept.get(key);
    if (!variants) kept.set(key, (variants = new Map()));
    let value = variants.get(variant);
    if (value === undefined) variants.set(variant, (value = frozen(make(key, variant))));
    return value;
  };
}
