// A build runs unattended: git must fail on a URL that wants a password instead of waiting
// for someone to type one.
export const GIT_STEP_ENV: Readonly<Record<string, string>> = { GIT_TERMINAL_PROMPT: '0' };
