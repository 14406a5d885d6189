/** Query keys of the API's metadata: health and the filter lists (teams, services). */
export const metaKeys = {
  all: ['meta'] as const,
  health: () => [...metaKeys.all, 'health'] as const,
  lists: () => [...metaKeys.all, 'list'] as const,
  teams: () => [...metaKeys.lists(), 'teams'] as const,
  services: () => [...metaKeys.lists(), 'services'] as const,
};
