/** Query keys of the incident chat (Slack) data: the messages waiting for a mapping. */
export const chatKeys = {
  all: ['chat'] as const,
  waiting: () => [...chatKeys.all, 'waiting'] as const,
};
