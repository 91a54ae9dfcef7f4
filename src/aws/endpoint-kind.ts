/**
 * Whom an endpoint belongs to: AWS itself, this computer only (loopback), or neither (a workshop room on another
 * computer of the LAN, an emulator). The clients trust a served sandbox's speed header from anything that is not AWS,
 * and tests may reach only this computer.
 */

/** The SDK's `dnsSuffix` and `dualStackDnsSuffix` of every partition (aws, aws-cn, aws-us-gov, aws-iso*, aws-eusc). */
const AWS_DOMAINS: readonly string[] = [
  "amazonaws.com",
  "amazonaws.com.cn",
  "amazonaws.eu",
  "api.aws",
  "api.amazonwebservices.com.cn",
  "api.amazonwebservices.eu",
  "c2s.ic.gov",
  "api.aws.ic.gov",
  "sc2s.sgov.gov",
  "api.aws.scloud",
  "cloud.adc-e.uk",
  "api.cloud-aws.adc-e.uk",
  "csp.hci.ic.gov",
  "api.aws.hci.ic.gov",
];

/** The host of `url`, lower case, without the trailing dot of a fully qualified name; undefined when it is no URL. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/\.$/, "");
  } catch {
    return undefined;
  }
}

/** AWS itself: no URL, or a host at or under an AWS domain; a URL that cannot be read too (it may not set the pace). */
export function isAwsEndpoint(url: string | undefined): boolean {
  if (!url) return true;
  const host = hostOf(url);
  return host === undefined || AWS_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** A host only this computer reaches (127.0.0.0/8, localhost, ::1): `sandbox serve`, `workshop serve` and the handout say when one is not. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** An endpoint URL on this computer only (a test's local server, a sandbox served on loopback). */
export function isLoopbackUrl(url: string | undefined): boolean {
  const host = url ? hostOf(url) : undefined;
  return host !== undefined && isLoopback(host);
}
