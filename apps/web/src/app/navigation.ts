/** The dashboard's pages in navigation order. `/incidents/:externalId` sits under Incidents. */
export const navItems = [
  { path: '/', label: 'Overview' },
  { path: '/review', label: 'Operational review' },
  { path: '/workload', label: 'Workload' },
  { path: '/seasonality', label: 'Seasonality' },
  { path: '/services', label: 'Services & causes' },
  { path: '/noise', label: 'Pager noise' },
  { path: '/oncall', label: 'On-call' },
  { path: '/readiness', label: 'Readiness' },
  { path: '/incidents', label: 'Incidents' },
  { path: '/settings', label: 'Settings & data' },
] as const;
