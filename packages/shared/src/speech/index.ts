// Spoken announcements: Vietnamese number reading, announcement plans and the clip catalogue.
export {
  type AnnouncementCall,
  type AnnouncementPlan,
  type AnnouncementSegment,
  announcementPlan,
  announcementText,
  DEFAULT_VOICE_SETTINGS,
  type DisplayNumberPart,
  parseDisplayNumber,
  type VoiceSettings,
} from './announcement.ts';
export {
  type ClipEntry,
  clipCatalog,
  clipIdsFor,
  clipText,
  VOICE_FOLDERS,
  type VoiceFolder,
} from './clips.ts';
export {
  type Dialect,
  MAX_SPOKEN_NUMBER,
  type NumberMode,
  readDigitsVi,
  readNumberVi,
} from './numbers-vi.ts';
