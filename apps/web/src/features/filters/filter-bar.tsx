import { useId, useState } from 'react';
import { MultiSelect } from '../../components/multi-select';
import { useServicesQuery } from '../../data/meta/services-query';
import { useTeamsQuery } from '../../data/meta/teams-query';
import {
  customRange,
  defaultFilters,
  formatDateRange,
  lastIncludedDay,
  parseIsoDate,
  presetLabels,
  relativePresets,
  serializeFilters,
  severities,
  severityLabel,
  type DatePreset,
  type Severity,
} from './filter-state';
import { useFilters } from './use-filters';

const presetOptions: DatePreset[] = [...relativePresets, 'custom'];

/** Placeholder option while a list loads or when it could not be loaded (the filter still works). */
function listStatus(query: { isPending: boolean; isError: boolean }, noun: string): string | null {
  if (query.isPending) return `Loading ${noun}…`;
  if (query.isError) return `The ${noun} list could not be loaded.`;
  return null;
}

/** Date range, team, services and severity; the state lives in the URL (see filter-state.ts). */
export function FilterBar() {
  const { filters, range, setFilters } = useFilters();
  const teamsQuery = useTeamsQuery();
  // The services list is needed to choose a service (the dropdown is open) or to name the chosen ones;
  // until then it is not requested: 1,500 services are 130 kB on every page load.
  const [servicesOpen, setServicesOpen] = useState(false);
  const servicesQuery = useServicesQuery({ enabled: servicesOpen || filters.services.length > 0 });
  const id = useId();

  const teams = teamsQuery.data?.items ?? [];
  const teamStatus = listStatus(teamsQuery, 'team');
  const serviceStatus = listStatus(servicesQuery, 'service');
  const through = lastIncludedDay(range);
  const isDefault = serializeFilters(filters).size === 0;
  // Offer SEV1–5 only when a link asks for it: it includes everything, like "All severities".
  const severityOptions = severities.filter((severity) => severity < 5 || filters.maxSeverity === 5);

  function choosePreset(preset: DatePreset) {
    // Switching to custom starts from the range on screen, so nothing jumps.
    setFilters((current) => ({
      ...current,
      date: preset === 'custom' ? customRange(range.from, through) : { preset },
    }));
  }

  function chooseDays(first: string, last: string) {
    const from = parseIsoDate(first);
    const to = parseIsoDate(last);
    // Date inputs report '' while a day is half typed; keep the current range until it is whole.
    if (from && to) setFilters((current) => ({ ...current, date: customRange(from, to) }));
  }

  return (
    <section className="filter-bar" aria-label="Filters">
      <div className="filter-fields">
        <div className="field field-range">
          <label className="field-label" htmlFor={`${id}-preset`}>
            Date range
          </label>
          <select
            id={`${id}-preset`}
            className="control"
            value={filters.date.preset}
            onChange={(event) => choosePreset(event.target.value as DatePreset)}
          >
            {presetOptions.map((preset) => (
              <option key={preset} value={preset}>
                {presetLabels[preset]}
              </option>
            ))}
          </select>
        </div>

        {filters.date.preset === 'custom' && (
          <>
            <div className="field">
              <label className="field-label" htmlFor={`${id}-from`}>
                From
              </label>
              <input
                id={`${id}-from`}
                className="control"
                type="date"
                value={range.from}
                max={through}
                onChange={(event) => chooseDays(event.target.value, through)}
              />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={`${id}-through`}>
                Through (included)
              </label>
              <input
                id={`${id}-through`}
                className="control"
                type="date"
                value={through}
                min={range.from}
                onChange={(event) => chooseDays(range.from, event.target.value)}
              />
            </div>
          </>
        )}

        <div className="field">
          <label className="field-label" htmlFor={`${id}-team`}>
            Team
          </label>
          <select
            id={`${id}-team`}
            className="control"
            value={filters.team ?? ''}
            onChange={(event) => setFilters((current) => ({ ...current, team: event.target.value || null }))}
          >
            <option value="">All teams</option>
            {teams.map((team) => (
              <option key={team.externalId} value={team.externalId}>
                {team.name}
              </option>
            ))}
            {filters.team && !teams.some((team) => team.externalId === filters.team) && (
              <option value={filters.team}>{filters.team}</option>
            )}
            {teamStatus && <option disabled>{teamStatus}</option>}
          </select>
        </div>

        <MultiSelect
          label="Services"
          allLabel="All services"
          countLabel={(count) => `${count} services`}
          options={(servicesQuery.data?.items ?? []).map((service) => ({ value: service.externalId, label: service.name }))}
          selected={filters.services}
          onChange={(services) => setFilters((current) => ({ ...current, services }))}
          note={serviceStatus}
          onOpenChange={setServicesOpen}
        />

        <div className="field">
          <label className="field-label" htmlFor={`${id}-severity`}>
            Severity
          </label>
          <select
            id={`${id}-severity`}
            className="control"
            value={filters.maxSeverity ?? ''}
            onChange={(event) =>
              setFilters((current) => ({
                ...current,
                maxSeverity: event.target.value ? (Number(event.target.value) as Severity) : null,
              }))
            }
          >
            <option value="">All severities</option>
            {severityOptions.map((severity) => (
              <option key={severity} value={severity}>
                {severityLabel(severity)}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="filter-summary">
        <span>
          Showing <strong>{formatDateRange(range)}</strong>
        </span>
        {!isDefault && (
          <button type="button" className="link-button" onClick={() => setFilters(defaultFilters)}>
            Reset filters
          </button>
        )}
      </div>
    </section>
  );
}
