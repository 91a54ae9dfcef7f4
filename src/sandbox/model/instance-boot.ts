/**
 * What an instance's user data achieves at boot, decided from the script and the network it boots
 * into. The lesson's Provider installs Apache with dnf; Amazon Linux 2023's repositories are S3
 * buckets, so with no internet the install works only through an S3 gateway endpoint route in the
 * subnet's route table. Without an index.html, httpd serves its test page with HTTP 403.
 */
import { after } from "../clock.js";
import type { HandlerContext } from "../handler.js";
import { exists, type Instance } from "../world.js";
import { routeTableOfSubnet } from "./network.js";

const INSTALLS_HTTPD = /\b(?:dnf|yum)\b[^\n]*\binstall\b[^\n]*\bhttpd\b/;
const STARTS_HTTPD = /systemctl\s+(?:start|restart|enable\s+--now)\s+httpd\b|\bservice\s+httpd\s+start\b/;
const INDEX_HEREDOC = /cat\s*>\s*\/var\/www\/html\/index\.html\s*<<-?\s*(['"]?)(\w+)\1[^\n]*\n([\s\S]*?)\n\s*\2\s*(?:\n|$)/;
const INDEX_ECHO = /echo\s+(["'])([\s\S]*?)\1\s*>\s*\/var\/www\/html\/index\.html/;

function s3RouteAt(ctx: HandlerContext, subnetId: string, t: number): boolean {
  const rt = routeTableOfSubnet(ctx, subnetId, t);
  return (rt?.Routes ?? []).some((r) => {
    if (!r.DestinationPrefixListId || !r.GatewayId.startsWith("vpce-")) return false;
    const ep = ctx.rw.vpcEndpoints[r.GatewayId];
    return ep !== undefined && ep.ServiceName.endsWith(".s3") && exists(ep.life, t);
  });
}

/** The body of /var/www/html/index.html, with the shell variables the script set replaced. */
function indexBody(script: string, instance: Instance): string | undefined {
  const vars = (text: string): string =>
    text.replace(/\$\{INSTANCE_ID\}|\$INSTANCE_ID\b/g, instance.InstanceId).replace(/\$\{AZ\}|\$AZ\b/g, instance.AvailabilityZone);
  const heredoc = INDEX_HEREDOC.exec(script);
  if (heredoc) {
    const quoted = heredoc[1] !== "";
    const body = (heredoc[3] ?? "") + "\n";
    // A quoted delimiter (<<'EOF') turns expansion off: bash writes `$INSTANCE_ID` literally.
    return quoted ? body : vars(body);
  }
  const echo = INDEX_ECHO.exec(script);
  if (echo) return (echo[1] === "'" ? echo[2] ?? "" : vars(echo[2] ?? "")) + "\n";
  return undefined;
}

export function decideBoot(ctx: HandlerContext, instance: Instance): Instance["boot"] {
  const script = instance.UserData ? Buffer.from(instance.UserData, "base64").toString("utf8") : "";
  if (!INSTALLS_HTTPD.test(script)) return {};
  const bootAt = instance.life.readyAt;
  if (!s3RouteAt(ctx, instance.SubnetId, bootAt)) {
    return { httpdFailure: "dnf could not reach the package repository (no route to S3)" };
  }
  if (!STARTS_HTTPD.test(script)) return { httpdFailure: "httpd was installed but the user data never started it" };
  const body = indexBody(script, instance);
  return {
    httpdReadyAt: after(bootAt, 60, ctx.speed),
    // No index.html: httpd answers its test page with 403 (see reachability/http-response.ts).
    ...(body !== undefined ? { httpdBody: body } : {}),
    httpdStatus: body === undefined ? 403 : 200,
  };
}
