import type { HandlerTable } from "../handler.js";

export const ssmHandlers: HandlerTable = {};
