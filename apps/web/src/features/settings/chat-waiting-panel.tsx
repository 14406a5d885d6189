import type { ChatWaitingResponse } from '@firewatch/shared';
import { DataTable, type TableColumn } from '../../components/charts/data-table';
import { formatCount } from '../../components/charts/format';
import { describeError } from '../../data/api-client';
import { useChatWaitingQuery } from '../../data/chat/chat-waiting-query';
import { useSettingsQuery } from '../../data/settings/settings-query';
import { instantParts } from '../incidents/incident-format';

type UserRow = ChatWaitingResponse['users'][number];
type ChannelRow = ChatWaitingResponse['channels'][number];

/**
 * Incident chat messages (Slack) that are kept but not yet counted as activity, and what each lacks:
 * a responder with the author's `chatUserId`, or an incident with the channel's `chatChannelId`.
 */
export function ChatWaitingPanel() {
  const waiting = useChatWaitingQuery();
  const timeZone = useSettingsQuery().data?.timezone ?? 'UTC';
  const local = (iso: string) => {
    const { date, time } = instantParts(iso, timeZone);
    return `${date} ${time}`;
  };
  const userColumns: TableColumn<UserRow>[] = [
    { header: 'Chat user id', value: (u) => u.chatUserId },
    { header: 'Messages', value: (u) => u.messages, unit: 'count' },
    { header: 'Responder', value: (u) => u.responder ?? 'none yet' },
    { header: 'First', value: (u) => local(u.firstAt) },
    { header: 'Last', value: (u) => local(u.lastAt) },
  ];
  const channelColumns: TableColumn<ChannelRow>[] = [
    { header: 'Channel id', value: (c) => c.chatChannelId },
    { header: 'Messages', value: (c) => c.messages, unit: 'count' },
    { header: 'Incident', value: (c) => c.incident ?? 'none yet' },
    { header: 'First', value: (c) => local(c.firstAt) },
    { header: 'Last', value: (c) => local(c.lastAt) },
  ];

  return (
    <section className="panel chat-waiting" aria-labelledby="chat-waiting-heading">
      <h2 id="chat-waiting-heading">Incident chat messages waiting</h2>
      <p>
        Messages from Slack (the Events API webhook or <code>npm run import:slack-export</code>) count as responder
        activity once their channel is an incident’s <code>chatChannelId</code> and their author a responder’s{' '}
        <code>chatUserId</code>. Until then they are kept and listed here (“none yet” is what is missing), and they
        count from the moment the mapping arrives.
      </p>
      {waiting.isPending && <p className="muted">Loading waiting messages…</p>}
      {waiting.isError && (
        <p className="inline-error" role="alert">
          Could not load the waiting messages: {describeError(waiting.error)}
        </p>
      )}
      {waiting.data && waiting.data.messages === 0 && <p className="muted">No chat message is waiting: every message received counts as activity.</p>}
      {waiting.data && waiting.data.messages > 0 && (
        <>
          <p className="callout callout-warning">
            {formatCount(waiting.data.messages)} {waiting.data.messages === 1 ? 'message is' : 'messages are'} waiting, from{' '}
            {formatCount(waiting.data.users.length)} {waiting.data.users.length === 1 ? 'author' : 'authors'} in{' '}
            {formatCount(waiting.data.channels.length)} {waiting.data.channels.length === 1 ? 'channel' : 'channels'}.
          </p>
          <h3>By author</h3>
          <DataTable caption="Waiting chat messages by author" rows={waiting.data.users} columns={userColumns} rowKey={(u) => u.chatUserId} />
          <h3>By channel</h3>
          <DataTable caption="Waiting chat messages by channel" rows={waiting.data.channels} columns={channelColumns} rowKey={(c) => c.chatChannelId} />
        </>
      )}
    </section>
  );
}
