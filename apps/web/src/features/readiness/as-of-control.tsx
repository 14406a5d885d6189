import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { parseIsoDate } from '../filters/filter-state';
import { AS_OF_PARAM, readAsOf } from './readiness-view';

/**
 * The day readiness is judged on (`asOf` in the URL, beside the filters). Empty = today in the
 * organisation time zone, which the API resolves; `shownAsOf` is the day the API answered for.
 */
export function AsOfControl({ shownAsOf, label = 'Coverage and lapsing as of' }: { shownAsOf: string | undefined; label?: string }) {
  const [params, setParams] = useSearchParams();
  const id = useId();
  const asOf = readAsOf(params);

  function choose(value: string | null) {
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(AS_OF_PARAM, value);
      else next.delete(AS_OF_PARAM);
      return next;
    });
  }

  return (
    <div className="as-of-control">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        value={asOf ?? shownAsOf ?? ''}
        onChange={(event) => {
          const value = parseIsoDate(event.target.value);
          if (value) choose(value);
        }}
      />
      <button type="button" className="link-button" disabled={asOf === null} onClick={() => choose(null)}>
        Today
      </button>
    </div>
  );
}
