/**
 * English strings. This object's shape is the shape of every language (see translations.ts): a key added here must
 * be added to kk.ts and ru.ts too, or the typecheck and resources.test.ts fail.
 *
 * Plural forms are avoided on purpose ("Open: 3", not "3 open alerts"): Russian has four plural categories and
 * English two, so plural keys could not be identical across languages.
 */
export const en = {
  app: {
    name: 'Remote patient monitoring',
  },
  language: {
    label: 'Language',
  },
  login: {
    title: 'Sign in',
    intro: 'Care-team access. Use the account your administrator gave you.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    missing: 'Enter your username and password.',
    failed: 'Wrong username or password.',
    unreachable: 'The server cannot be reached. Check the network and try again.',
    error: 'Sign-in failed (error {{code}}). Try again or contact support.',
    sessionExpired: 'Your session has ended. Please sign in again.',
    signedOut: 'You have signed out.',
    sessionEnded: 'Your session was ended. Please sign in again.',
  },
  header: {
    user: 'Signed in as',
    signOut: 'Sign out',
  },
  roles: {
    admin: 'Administrator',
    clinician: 'Clinician',
    ops: 'Operations',
    patient: 'Patient',
  },
  connection: {
    label: 'Connection',
    live: 'Live',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    reconnectingDetail: 'Connection lost. The list may be out of date until it is restored.',
  },
  queue: {
    title: 'Alert queue',
    summary: 'Open: {{open}} · Acknowledged: {{acknowledged}}',
    timeZone: 'Times are Almaty time ({{offset}}).',
    loading: 'Loading alerts…',
    loadFailed: 'Alerts could not be loaded. Retrying…',
    forbidden: 'Your role does not have access to the alert queue.',
    invalid: 'Some alerts could not be displayed ({{invalid}}). Please tell the support team.',
    emptyTitle: 'No open alerts',
    emptyBody: 'Nothing needs attention right now. The queue is live: new alerts appear here as soon as they are raised.',
    emptyNotLiveTitle: 'No alerts shown',
    emptyNotLive: 'Not connected: the queue cannot confirm that there are no alerts.',
    lastChecked: 'Last checked {{time}}',
    liveSince: 'Live · in sync since {{time}}',
    announce: 'New alert, {{priority}} priority: {{patient}}, {{rule}}',
  },
  alert: {
    priority: 'Priority',
    measured: 'Measured',
    occurrences: 'Occurrences',
    status: 'Status',
    backfilled: 'Backfilled',
    backfilledDetail: 'received {{delay}} after measurement',
    acknowledge: 'Acknowledge',
    acknowledging: 'Acknowledging…',
    acknowledgeFailed: 'Could not acknowledge. Try again.',
    acknowledgedAt: 'at {{time}}',
    acknowledgedByName: 'by {{name}} at {{time}}',
    acknowledgedByYou: 'by you at {{time}}',
  },
  priority: {
    high: 'High',
    medium: 'Medium',
    low: 'Low',
  },
  status: {
    open: 'Open',
    acknowledged: 'Acknowledged',
    resolved: 'Resolved',
  },
  age: {
    justNow: 'just now',
    ago: '{{duration}} ago',
  },
  /** abbreviations after a number: they do not inflect, so no plural forms are needed */
  duration: {
    minute: '{{n}}\u00a0min',
    hour: '{{n}}\u00a0h',
    day: '{{n}}\u00a0d',
  },
  vitals: {
    heart_rate: 'Heart rate',
    spo2: 'SpO₂ (oxygen saturation)',
    respiratory_rate: 'Respiratory rate',
    body_temperature: 'Body temperature',
    blood_pressure: 'Blood pressure',
    body_weight: 'Body weight',
    blood_glucose: 'Blood glucose',
  },
  /** SI / UCUM units as people write them (the catalogue's canonical units: /min, %, Cel, mm[Hg], kg, mmol/L) */
  units: {
    heart_rate: '/min',
    spo2: '%',
    respiratory_rate: '/min',
    body_temperature: '°C',
    blood_pressure: 'mmHg',
    body_weight: 'kg',
    blood_glucose: 'mmol/L',
  },
  /** names of alert `params` */
  params: {
    value: 'value',
    systolic: 'systolic',
    diastolic: 'diastolic',
  },
  /** one key per server rule id (server/src/rules); params are pre-formatted numbers */
  rules: {
    spo2_low: 'SpO₂ {{value}}% — below 92%',
  },
  /** a rule this dashboard does not know yet: the reading type and the triggering values */
  ruleFallback: '{{reading}}: {{values}} (rule {{ruleId}})',
};
