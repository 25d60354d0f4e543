export * from './provider';
export { HttpSmsProvider, type HttpSmsSettings } from './http';
export { LogSmsProvider } from './log';
