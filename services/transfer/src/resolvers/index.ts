import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateScalar, DateTimeScalar } from '@yibao/shared';
import { assertCityStaff, assertMayReadPerson } from '../app/access';
import type { TransferContext } from '../context';
import type { TransferEntity, TransferStepEntity } from '../entities';
import { mapErrors, parseArgs } from './errors';
import {
  amountArgs,
  applyArgs,
  cancelArgs,
  contactLetterReceivedArgs,
  deadlineArgs,
  documentArgs,
  dueArgs,
  idArgs,
  infoSheetArgs,
  scanArgs,
  sendInfoSheetArgs,
  transferIdArgs,
} from './inputs';

type Ctx = TransferContext;
const t = (ctx: Ctx) => ctx.app.transfers;

/**
 * Thin: parse with zod, call the application, map errors in one place. Every read checks the caller (a person their
 * own transfers, a district branch its district's); a step's input problems come back as BAD_USER_INPUT.
 */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    workingDayDeadline: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(() => {
        const a = parseArgs(deadlineArgs, args);
        return ctx.app.deadline(a.from, a.workingDays);
      }),
    transfer: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(() => ctx.app.queries.byId(parseArgs(idArgs, args).id, ctx.identity)),
    dueTransfers: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(() => {
        const a = parseArgs(dueArgs, args);
        return ctx.app.queries.due(ctx.identity, a.district, a.withinWorkingDays, a.overdueOnly, a.first);
      }),
    verifyInfoSheetSeal: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(() => ctx.app.queries.verifySeal(parseArgs(transferIdArgs, args).transferId, ctx.identity)),
    sealPublicKey: (_: unknown, __: unknown, ctx: Ctx) => ctx.app.sealer.publicKeyPem(),
  },
  Mutation: {
    applyForTransfer: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(() => t(ctx).apply(parseArgs(applyArgs, args).input, ctx.identity)),
    recordContactLetterReceived: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(() => t(ctx).contactLetterReceived(parseArgs(contactLetterReceivedArgs, args).input, ctx.identity)),
    issueContactLetter: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(() => t(ctx).issueContactLetter(parseArgs(transferIdArgs, args).transferId, ctx.identity), {
        prefix: '',
      }),
    recordInfoSheetReceived: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(infoSheetArgs, args);
          return t(ctx).infoSheetReceivedByPost(a.transferId, a.infoSheet, ctx.identity);
        },
        { prefix: '' },
      ),
    receivePlatformInfoSheet: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(infoSheetArgs, args);
          return t(ctx).infoSheetFromPlatform(a.transferId, a.infoSheet, ctx.identity);
        },
        { prefix: '' },
      ),
    completeTransferIn: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(() => t(ctx).completeTransferIn(parseArgs(transferIdArgs, args).transferId, ctx.identity), {
        prefix: '',
      }),
    creditAccount: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(amountArgs, args);
          return t(ctx).creditAccount(a.transferId, a.amountFen, ctx.identity);
        },
        { prefix: '' },
      ),
    completeTransferOut: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(infoSheetArgs, args);
          return t(ctx).completeTransferOut(a.transferId, a.infoSheet, ctx.identity);
        },
        { prefix: '' },
      ),
    sendInfoSheet: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(sendInfoSheetArgs, args);
          return t(ctx).sendInfoSheet(a.transferId, a.dispatchReference, ctx.identity);
        },
        { prefix: '' },
      ),
    sendBalance: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(amountArgs, args);
          return t(ctx).sendBalance(a.transferId, a.amountFen, ctx.identity);
        },
        { prefix: '' },
      ),
    cancelTransfer: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(cancelArgs, args);
          return t(ctx).cancel(a.transferId, a.reason, ctx.identity);
        },
        { prefix: '' },
      ),
    scanTransferDeadlines: (_: unknown, args: unknown, ctx: Ctx) =>
      mapErrors(() => {
        assertCityStaff(ctx.identity);
        const { on } = parseArgs(scanArgs, args);
        return ctx.app.alerts.scan(on ?? undefined);
      }),
  },
  Person: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    transfers: (person: { id: string }, _: unknown, ctx: Ctx) =>
      mapErrors(() => ctx.loaders.transfersOf.load(person.id)),
    transferRecord: (person: { id: string }, _: unknown, ctx: Ctx) =>
      mapErrors(() => {
        assertMayReadPerson(ctx.identity, person.id);
        return ctx.loaders.recordOf.load(person.id);
      }),
  },
  Transfer: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) =>
      mapErrors(() => ctx.loaders.transfer.load(parseArgs(idArgs, { id: ref.id }).id)),
    person: (tr: TransferEntity) => ({ id: tr.personId }),
    applicant: (tr: TransferEntity) =>
      tr.applicant.kind === 'PERSON'
        ? { kind: 'PERSON', personId: tr.applicant.personId, unitCode: null }
        : { kind: 'EMPLOYER', personId: null, unitCode: tr.applicant.unitCode },
    tianjinRelation: (tr: TransferEntity) => (tr.tianjinRelationId ? { id: tr.tianjinRelationId } : null),
    sourceRecordKept: (tr: TransferEntity) =>
      tr.direction === 'OUTBOUND' && tr.status !== 'COMPLETED' && tr.status !== 'CANCELLED',
    infoSheet: (tr: TransferEntity) => (tr.infoSheet ? { ...tr.infoSheet, seal: tr.infoSheetSeal } : null),
    openStep: (tr: TransferEntity, _: unknown, ctx: Ctx) => ctx.app.queries.stepOf(tr),
    timeline: (tr: TransferEntity, _: unknown, ctx: Ctx) => mapErrors(() => ctx.loaders.stepsOf.load(tr.id)),
    document: (tr: TransferEntity, args: unknown, ctx: Ctx) =>
      mapErrors(() => ctx.app.queries.document(tr.id, parseArgs(documentArgs, args).kind, ctx.identity)),
  },
  TransferStepRecord: {
    reason: (s: TransferStepEntity) => ({ zh: s.reasonZh, en: s.reasonEn }),
    on: (s: TransferStepEntity) => s.onDate,
    actor: (s: TransferStepEntity) => ({ subject: s.actorSubject, role: s.actorRole }),
  },
  InfoSheetSeal: {
    signedAt: (s: { signedAt: string }) => new Date(s.signedAt),
  },
  SealVerification: {
    signedAt: (s: { signedAt: string | null }) => (s.signedAt ? new Date(s.signedAt) : null),
  },
} as GraphQLResolverMap<TransferContext>;
