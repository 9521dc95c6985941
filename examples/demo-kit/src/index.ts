export {
  DEMO_JWT_SECRET,
  DEMO_PASSWORD,
  demoAuth,
  demoLogin,
  type LoginResult,
  userFromAuthorization,
} from './auth.js';
export {
  IMPORT_STAGES,
  type ImportDetails,
  ImportError,
  type ImportRequest,
  type ImportResult,
  type ImportStage,
  importDurationMs,
  importSpeed,
  parseImportRequest,
  type RunImportOptions,
  runUserImport,
  userImport,
} from './importJob.js';
export {
  DEMO_USERS,
  type DemoUser,
  type DirectoryUser,
  findDemoUser,
  UserDirectory,
} from './users.js';
