import { QueryClientProvider } from '@tanstack/react-query';
import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { queryClient } from '../data/query-client';
import { Shell } from './shell';

// One chunk per page keeps the first load small (recharts alone is several hundred kB).
const OverviewPage = lazy(() => import('../features/overview/overview-page'));
const WorkloadPage = lazy(() => import('../features/workload/workload-page'));
const SeasonalityPage = lazy(() => import('../features/seasonality/seasonality-page'));
const ServicesPage = lazy(() => import('../features/services/services-page'));
const NoisePage = lazy(() => import('../features/noise/noise-page'));
const ReadinessPage = lazy(() => import('../features/readiness/readiness-page'));
const ResponderPage = lazy(() => import('../features/responders/responder-page'));
const IncidentsPage = lazy(() => import('../features/incidents/incidents-page'));
const IncidentDetailPage = lazy(() => import('../features/incidents/incident-detail-page'));
const SettingsPage = lazy(() => import('../features/settings/settings-page'));
const DefinitionsPage = lazy(() => import('../features/definitions/definitions-page'));
const NotFoundPage = lazy(() => import('../features/not-found/not-found-page'));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route element={<Shell />}>
            <Route index element={<OverviewPage />} />
            <Route path="workload" element={<WorkloadPage />} />
            <Route path="seasonality" element={<SeasonalityPage />} />
            <Route path="services" element={<ServicesPage />} />
            <Route path="noise" element={<NoisePage />} />
            <Route path="readiness" element={<ReadinessPage />} />
            <Route path="responders/:externalId" element={<ResponderPage />} />
            <Route path="incidents" element={<IncidentsPage />} />
            <Route path="incidents/:externalId" element={<IncidentDetailPage />} />
            <Route path="settings" element={<SettingsPage />} />
            <Route path="settings/definitions" element={<DefinitionsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
