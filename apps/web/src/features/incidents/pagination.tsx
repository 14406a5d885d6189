import { Link } from 'react-router';

interface PaginationProps {
  page: number;
  lastPage: number;
  /** `?…` of the current URL with another page number. */
  searchFor: (page: number) => string;
  /** "Incidents 51–100 of 1,234". */
  summary: string;
}

function PageLink({ page, label, searchFor, rel }: { page: number | null; label: string; searchFor: (page: number) => string; rel: string }) {
  if (page === null) {
    return (
      <span className="button page-link" aria-disabled="true">
        {label}
      </span>
    );
  }
  return (
    <Link className="button page-link" to={{ search: searchFor(page) }} rel={rel}>
      {label}
    </Link>
  );
}

/** Previous / next links (real links: they can be opened in a new tab) and where the page sits. */
export function Pagination({ page, lastPage, searchFor, summary }: PaginationProps) {
  return (
    <nav className="pagination" aria-label="Pagination">
      <p className="pagination-summary">{summary}</p>
      <div className="pagination-links">
        <PageLink page={page > 1 ? page - 1 : null} label="← Previous" searchFor={searchFor} rel="prev" />
        <span className="pagination-position">
          Page {page.toLocaleString('en-US')} of {lastPage.toLocaleString('en-US')}
        </span>
        <PageLink page={page < lastPage ? page + 1 : null} label="Next →" searchFor={searchFor} rel="next" />
      </div>
    </nav>
  );
}
