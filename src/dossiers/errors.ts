// Errors the dossier services raise; the HTTP and CLI layers map each kind to a status or line.

/** Bad input, naming the field: HTTP 400, a CSV line's reason. */
export class DossierInputError extends Error {
  override readonly name = 'DossierInputError';
  constructor(readonly field: string, reason: string) {
    super(`dossiers: ${field}: ${reason}`);
  }
}

export class DossierNotFoundError extends Error {
  override readonly name = 'DossierNotFoundError';
  constructor(code: string) {
    super(`dossiers: no dossier ${code}`);
  }
}

/** The request is well-formed but the dossier's state forbids it (a second extension). */
export class DossierConflictError extends Error {
  override readonly name = 'DossierConflictError';
  constructor(reason: string) {
    super(`dossiers: ${reason}`);
  }
}
