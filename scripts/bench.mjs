// Placeholder until the benchmarks land: says what `npm run bench` will measure.
console.log('npm run bench will compare opwire with raw Socket.IO in one run:');
console.log('fan-out, progress storm, idle connections, pattern registry, resume storm, Redis.');
console.log('The benchmarks are not written yet; nothing was measured.');
