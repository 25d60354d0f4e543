import type { RegistrationNotice as NoticeFacts } from '../domain';
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
import { present, todayOf, type Resolvers } from './types';

/**
 * 参保关系: registration (即参即停), suspension applications (E15), staff corrections, the national platform's notices
 * (E5, E8), and the rights record (history, applications, notices) of a person.
 */
export const relationResolvers: Resolvers = {
  Query: {
    relation: (_, args, ctx) => mapErrors(() => ctx.loaders.relation.load(parseArgs(idArgs, args).id)),
  },
  Mutation: {
    registerRelation: (_, args, ctx) =>
      mapErrors(() => {
        const { input } = parseArgs(registerRelationArgs, args, registerRelationDomain(todayOf(ctx)));
        return ctx.app.relations.register(input, ctx.identity);
      }),
    applySuspension: (_, args, ctx) =>
      mapErrors(() => ctx.app.relations.suspend(parseArgs(applySuspensionArgs, args).input, ctx.identity)),
    resumeRelation: (_, args, ctx) =>
      mapErrors(
        () => {
          const { id, reason } = parseArgs(relationChangeArgs, args);
          return ctx.app.relations.resume(id, reason, ctx.identity);
        },
        { prefix: '', rename: { relationId: 'id' } },
      ),
    terminateRelation: (_, args, ctx) =>
      mapErrors(
        () => {
          const { id, reason } = parseArgs(relationChangeArgs, args);
          return ctx.app.relations.terminate(id, reason, ctx.identity);
        },
        { prefix: '', rename: { relationId: 'id' } },
      ),
    recordRegistrationNotice: (_, args, ctx) =>
      mapErrors(
        () => {
          const { input } = parseArgs(
            registrationNoticeArgs(todayOf(ctx)),
            args,
            registrationNoticeDomain(todayOf(ctx)),
          );
          return ctx.app.relations.recordNotice(input, ctx.identity);
        },
        { rename: { notice: 'registration' } },
      ),
  },
  Person: {
    relations: (p, _, ctx) => mapErrors(() => ctx.loaders.relationsOf.load(p.id)),
    suspensionApplications: (p, _, ctx) => mapErrors(() => ctx.loaders.suspensionApplicationsOf.load(p.id)),
    registrationNotices: (p, _, ctx) => mapErrors(() => ctx.loaders.registrationNoticesOf.load(p.id)),
  },
  InsuranceRelation: {
    __resolveReference: (ref, ctx) => mapErrors(() => ctx.loaders.relation.load(parseArgs(idArgs, { id: ref.id }).id)),
    person: (r, _, ctx) =>
      mapErrors(async () => present(await ctx.loaders.person.load(r.personId), `person ${r.personId}`)),
    registeredAt: (r) => r.createdAt,
    history: (r, _, ctx) => mapErrors(() => ctx.loaders.historyOf.load(r.id)),
  },
  RelationStatusChange: {
    reason: (h) => ({ zh: h.reasonZh, en: h.reasonEn }),
    actor: (h) => ({ subject: h.actorSubject, role: h.actorRole }),
  },
  SuspensionApplication: {
    relation: (a, _, ctx) =>
      mapErrors(async () => present(await ctx.loaders.relation.load(a.relationId), `relation ${a.relationId}`)),
    refusal: (a) =>
      a.refusalRule
        ? { rule: a.refusalRule, reason: { zh: a.refusalReasonZh ?? '', en: a.refusalReasonEn ?? '' } }
        : null,
    appliedAt: (a) => a.createdAt,
  },
  RegistrationNotice: {
    registration: (n) => n.notice as unknown as NoticeFacts,
    message: (n) => n.explanation?.message ?? null,
    nextStep: (n) => n.explanation?.nextStep ?? null,
  },
};
