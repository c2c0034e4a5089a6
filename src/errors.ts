/** A problem with what the user asked for (bad flag, unknown ref, not a repository): one line, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
