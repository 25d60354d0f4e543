/**
 * The transfer domain: the T rules of DOMAIN.md (from 天津市基本医疗保险关系转移接续管理办法) as plain functions, without
 * I/O. The application layer loads the person's projected relations or the transfer, calls a function here with
 * `today`, and persists the outcome with its events in one transaction.
 */
export * from './types';
export { precheck, kindOf, type PrecheckResult } from './precheck';
export { problems, refusalOf, stepReasons, stepRefusals, fenText } from './messages';
export { isTianjin, directionOf, sidesOf } from './regions';
export {
  WORKING_DAYS,
  STEP_LABELS,
  openStep,
  standing,
  alertFor,
  type StepId,
  type OpenStep,
  type DeadlineFacts,
  type DeadlineStanding,
  type AlertLevel,
} from './deadlines';
export {
  FLOWS,
  initialStatus,
  isOpen,
  allowedActions,
  decideStep,
  type StepAction,
  type StepCommand,
  type StepDecision,
  type StatusChange,
  type AccountMovement,
  type TransferState,
  type Transition,
} from './workflow';
export {
  agencyOf,
  validateInfoSheet,
  type AgencyRef,
  type PersonRef,
  type ContactLetter,
  type InfoSheet,
  type InsurancePeriod,
  type FieldProblem,
} from './documents';
export { canonicalJson, sealedContent, SEAL_DOCUMENT_TYPE } from './seal';
export { validateApplication, validateReceivedLetter } from './validation';
