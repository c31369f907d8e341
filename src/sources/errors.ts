// Typed fetch and parse failures. Each carries a stable `code` (metrics label, source state)
// and a message that tells the operator what to do about it.

export type FetchErrorCode =
  'TIMEOUT' | 'TOO_LARGE' | 'TOO_MANY_REDIRECTS' | 'REDIRECT_LOOP' | 'BLOCKED_ADDRESS' | 'HTTP_STATUS' | 'NETWORK' | 'DNS' | 'BAD_URL' | 'ABORTED';

export type ParseErrorCode = 'NOT_A_FEED' | 'MALFORMED' | 'UNSAFE_XML' | 'EMPTY';

export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly url: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ParseError extends Error {
  override readonly name = 'ParseError';
  /** For EMPTY: the feed's title when it had one. */
  readonly feedTitle?: string;
  constructor(
    readonly code: ParseErrorCode,
    message: string,
    options?: { cause?: unknown; feedTitle?: string },
  ) {
    super(message, options);
    this.feedTitle = options?.feedTitle;
  }
}

/** The code of a FetchError/ParseError (or any error with a string `code`), else 'UNKNOWN'. */
export function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    return (err as { code: string }).code;
  }
  return 'UNKNOWN';
}
