import type { HandlerTable } from "../../handler.js";

export const ec2Handlers: HandlerTable = {};
