/**
 * The titles of an operation's end toasts, chosen by the server when it starts the operation
 * and carried in its `operation.started` event and its snapshot, so every client (and a
 * client that takes the operation back after a reload) shows the same ones. A missing title
 * falls back to the operation's `title`, then its `type`.
 */
export type OperationToastTitles = {
  /** Title of the `success` toast when the operation succeeds. */
  success?: string | undefined;
  /** Title of the `error` toast when the operation fails. */
  failure?: string | undefined;
  /** Title of the `warning` toast when the operation is cancelled. */
  cancelled?: string | undefined;
};

/**
 * The toast id every toast of one operation shares, `operation:{operationId}`: a client
 * shows its loading toast and replaces it in place with the end toast.
 */
export function operationToastId(operationId: string): string {
  return `operation:${operationId}`;
}
