import { canonicalJson, contentHash, toJsonValue } from './canonical-json';

/** A disposition's signed content exactly as qc-release stored it (jsonb) before the canonical JSON had one home. */
const STORED_DISPOSITION = JSON.parse(
  '{"batchId":"0b8e7a52-3c1f-4d55-9a57-8f1f1c0e2a01","lotNumber":"LOT-0001","coi":"COI-AB12-CD34","decision":"rejected",' +
    '"reason":"Sterility: growth — 无菌 é 😀","meaning":"rejected","signedBy":"user-qa","signedByName":"Alex QA-Person",' +
    '"signedAt":"2026-03-16T09:00:00.000Z","batchRecordReview":{"reviewedBy":"qa","reviewedAt":"2026-03-16T08:00:00.000Z"},' +
    '"results":[{"testCode":"car-expression","acceptance":"≥ 20 % CAR+","result":20,"conforms":true,"recordedBy":"user-qc",' +
    '"recordedAt":"2026-03-15T12:00:00.000Z","correctedBy":null,"correctedAt":null,"correctionReason":null},' +
    '{"testCode":"endotoxin","acceptance":"≤ 5 EU/mL","result":5,"conforms":true,"recordedBy":"user-qc",' +
    '"recordedAt":"2026-03-15T12:00:00.000Z","correctedBy":"user-qc2","correctedAt":"2026-03-15T13:00:00.000Z",' +
    '"correctionReason":"transcription error"},{"testCode":"mycoplasma","acceptance":"not-detected","result":"not-detected",' +
    '"conforms":true,"recordedBy":"user-qc","recordedAt":"2026-03-15T12:00:00.000Z","correctedBy":null,"correctedAt":null,' +
    '"correctionReason":null},{"testCode":"sterility","acceptance":"no-growth","result":null,"conforms":null,' +
    '"recordedBy":null,"recordedAt":null,"correctedBy":null,"correctedAt":null,"correctionReason":null},{"testCode":"viability",' +
    '"acceptance":"≥ 70 %","result":70,"conforms":true,"recordedBy":"user-qc","recordedAt":"2026-03-15T12:00:00.000Z",' +
    '"correctedBy":null,"correctedAt":null,"correctionReason":null}]}',
);

describe(canonicalJson.name, () => {
  it('should give the same text when keys are in a different order at any depth', () => {
    const a = { b: 1, a: { y: [1, { q: true, p: null }], x: 'x' } };
    const b = { a: { x: 'x', y: [1, { p: null, q: true }] }, b: 1 };

    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,{"p":null,"q":true}]},"b":1}');
  });

  it('should sort keys by UTF-16 code unit when keys are upper case, accented or CJK', () => {
    expect(canonicalJson({ é: 1, Z: 2, a: 3, 名: 4, '10': 5, '9': 6 })).toBe('{"10":5,"9":6,"Z":2,"a":3,"é":1,"名":4}');
  });

  it('should keep unicode text as it is and escape a lone surrogate when strings are not ASCII', () => {
    expect(canonicalJson({ r: 'growth — 无菌 é 😀' })).toBe('{"r":"growth — 无菌 é 😀"}');
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
    expect(canonicalJson('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
  });

  it('should write numbers as JSON does when they are integers, decimals, exponents or negative zero', () => {
    expect(canonicalJson([1, 1.0, 0.1, -2.5, 1e21, 1e-7, -0, 2 ** 53])).toBe('[1,1,0.1,-2.5,1e+21,1e-7,0,9007199254740992]');
  });

  it('should keep array order significant when arrays are nested', () => {
    expect(canonicalJson([[1, [2, 3]], []])).toBe('[[1,[2,3]],[]]');
    expect(canonicalJson([1, [2, 3]])).not.toBe(canonicalJson([1, [3, 2]]));
  });

  it('should drop undefined members and write undefined items as null, like a jsonb round trip', () => {
    const value = { a: 1, b: undefined, c: [undefined, 2], d: new Date('2026-01-02T03:04:05.000Z') };
    expect(canonicalJson(value)).toBe('{"a":1,"c":[null,2],"d":"2026-01-02T03:04:05.000Z"}');
    expect(canonicalJson(value)).toBe(canonicalJson(toJsonValue(value)));
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe(contentHash.name, () => {
  it('should still verify a disposition stored before the canonical JSON had one home', () => {
    // Pinned from qc-release's own canonical JSON at commit 70eab47: one definition must not orphan old signatures.
    expect(contentHash(STORED_DISPOSITION)).toBe('e1ce42e8f29be4219b7686c7fc75863bb07b9850837f0a3b9191150892045c1d');
  });

  it('should give the same hash before and after storage when content has Dates and undefined members', () => {
    const content = { signedAt: new Date('2026-03-16T09:00:00.000Z'), comment: undefined, values: { b: 2, a: 1 } };
    expect(contentHash(content)).toBe(contentHash(JSON.parse(JSON.stringify(content))));
    expect(contentHash(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should give another hash when one value changes', () => {
    expect(contentHash({ result: 5 })).not.toBe(contentHash({ result: 4.9 }));
  });
});
