import type { Settings } from '@firewatch/shared';
import { useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, describeError } from '../../data/api-client';
import { useIngestToken } from '../../data/ingest-token';
import { useSettingsQuery } from '../../data/settings/settings-query';
import { useUpdateSettingsMutation } from '../../data/settings/update-settings-mutation';
import { changedSettings, fieldErrors, toFormValues, type SettingsField, type SettingsFormValues } from './settings-form';
import { needsIngestToken } from './import-outcome';

const SETTINGS_FIELDS: SettingsField[] = [
  'timezone',
  'holidayCountry',
  'workingHours',
  'sleepingHours',
  'majorSeverity',
  'readinessWindowDays',
  'readinessMinMinutes',
  'transientMinutes',
  'hourlyCost',
  'oncallMedianFactor',
  'oncallMinDisruptedNights',
  'oncallMinInterruptions',
  'oncallMaxConsecutiveWeeks',
];

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Every IANA zone the browser knows, for the time zone suggestions. */
function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

interface FieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}

/** A labelled input with its hint and the API's errors for it, wired up for screen readers. */
function Field({ id, label, hint, errors, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children(describedBy, Boolean(errorId))}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {errorId && (
        <p className="field-error" id={errorId}>
          {errors!.join('; ')}
        </p>
      )}
    </div>
  );
}

