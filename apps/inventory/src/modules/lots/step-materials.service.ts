import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@mes/platform';
import { EntityManager } from 'typeorm';
import { StepAction } from '@mes/contracts';
import { LotClocksService, StepCompleted, ThawAction } from './lot-clocks.service';
import { ConsumeAction, LotConsumptionService } from './lot-consumption.service';
import { InventoryAuditEntity, InventoryAuditEntry } from '../inventory-audit';

type MaterialAction = ThawAction | ConsumeAction;
const isMaterialAction = (a: StepAction): a is MaterialAction => a.kind === 'thaw-material' || a.kind === 'consume-material';

const byLotId = (a: MaterialAction, b: MaterialAction): number => {
  const x = a.lotId.toLowerCase();
  const y = b.lotId.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

/** What a completed batch step did to inventory's lots (thaws and consumptions); other actions belong to other services. */
@Injectable()
export class StepMaterialsService {
  constructor(
    private readonly clocks: LotClocksService,
    private readonly consumption: LotConsumptionService,
    private readonly audit: AuditTrail<InventoryAuditEntity>,
  ) {}

  async apply(tx: EntityManager, event: StepCompleted): Promise<void> {
    // Lots in id order, so two steps touching the same lots lock them alike (no deadlock); the sort is stable, so
    // one lot's own actions keep the step's order (a thaw before the consumption that follows it).
    const actions = event.data.actions
      .map((action, index) => ({ action, index }))
      .filter((a): a is { action: MaterialAction; index: number } => isMaterialAction(a.action))
      .sort((a, b) => byLotId(a.action, b.action));
    const entries: InventoryAuditEntry[] = [];
    for (const { action, index } of actions) {
      const entry =
        action.kind === 'thaw-material'
          ? await this.clocks.recordThaw(tx, action, event)
          : await this.consumption.consume(tx, action, index, event);
      if (entry) entries.push(entry);
    }
    // Audit entries last: the trail's append lock is held until commit, and no lot row may be locked after it.
    for (const entry of entries) await this.audit.append(tx, entry);
  }
}
