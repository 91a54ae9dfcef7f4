/**
 * Who may create endpoints to an endpoint service (its allowed principals). The service owner's
 * own account may always connect; other accounts need a principal here, e.g.
 * `arn:aws:iam::123456789012:root`, or `*` for everyone.
 */
import type { AllowedPrincipal, PrincipalType } from "@aws-sdk/client-ec2";
import { type Ec2, handlers } from "../../handler.js";
import { requireEndpointService } from "../../model/endpoint-services.js";
import { fnv1a } from "../../world.js";
import { applyFilters, sameNamed } from "./filters.js";

function principalType(principal: string): PrincipalType {
  if (principal === "*") return "All";
  if (/:root$/.test(principal) || /^\d{12}$/.test(principal)) return "Account";
  if (principal.includes(":role/")) return "Role";
  if (principal.includes(":user/")) return "User";
  return "Service";
}

/** A stable permission id per service and principal (`vpce-svc-perm-…`). */
function permissionId(serviceId: string, principal: string): string {
  const h = fnv1a(`${serviceId}|${principal}`);
  return `vpce-svc-perm-${h.toString(16).padStart(8, "0")}${(h ^ 0x5bd1e995).toString(16).padStart(9, "0").slice(0, 9)}`;
}

function toAllowed(serviceId: string, principal: string): AllowedPrincipal {
  return { PrincipalType: principalType(principal), Principal: principal, ServicePermissionId: permissionId(serviceId, principal), ServiceId: serviceId };
}

export const permissionHandlers = handlers<Ec2>({
  ModifyVpcEndpointServicePermissionsCommand: (ctx, input) => {
    const svc = requireEndpointService(ctx, input.ServiceId);
    for (const p of [...(input.AddAllowedPrincipals ?? []), ...(input.RemoveAllowedPrincipals ?? [])]) {
      if (p !== "*" && !/^arn:aws[a-z-]*:iam::\d{12}:(root|role\/.+|user\/.+)$/.test(p) && !p.endsWith(".amazonaws.com")) {
        return ctx.fail("InvalidPrincipal", `Invalid principal ${p}`);
      }
    }
    const added = (input.AddAllowedPrincipals ?? []).filter((p) => !svc.AllowedPrincipals.includes(p));
    const remove = new Set(input.RemoveAllowedPrincipals ?? []);
    svc.AllowedPrincipals = [...svc.AllowedPrincipals.filter((p) => !remove.has(p)), ...added];
    return { AddedPrincipals: added.map((p) => toAllowed(svc.ServiceId, p)), ReturnValue: true };
  },

  DescribeVpcEndpointServicePermissionsCommand: (ctx, input) => {
    const svc = requireEndpointService(ctx, input.ServiceId);
    const allowed = svc.AllowedPrincipals.map((p) => toAllowed(svc.ServiceId, p));
    return {
      AllowedPrincipals: applyFilters(ctx, allowed, input.Filters, sameNamed<AllowedPrincipal>("principal", "principal-type")),
    };
  },
});
