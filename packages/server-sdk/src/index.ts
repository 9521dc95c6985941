export { OpwireError } from '@opwire/protocol';
