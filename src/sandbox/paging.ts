/**
 * Paging as AWS's list calls do it, for every operation in one place: a read that names a page
 * size (`MaxResults`; ELBv2's `PageSize`) gets that many items of its answer's list(s) and, when
 * more are left, a token (`NextToken`; ELBv2's `NextMarker`) that the next call passes back
 * (`NextToken`; `Marker`) for the page after. Without a page size a call gets what its handler
 * answers (CloudFormation's handlers page by 100 on their own, as AWS does without one). IAM's
 * lists page by `MaxItems` (100 when not given) and answer `IsTruncated` and a `Marker`.
 */
import type { ServiceKey } from "./aws-error.js";

interface Words {
  size: string;
  token: string;
  next: string;
  /** IAM's: the page size when none is asked, and the flag that says more are left (when the answer has it). */
  fallback?: number;
  truncated?: string;
}

const WORDS: Record<"elbv2" | "iam" | "other", Words> = {
  elbv2: { size: "PageSize", token: "Marker", next: "NextMarker" },
  iam: { size: "MaxItems", token: "Marker", next: "Marker", fallback: 100, truncated: "IsTruncated" },
  other: { size: "MaxResults", token: "NextToken", next: "NextToken" },
};

/** What AWS answers to a token it did not give. */
const BAD_TOKEN: Partial<Record<ServiceKey, [string, string]>> = {
  ec2: ["InvalidPaginationToken", "The pagination token is invalid"],
  ssm: ["InvalidNextToken", "The specified token is not valid."],
};

/** `output`'s page for `input`; `fail` throws the service's error for a token that is no page's. */
export function pageOf(service: ServiceKey, input: object, output: object, fail: (code: string, message: string) => never): object {
  const w = WORDS[service === "elbv2" || service === "iam" ? service : "other"];
  const asked = input as Record<string, unknown>;
  const n = asked[w.size] ?? w.fallback;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) return output;
  const token = asked[w.token];
  const from = token === undefined ? 0 : Number(/^p(\d+)$/.exec(Buffer.from(String(token), "base64url").toString())?.[1] ?? NaN);
  if (!Number.isSafeInteger(from)) fail(...(BAD_TOKEN[service] ?? ["ValidationError", `Invalid ${w.token}: ${String(token)}`]));
  const page: Record<string, unknown> = { ...output };
  let more = false;
  for (const [key, value] of Object.entries(output)) {
    if (!Array.isArray(value)) continue;
    page[key] = value.slice(from, from + n);
    more ||= from + n < value.length;
  }
  if (more) page[w.next] = Buffer.from(`p${from + n}`).toString("base64url");
  else delete page[w.next];
  if (w.truncated && w.truncated in output) page[w.truncated] = more;
  return page;
}
