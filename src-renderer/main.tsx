import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installVigilApi } from './bridge';
import { AppRoot } from './AppRoot';
import { createQueryClient } from './api/query-client';
import './styles/index.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <AppRoot api={installVigilApi()} queryClient={createQueryClient()} />
  </StrictMode>,
);
