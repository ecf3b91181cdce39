// The preload's whole job: one object on the page, window.vigil. Nothing else of Electron or Node reaches it.
import { contextBridge, ipcRenderer } from 'electron';
import { createVigilApi } from './vigil-api';

contextBridge.exposeInMainWorld('vigil', createVigilApi(ipcRenderer));
