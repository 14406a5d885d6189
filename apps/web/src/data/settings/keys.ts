/** Query keys of the organisation settings (one record, no inputs). */
export const settingsKeys = {
  all: ['settings'] as const,
  detail: () => [...settingsKeys.all, 'detail'] as const,
};
