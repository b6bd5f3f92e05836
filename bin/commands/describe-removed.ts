// How the admin commands say what they removed.

export function formatTagset(visibleTags: string[]): string {
  return visibleTags.length === 0 ? '(no tags)' : visibleTags.join(' ');
}

export function formatTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
}

export function formatCount(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
