import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { queryClient } from '../data/query-client';
import { routePage } from './page-routes';
import { Shell } from './shell';

// One chunk per page keeps the first load small; page-routes.ts lists them (prefetch-page.ts starts them early).
const OverviewPage = routePage('overview');
const ReviewPage = routePage('review');
const WorkloadPage = routePage('workload');
const SeasonalityPage = routePage('seasonality');
const ServicesPage = routePage('services');
const NoisePage = routePage('noise');
const OncallPage = routePage('oncall');
const ReadinessPage = routePage('readiness');
const ResponderPage = routePage('responder');
const IncidentsPage = routePage('incidents');
const IncidentDetailPage = routePage('incidentDetail');
const SettingsPage = routePage('settings');
const DefinitionsPage = routePage('definitions');
const NotFoundPage = routePage('notFound');

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route element={<Shell />}>
            <Route index element={<OverviewPage />} />
            <Route path="review" element={<ReviewPage />} />
            <Route path="workload" element={<WorkloadPage />} />
            <Route path="seasonality" element={<SeasonalityPage />} />
            <Route path="services" element={<ServicesPage />} />
            <Route path="noise" element={<NoisePage />} />
            <Route path="oncall" element={<OncallPage />} />
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
