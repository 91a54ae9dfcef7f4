/**
 * The IoHost each participant's work runs with when a facilitator acts on many at once: nothing
 * is printed (parallel spinners would garble the screen) and nothing is asked (every default):
 * the `--json` host, writing nowhere.
 */
import type { Lang } from "../i18n/lang.js";
import { JsonHost } from "../ui/json-host.js";

const nowhere = { write: () => true };

export class QuietHost extends JsonHost {
  constructor(lang: Lang) {
    super(lang, nowhere, Date.now, nowhere);
  }
}
