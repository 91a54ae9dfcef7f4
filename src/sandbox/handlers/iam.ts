import type { HandlerTable } from "../handler.js";

export const iamHandlers: HandlerTable = {};
