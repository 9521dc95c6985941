export { OpwireError } from '@opwire/client';
