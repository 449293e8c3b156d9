/**
 * The one error type of the service. Use cases throw it (or a subclass); the error
 * handler turns it into an RFC 9457 problem+json body. `code` is stable and
 * machine-readable; `detail` is for people.
 */
export interface FieldError {
  /** JSON pointer-ish path of the offending field, e.g. "chain.0.sourceId". */
  field: string;
  message: string;
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError(404, "not_found", `${what} was not found.`);

export const badRequest = (message: string, errors?: FieldError[]) =>
  new AppError(400, "invalid_request", message, errors ? { errors } : {});

export const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [k: string]: unknown;
}

export function problemType(code: string): string {
  return `https://claimtrail.dev/problems/${code.replace(/_/g, "-")}`;
}
