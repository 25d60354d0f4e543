import { DateScalar, DateTimeScalar, rootFieldOf } from '@yibao/shared';
import { assertCityStaff, assertMayReadPerson } from '../app/access';
import type { TransferContext } from '../context';
import type { Resolvers } from '../generated/graphql';
import { mapErrors, parseArgs } from './errors';
import { documentIdNumber, heldPerson } from './personal-data';
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

const t = (ctx: TransferContext) => ctx.app.transfers;

/**
 * Thin: parse with zod, call the application, map errors in one place. Every read checks the caller (a person their
 * own transfers, a district branch its district's); a step's input problems come back as BAD_USER_INPUT.
 */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    workingDayDeadline: (_, args, ctx) =>
      mapErrors(() => {
        const a = parseArgs(deadlineArgs, args);
        return ctx.app.deadline(a.from, a.workingDays);
      }),
    transfer: (_, args, ctx) => mapErrors(() => ctx.app.queries.byId(parseArgs(idArgs, args).id, ctx.identity)),
    dueTransfers: (_, args, ctx) =>
      mapErrors(() => {
        const a = parseArgs(dueArgs, args);
        return ctx.app.queries.due(ctx.identity, a.district, a.withinWorkingDays, a.overdueOnly, a.first);
      }),
    verifyInfoSheetSeal: (_, args, ctx) =>
      mapErrors(() => ctx.app.queries.verifySeal(parseArgs(transferIdArgs, args).transferId, ctx.identity)),
    sealPublicKey: (_, __, ctx) => ctx.app.sealer.publicKeyPem(),
  },
  Mutation: {
    applyForTransfer: (_, args, ctx) => mapErrors(() => t(ctx).apply(parseArgs(applyArgs, args).input, ctx.identity)),
    recordContactLetterReceived: (_, args, ctx) =>
      mapErrors(() => t(ctx).contactLetterReceived(parseArgs(contactLetterReceivedArgs, args).input, ctx.identity)),
    issueContactLetter: (_, args, ctx) =>
      mapErrors(() => t(ctx).issueContactLetter(parseArgs(transferIdArgs, args).transferId, ctx.identity), {
        prefix: '',
      }),
    recordInfoSheetReceived: (_, args, ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(infoSheetArgs, args);
          return t(ctx).infoSheetReceivedByPost(a.transferId, a.infoSheet, ctx.identity);
        },
        { prefix: '' },
      ),
    receivePlatformInfoSheet: (_, args, ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(infoSheetArgs, args);
          return t(ctx).infoSheetFromPlatform(a.transferId, a.infoSheet, ctx.identity);
        },
        { prefix: '' },
      ),
    completeTransferIn: (_, args, ctx) =>
      mapErrors(() => t(ctx).completeTransferIn(parseArgs(transferIdArgs, args).transferId, ctx.identity), {
        prefix: '',
      }),
    creditAccount: (_, args, ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(amountArgs, args);
          return t(ctx).creditAccount(a.transferId, a.amountFen, ctx.identity);
        },
        { prefix: '' },
      ),
    completeTransferOut: (_, args, ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(infoSheetArgs, args);
          return t(ctx).completeTransferOut(a.transferId, a.infoSheet, ctx.identity);
        },
        { prefix: '' },
      ),
    sendInfoSheet: (_, args, ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(sendInfoSheetArgs, args);
          return t(ctx).sendInfoSheet(a.transferId, a.dispatchReference, ctx.identity);
        },
        { prefix: '' },
      ),
    sendBalance: (_, args, ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(amountArgs, args);
          return t(ctx).sendBalance(a.transferId, a.amountFen, ctx.identity);
        },
        { prefix: '' },
      ),
    cancelTransfer: (_, args, ctx) =>
      mapErrors(
        () => {
          const a = parseArgs(cancelArgs, args);
          return t(ctx).cancel(a.transferId, a.reason, ctx.identity);
        },
        { prefix: '' },
      ),
    scanTransferDeadlines: (_, args, ctx) =>
      mapErrors(() => {
        assertCityStaff(ctx.identity);
        const { on } = parseArgs(scanArgs, args);
        return ctx.app.alerts.scan(on ?? undefined);
      }),
  },
  Person: {
    __resolveReference: (ref) => ({ id: ref.id }),
    transfers: (person, _, ctx) => mapErrors(() => ctx.loaders.transfersOf.load(person.id)),
    transferRecord: (person, _, ctx) =>
      mapErrors(() => {
        assertMayReadPerson(ctx.identity, person.id);
        return ctx.loaders.recordOf.load(person.id);
      }),
  },
  Transfer: {
    __resolveReference: (ref, ctx) => mapErrors(() => ctx.loaders.transfer.load(parseArgs(idArgs, { id: ref.id }).id)),
    person: (tr) => ({ id: tr.personId }),
    applicant: (tr) =>
      tr.applicant.kind === 'PERSON'
        ? { kind: 'PERSON', personId: tr.applicant.personId, unitCode: null }
        : { kind: 'EMPLOYER', personId: null, unitCode: tr.applicant.unitCode },
    tianjinRelation: (tr) => (tr.tianjinRelationId ? { id: tr.tianjinRelationId } : null),
    sourceRecordKept: (tr) => tr.direction === 'OUTBOUND' && tr.status !== 'COMPLETED' && tr.status !== 'CANCELLED',
    infoSheet: (tr) =>
      tr.infoSheet ? { ...tr.infoSheet, person: heldPerson(tr.infoSheet.person, tr), seal: tr.infoSheetSeal } : null,
    contactLetter: (tr) =>
      tr.contactLetter ? { ...tr.contactLetter, person: heldPerson(tr.contactLetter.person, tr) } : null,
    openStep: (tr, _, ctx) => ctx.app.queries.stepOf(tr),
    timeline: (tr, _, ctx) => mapErrors(() => ctx.loaders.stepsOf.load(tr.id)),
    document: (tr, args, ctx, info) =>
      mapErrors(async () => {
        const doc = await ctx.app.queries.document(tr.id, parseArgs(documentArgs, args).kind, ctx.identity);
        // the printable document carries the ID number in full: a staff read of it is audited
        if (doc && ctx.identity.role !== 'PERSON')
          ctx.audit?.record({
            action: 'READ_UNMASKED',
            operation: rootFieldOf(info),
            field: 'Transfer.document',
            targetId: tr.personId,
            scope: ctx.identity.role === 'DISTRICT_STAFF' ? 'OWN_DISTRICT' : 'ANY',
            result: 'OK',
          });
        return doc;
      }),
  },
  DocumentPerson: {
    idNumber: (p, _, ctx, info) => documentIdNumber(p, ctx, info),
  },
  TransferStepRecord: {
    reason: (s) => ({ zh: s.reasonZh, en: s.reasonEn }),
    on: (s) => s.onDate,
    actor: (s) => ({ subject: s.actorSubject, role: s.actorRole }),
  },
  InfoSheetSeal: {
    signedAt: (s) => new Date(s.signedAt),
  },
  SealVerification: {
    signedAt: (s) => (s.signedAt ? new Date(s.signedAt) : null),
  },
};
