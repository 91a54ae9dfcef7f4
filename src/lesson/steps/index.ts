/** The PrivateLink lesson's steps, in order. Their words live in lessons/privatelink/. */
import type { Step } from "../step.js";
import { acceptStep } from "./accept.js";
import { allowHttp } from "./allow-http.js";
import { cleanup } from "./cleanup.js";
import { curl } from "./curl.js";
import { deploy } from "./deploy.js";
import { endpointService } from "./endpoint-service.js";
import { interfaceEndpoint } from "./interface-endpoint.js";
import { preflight } from "./preflight.js";
import { review } from "./review.js";
import { tour } from "./tour.js";

export const STEPS: Step[] = [preflight, deploy, tour, endpointService, interfaceEndpoint, allowHttp, acceptStep, curl, review, cleanup];

export function stepById(id: string): Step | undefined {
  return STEPS.find((s) => s.id === id);
}
