/**
 * The enrollment domain: the E rules of DOMAIN.md as plain functions over snapshots, without I/O.
 * The application layer loads a PersonSnapshot, calls a decide* function and persists the effects in one transaction.
 */
export * from './types';
export { decideRegistration, type RegistrationCommand } from './registration';
export { decideSuspension, type SuspensionApplication } from './suspension';
export { decideRegistrationNotice, type RegistrationNotice, type NoticeOutcome } from './notice';
export type { NotSuspendedWhy } from './cross-province';
export { selectGraduates, selectYearEndLapses, selectNewbornsWithoutId, decideNewbornIdRecorded } from './batches';
export { DEFAULT_ENROLLMENT_POLICY, PolicyParameterName } from './policy';
export {
  decideConsentCompletion,
  type ConsentUnits,
  validateConsent,
  validateConsentForm,
  CONSENT_PROMISE_ZH,
  type ConsentForm,
  type ConsentProblem,
  type ConsentValidation,
} from './consent';
export { employeeCoverageEndsOn, findDoubleActive, lapseBefore } from './relations';
export { residentRegionOf, keptInTianjinByPriority, keptInTianjin, poolingRegionOf, isTianjin } from './regions';
export {
  validateRegistration,
  validateRegistrationNotice,
  validatePerson,
  validateContribution,
  validateRefund,
  validateCentralisedPeriod,
  decideResumption,
  type InputProblem,
  type Validated,
  type RegistrationInput,
  type RegistrationNoticeInput,
} from './validation';
export { refusals } from './messages';
