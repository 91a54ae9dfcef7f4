/**
 * Text from outside (a learner's argument, an environment variable, an error's message) made safe
 * to show: a password or token in a URL's user part is masked (`http://user:***@host`), and
 * control characters (C0, DEL, C1) and the bidirectional overrides and isolates that could
 * reorder what a terminal shows are written as visible escapes (`\u202e`, `\n`, `\x1b`).
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@:]*):([^\s/@]*)@/gi;
// C0 (tab included), DEL, C1, and the bidi marks, embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

export function shown(text: string): string {
  return text.replace(URL_USERINFO, (_m, scheme: string, user: string) => `${scheme}${user}:***@`).replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
  });
}
