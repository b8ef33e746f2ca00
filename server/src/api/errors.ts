/** Every API error: a stable code, the HTTP status, and a message a person can act on. */
export const API_ERRORS = {
  API_UNAUTHENTICATED: { statusCode: 401, message: 'Log in first: send Authorization: Bearer <token> from POST /api/v1/auth/login' },
  API_SESSION_EXPIRED: { statusCode: 401, message: 'Your session has ended; log in again' },
  API_LOGIN_FAILED: { statusCode: 401, message: 'Unknown username or wrong password' },
  API_LOGIN_THROTTLED: { statusCode: 429, message: 'Too many failed sign-ins: wait before trying again (see Retry-After)' },
  API_FORBIDDEN: { statusCode: 403, message: 'Your role does not allow this' },
  API_PATIENT_NOT_FOUND: { statusCode: 404, message: 'No such patient, or not one of your care teams’ patients' },
  API_ALERT_NOT_FOUND: { statusCode: 404, message: 'No such alert, or not one of your care teams’ alerts' },
  API_ALERT_NOT_OPEN: {
    statusCode: 409,
    message: 'This alert is no longer open: someone acknowledged or resolved it; the queue has been refreshed',
  },
  API_ASSIGNEE_NOT_IN_TEAM: { statusCode: 400, message: 'Alerts can be assigned only to members of the patient’s care teams' },
  API_DEVICE_NOT_FOUND: { statusCode: 404, message: 'No such device, or not a device of your care teams’ patients' },
  API_DEVICE_INACTIVE: { statusCode: 409, message: 'This device has been deactivated; register a new device for the patient instead' },
  API_DEVICE_SAME_PATIENT: { statusCode: 409, message: 'The device is already assigned to this patient' },
  API_DEVICE_CHANGED: {
    statusCode: 409,
    message: 'Someone else changed this device meanwhile (reassigned or deactivated it); reload it and try again',
  },
  API_TEAM_NOT_FOUND: { statusCode: 404, message: 'No such care team' },
  API_TEAM_REQUIRED: { statusCode: 400, message: 'Name the care team (teamId) that will follow this patient' },
  API_USERNAME_TAKEN: { statusCode: 409, message: 'That username is taken' },
  API_USER_NOT_FOUND: { statusCode: 404, message: 'No such user' },
  API_SELF_DISABLE: { statusCode: 409, message: 'You cannot disable your own account; ask another administrator' },
  API_LAST_ADMIN: {
    statusCode: 409,
    message: 'This is the last active administrator: create or re-enable another administrator first',
  },
  API_CURRENT_PASSWORD_WRONG: { statusCode: 400, message: 'The current password is not right' },
  API_THRESHOLD_INVALID: { statusCode: 400, message: 'No such threshold for this patient, or the value is outside its plausible range' },
  API_PASSPORT_ENTRY_NOT_FOUND: { statusCode: 404, message: 'No such entry in this patient’s passport' },
  API_PASSPORT_ENTRY_ENDED: { statusCode: 409, message: 'This passport entry has been ended; record a new entry instead' },
  API_PASSPORT_ENTRY_CHANGED: {
    statusCode: 409,
    message: 'Someone changed this passport entry meanwhile; reload the passport and apply your change to the current version',
  },
  API_PASSPORT_SECTION_MISMATCH: { statusCode: 400, message: 'The corrected data must be of the entry’s own section' },
  API_PASSPORT_SINGLE_ENTRY: {
    statusCode: 409,
    message: 'This section holds one entry at a time: supersede the current one instead of adding another',
  },
  API_PORTAL_NOT_LINKED: { statusCode: 404, message: 'Your account is not linked to a patient record; ask your clinic to link it' },
  API_CORRECTION_NOT_FOUND: { statusCode: 404, message: 'No such correction request, or not one of your care teams’ patients' },
  API_CORRECTION_STATUS_INVALID: {
    statusCode: 409,
    message: 'A correction request moves open → accepted → done (or rejected); rejected and done are final',
  },
  API_VALIDATION_FAILED: { statusCode: 400, message: 'The request is not valid' },
  API_NOT_FOUND: { statusCode: 404, message: 'No such route' },
  API_INFLUX_UNAVAILABLE: { statusCode: 503, message: 'The time-series store is not answering; try again shortly' },
  API_INTERNAL: { statusCode: 500, message: 'Something went wrong on our side; it has been logged' },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly statusCode: number;
  constructor(code: ApiErrorCode, message?: string) {
    super(message ?? API_ERRORS[code].message);
    this.code = code;
    this.statusCode = API_ERRORS[code].statusCode;
  }
}
