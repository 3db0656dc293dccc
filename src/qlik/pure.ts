// Everything a webview or the UI may import without pulling in axios or Node: input checks, durations,
// URL rules, JSON Patch bodies, endpoints and the message table.
export * from './arn';
export * from './duration';
export * from './tenantUrl';
export * from './jsonPatch';
export * from './endpoints';
export * from './regionRule';
export * from './keyPreflight';
export * from './scim';
export * from './currentKey';
export { statusMessages, KIND_MESSAGES, messageFor, fallbackMessage } from './messages';
export { parseQlikDate, NEVER_DATE, QLIK_MANAGED_ARN, type QlikDate } from './model';
