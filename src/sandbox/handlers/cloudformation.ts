import type { HandlerTable } from "../handler.js";

export const cloudFormationHandlers: HandlerTable = {};
