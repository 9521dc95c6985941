import { demoSession } from '@opwire-examples/demo-kit/browser';

export { type Session, startImport } from '@opwire-examples/demo-kit/browser';
export const { savedSession, logIn } = demoSession('opwire-svelte-session');
