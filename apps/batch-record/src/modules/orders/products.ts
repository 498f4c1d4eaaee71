/** A product the facility manufactures; the hold time governs fresh starting material. */
export interface ProductDefinition {
  code: string;
  name: string;
  /** Hours fresh (non-cryopreserved) apheresis may be held from collection to the start of manufacturing. */
  apheresisHoldTimeHours: number;
}

const PRODUCTS: readonly ProductDefinition[] = [{ code: 'CD19-CAR-T', name: 'Autologous anti-CD19 CAR-T cells', apheresisHoldTimeHours: 48 }];

export function findProduct(code: string): ProductDefinition | undefined {
  return PRODUCTS.find((p) => p.code === code);
}

export function productCodes(): string[] {
  return PRODUCTS.map((p) => p.code);
}
