import type { RegistrationNotice as NoticeFacts } from '../domain';
import type {
  PersonEntity,
  RegistrationNoticeEntity,
  RelationEntity,
  RelationHistoryEntity,
  SuspensionApplicationEntity,
} from '../entities';
import type { EnrollmentContext } from '../context';
import { parseArgs } from './edge';
import { mapErrors } from './errors';
import { idArgs } from './persons.inputs';
import {
  applySuspensionArgs,
  registerRelationArgs,
  registerRelationDomain,
  registrationNoticeArgs,
  registrationNoticeDomain,
  relationChangeArgs,
} from './relations.inputs';
import { todayOf, type Resolvers } from './types';

/**
 * 参保关系: registration (即参即停), suspension applications (E15), staff corrections, the national platform's notices
 * (E5, E8), and the rights record (history, applications, notices) of a person.
 */
export const relationResolvers: Resolvers = {
  Query: {
    relation: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.queries.relation(parseArgs(idArgs, args).id, ctx.identity)),
  },
  Mutation: {
    registerRelation: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => {
        const { input } = parseArgs(registerRelationArgs, args, registerRelationDomain(todayOf(ctx)));
        return ctx.app.relations.register(input, ctx.identity);
      }),
    applySuspension: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.relations.suspend(parseArgs(applySuspensionArgs, args).input, ctx.identity)),
    resumeRelation: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(
        () => {
          const { id, reason } = parseArgs(relationChangeArgs, args);
          return ctx.app.relations.resume(id, reason, ctx.identity);
        },
        { prefix: '', rename: { relationId: 'id' } },
      ),
    terminateRelation: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(
        () => {
          const { id, reason } = parseArgs(relationChangeArgs, args);
          return ctx.app.relations.terminate(id, reason, ctx.identity);
        },
        { prefix: '', rename: { relationId: 'id' } },
      ),
    recordRegistrationNotice: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(
        () => {
          const { input } = parseArgs(registrationNoticeArgs(todayOf(ctx)), args, registrationNoticeDomain);
          return ctx.app.relations.recordNotice(input, ctx.identity);
        },
        { rename: { notice: 'registration' } },
      ),
  },
  Person: {
    relations: (p: PersonEntity, _: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.queries.relationsOf(p.id, ctx.identity)),
    suspensionApplications: (p: PersonEntity, _: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.queries.suspensionApplicationsOf(p.id, ctx.identity)),
    registrationNotices: (p: PersonEntity, _: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.queries.registrationNoticesOf(p.id, ctx.identity)),
  },
  InsuranceRelation: {
    __resolveReference: (ref: { id: string }, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.queries.relation(parseArgs(idArgs, { id: ref.id }).id, ctx.identity)),
    person: (r: RelationEntity, _: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.persons.byId(r.personId, ctx.identity)),
    registeredAt: (r: RelationEntity) => r.createdAt,
    history: (r: RelationEntity, _: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.queries.historyOf(r.id)),
  },
  RelationStatusChange: {
    reason: (h: RelationHistoryEntity) => ({ zh: h.reasonZh, en: h.reasonEn }),
    actor: (h: RelationHistoryEntity) => ({ subject: h.actorSubject, role: h.actorRole }),
  },
  SuspensionApplication: {
    relation: (a: SuspensionApplicationEntity, _: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.queries.relation(a.relationId, ctx.identity)),
    refusal: (a: SuspensionApplicationEntity) =>
      a.refusalRule
        ? { rule: a.refusalRule, reason: { zh: a.refusalReasonZh ?? '', en: a.refusalReasonEn ?? '' } }
        : null,
    appliedAt: (a: SuspensionApplicationEntity) => a.createdAt,
  },
  RegistrationNotice: {
    registration: (n: RegistrationNoticeEntity) => n.notice as unknown as NoticeFacts,
    message: (n: RegistrationNoticeEntity) => n.explanation?.message ?? null,
    nextStep: (n: RegistrationNoticeEntity) => n.explanation?.nextStep ?? null,
  },
};
