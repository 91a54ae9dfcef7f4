import type { HandlerTable } from "../handler.js";

export const serviceQuotasHandlers: HandlerTable = {};
