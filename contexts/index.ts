export { tempDir, type TempDirOptions } from './temp-dir.ts';
