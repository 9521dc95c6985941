/**
 * Milliseconds on the machine's monotonic clock. Every process on the machine
 * reads the same clock, so a timestamp taken by the server can be compared
 * with one taken by the load generator.
 * @returns {number}
 */
export function now() {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}

/**
 * Milliseconds of CPU time (user + system) this process used since `start`.
 * @param {NodeJS.CpuUsage} start
 * @returns {number}
 */
export function cpuMsSince(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e3;
}
