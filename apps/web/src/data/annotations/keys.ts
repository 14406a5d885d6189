import type { AnnotationListQuery } from '@firewatch/shared';

/** Query keys of the annotations (launches, migrations, freezes…): the bounds are in the key. */
export const annotationKeys = {
  all: ['annotations'] as const,
  lists: () => [...annotationKeys.all, 'list'] as const,
  list: (query: AnnotationListQuery) => [...annotationKeys.lists(), query] as const,
};
