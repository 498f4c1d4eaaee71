import { AUDIT_GENESIS_HASH, AuditChainRow, AuditFields, asStored, auditHash, verifyAuditChain } from './audit-chain';

function chain(contents: Partial<AuditFields>[]): AuditChainRow[] {
  let prevHash = AUDIT_GENESIS_HASH;
  return contents.map((content, i) => {
    const fields: AuditFields = {
      entryId: `00000000-0000-4000-8000-00000000000${i}`,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      actorId: 'u-1',
      actorName: 'Olga Operator',
      action: 'update',
      entity: 'batch_step',
      entityId: `step-${i}`,
      oldValue: null,
      newValue: { values: { viability: 91.5 } },
      reason: null,
      ...content,
    };
    const row = { ...fields, seq: String(i + 1), prevHash, hash: auditHash(prevHash, fields) };
    prevHash = row.hash;
    return row;
  });
}

describe('verifyAuditChain', () => {
  it('should accept an untouched chain and an empty one', () => {
    expect(verifyAuditChain(chain([{}, { action: 'create' }, { reason: 'correction' }]))).toEqual({ ok: true, entries: 3 });
    expect(verifyAuditChain([])).toEqual({ ok: true, entries: 0 });
  });

  it('should accept values whose keys came back from storage in another order', () => {
    const rows = chain([{ newValue: { b: 2, a: { d: 4, c: 3 } } }, {}]);
    rows[0].newValue = { a: { c: 3, d: 4 }, b: 2 };

    expect(verifyAuditChain(rows)).toEqual({ ok: true, entries: 2 });
  });

  it('should report the edited entry when a value was changed', () => {
    const rows = chain([{}, {}, {}]);
    rows[1].newValue = { values: { viability: 99 } };

    expect(verifyAuditChain(rows)).toEqual({
      ok: false,
      entries: 3,
      firstBrokenSeq: '2',
      reason: expect.stringContaining('altered'),
      brokenCount: 1,
      breaks: [{ seq: '2', reason: expect.stringContaining('altered') }],
    });
  });

  it('should report the edited entry when its hash was recomputed without relinking the next one', () => {
    const rows = chain([{}, {}, {}]);
    rows[1].actorName = 'Someone Else';
    rows[1].hash = auditHash(rows[1].prevHash, rows[1]);

    expect(verifyAuditChain(rows)).toMatchObject({ ok: false, firstBrokenSeq: '3', reason: expect.stringContaining('prev_hash') });
  });

  it('should report the entry after a removed one', () => {
    const rows = chain([{}, {}, {}, {}]);
    rows.splice(1, 1);

    expect(verifyAuditChain(rows)).toMatchObject({
      ok: false,
      entries: 3,
      firstBrokenSeq: '3',
      reason: expect.stringContaining('removed'),
      breaks: [{ seq: '3', reason: expect.stringContaining('removed') }],
    });
  });

  it('should report the first entry when the chain does not start at genesis', () => {
    const rows = chain([{}, {}, {}]).slice(1);

    expect(verifyAuditChain(rows)).toMatchObject({ ok: false, firstBrokenSeq: '2' });
  });

  it('should report every broken link when an old break is followed by a new one', () => {
    // Arrange: entry 2 was edited long ago; entry 5 is edited now, and entry 7 is removed
    const rows = chain([{}, {}, {}, {}, {}, {}, {}, {}]);
    rows[1].reason = 'old edit';
    rows[4].newValue = { viability: 99 };
    rows.splice(6, 1);

    // Act
    const result = verifyAuditChain(rows);

    // Assert
    expect(result).toMatchObject({ ok: false, entries: 7, firstBrokenSeq: '2', brokenCount: 3 });
    expect(result.ok === false && result.breaks.map((b) => [b.seq, b.reason.split(':')[0]])).toEqual([
      ['2', 'hash does not match the entry'],
      ['5', 'hash does not match the entry'],
      ['8', 'prev_hash does not match the previous entry'],
    ]);
  });

  it('should list at most the first thousand breaks and count them all when most of the chain is broken', () => {
    // Arrange
    const rows = chain(Array.from({ length: 1_005 }, () => ({})));
    for (const row of rows) row.reason = 'rewritten';

    // Act
    const result = verifyAuditChain(rows);

    // Assert
    expect(result.ok === false && [result.brokenCount, result.breaks.length]).toEqual([1_005, 1_000]);
  });
});

describe('asStored', () => {
  it('should replace every lone surrogate as Postgres stores it and keep valid text, pairs included', () => {
    // Act
    const stored = asStored({ reason: 'a\ud800b', newValue: { ['k\udc00']: ['\u{1F9EA}', '細胞', 1, null] } });

    // Assert
    expect(stored).toEqual({ reason: 'a\uFFFDb', newValue: { ['k\uFFFD']: ['\u{1F9EA}', '細胞', 1, null] } });
    expect(Buffer.from(stored.reason, 'utf8').toString('utf8')).toBe(stored.reason);
    expect(Buffer.from('a\ud800b', 'utf8').toString('utf8')).toBe(stored.reason);
  });
});
