/**
 * A failure of an analysis a user can read: `code` is stable for machines,
 * `message` is for people. Permanent unless marked transient (worth a retry).
 */
export class AnalysisError extends Error {
  readonly transient: boolean;
  constructor(readonly code: string, message: string, options: { transient?: boolean } = {}) {
    super(message);
    this.name = "AnalysisError";
    this.transient = options.transient ?? false;
  }
}
