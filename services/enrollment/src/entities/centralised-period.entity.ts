import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * 集中参保缴费期 for next year's resident scheme: a parameter kept by the city centre, never a literal. It opens before
 * its insurance year and may run into it.
 */
@Entity({ name: 'centralised_period' })
@Check(
  'centralised_period_check',
  `to_date >= from_date AND from_date < make_date(for_year, 1, 1) AND to_date <= make_date(for_year, 12, 31)`,
)
export class CentralisedPeriodEntity {
  @PrimaryColumn({ name: 'for_year', type: 'int' })
  forYear: number;

  @Column({ name: 'from_date', type: 'date' })
  fromDate: string;

  @Column({ name: 'to_date', type: 'date' })
  toDate: string;
}
