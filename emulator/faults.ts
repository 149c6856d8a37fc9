// Fault injection: rules that make the next calls of an operation fail in a chosen way.

export type FaultKind = "server-error" | "throttle" | "slow" | "drop" | "malformed";

export interface FaultRule {
  /** Operation name such as "GetIndexJobStatus", or "*" for every operation. */
  operation: string;
  kind: FaultKind;
  /** Number of matching calls the rule applies to; default 1 unless `probability` is set. */
  count?: number;
  /** Chance from 0 to 1 that a matching call is affected; default 1. */
  probability?: number;
  /** HTTP status for "server-error" (500 to 599, default 503). */
  status?: number;
  /** Delay in real milliseconds for "slow" (default 1000). */
  delayMs?: number;
}

const KINDS: readonly FaultKind[] = ["server-error", "throttle", "slow", "drop", "malformed"];

interface ActiveRule {
  rule: FaultRule;
  /** Calls left; Infinity for probability-only rules. */
  remaining: number;
}

/** Validates a rule, naming the field, the value and the accepted values. */
export function checkFaultRule(rule: FaultRule): void {
  if (typeof rule.operation !== "string" || rule.operation === "") {
    throw new Error(
      `Fault rule operation must be an operation name or "*"; got ${JSON.stringify(rule.operation)}.`,
    );
  }
  if (!KINDS.includes(rule.kind)) {
    throw new Error(
      `Fault rule kind must be one of ${KINDS.join(", ")}; got ${JSON.stringify(rule.kind)}.`,
    );
  }
  if (rule.count !== undefined && (!Number.isInteger(rule.count) || rule.count < 1)) {
    throw new Error(`Fault rule count must be a whole number of 1 or more; got ${rule.count}.`);
  }
  const probability = rule.probability;
  if (probability !== undefined && !(probability >= 0 && probability <= 1)) {
    throw new Error(`Fault rule probability must be from 0 to 1; got ${probability}.`);
  }
  if (
    rule.status !== undefined &&
    !(Number.isInteger(rule.status) && rule.status >= 500 && rule.status <= 599)
  ) {
    throw new Error(
      `Fault rule status must be an HTTP status from 500 to 599; got ${rule.status}.`,
    );
  }
  if (rule.delayMs !== undefined && !(Number.isFinite(rule.delayMs) && rule.delayMs >= 0)) {
    throw new Error(`Fault rule delayMs must be 0 or more milliseconds; got ${rule.delayMs}.`);
  }
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  /** Number of calls a fault was applied to. */
  applied = 0;

  add(rule: FaultRule): void {
    checkFaultRule(rule);
    const remaining = rule.count ?? (rule.probability !== undefined ? Infinity : 1);
    this.rules.push({ rule: { ...rule }, remaining });
  }

  clear(): void {
    this.rules = [];
  }

  /** Returns the first rule that fires for this call and uses up one of its calls. */
  next(operation: string): FaultRule | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.operation !== "*" && rule.operation !== operation) {
        continue;
      }
      if (rule.probability !== undefined && Math.random() >= rule.probability) {
        continue;
      }
      active.remaining -= 1;
      this.rules = this.rules.filter((candidate) => candidate.remaining > 0);
      this.applied += 1;
      return rule;
    }
    return undefined;
  }
}
