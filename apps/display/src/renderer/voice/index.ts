// Voice announcements for the wall display (docs/voice.md).
export * from './announcer.ts';
export * from './backends.ts';
