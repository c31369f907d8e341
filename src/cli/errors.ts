/** A command was called with words it cannot use; exits 2 with the usage line. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}
