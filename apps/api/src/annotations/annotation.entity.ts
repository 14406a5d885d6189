import { Entity, PrimaryGeneratedColumn, PrimaryColumn, Column, Unique, ManyToOne, JoinColumn, Check, Index, type Relation } from 'typeorm';
import { ANNOTATION_KINDS } from '@firewatch/shared';
import { ExternalId, Instant, Source, oneOf } from '../database/columns.js';
import { Service } from '../services/service.entity.js';

/** A dated event drawn on charts: launch, migration, change freeze, re-org. */
@Entity('annotations')
@Unique('uq_annotations_identity', ['source', 'externalId'])
@Check('ck_annotations_kind', oneOf('kind', ANNOTATION_KINDS))
@Check('ck_annotations_interval', '"end_at" IS NULL OR "end_at" >= "at"')
@Index('ix_annotations_at', ['at'])
export class Annotation {
  @PrimaryGeneratedColumn() id!: number;
  @Source() source!: string;
  @ExternalId() externalId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) kind!: string;
  @Instant() at!: Date;
  @Instant({ nullable: true }) endAt!: Date | null;
}

/** Services an annotation concerns (e.g. the services a launch changed). */
@Entity('annotation_services')
@Index('ix_annotation_services_service', ['serviceId'])
export class AnnotationService {
  @PrimaryColumn({ type: 'int' }) annotationId!: number;
  @PrimaryColumn({ type: 'int' }) serviceId!: number;
  @ManyToOne(() => Annotation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'annotation_id' })
  annotation?: Relation<Annotation>;
  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id' })
  service?: Relation<Service>;
}
