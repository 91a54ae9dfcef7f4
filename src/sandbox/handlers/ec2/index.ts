/** The sandbox's EC2 API: one table per topic, composed by SDK command name. */
import type { HandlerTable } from "../../handler.js";
import { connectionHandlers } from "./connections.js";
import { serviceCatalogHandlers } from "./endpoint-service-catalog.js";
import { permissionHandlers } from "./endpoint-service-permissions.js";
import { endpointServiceHandlers } from "./endpoint-services.js";
import { imageHandlers } from "./images.js";
import { instanceHandlers } from "./instances.js";
import { networkInterfaceHandlers } from "./network-interfaces.js";
import { networkHandlers } from "./network.js";
import { withPageLimits } from "./page-limits.js";
import { securityGroupHandlers } from "./security-groups.js";
import { tagHandlers } from "./tags.js";
import { vpcEndpointHandlers } from "./vpc-endpoints.js";
import { zoneHandlers } from "./zones.js";

export const ec2Handlers: HandlerTable = withPageLimits({
  ...networkHandlers,
  ...networkInterfaceHandlers,
  ...instanceHandlers,
  ...imageHandlers,
  ...zoneHandlers,
  ...securityGroupHandlers,
  ...tagHandlers,
  ...endpointServiceHandlers,
  ...permissionHandlers,
  ...serviceCatalogHandlers,
  ...vpcEndpointHandlers,
  ...connectionHandlers,
});
