// `make -j` and regrtest `-j` want the number of CPUs this process may use, which inside a
// container or under taskset can be fewer than the machine has.
import os from 'node:os';

export function countCores(): number {
  return Math.max(1, os.availableParallelism());
}
