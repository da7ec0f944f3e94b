export * from './security.ts';
export * from './token.ts';
