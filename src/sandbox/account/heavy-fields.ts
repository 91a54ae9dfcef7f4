/**
 * A stack's events and template are most of its size, and most commands never read them (a
 * deleted stack is kept 90 days): they are stored in their own column and read from the database
 * the first time a command touches them. Until then the entity holds an accessor in their place;
 * the first read (or write) turns it into plain data.
 */
const HEAVY: Readonly<Record<string, readonly string[]>> = { stacks: ["Events", "TemplateBody"] };

type Entity = Record<string, unknown>;

/** The row's body and heavy column for `entity` (heavy null: never read, so unchanged). */
export function split(kind: string, entity: unknown): { body: string; heavy: string | null } {
  const fields = HEAVY[kind];
  if (!fields) return { body: JSON.stringify(entity), heavy: null };
  const e = entity as Entity;
  const untouched = fields.every((f) => Object.getOwnPropertyDescriptor(e, f)?.get !== undefined);
  const light: Entity = {};
  const heavy: Entity = {};
  for (const k of Object.keys(e)) if (!fields.includes(k)) light[k] = e[k];
  if (!untouched) for (const f of fields) heavy[f] = e[f];
  return { body: JSON.stringify(light), heavy: untouched ? null : JSON.stringify(heavy) };
}

/** Puts accessors for the heavy fields on a freshly parsed entity; `read` fetches them. */
export function deferHeavy(kind: string, entity: unknown, read: () => string | undefined): void {
  const fields = HEAVY[kind];
  if (!fields) return;
  const e = entity as Entity;
  const materialise = (): void => {
    const text = read();
    const values = text === undefined ? {} : (JSON.parse(text) as Entity);
    for (const f of fields) Object.defineProperty(e, f, { value: values[f], writable: true, enumerable: true, configurable: true });
  };
  for (const f of fields) {
    Object.defineProperty(e, f, {
      get: () => (materialise(), e[f]),
      set: (v: unknown) => {
        materialise();
        e[f] = v;
      },
      enumerable: true,
      configurable: true,
    });
  }
}
