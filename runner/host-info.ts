import os from 'node:os';

/** The host name the original sends: the machine's name, not its FQDN lookup. */
export function getHostName(): string {
  return os.hostname();
}

const linuxMachineNames: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64', ia32: 'i686', arm: 'armv7l' };

/**
 * A platform string shaped like Python's `distutils.util.get_platform()`
 * (`linux-x86_64`), so tagsets from old Python clients and ours group together.
 */
export function getPlatformName(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  if (platform === 'win32') {
    return arch === 'x64' ? 'win-amd64' : arch === 'arm64' ? 'win-arm64' : 'win32';
  }
  if (platform === 'darwin') {
    return `macosx-${arch === 'x64' ? 'x86_64' : arch}`;
  }
  return `${platform}-${linuxMachineNames[arch] ?? arch}`;
}
