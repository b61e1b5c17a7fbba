/** The transports model (issue 12): one import for views and lessons. */
export * from './types';
export * from './defaults';
export { generateEvents } from './events';
export { simulateTransports, validateOptions } from './simulate';
export * from './summary';
