/** The person dismissed a prompt: the command stops without a message. */
export class UserCancelledError extends Error {
  override name = 'UserCancelledError';
  constructor() {
    super('Cancelled by the user.');
  }
}

/** An error whose message is already a sentence for a person (no stack, no status). */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(
    message: string,
    /** The tenant the error is about, so that the error path can offer "Update Credentials…". */
    readonly origin?: string,
    readonly needsCredentials = false,
  ) {
    super(message);
  }
}
