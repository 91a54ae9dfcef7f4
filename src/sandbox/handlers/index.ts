import type { HandlerTables } from "../handler.js";
import { cloudFormationHandlers } from "./cloudformation.js";
import { ec2Handlers } from "./ec2/index.js";
import { elbv2Handlers } from "./elbv2.js";
import { ssmHandlers } from "./ssm.js";
import { stsHandlers } from "./sts.js";
import { iamHandlers } from "./iam.js";
import { iamWriteHandlers } from "./iam-writes.js";
import { serviceQuotasHandlers } from "./service-quotas.js";

export const allHandlers: HandlerTables = {
  ec2: ec2Handlers,
  cloudformation: cloudFormationHandlers,
  elbv2: elbv2Handlers,
  ssm: ssmHandlers,
  sts: stsHandlers,
  iam: { ...iamHandlers, ...iamWriteHandlers },
  servicequotas: serviceQuotasHandlers,
};
