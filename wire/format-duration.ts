// One way of saying how long something took, for the terminal and the pages alike: people read
// "340 ms" and "2 min 3 s", never "0.19478018699999997" or "0.0 s".

/** "<1 ms", "340 ms", "3.3 s", "42.5 s", "2 min 3 s", "1 h 2 min", from seconds (finite, not below 0). */
export function formatDuration(seconds: number): string {
  const milliseconds = Math.round(seconds * 1000);
  if (milliseconds < 1) {
    return '<1 ms';
  }
  if (milliseconds < 1000) {
    return `${milliseconds} ms`;
  }
  // Rounded before choosing the unit, so 59.96 s reads "1 min 0 s", not "60.0 s".
  const tenths = Math.round(seconds * 10);
  if (tenths < 600) {
    return `${(tenths / 10).toFixed(1)} s`;
  }
  const whole = Math.round(seconds);
  if (whole < 3600) {
    return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  }
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
