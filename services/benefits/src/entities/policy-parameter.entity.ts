import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * A policy parameter (WAITING-PERIODS.md): one versioned value with the date it takes effect and its source, so the
 * benefits team changes it without a release and the system can answer "what rule applied on that date". `basis`
 * says whether a national text, a Tianjin text in hand, or a Tianjin measure not in hand (PENDING_TIANJIN) sets it.
 */
@Entity({ name: 'policy_parameter' })
@Unique('policy_parameter_version', ['name', 'effectiveFrom'])
@Check('policy_parameter_basis', `basis IN ('NATIONAL', 'TIANJIN', 'PENDING_TIANJIN')`)
export class PolicyParameterEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'numeric', transformer: numeric })
  value: number;

  @Column({ type: 'text' })
  unit: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text' })
  basis: 'NATIONAL' | 'TIANJIN' | 'PENDING_TIANJIN';

  @Column({ type: 'text', nullable: true })
  note: string | null;
}

/** The audit record of every parameter version added or replaced: who, when, why, and what was in force before. */
@Entity({ name: 'policy_parameter_change' })
export class PolicyParameterChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'numeric', transformer: numeric })
  value: number;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  basis: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'previous_value', type: 'numeric', nullable: true, transformer: numeric })
  previousValue: number | null;

  @Column({ name: 'previous_effective_from', type: 'date', nullable: true })
  previousEffectiveFrom: string | null;

  @Column({ name: 'actor_subject', type: 'text' })
  actorSubject: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
