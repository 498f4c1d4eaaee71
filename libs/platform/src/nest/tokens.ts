/** Injection token of the parsed service configuration (BaseConfig plus the service's own settings). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const APP_LOGGER = Symbol('APP_LOGGER');
