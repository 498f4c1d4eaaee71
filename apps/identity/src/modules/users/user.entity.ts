import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '@mes/platform';

@Entity('app_user')
export class UserEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') username: string;
  @Column('text', { name: 'display_name' }) displayName: string;
  @Column('text', { name: 'password_hash' }) passwordHash: string;
  @Column('text', { array: true }) roles: Role[];
  @Column('text', { name: 'clinic_id', nullable: true }) clinicId: string | null;
  @Column('boolean') active: boolean;
}
