import type { Feature } from "../feature.ts";
import { campaignsFeature } from "./campaigns/index.ts";
import { complaintsFeature } from "./complaints/index.ts";
import { helpFeature } from "./help/index.ts";
import { metricsFeature } from "./metrics/index.ts";
import { raciFeature } from "./raci/index.ts";
import { reviewsFeature } from "./reviews/index.ts";
import { workflowStepsFeature } from "./workflow-steps/index.ts";

/** Every feature the bot runs, in the order their commands appear in help. */
export const features: readonly Feature[] = [
  helpFeature,
  campaignsFeature,
  raciFeature,
  complaintsFeature,
  reviewsFeature,
  metricsFeature,
  workflowStepsFeature,
];
