/** Injection token of the sample app's `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');
