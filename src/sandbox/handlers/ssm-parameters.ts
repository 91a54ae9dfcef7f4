import type { HandlerTable } from "../handler.js";

export const ssmParameterHandlers: HandlerTable = {};
