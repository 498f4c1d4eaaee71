import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { LotStatus, LotViewEntity } from './lot-view.entity';

/** Each write upserts only the facts its event carries, so events arriving out of order never erase newer facts. */
@Injectable()
export class LotViewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The receipt never overrides a status already set by a later change, nor clears an expiry. */
  async applyReceived(
    tx: EntityManager,
    lot: { lotId: string; materialCode: string; status: LotStatus; expiresAt: Date; quantity: number; unit: string },
    now: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO lot_view (lot_id, material_code, status, expires_at, expired, updated_at, quantity_available, unit) VALUES ($1, $2, $3, $4, false, $5, $6, $7)
       ON CONFLICT (lot_id) DO UPDATE SET material_code = EXCLUDED.material_code,
         status = COALESCE(lot_view.status, EXCLUDED.status), expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at,
         quantity_available = COALESCE(lot_view.quantity_available, EXCLUDED.quantity_available), unit = EXCLUDED.unit`,
      [lot.lotId, lot.materialCode, lot.status, lot.expiresAt, now, lot.quantity, lot.unit],
    );
  }

  /** Inventory's count after it applied a consumption: absolute, so it corrects any local estimate. */
  async applyQuantity(
    tx: EntityManager,
    lot: { lotId: string; materialCode: string; quantityRemaining: number; unit: string },
    now: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO lot_view (lot_id, material_code, expired, updated_at, quantity_available, unit) VALUES ($1, $2, false, $3, $4, $5)
       ON CONFLICT (lot_id) DO UPDATE SET quantity_available = EXCLUDED.quantity_available, unit = EXCLUDED.unit, updated_at = EXCLUDED.updated_at`,
      [lot.lotId, lot.materialCode, now, lot.quantityRemaining, lot.unit],
    );
  }

  /** Our own consumption lowers the count at once, so a second scan of the same lot cannot overdraw it before inventory answers. */
  async consume(tx: EntityManager, lotId: string, quantity: number, now: Date): Promise<void> {
    await tx.query(`UPDATE lot_view SET quantity_available = quantity_available - $2, updated_at = $3 WHERE lot_id = $1`, [
      lotId,
      quantity,
      now,
    ]);
  }

  async applyStatus(tx: EntityManager, lot: { lotId: string; materialCode: string; status: LotStatus }, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO lot_view (lot_id, material_code, status, expired, updated_at) VALUES ($1, $2, $3, false, $4)
       ON CONFLICT (lot_id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at`,
      [lot.lotId, lot.materialCode, lot.status, now],
    );
  }

  async applyThawed(
    tx: EntityManager,
    lot: { lotId: string; materialCode: string; thawedAt: Date; useBy: Date },
    now: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO lot_view (lot_id, material_code, thawed_at, thawed_use_by, expired, updated_at) VALUES ($1, $2, $3, $4, false, $5)
       ON CONFLICT (lot_id) DO UPDATE SET thawed_at = EXCLUDED.thawed_at, thawed_use_by = EXCLUDED.thawed_use_by, updated_at = EXCLUDED.updated_at`,
      [lot.lotId, lot.materialCode, lot.thawedAt, lot.useBy, now],
    );
  }

  /** Expiry is final: nothing later sets it back. */
  async applyExpired(tx: EntityManager, lot: { lotId: string; materialCode: string; reason: string }, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO lot_view (lot_id, material_code, expired, expired_reason, updated_at) VALUES ($1, $2, true, $3, $4)
       ON CONFLICT (lot_id) DO UPDATE SET expired = true, expired_reason = EXCLUDED.expired_reason, updated_at = EXCLUDED.updated_at`,
      [lot.lotId, lot.materialCode, lot.reason, now],
    );
  }

  /** Locks the rows so two batches consuming the same lot at once serialize on its quantity. */
  async findByIds(tx: EntityManager, lotIds: string[]): Promise<Map<string, LotViewEntity>> {
    if (lotIds.length === 0) return new Map();
    const rows = await tx
      .getRepository(LotViewEntity)
      .find({ where: { lotId: In(lotIds) }, order: { lotId: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    return new Map(rows.map((r) => [r.lotId, r]));
  }

  findById(lotId: string, tx: EntityManager = this.dataSource.manager): Promise<LotViewEntity | null> {
    return tx.getRepository(LotViewEntity).findOneBy({ lotId });
  }
}
