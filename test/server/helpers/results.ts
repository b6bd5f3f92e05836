// Example bags as the original client sends them.

export function makeClientInfo(overrides: Record<string, unknown> = {}) {
  return {
    package: 'widget',
    host: 'builder-1',
    arch: 'linux-x86_64',
    success: true,
    tags: ['node20'],
    duration: 42.5,
    ...overrides,
  };
}

export function makeStep(overrides: Record<string, unknown> = {}) {
  return {
    name: 'make',
    type: 'build',
    status: 0,
    output: 'compiling...\ndone\n',
    errout: '',
    command: ['make', '-j', '2'],
    duration: 3.25,
    ...overrides,
  };
}
