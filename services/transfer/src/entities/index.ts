import { DeadlineAlertEntity, ProjectedPersonEntity, ProjectedRelationEntity } from './projection.entity';
import { TransferStepEntity } from './transfer-step.entity';
import { TransferEntity, type InfoSheetSeal, type ReceivedContactLetter } from './transfer.entity';

export { DeadlineAlertEntity, ProjectedPersonEntity, ProjectedRelationEntity, TransferEntity, TransferStepEntity };
export type { InfoSheetSeal, ReceivedContactLetter };
export const entities = [
  TransferEntity,
  TransferStepEntity,
  ProjectedPersonEntity,
  ProjectedRelationEntity,
  DeadlineAlertEntity,
];
