import { describeSpecification } from './specification';
import { TestOrderEntity } from './test-order.entity';

/** The API shape of a test order: dates as ISO strings, the acceptance criterion spelled out. */
export function toTestOrderView(o: TestOrderEntity) {
  return {
    id: o.id,
    batchId: o.batchId,
    testPlan: o.testPlan,
    testCode: o.testCode,
    testName: o.testName,
    specification: { ...o.specification, acceptance: describeSpecification(o.specification) },
    status: o.status,
    sampledAt: o.sampledAt.toISOString(),
    dueAt: o.dueAt.toISOString(),
    overdueAt: o.overdueAt?.toISOString() ?? null,
    result: o.result,
    conforms: o.conforms,
    comment: o.resultComment,
    recordedBy: o.recordedBy,
    recordedByName: o.recordedByName,
    recordedAt: o.recordedAt?.toISOString() ?? null,
    correctedBy: o.correctedBy,
    correctedByName: o.correctedByName,
    correctedAt: o.correctedAt?.toISOString() ?? null,
    correctionReason: o.correctionReason,
    closedAt: o.closedAt?.toISOString() ?? null,
  };
}

export type TestOrderView = ReturnType<typeof toTestOrderView>;

/** The audited fields of a test order's result (old/new values of its audit entries). */
export function resultAuditFields(o: TestOrderEntity) {
  const {
    status,
    result,
    conforms,
    resultComment,
    recordedBy,
    recordedByName,
    recordedAt,
    correctedBy,
    correctedByName,
    correctedAt,
    correctionReason,
  } = o;
  return {
    status,
    result,
    conforms,
    resultComment,
    recordedBy,
    recordedByName,
    recordedAt,
    correctedBy,
    correctedByName,
    correctedAt,
    correctionReason,
  };
}
