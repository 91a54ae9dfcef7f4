/** AWS errors a rerun meets because an earlier run already did the thing (a rule there already, a rule or target gone). */

/** A catch that lets through only AWS errors named like `name` (what an earlier run already did). */
const ignoring = (name: RegExp) => (e: unknown): void => {
  if (!name.test(String((e as { name?: string }).name))) throw e;
};
export const ignoreDuplicate = ignoring(/^InvalidPermission\.Duplicate$/);
export const ignoreInvalidTarget = ignoring(/^InvalidTarget/);
export const ignoreGone = ignoring(/NotFound$/);
