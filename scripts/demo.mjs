// Placeholder until the examples land: says what `npm run demo` will start.
console.log(
  'npm run demo will start the Express example with the React demo app on an in-memory store:',
);
console.log('log in as a demo user, start an import, and watch its progress live.');
console.log('The examples are not built yet; nothing was started.');
