/**
 * The wire contract shared by the server and the client: message envelope, request and acknowledgement schemas, the operation snapshot and its reducer, topic patterns and room names.
 *
 * @module @opwire/protocol
 */

export type { AckReaders, FailedAck } from './ackReaders.js';
export {
  ACK_READERS,
  readAckError,
  readFailedAck,
  readResumeResult,
} from './ackReaders.js';
export {
  ackErrorSchema,
  cancelOperationAckSchema,
  failedAckSchema,
  getOperationAckSchema,
  joinAckSchema,
  leaveAckSchema,
  listOperationsAckSchema,
  reauthenticateAckSchema,
  resumeAckSchema,
  resumeResultSchema,
} from './ackSchemas.js';
export type {
  Ack,
  AckError,
  CancelOperationAck,
  GetOperationAck,
  JoinAck,
  LeaveAck,
  ListOperationsAck,
  ReauthenticateAck,
  ResumeAck,
  ResumeResult,
} from './acks.js';
export { ackError, ackOk } from './acks.js';
export type {
  Envelope,
  TableAction,
  TableRefreshPayload,
  ToastPayload,
  ToastType,
} from './envelope.js';
export { TABLE_ACTIONS, TABLE_REFRESH_TOPIC, TOAST_TOPIC, TOAST_TYPES } from './envelope.js';
export {
  envelopeSchema,
  tableRefreshPayloadSchema,
  toastPayloadSchema,
} from './envelopeSchemas.js';
export type { LocalErrorCode, OpwireErrorCode, WireErrorCode } from './errorCodes.js';
export {
  isOpwireErrorCode,
  isWireErrorCode,
  LOCAL_ERROR_CODES,
  WIRE_ERROR_CODES,
} from './errorCodes.js';
export { envelopeOfEvent } from './eventEnvelope.js';
export { readOperationEvent } from './eventReaders.js';
export type { HandshakeAuth, Hello } from './hello.js';
export { handshakeAuthSchema, helloSchema } from './helloSchemas.js';
export { idProblem, isValidId, MAX_ID_LENGTH } from './ids.js';
export {
  readEnvelope,
  readHello,
  readPrincipal,
  readTableRefresh,
  readToast,
} from './messageReaders.js';
export type {
  OperationError,
  OperationSnapshot,
  OperationStatus,
  TerminalStatus,
} from './operation.js';
export { isTerminalStatus, OPERATION_STATUSES, TERMINAL_STATUSES } from './operation.js';
export type {
  OperationCancelledPayload,
  OperationCompletedPayload,
  OperationEvent,
  OperationEventOf,
  OperationFailedPayload,
  OperationProgressPayload,
  OperationRequeuedPayload,
  OperationStartedPayload,
  OperationTopic,
} from './operationEvent.js';
export { isOperationTopic, OPERATION_TOPICS } from './operationEvent.js';
export {
  operationCancelledPayloadSchema,
  operationCompletedPayloadSchema,
  operationEventSchema,
  operationFailedPayloadSchema,
  operationProgressPayloadSchema,
  operationRequeuedPayloadSchema,
  operationStartedPayloadSchema,
} from './operationEventSchemas.js';
export type { OperationFailureCode } from './operationFailure.js';
export {
  isOperationFailureCode,
  OPERATION_FAILURE_CODES,
  OPERATION_FAILURE_MESSAGES,
} from './operationFailure.js';
export type { OperationFrame } from './operationFrame.js';
export { decodeOperationFrame, encodeOperationEvent, FRAME_TOPICS } from './operationFrame.js';
export {
  readOperationError,
  readSnapshot,
  readSnapshots,
  readToastTitles,
} from './operationReaders.js';
export {
  operationErrorSchema,
  operationSnapshotSchema,
  toastTitlesSchema,
} from './operationSchemas.js';
export type { OperationToastTitles } from './operationToasts.js';
export { operationToastId } from './operationToasts.js';
export type {
  IsTypedOperation,
  OperationDetailsOf,
  OperationResultOf,
  OperationStageOf,
  OperationTypeSlots,
  TypedOperation,
} from './operationTypes.js';
export type { OpwireErrorOptions } from './opwireError.js';
export { isOpwireError, OpwireError } from './opwireError.js';
export { PatternRegistry } from './patternRegistry.js';
export type { Principal } from './principal.js';
export { principalSchema } from './principalSchemas.js';
export { publicEvent, publicSnapshot } from './publicProjection.js';
export type { ApplyOutcome, ApplyResult } from './reducer.js';
export { applyOperationEvent, clampPercent } from './reducer.js';
export {
  cancelOperationRequestSchema,
  getOperationRequestSchema,
  joinRequestSchema,
  leaveRequestSchema,
  listOperationsRequestSchema,
  namedRoomsSchema,
  reauthenticateRequestSchema,
  requestSchemas,
  resumeRequestSchema,
} from './requestSchemas.js';
export type {
  CancelOperationRequest,
  GetOperationRequest,
  JoinRequest,
  LeaveRequest,
  ListOperationsRequest,
  ReauthenticateRequest,
  ResumeRequest,
} from './requests.js';
export { HTTP_ROOMS_PARAM, MAX_NAMED_ROOMS, MAX_RESUME_OPERATIONS } from './requests.js';
export type { BuiltInRoom, ParsedRoom } from './rooms.js';
export {
  isValidRoom,
  MAX_ROOM_LENGTH,
  operationRoom,
  PLATFORM_ROOM,
  parseRoom,
  roomProblem,
  tenantRoleRoom,
  tenantRoom,
  userRoom,
} from './rooms.js';
export type { RoomTemplate } from './roomTemplate.js';
export { compileRoomTemplate } from './roomTemplate.js';
export type { SequenceResult } from './sequencer.js';
export { sequenceOperationEvents } from './sequencer.js';
export type { RequestEventName } from './socketEvents.js';
export { SOCKET_EVENTS } from './socketEvents.js';
export type { ClientToServerEvents, ServerToClientEvents } from './socketTypes.js';
export {
  assertPattern,
  assertTopic,
  isValidPattern,
  isValidTopic,
  MAX_TOPIC_LENGTH,
  MAX_TOPIC_SEGMENTS,
  MULTI_WILDCARD,
  patternProblem,
  SINGLE_WILDCARD,
  splitTopic,
  topicProblem,
} from './topic.js';
export type { ProtocolVersion, ReadableProtocolVersion } from './version.js';
export {
  acceptsClientVersions,
  HANDSHAKE_VERSION,
  isReadableProtocolVersion,
  PROTOCOL_VERSION,
  READABLE_PROTOCOL_VERSIONS,
} from './version.js';
