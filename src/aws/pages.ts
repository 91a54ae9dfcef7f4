/** Follows an AWS list's `NextToken`, up to `maxPages` pages (a guard against a token that never ends). */
export async function allPages<T>(
  page: (token: string | undefined) => Promise<{ items: T[]; next?: string | undefined }>,
  maxPages = 1000,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const p = await page(token);
    out.push(...p.items);
    token = p.next;
    if (!token) break;
  }
  return out;
}
