/**
 * The reachability model: pure functions from network facts (in AWS terms) to what `curl` on the
 * consumer instance prints. The sandbox feeds it facts from its world; `diagnose` on a real
 * account feeds it facts from `Describe*` results.
 */
export type * from "./facts.js";
export { connect, type Connection, type Reason, type Server } from "./path.js";
export { resolveHost, type Resolution } from "./resolve.js";
export { runCurl, KERNEL_CONNECT_TIMEOUT_MS, CURL_VERSION_TEXT, type CurlResult, type CurlReason, type CurlContext } from "./curl.js";
export { parseCurlArgs, parseUrl, type CurlOptions, type CurlArgs, type ParsedUrl } from "./curl-args.js";
export { cidrContains, ingressAllows, egressAllows, type Peer } from "./security-groups.js";
export { walkChain, firstFailure, LINK_IDS, type Link, type LinkId, type LinkStatus, type ChainTarget } from "./chain.js";
export { factsFromDescribe, rulesOf, type DescribeShapes } from "./from-describe.js";
