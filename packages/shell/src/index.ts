export * from './app.ts';
export * from './security.ts';
export * from './token.ts';
