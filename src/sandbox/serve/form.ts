/** A query string or form body read strictly: a `%` not followed by two hex digits, or bytes
 * that are not UTF-8, make it malformed (AWS answers `MalformedQueryString`), never guessed at. */
export function parseForm(text: string, into: URLSearchParams = new URLSearchParams()): URLSearchParams | undefined {
  if (text === "") return into;
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? "" : pair.slice(eq + 1);
    try {
      into.append(decodeURIComponent(rawKey.replace(/\+/g, " ")), decodeURIComponent(rawValue.replace(/\+/g, " ")));
    } catch {
      return undefined;
    }
  }
  return into;
}