function Form({ saved }: { saved: Settings }) {
  const id = useId();
  const [values, setValues] = useState<SettingsFormValues>(() => toFormValues(saved));
  const [token, setToken] = useIngestToken();
  const update = useUpdateSettingsMutation();
  const zones = useMemo(timeZones, []);
  const changes = changedSettings(saved, values);
  const changedCount = Object.keys(changes).length;

  // After a save the saved settings are the new baseline: the form shows what the API kept.
  useEffect(() => setValues(toFormValues(saved)), [saved]);

  const apiError = update.error instanceof ApiError ? update.error : undefined;
  const errors = update.isError && apiError?.statusCode === 400 ? fieldErrors(apiError.details ?? [], SETTINGS_FIELDS) : {};
  const set = (patch: Partial<SettingsFormValues>) => setValues((current) => ({ ...current, ...patch }));
  const fieldId = (name: string) => `${id}-${name}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (changedCount === 0 || update.isPending) return;
    update.mutate({ changes, token: token.trim() });
  }

  const text = (name: keyof SettingsFormValues, describedBy: string | undefined, invalid: boolean, props: object = {}) => (
    <input
      id={fieldId(name)}
      className="control"
      value={values[name] as string}
      onChange={(event) => set({ [name]: event.target.value })}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      {...props}
    />
  );

  return (
    <form className="settings-form" onSubmit={submit} aria-busy={update.isPending} noValidate>
      <fieldset className="settings-group">
        <legend>Calendar</legend>
        <Field id={fieldId('timezone')} label="Organisation time zone" hint="IANA name, e.g. Europe/Berlin. Days, weeks and months are counted in it; responders without a zone of their own work in it." errors={errors.timezone}>
          {(d, i) => text('timezone', d, i, { list: `${id}-zones`, autoComplete: 'off', spellCheck: false })}
        </Field>
        <datalist id={`${id}-zones`}>
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <Field id={fieldId('holidayCountry')} label="Holiday country" hint="ISO code such as DE, US or DE-BY; empty = no public holidays." errors={errors.holidayCountry}>
          {(d, i) => text('holidayCountry', d, i, { autoComplete: 'off', spellCheck: false, placeholder: 'none' })}
        </Field>
      </fieldset>

      <fieldset className="settings-group">
        <legend>Hours (SPEC §2.1: working, late, sleeping)</legend>
        <div className="field settings-days" role="group" aria-labelledby={`${id}-days-label`} aria-describedby={errors.workingHours ? `${id}-workingHours-error` : undefined}>
          <span className="field-label" id={`${id}-days-label`}>
            Working days
          </span>
          <div className="settings-day-list">
            {WEEKDAYS.map((day, index) => (
              <label key={day} className="check">
                <input
                  type="checkbox"
                  checked={values.workingDays.includes(index + 1)}
                  onChange={(event) =>
                    set({ workingDays: event.target.checked ? [...values.workingDays, index + 1] : values.workingDays.filter((d) => d !== index + 1) })
                  }
                />
                {day}
              </label>
            ))}
          </div>
        </div>
        <Field id={fieldId('workingStart')} label="Working hours start" errors={undefined}>
          {(d, i) => text('workingStart', d, i, { type: 'time' })}
        </Field>
        <Field id={fieldId('workingEnd')} label="Working hours end" hint="Exclusive: 19:00 means until 18:59." errors={errors.workingHours} >
          {(d, i) => text('workingEnd', d, i, { type: 'time' })}
        </Field>
        <Field id={fieldId('sleepingStart')} label="Sleeping hours start" errors={undefined}>
          {(d, i) => text('sleepingStart', d, i, { type: 'time' })}
        </Field>
        <Field id={fieldId('sleepingEnd')} label="Sleeping hours end" hint="May wrap midnight, e.g. 23:00–08:00." errors={errors.sleepingHours}>
          {(d, i) => text('sleepingEnd', d, i, { type: 'time' })}
        </Field>
      </fieldset>

      <fieldset className="settings-group">
        <legend>Thresholds and cost</legend>
        <Field id={fieldId('majorSeverity')} label="Major incident: severity up to" errors={errors.majorSeverity}>
          {(d, i) => (
            <select id={fieldId('majorSeverity')} className="control" value={values.majorSeverity} onChange={(event) => set({ majorSeverity: event.target.value })} aria-describedby={d} aria-invalid={i || undefined}>
              {[1, 2, 3, 4, 5].map((severity) => (
                <option key={severity} value={severity}>
                  {severity === 1 ? 'SEV1 only' : `SEV1–${severity}`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={fieldId('readinessWindowDays')} label="Readiness window (days)" errors={errors.readinessWindowDays}>
          {(d, i) => text('readinessWindowDays', d, i, { type: 'number', inputMode: 'numeric', min: 1 })}
        </Field>
        <Field id={fieldId('readinessMinMinutes')} label="Readiness minimum (minutes)" errors={errors.readinessMinMinutes}>
          {(d, i) => text('readinessMinMinutes', d, i, { type: 'number', inputMode: 'numeric', min: 0 })}
        </Field>
        <Field id={fieldId('transientMinutes')} label="Transient alert (minutes)" hint="Auto-resolved within this time and never acknowledged." errors={errors.transientMinutes}>
          {(d, i) => text('transientMinutes', d, i, { type: 'number', inputMode: 'numeric', min: 1 })}
        </Field>
        <Field id={fieldId('hourlyCost')} label="Cost of one responder-hour" hint="Empty = no cost shown." errors={errors.hourlyCost}>
          {(d, i) => text('hourlyCost', d, i, { type: 'number', inputMode: 'decimal', min: 0, step: 'any', placeholder: 'none' })}
        </Field>
      </fieldset>

      <fieldset className="settings-group">
        <legend>On-call health flags</legend>
        <Field id={fieldId('oncallMedianFactor')} label="Above the team median by (×)" hint="Disrupted nights or interruptions per on-call hour above this × the team median are flagged." errors={errors.oncallMedianFactor}>
          {(d, i) => text('oncallMedianFactor', d, i, { type: 'number', inputMode: 'decimal', min: 1, step: 'any' })}
        </Field>
        <Field id={fieldId('oncallMinDisruptedNights')} label="…with at least (disrupted nights)" errors={errors.oncallMinDisruptedNights}>
          {(d, i) => text('oncallMinDisruptedNights', d, i, { type: 'number', inputMode: 'numeric', min: 1 })}
        </Field>
        <Field id={fieldId('oncallMinInterruptions')} label="…or at least (on-call interruptions)" errors={errors.oncallMinInterruptions}>
          {(d, i) => text('oncallMinInterruptions', d, i, { type: 'number', inputMode: 'numeric', min: 1 })}
        </Field>
        <Field id={fieldId('oncallMaxConsecutiveWeeks')} label="On call in a row, at most (ISO weeks)" errors={errors.oncallMaxConsecutiveWeeks}>
          {(d, i) => text('oncallMaxConsecutiveWeeks', d, i, { type: 'number', inputMode: 'numeric', min: 1 })}
        </Field>
      </fieldset>

      <div className="settings-actions">
        <Field id={fieldId('token')} label="API token (ingest scope)" hint="Changing settings needs an ingest token, even when reading needs none. Kept in this tab only.">
          {(d) => (
            <input
              id={fieldId('token')}
              className="control"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={token}
              onChange={(event) => setToken(event.target.value)}
              aria-describedby={d}
            />
          )}
        </Field>
        <div className="import-actions">
          <button type="submit" className="button button-primary" disabled={update.isPending || changedCount === 0}>
            {update.isPending ? 'Saving…' : changedCount > 0 ? `Save ${changedCount} ${changedCount === 1 ? 'change' : 'changes'}` : 'No changes'}
          </button>
          {changedCount > 0 && (
            <button type="button" className="link-button" onClick={() => setValues(toFormValues(saved))}>
              Undo changes
            </button>
          )}
        </div>
      </div>

      {update.isSuccess && changedCount === 0 && (
        <p className="import-outcome import-outcome-success" role="status">
          Settings saved. Figures that depend on the time zone or hours are recomputed in the background.
        </p>
      )}
      {update.isError && (
        <div className="import-outcome import-outcome-error" role="alert">
          <p className="import-outcome-title">The settings were not saved</p>
          <p>{describeError(update.error)}</p>
          {errors.form && <p>{errors.form.join('; ')}</p>}
          {apiError && needsIngestToken(apiError.statusCode) && (
            <p>
              Create a token on the server with <code>npm run token -- create --name NAME --scopes ingest</code> and paste it above.
            </p>
          )}
        </div>
      )}
    </form>
  );
}

/** The organisation settings of SPEC §1: shown, changed, and refused field by field by the API. */
export function SettingsFormPanel() {
  const settings = useSettingsQuery();
  return (
    <section className="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Organisation settings</h2>
      <p>Every metric reads these: the calendar it counts in, which hours are working, late or sleeping, and the thresholds.</p>
      {settings.isPending && (
        <p className="status-line" role="status">
          <span className="spinner" aria-hidden="true" /> Loading settings…
        </p>
      )}
      {settings.isError && (
        <p className="import-outcome import-outcome-error" role="alert">
          The settings could not be loaded: {describeError(settings.error)}
        </p>
      )}
      {settings.data && <Form saved={settings.data} />}
    </section>
  );
}
