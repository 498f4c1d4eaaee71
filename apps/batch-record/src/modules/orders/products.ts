/** A product the facility manufactures; the hold time governs the starting material from collection to the start of manufacturing. */
export interface ProductDefinition {
  code: string;
  name: string;
  /** Hours the apheresis may be held from collection to the start of manufacturing (fresh: hours; cryopreserved: months). */
  apheresisHoldTimeHours: number;
}

// Example values: a facility replaces them with its validated hold times.
const PRODUCTS: readonly ProductDefinition[] = [
  { code: 'CD19-CAR-T', name: 'Autologous anti-CD19 CAR-T cells (fresh apheresis)', apheresisHoldTimeHours: 48 },
  { code: 'BCMA-CAR-T', name: 'Autologous anti-BCMA CAR-T cells (cryopreserved apheresis)', apheresisHoldTimeHours: 24 * 365 },
];

export function findProduct(code: string): ProductDefinition | undefined {
  return PRODUCTS.find((p) => p.code === code);
}

export function productCodes(): string[] {
  return PRODUCTS.map((p) => p.code);
}
