import type * as pulumi from "@pulumi/pulumi";
import { checkIndexJob } from "./check";
import { createIndexJob } from "./create";
import { deleteIndexJob } from "./delete";
import { diffIndexJob } from "./diff";
import { readIndexJob } from "./read";
import { updateIndexJob } from "./update";

/**
 * The IndexJob implementation the thin provider loads. It keeps no state between calls:
 * everything a call needs arrives in its inputs and recorded outputs.
 */
export const indexJobProvider: pulumi.dynamic.ResourceProvider = {
  check: (olds, news) => checkIndexJob(olds, news),
  diff: (id, olds, news) => diffIndexJob(id, olds, news),
  create: (inputs) => createIndexJob(inputs),
  read: (id, props) => readIndexJob(id, props),
  update: (id, olds, news) => updateIndexJob(id, olds, news),
  delete: (id, props) => deleteIndexJob(id, props),
};
