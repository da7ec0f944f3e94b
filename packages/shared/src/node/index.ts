// Server-side pieces shared by the hub and the city server (Node only): `@luot/shared/node`.
export * from './password-hash.ts';
export * from './signature.ts';
