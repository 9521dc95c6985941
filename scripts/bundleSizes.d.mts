/** One bundle to measure: the source of a file a browser app could write. */
export interface BundleSpec {
  name: string;
  what?: string;
  source: string;
  external?: string[];
}

/** What one bundle weighs and which heavy packages left bytes in it. */
export interface BundleSize {
  name: string;
  minified: number;
  gzip: number;
  pulls: string[];
  /** opwire's own modules that left bytes in it, as `package/file`, e.g. `client-sdk/httpApi.js`. */
  modules: string[];
}

export const BUNDLES: BundleSpec[];
export function measure(bundle: BundleSpec): Promise<BundleSize>;
export function measureAll(): Promise<(BundleSize & { what: string })[]>;
