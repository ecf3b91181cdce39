import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installTransport } from './bridge';
import { AppRoot } from './AppRoot';
import { createQueryClient } from './api/query-client';
import { useThemeStore } from './state/theme-store';
import './styles/index.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Before the first paint, so a light-theme user never sees a dark flash.
document.documentElement.dataset.theme = useThemeStore.getState().theme;

const { api, live } = installTransport();

createRoot(root).render(
  <StrictMode>
    <AppRoot api={api} live={live} queryClient={createQueryClient()} />
  </StrictMode>,
);
