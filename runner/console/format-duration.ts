// The terminal says durations as the pages do; a step that never reported one reads as "<1 ms".
export { formatDuration } from '../../wire/format-duration.ts';
