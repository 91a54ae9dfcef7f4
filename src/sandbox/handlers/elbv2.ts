import type { HandlerTable } from "../handler.js";

export const elbv2Handlers: HandlerTable = {};
