/** Injection token of the options `OpwireModule.forRoot()` or `forRootAsync()`'s factory gave. */
export const OPWIRE_MODULE_OPTIONS = Symbol('OPWIRE_MODULE_OPTIONS');

/** Injection token of the path opwire's HTTP routes are served under (`false`: not served). */
export const OPWIRE_HTTP_PATH = Symbol('OPWIRE_HTTP_PATH');
