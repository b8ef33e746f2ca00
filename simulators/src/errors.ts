/** Every error the simulators raise, with a stable code and what a person can do about it. */
export const SIM_ERRORS = {
  SIM_API_UNREACHABLE: 'The platform API did not answer: check --api and that the platform is running',
  SIM_API_REFUSED: 'The platform API refused the request (see its code and message)',
  SIM_API_RESPONSE_INVALID: 'The platform API answered with a body the simulator does not understand: are the versions in step?',
  SIM_OPTIONS_INVALID: 'The simulator options are not valid',
  SIM_FILE_INVALID:
    'A fleet or recording file could not be read or is not in the expected format: check the path and the command that wrote it',
  SIM_FILE_EXISTS: 'The file already exists: the simulator does not overwrite a fleet file (it holds the only copy of device secrets)',
} as const;

export type SimErrorCode = keyof typeof SIM_ERRORS;

export interface SimulatorErrorDetails {
  /** HTTP status of a refused API request */
  readonly statusCode?: number;
  /** the API's own error code (e.g. API_LOGIN_FAILED) */
  readonly apiCode?: string;
  readonly cause?: unknown;
}

export class SimulatorError extends Error {
  readonly code: SimErrorCode;
  readonly statusCode: number | undefined;
  readonly apiCode: string | undefined;

  constructor(code: SimErrorCode, message: string, details: SimulatorErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SimulatorError';
    this.code = code;
    this.statusCode = details.statusCode;
    this.apiCode = details.apiCode;
  }
}
