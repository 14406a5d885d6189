import { QueryClientProvider } from '@tanstack/react-query';
import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { queryClient } from '../data/query-client';
import { pageModules } from './page-routes';
import { Shell } from './shell';

// One chunk per page keeps the first load small; page-routes.ts lists them (prefetch-page.ts starts them early).
const OverviewPage = lazy(pageModules.overview);
const WorkloadPage = lazy(pageModules.workload);
const SeasonalityPage = lazy(pageModules.seasonality);
const ServicesPage = lazy(pageModules.services);
const NoisePage = lazy(pageModules.noise);
const ReadinessPage = lazy(pageModules.readiness);
const ResponderPage = lazy(pageModules.responder);
const IncidentsPage = lazy(pageModules.incidents);
const IncidentDetailPage = lazy(pageModules.incidentDetail);
const SettingsPage = lazy(pageModules.settings);
const DefinitionsPage = lazy(pageModules.definitions);
const NotFoundPage = lazy(pageModules.notFound);

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
