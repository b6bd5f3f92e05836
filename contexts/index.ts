export { tempDir, type TempDirOptions } from './temp-dir.ts';
export { nodeSandbox, type NodeSandboxOptions } from './node-sandbox.ts';
export { pythonVenv, type PythonVenvOptions } from './python-venv.ts';
