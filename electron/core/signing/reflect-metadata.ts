/**
 * @peculiar/x509 resolves its algorithm providers through tsyringe, which refuses to load unless the Reflect metadata
 * API exists (the reflect-metadata package, not installed in this round). tsyringe reads only constructor parameter
 * types (getOwnMetadata, getMetadata), which x509's providers do not declare; this is the smallest store of that API, defined only when absent.
 * Import it before @peculiar/x509.
 */
type MetadataReflect = typeof Reflect & {
  getMetadata?: (key: unknown, target: object) => unknown;
  getOwnMetadata?: (key: unknown, target: object) => unknown;
  defineMetadata?: (key: unknown, value: unknown, target: object) => void;
};

const reflect = Reflect as MetadataReflect;
if (!reflect.getMetadata) {
  const store = new WeakMap<object, Map<unknown, unknown>>();
  reflect.getMetadata = (key, target) => store.get(target)?.get(key);
  reflect.getOwnMetadata = reflect.getMetadata;
  reflect.defineMetadata = (key, value, target) => {
    const own = store.get(target) ?? new Map<unknown, unknown>();
    own.set(key, value);
    store.set(target, own);
  };
}

export {};
