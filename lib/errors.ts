/** An error meant for the user: an HTTP status, a stable code and a readable message. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** A 400 naming the request field that is wrong. */
export function invalidField(field: string, message: string): AppError {
  return new AppError(400, "invalid_request", `${field}: ${message}`, field);
}

/** A 404 for a resource that does not exist or is not visible. */
export function notFound(what: string): AppError {
  return new AppError(404, "not_found", `${what} not found`);
}
