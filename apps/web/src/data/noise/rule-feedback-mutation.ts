import { ruleFeedbackResponseSchema, type RuleFeedback, type RuleFeedbackResponse } from '@firewatch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { putJson } from '../api-client';

export const RULE_FEEDBACK_PATH = '/api/v1/alerts/feedback';

export interface RuleFeedbackWrite {
  /** `onlyWithoutFeedback` may be left out (the API's default: false). */
  body: Omit<RuleFeedback, 'onlyWithoutFeedback'> & { onlyWithoutFeedback?: boolean };
  /** A token with the `ingest` scope: marking alerts is a write. */
  token: string;
}

export function putRuleFeedback({ body, token }: RuleFeedbackWrite): Promise<RuleFeedbackResponse> {
  return putJson(RULE_FEEDBACK_PATH, body, token, ruleFeedbackResponseSchema);
}

export function useRuleFeedbackMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putRuleFeedback,
    // Feedback changes alert classes, hence the noise figures of every page that shows them.
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}
