export { tempDir, type TempDirOptions } from './temp-dir.ts';
export { nodeSandbox, type NodeSandboxOptions } from './node-sandbox.ts';
export { pythonVenv, type PythonVenvOptions } from './python-venv.ts';
export { gitCheckout, type GitCheckoutOptions } from './git-checkout.ts';
export { svnCheckout, type SvnCheckoutOptions } from './svn-checkout.ts';
export { hgCheckout, type HgCheckoutOptions } from './hg-checkout.ts';
export type { CheckoutOptions } from './checkout/checkout-options.ts';
export { getCheckoutRevision } from './checkout/record-checkout.ts';
export { findContextProblems, validateContexts } from './checkout/validate-contexts.ts';
