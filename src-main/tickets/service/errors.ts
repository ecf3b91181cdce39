/** What the ticket service refuses, in words for the person who asked; the handlers give each its error code. */

export class TicketNotFoundError extends Error {
  constructor(what: string) {
    super(`There is no ticket ${what}.`);
    this.name = 'TicketNotFoundError';
  }
}

/** The ticket is not in a state that allows it (any more): someone else changed it, or the workflow forbids it. */
export class TicketConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TicketConflictError';
  }
}

/** A value that cannot be, named by its field for the form. */
export class TicketInputError extends Error {
  constructor(
    message: string,
    readonly path: string[],
  ) {
    super(message);
    this.name = 'TicketInputError';
  }
}
