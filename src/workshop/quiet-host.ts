/** The host of each participant's work when a facilitator acts on many at once: parallel spinners would garble the screen. */
import type { Lang } from "../i18n/lang.js";
import { JsonHost } from "../ui/json-host.js";

const nowhere = { write: () => true };

export class QuietHost extends JsonHost {
  constructor(lang: Lang) {
    super(lang, nowhere, Date.now, nowhere);
  }
}
