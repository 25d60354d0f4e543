import { BenefitStartEntity, BenefitStatusEntity } from './answers.entity';
import {
  AccountEntryEntity,
  ContributionFactEntity,
  InfoSheetPeriodEntity,
  PersonFactEntity,
  RelationChangeEntity,
  RelationFactEntity,
  TransferFactEntity,
} from './facts.entity';
import { PolicyParameterChangeEntity, PolicyParameterEntity } from './policy-parameter.entity';

export {
  AccountEntryEntity,
  BenefitStartEntity,
  BenefitStatusEntity,
  ContributionFactEntity,
  InfoSheetPeriodEntity,
  PersonFactEntity,
  PolicyParameterChangeEntity,
  PolicyParameterEntity,
  RelationChangeEntity,
  RelationFactEntity,
  TransferFactEntity,
};

export const entities = [
  PolicyParameterEntity,
  PolicyParameterChangeEntity,
  PersonFactEntity,
  RelationFactEntity,
  RelationChangeEntity,
  ContributionFactEntity,
  TransferFactEntity,
  InfoSheetPeriodEntity,
  AccountEntryEntity,
  BenefitStartEntity,
  BenefitStatusEntity,
];
