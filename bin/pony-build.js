#!/usr/bin/env node
// Works straight after `npm install`: TypeScript is loaded through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
