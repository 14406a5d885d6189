/** Mutation keys of data imports, so any component can tell whether an import is running (`useIsMutating`). */
export const importKeys = {
  all: ['imports'] as const,
  csv: () => [...importKeys.all, 'csv'] as const,
};
