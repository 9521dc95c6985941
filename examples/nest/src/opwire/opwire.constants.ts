/** Injection token of the options given to `OpwireModule.forRoot` / `forRootAsync`. */
export const OPWIRE_OPTIONS = Symbol('OPWIRE_OPTIONS');
