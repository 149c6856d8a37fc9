import { ApiError, type ErrorCode } from "./errors";

interface StringRule {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  oneOf?: readonly string[];
  pattern?: RegExp;
  patternHint?: string;
}

interface NumberRule {
  required?: boolean;
  min?: number;
  max?: number;
}

/**
 * Typed, validated access to the query and form parameters of one request. Every failure is an
 * `ApiError` whose message names the parameter, the value received and what is accepted.
 */
export class RequestParams {
  constructor(
    private readonly values: Map<string, string>,
    private readonly invalidCode: ErrorCode,
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string, rule: StringRule = {}): string | undefined {
    const value = this.values.get(name);
    if (value === undefined || value === "") {
      if (rule.required) {
        throw this.invalid(`Required parameter(${name}) missing or invalid: it is missing.`);
      }
      return undefined;
    }
    const length = [...value].length;
    if (rule.minLength !== undefined && length < rule.minLength) {
      throw this.invalid(
        `Parameter ${name} is invalid: ${quote(value)} has ${length} characters, at least ${rule.minLength} are required.`,
      );
    }
    if (rule.maxLength !== undefined && length > rule.maxLength) {
      throw this.invalid(
        `Parameter ${name} is invalid: ${quote(value)} has ${length} characters, at most ${rule.maxLength} are allowed.`,
      );
    }
    if (rule.oneOf && !rule.oneOf.includes(value)) {
      throw this.invalid(
        `Parameter ${name} is invalid: ${quote(value)} is not one of ${rule.oneOf.join(", ")}.`,
      );
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      throw this.invalid(`Parameter ${name} is invalid: ${quote(value)}; ${rule.patternHint}.`);
    }
    return value;
  }

  requiredString(name: string, rule: StringRule = {}): string {
    return this.string(name, { ...rule, required: true }) as string;
  }

  number(name: string, rule: NumberRule = {}): number | undefined {
    const raw = this.string(name, { required: rule.required });
    if (raw === undefined) {
      return undefined;
    }
    const value = Number(raw);
    if (!/^-?\d+(\.\d+)?$/.test(raw.trim()) || !Number.isFinite(value)) {
      throw this.invalid(`Parameter ${name} is invalid: ${quote(raw)} is not a number.`);
    }
    if (
      (rule.min !== undefined && value < rule.min) ||
      (rule.max !== undefined && value > rule.max)
    ) {
      throw this.invalid(
        `Parameter ${name} is invalid: ${raw} is outside the range ${rule.min ?? "-∞"} to ${rule.max ?? "∞"}.`,
      );
    }
    return value;
  }

  integer(name: string, rule: NumberRule = {}): number | undefined {
    const value = this.number(name, rule);
    if (value !== undefined && !Number.isInteger(value)) {
      throw this.invalid(`Parameter ${name} is invalid: ${value} is not a whole number.`);
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const raw = this.string(name);
    if (raw === undefined) {
      return undefined;
    }
    if (raw !== "true" && raw !== "false") {
      throw this.invalid(`Parameter ${name} is invalid: ${quote(raw)} is not true or false.`);
    }
    return raw === "true";
  }

  /** Reads a list parameter, which the API expects as a JSON array string such as `["a","b"]`. */
  stringList(name: string, required = false): string[] | undefined {
    this.rejectFlattened(name);
    const raw = this.string(name, { required });
    if (raw === undefined) {
      return undefined;
    }
    const parsed = this.parseJson(name, raw);
    if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== "string" || item === "")) {
      throw this.invalid(
        `Parameter ${name} is invalid: ${quote(raw)} must be a JSON array of non-empty strings.`,
      );
    }
    return parsed as string[];
  }

  /** Reads a JSON parameter (object or array) and checks only that it parses. */
  json(name: string): unknown {
    this.rejectFlattened(name);
    const raw = this.string(name);
    return raw === undefined ? undefined : this.parseJson(name, raw);
  }

  invalid(message: string): ApiError {
    return new ApiError(this.invalidCode, message);
  }

  private parseJson(name: string, raw: string): unknown {
    try {
      return JSON.parse(raw);
    } catch {
      throw this.invalid(`Parameter ${name} is invalid: ${quote(raw)} is not valid JSON.`);
    }
  }

  // Clients that pass arrays through OpenApiUtil.query send `Name.1=a&Name.2=b`; the API
  // expects one JSON string instead, so name the fix.
  private rejectFlattened(name: string): void {
    if (
      !this.values.has(name) &&
      [...this.values.keys()].some((key) => key.startsWith(`${name}.`))
    ) {
      throw this.invalid(
        `Parameter ${name} is invalid: it arrived flattened as ${name}.1, ${name}.2, ...; send it as one JSON array string such as ["id1","id2"].`,
      );
    }
  }
}

function quote(value: string): string {
  const excerpt = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(excerpt);
}
